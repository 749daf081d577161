//! Station quizzes: who may take one and when, and which questions it asks — the station's own
//! questions (tagged `长征站点:<name>`), preferring ones the member has not been asked there.

use chrono::TimeDelta;
use rand::Rng;
use rand::seq::SliceRandom;

use super::event::{ExchangeRules, MarchEvent, Member, MemberId, QuizAttempt};
use super::progress::{MemberProgress, member_progress};
use crate::bank::Question;
use crate::content::route::{Route, StopRole};
use crate::practice::Moment;

/// Why a quiz cannot be taken now, in Chinese.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QuizRefusal {
    /// No member with that id.
    #[error("找不到该成员")]
    NoSuchMember,
    /// Not a station (the start and the finish have no quiz).
    #[error("这里没有站点答题")]
    NotAStation,
    /// The member's steps have not reached this station, or an earlier one is still locked.
    #[error("还没有走到“{0}”")]
    NotArrived(String),
    /// Passed already.
    #[error("“{0}”的答题已经通过")]
    AlreadyPassed(String),
    /// In the pause after a failed attempt.
    #[error("答题未通过，{} 后可以再试", .0.format("%-m月%-d日 %H:%M"))]
    Pausing(Moment),
    /// The loaded banks have too few questions for this station.
    #[error("题库中“{name}”的站点题只有 {have} 道，需要 {need} 道")]
    TooFewQuestions {
        /// Station name.
        name: String,
        /// Questions found.
        have: usize,
        /// Questions a quiz needs.
        need: usize,
    },
}

/// Whether the member may take the quiz of the stop with index `stop` at `now`.
pub fn can_attempt(
    member: &Member,
    progress: &MemberProgress,
    route: &Route,
    rules: &ExchangeRules,
    stop: usize,
    now: Moment,
) -> Result<(), QuizRefusal> {
    let Some(station) = route.stops.get(stop).filter(|s| s.role == StopRole::Station) else {
        return Err(QuizRefusal::NotAStation);
    };
    if member.passed(&station.id) {
        return Err(QuizRefusal::AlreadyPassed(station.name.clone()));
    }
    if progress.barrier != Some(stop) || !progress.waiting {
        return Err(QuizRefusal::NotArrived(station.name.clone()));
    }
    let last_failure = member
        .attempts
        .iter()
        .filter(|a| a.stop == station.id && !a.passed)
        .map(|a| a.at)
        .max();
    if let Some(failed_at) = last_failure {
        let again = failed_at + TimeDelta::minutes(i64::from(rules.retry_pause_minutes));
        if now < again {
            return Err(QuizRefusal::Pausing(again));
        }
    }
    Ok(())
}

/// Draws a station quiz: `rules.quiz_size` of the station's questions in random order, those the
/// member was not asked at this station before coming first.
pub fn draw_quiz(
    member: &Member,
    route: &Route,
    rules: &ExchangeRules,
    stop: usize,
    questions: &[&Question],
    rng: &mut impl Rng,
) -> Result<Vec<String>, QuizRefusal> {
    let Some(station) = route.stops.get(stop).filter(|s| s.role == StopRole::Station) else {
        return Err(QuizRefusal::NotAStation);
    };
    let tag = station.question_tag();
    let mut own: Vec<&str> = questions
        .iter()
        .filter(|q| q.tags.contains(&tag))
        .map(|q| q.id.as_str())
        .collect();
    own.sort_unstable();
    own.dedup();
    if own.len() < rules.quiz_size {
        return Err(QuizRefusal::TooFewQuestions {
            name: station.name.clone(),
            have: own.len(),
            need: rules.quiz_size,
        });
    }
    let asked: Vec<&str> = member
        .attempts
        .iter()
        .filter(|a| a.stop == station.id)
        .flat_map(|a| a.questions.iter().map(String::as_str))
        .collect();
    own.shuffle(rng);
    own.sort_by_key(|id| asked.contains(id));
    Ok(own.into_iter().take(rules.quiz_size).map(str::to_owned).collect())
}

impl MarchEvent {
    /// Draws the quiz of the stop with index `stop` for a member, after checking with
    /// [`can_attempt`] that they may take it now. `questions` are all loaded questions; the
    /// station's are those tagged [`Stop::question_tag`](crate::content::route::Stop::question_tag).
    pub fn draw_station_quiz(
        &self,
        member: MemberId,
        route: &Route,
        stop: usize,
        questions: &[&Question],
        rng: &mut impl Rng,
        now: Moment,
    ) -> Result<Vec<String>, QuizRefusal> {
        let member = self.member(member).ok_or(QuizRefusal::NoSuchMember)?;
        let progress = member_progress(member, &self.rules, route);
        can_attempt(member, &progress, route, &self.rules, stop, now)?;
        draw_quiz(member, route, &self.rules, stop, questions, rng)
    }

    /// Records the answered quiz of the stop with index `stop`, after checking with
    /// [`can_attempt`] that it may be taken now: passed when every answer was right, else the
    /// retry pause starts. Returns whether it passed.
    pub fn record_station_attempt(
        &mut self,
        member: MemberId,
        route: &Route,
        stop: usize,
        questions: Vec<String>,
        all_correct: bool,
        now: Moment,
    ) -> Result<bool, QuizRefusal> {
        let found = self.member(member).ok_or(QuizRefusal::NoSuchMember)?;
        let progress = member_progress(found, &self.rules, route);
        can_attempt(found, &progress, route, &self.rules, stop, now)?;
        let Some(station) = route.stops.get(stop) else {
            return Err(QuizRefusal::NotAStation);
        };
        let attempt = QuizAttempt {
            stop: station.id.clone(),
            at: now,
            questions,
            passed: all_correct,
        };
        self.record_attempt(member, attempt)
            .map_err(|_| QuizRefusal::NoSuchMember)?;
        Ok(all_correct)
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    use super::*;
    use crate::bank::{Era, QuestionKind};
    use crate::march::event::tests::event;
    use crate::march::event::{MarchEvent, QuizAttempt};
    use crate::march::progress::member_progress;
    use crate::march::progress::tests::{route, walk};
    use crate::practice::testing::at;

    fn station_questions(name: &str, count: usize) -> Vec<Question> {
        (0..count)
            .map(|i| Question {
                id: format!("{name}-{i}"),
                stem: format!("{name} 第 {i} 题"),
                kind: QuestionKind::Judge { answer: true },
                explanation: String::new(),
                source: String::new(),
                era: Era::LandRevolution,
                tags: vec![format!("长征站点:{name}")],
                difficulty: 3,
                image: None,
            })
            .collect()
    }

    fn attempt(event: &mut MarchEvent, questions: Vec<String>, passed: bool, minute: u32) {
        let at = at(2026, 3, 20, 9) + TimeDelta::minutes(i64::from(minute));
        event
            .record_attempt(
                1,
                QuizAttempt {
                    stop: "yudu".into(),
                    at,
                    questions,
                    passed,
                },
            )
            .expect("member 1");
    }

    fn check(event: &MarchEvent, stop: usize, minute: i64) -> Result<(), QuizRefusal> {
        let route = route();
        let member = event.member(1).expect("member 1");
        let progress = member_progress(member, &event.rules, &route);
        let now = at(2026, 3, 20, 9) + TimeDelta::minutes(minute);
        can_attempt(member, &progress, &route, &event.rules, stop, now)
    }

    #[test]
    fn a_quiz_waits_for_arrival_and_pauses_after_a_failure() {
        let mut event = event();
        assert_eq!(check(&event, 1, 0), Err(QuizRefusal::NotArrived("于都".into())));
        assert_eq!(check(&event, 0, 0), Err(QuizRefusal::NotAStation), "the start");
        assert_eq!(check(&event, 16, 0), Err(QuizRefusal::NotAStation), "the finish");
        assert_eq!(check(&event, 99, 0), Err(QuizRefusal::NotAStation));
        walk(&mut event, 30_000, 3);
        assert_eq!(check(&event, 1, 0), Ok(()));
        assert_eq!(check(&event, 2, 0), Err(QuizRefusal::NotArrived("湘江".into())));
        attempt(&mut event, vec!["a".into()], false, 0);
        assert_eq!(
            check(&event, 1, 9),
            Err(QuizRefusal::Pausing(at(2026, 3, 20, 9) + TimeDelta::minutes(10)))
        );
        assert_eq!(check(&event, 1, 10), Ok(()), "after the pause");
        attempt(&mut event, vec!["b".into()], true, 11);
        assert_eq!(
            check(&event, 1, 12),
            Err(QuizRefusal::AlreadyPassed("于都".into()))
        );
    }

    #[test]
    fn no_pause_when_the_rules_say_zero() {
        let mut event = event();
        event.rules.retry_pause_minutes = 0;
        walk(&mut event, 30_000, 3);
        attempt(&mut event, vec!["a".into()], false, 0);
        assert_eq!(check(&event, 1, 0), Ok(()));
    }

    #[test]
    fn a_retry_asks_other_questions_while_there_are_some() {
        let mut event = event();
        walk(&mut event, 30_000, 3);
        let route = route();
        let mut bank = station_questions("于都", 7);
        bank.extend(station_questions("湘江", 5));
        let questions: Vec<&Question> = bank.iter().collect();
        let mut rng = StdRng::seed_from_u64(7);
        let draw = |event: &MarchEvent, rng: &mut StdRng| {
            draw_quiz(
                event.member(1).expect("member"),
                &route,
                &event.rules,
                1,
                &questions,
                rng,
            )
            .expect("enough questions")
        };
        let first = draw(&event, &mut rng);
        assert_eq!(first.len(), 3);
        assert!(first.iter().all(|id| id.starts_with("于都-")));
        attempt(&mut event, first.clone(), false, 0);
        let second = draw(&event, &mut rng);
        assert!(
            second.iter().all(|id| !first.contains(id)),
            "{first:?} then {second:?}"
        );
        attempt(&mut event, second.clone(), false, 20);
        let third = draw(&event, &mut rng);
        let fresh: Vec<&String> = third
            .iter()
            .filter(|id| !first.contains(id) && !second.contains(id))
            .collect();
        assert_eq!(fresh.len(), 1, "the one question left unseen comes first");
        assert_eq!(third.len(), 3, "then seen ones fill the quiz");
    }

    #[test]
    fn the_event_draws_and_records_only_when_the_quiz_may_be_taken() {
        let route = route();
        let mut bank = station_questions("于都", 4);
        bank.extend(station_questions("湘江", 4));
        let questions: Vec<&Question> = bank.iter().collect();
        let mut rng = StdRng::seed_from_u64(3);
        let mut event = event();
        let now = at(2026, 3, 20, 9);
        assert_eq!(
            event.draw_station_quiz(1, &route, 1, &questions, &mut rng, now),
            Err(QuizRefusal::NotArrived("于都".into()))
        );
        assert_eq!(
            event.record_station_attempt(1, &route, 1, Vec::new(), true, now),
            Err(QuizRefusal::NotArrived("于都".into())),
            "no passing a station before arriving"
        );
        assert_eq!(
            event.draw_station_quiz(42, &route, 1, &questions, &mut rng, now),
            Err(QuizRefusal::NoSuchMember)
        );
        walk(&mut event, 30_000, 5);
        let banked = event.progress(1, &route).expect("member").banked_li;
        assert!(banked > 0.0);
        let quiz = event
            .draw_station_quiz(1, &route, 1, &questions, &mut rng, now)
            .expect("arrived");
        assert_eq!(
            event.record_station_attempt(1, &route, 1, quiz, false, now),
            Ok(false)
        );
        let later = now + TimeDelta::minutes(5);
        let Err(pausing) = event.draw_station_quiz(1, &route, 1, &questions, &mut rng, later) else {
            panic!("still pausing");
        };
        assert_eq!(pausing.to_string(), "答题未通过，3月20日 09:10 后可以再试");
        let later = now + TimeDelta::minutes(10);
        let quiz = event
            .draw_station_quiz(1, &route, 1, &questions, &mut rng, later)
            .expect("after the pause");
        assert_eq!(
            event.record_station_attempt(1, &route, 1, quiz, true, later),
            Ok(true)
        );
        let progress = event.progress(1, &route).expect("member");
        assert_eq!(progress.barrier, Some(2));
        assert!(
            progress.position_li > f64::from(route.stops[1].li),
            "the bank is released"
        );
        assert_eq!(
            event.record_station_attempt(1, &route, 1, Vec::new(), true, later),
            Err(QuizRefusal::AlreadyPassed("于都".into()))
        );
        assert_eq!(
            event.record_station_attempt(1, &route, 0, Vec::new(), true, later),
            Err(QuizRefusal::NotAStation)
        );
    }

    #[test]
    fn too_few_questions_is_said_plainly() {
        let event = event();
        let bank = station_questions("于都", 2);
        let questions: Vec<&Question> = bank.iter().collect();
        let refusal = draw_quiz(
            event.member(1).expect("member"),
            &route(),
            &event.rules,
            1,
            &questions,
            &mut StdRng::seed_from_u64(1),
        );
        assert_eq!(
            refusal,
            Err(QuizRefusal::TooFewQuestions {
                name: "于都".into(),
                have: 2,
                need: 3
            })
        );
    }
}
