//! Sound cues of a contest: which sound an event or the clock calls for, and the sound itself as
//! samples. Pure: the UI decides whether and how to play them.

use chrono::TimeDelta;

use super::state::{Contest, Event};

/// A sound the contest calls for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cue {
    /// One of the last five seconds on the clock.
    Tick,
    /// A buzzer won the right to answer (or a false start was caught).
    Buzz,
    /// The host judged the answer right.
    Correct,
    /// The host judged the answer wrong.
    Wrong,
    /// A clock ran out.
    TimeUp,
    /// The contest is over: time for the podium.
    Finale,
}

impl Cue {
    /// Every cue, for the settings' "try the sounds" buttons.
    pub const ALL: [Cue; 6] = [
        Cue::Tick,
        Cue::Buzz,
        Cue::Correct,
        Cue::Wrong,
        Cue::TimeUp,
        Cue::Finale,
    ];

    /// Name shown in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            Cue::Tick => "倒计时",
            Cue::Buzz => "抢答",
            Cue::Correct => "答对",
            Cue::Wrong => "答错",
            Cue::TimeUp => "时间到",
            Cue::Finale => "比赛结束",
        }
    }

    /// The notes of the cue: (frequency in Hz, seconds), a frequency of 0 being a rest.
    fn notes(self) -> &'static [(f32, f32)] {
        match self {
            Cue::Tick => &[(1000.0, 0.06)],
            Cue::Buzz => &[(880.0, 0.12), (0.0, 0.03), (880.0, 0.25)],
            Cue::Correct => &[(659.25, 0.12), (783.99, 0.12), (1046.5, 0.3)],
            Cue::Wrong => &[(311.13, 0.18), (233.08, 0.4)],
            Cue::TimeUp => &[
                (523.25, 0.2),
                (0.0, 0.06),
                (523.25, 0.2),
                (0.0, 0.06),
                (392.0, 0.5),
            ],
            Cue::Finale => &[(523.25, 0.15), (659.25, 0.15), (783.99, 0.15), (1046.5, 0.6)],
        }
    }

    /// The cue as mono samples in −1…1 at `sample_rate`: sine notes with short fades, so
    /// nothing clicks.
    pub fn samples(self, sample_rate: u32) -> Vec<f32> {
        const VOLUME: f32 = 0.35;
        const FADE_SECONDS: f32 = 0.008;
        let rate = sample_rate.max(1) as f32;
        let mut samples = Vec::new();
        for &(frequency, seconds) in self.notes() {
            let count = (seconds * rate).round() as usize;
            let fade = ((FADE_SECONDS * rate) as usize).clamp(1, count.max(1));
            samples.extend((0..count).map(|i| {
                if frequency <= 0.0 {
                    return 0.0;
                }
                let envelope = (i.min(count - 1 - i) as f32 / fade as f32).min(1.0);
                let phase = std::f32::consts::TAU * frequency * i as f32 / rate;
                VOLUME * envelope * phase.sin()
            }));
        }
        samples
    }
}

/// The cue an event calls for, judged from the contest before and after it was applied.
pub fn cue_for_event(before: &Contest, event: &Event, after: &Contest) -> Option<Cue> {
    if after.is_finished() && !before.is_finished() {
        return Some(Cue::Finale);
    }
    match event {
        Event::Buzz { .. } => {
            let heard = after.presses.len() > before.presses.len()
                && after
                    .presses
                    .last()
                    .is_some_and(|press| press.won || press.false_start);
            heard.then_some(Cue::Buzz)
        }
        Event::Judge { correct: true } => Some(Cue::Correct),
        Event::Judge { correct: false } => Some(Cue::Wrong),
        Event::Timeout => Some(Cue::TimeUp),
        _ => None,
    }
}

/// Seconds on the clock that tick.
const TICK_SECONDS: i64 = 5;

/// Turns the running clock into one [`Cue::Tick`] for each of its last five seconds.
#[derive(Clone, Debug, Default)]
pub struct CountdownTicks {
    last_second: Option<i64>,
}

impl CountdownTicks {
    /// Looks at the time left (`None`: no clock running, or paused) and says whether a new second
    /// of the last five has begun.
    pub fn observe(&mut self, remaining: Option<TimeDelta>) -> Option<Cue> {
        let Some(left) = remaining else {
            self.last_second = None;
            return None;
        };
        // The second shown on the clock: 4.2 s left shows "5".
        let millis = left.num_milliseconds().max(0);
        let shown = (millis + 999) / 1000;
        let fresh = self.last_second != Some(shown);
        self.last_second = Some(shown);
        (fresh && (1..=TICK_SECONDS).contains(&shown)).then_some(Cue::Tick)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contest::plan::{ContestPlan, RoundKind, RoundPlan, TeamSetup};
    use crate::practice::{Filter, Moment, testing};

    fn at(seconds: i64) -> Moment {
        testing::at(2026, 7, 1, 9) + TimeDelta::seconds(seconds)
    }

    fn plan(kind: RoundKind) -> ContestPlan {
        ContestPlan {
            title: "测试".into(),
            teams: ["红队", "蓝队"]
                .into_iter()
                .map(|name| TeamSetup {
                    name: name.into(),
                    colour: [0, 0, 0],
                    members: Vec::new(),
                    key: None,
                })
                .collect(),
            base_score: 100,
            rounds: vec![RoundPlan {
                name: kind.label().into(),
                kind,
                filter: Filter::default(),
            }],
            tie_break_points: 10,
            bonus: None,
            podium: 3,
        }
    }

    fn required() -> ContestPlan {
        plan(RoundKind::Required {
            per_team: 1,
            points: 10,
            penalty: 0,
            seconds: 30,
        })
    }

    fn apply(contest: &mut Contest, event: Event, seconds: i64) -> Option<Cue> {
        let before = contest.clone();
        contest.apply(&event, at(seconds)).expect("the event fits");
        cue_for_event(&before, &event, contest)
    }

    #[test]
    fn judging_sounds_right_or_wrong() {
        let mut contest = Contest::new(required());
        let show = Event::Show {
            question: "q1".into(),
        };
        assert_eq!(apply(&mut contest, show, 0), None);
        assert_eq!(
            apply(&mut contest, Event::Judge { correct: true }, 5),
            Some(Cue::Correct)
        );
        apply(&mut contest, Event::Next, 6);
        let show = Event::Show {
            question: "q2".into(),
        };
        apply(&mut contest, show, 7);
        assert_eq!(
            apply(&mut contest, Event::Judge { correct: false }, 9),
            Some(Cue::Wrong)
        );
        assert_eq!(
            apply(&mut contest, Event::Next, 10),
            Some(Cue::Finale),
            "the last question of the last round ends the contest"
        );
    }

    #[test]
    fn time_up_sounds() {
        let mut contest = Contest::new(required());
        let show = Event::Show {
            question: "q1".into(),
        };
        apply(&mut contest, show, 0);
        assert_eq!(apply(&mut contest, Event::Timeout, 30), Some(Cue::TimeUp));
    }

    #[test]
    fn the_winning_buzz_and_a_false_start_sound_but_later_presses_do_not() {
        let mut contest = Contest::new(plan(RoundKind::Buzz {
            questions: 3,
            points: 10,
            penalty: 10,
            false_start: 10,
            buzz_seconds: 20,
            seconds: 30,
        }));
        let show = Event::Show {
            question: "q1".into(),
        };
        apply(&mut contest, show, 0);
        assert_eq!(
            apply(&mut contest, Event::Buzz { team: 1 }, 1),
            Some(Cue::Buzz),
            "a false start is heard"
        );
        let show = Event::Show {
            question: "q2".into(),
        };
        apply(&mut contest, Event::Next, 2);
        apply(&mut contest, show, 3);
        apply(&mut contest, Event::Open, 4);
        assert_eq!(apply(&mut contest, Event::Buzz { team: 0 }, 5), Some(Cue::Buzz));
        assert_eq!(apply(&mut contest, Event::Buzz { team: 1 }, 6), None);
    }

    #[test]
    fn ticks_once_for_each_of_the_last_five_seconds() {
        let mut ticks = CountdownTicks::default();
        let mut heard = Vec::new();
        // A frame every 250 ms from 8 s left down to 0.
        for quarter in (0..=32).rev() {
            let left = TimeDelta::milliseconds(quarter * 250);
            if ticks.observe(Some(left)).is_some() {
                heard.push(quarter * 250);
            }
        }
        assert_eq!(heard, vec![5000, 4000, 3000, 2000, 1000]);
    }

    #[test]
    fn a_stopped_clock_is_silent_and_a_new_clock_ticks_again() {
        let mut ticks = CountdownTicks::default();
        assert_eq!(ticks.observe(None), None);
        assert_eq!(ticks.observe(Some(TimeDelta::seconds(3))), Some(Cue::Tick));
        assert_eq!(ticks.observe(Some(TimeDelta::seconds(3))), None, "same second");
        assert_eq!(ticks.observe(None), None);
        assert_eq!(ticks.observe(Some(TimeDelta::seconds(3))), Some(Cue::Tick));
        assert_eq!(ticks.observe(Some(TimeDelta::seconds(30))), None);
        assert_eq!(ticks.observe(Some(TimeDelta::zero())), None);
    }

    #[test]
    fn samples_are_quiet_enough_and_as_long_as_the_notes() {
        for cue in Cue::ALL {
            let samples = cue.samples(48_000);
            let seconds: f32 = cue.notes().iter().map(|(_, s)| s).sum();
            let expected = (seconds * 48_000.0).round() as usize;
            assert!(samples.len().abs_diff(expected) <= cue.notes().len(), "{cue:?}");
            assert!(samples.iter().all(|s| s.abs() <= 0.35), "{cue:?}");
            assert!(samples.iter().any(|s| s.abs() > 0.2), "{cue:?} is audible");
            assert_eq!(
                samples.first().copied(),
                Some(0.0),
                "{cue:?} starts without a click"
            );
        }
        assert!(Cue::Tick.samples(0).len() <= 1, "a zero rate does not panic");
    }
}
