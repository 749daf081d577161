//! The Long March route: start, checkpoint stations and finish, with places, dates, coordinates
//! and the cumulative distance on the 25,000-里 scale (`question_banks/data/long_march_route.ron`).

use serde::{Deserialize, Serialize};

/// The route compiled into the program.
pub const BUNDLED_ROUTE: &str = include_str!("../../question_banks/data/long_march_route.ron");

/// A route of the 再走长征路 activity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Stable identifier.
    pub id: String,
    /// Title shown to users.
    pub title: String,
    /// Length of the whole route in 里 (25,000 for the Central Red Army's Long March).
    pub total_li: u32,
    /// Start, checkpoint stations and finish, in the order they are reached.
    pub stops: Vec<Stop>,
}

/// What a stop is on the route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StopRole {
    /// Where the march begins.
    Start,
    /// A checkpoint whose quiz must be passed to go on.
    Station,
    /// Where the march ends.
    Finish,
}

/// One place on the route.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stop {
    /// Stable identifier, e.g. `"zunyi"`.
    pub id: String,
    /// Short name, e.g. `"遵义"`; station questions carry the tag `长征站点:<name>`.
    pub name: String,
    /// Start, station or finish.
    pub role: StopRole,
    /// What happened there, e.g. `"遵义会议"`.
    pub event: String,
    /// Where it is today, e.g. `"贵州省遵义市"`.
    pub place: String,
    /// First day of the event, `YYYY-MM-DD`.
    pub date: String,
    /// The dates as shown, e.g. `"1935年1月15日至17日"`.
    pub dates_text: String,
    /// East longitude in degrees.
    pub lon: f64,
    /// North latitude in degrees.
    pub lat: f64,
    /// Cumulative distance from the start on the `total_li` scale.
    pub li: u32,
    /// A 100–200 character history card.
    pub card: String,
    /// Where the card's facts come from.
    pub source: String,
}

impl Stop {
    /// The tag that marks a question as belonging to this stop's quiz.
    pub fn question_tag(&self) -> String {
        format!("长征站点:{}", self.name)
    }
}

/// The bundled route, parsed once (`None` if it does not parse, which a test rules out).
pub fn bundled_route() -> Option<&'static Route> {
    static ROUTE: std::sync::OnceLock<Option<Route>> = std::sync::OnceLock::new();
    ROUTE.get_or_init(|| parse_route(BUNDLED_ROUTE).ok()).as_ref()
}

/// Parses a route file.
pub fn parse_route(text: &str) -> Result<Route, ron::error::SpannedError> {
    ron::from_str(text)
}
