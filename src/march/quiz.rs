//! Station quizzes: who may take one and when, and which questions it asks — the station's own
//! questions (tagged `长征站点:<name>`), preferring ones the member has not been asked there.

use chrono::TimeDelta;
use rand::Rng;
use rand::seq::SliceRandom;

use super::event::{ExchangeRules, Member};
use super::progress::MemberProgress;
use crate::bank::Question;
use crate::content::route::{Route, StopRole};
use crate::practice::Moment;

/// Why a quiz cannot be taken now, in Chinese.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QuizRefusal {
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
    #[error("答题未通过，{} 后可以再试", .0.format("%H:%M"))]
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
