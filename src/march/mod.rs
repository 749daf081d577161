//! 再走长征路: events with teams and members, daily steps turned into 里 along the Long March route,
//! station quizzes that unlock the way, step-file importers, the route map's geometry and the
//! 会师 certificate.

pub mod certificate;
pub mod event;
pub mod geo;
pub mod progress;
pub mod quiz;
pub mod ranking;
pub mod steps;
