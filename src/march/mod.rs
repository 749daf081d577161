//! 再走长征路: events with teams and members, daily steps turned into 里 along the Long March route
//! (with mileage banked at a station until its quiz is passed), station quizzes and rankings.

pub mod certificate;
pub mod event;
pub mod geo;
pub mod progress;
pub mod quiz;
pub mod ranking;
pub mod steps;
