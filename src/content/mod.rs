//! Bundled content besides the question banks: the Long March route and 历史上的今天.

pub mod calendar;
pub mod route;

pub use calendar::{BUNDLED_CALENDAR, Calendar, DatedEvent, parse_calendar};
pub use route::{BUNDLED_ROUTE, Route, Stop, StopRole, bundled_route, parse_route};
