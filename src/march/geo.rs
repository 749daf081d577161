//! The route as a drawing: stops projected from longitude/latitude onto a plane, positions along
//! it by 里, and the rivers and mountains shown as decoration near their stations.
//!
//! The projection is equirectangular around the route's middle latitude (longitude scaled by the
//! cosine of that latitude), which keeps shapes true enough over the ~12° the route spans. Only
//! the route, its stops and the decorations are drawn: **no national or provincial borders**, since
//! an incomplete or inexact border is a 问题地图.

use crate::content::route::Route;

/// A point on the drawing: `x` grows east, `y` grows south, both in `0.0..=1.0` of the longer side.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapPoint {
    /// East, from 0 (the route's west end) to at most 1.
    pub x: f32,
    /// South, from 0 (the route's north end) to at most 1.
    pub y: f32,
}

/// What a decoration is, which decides its symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecorationKind {
    /// A river the Red Army crossed: a wavy line.
    River,
    /// A mountain or pass: peaks.
    Mountain,
    /// The marshland of the 草地: tufts.
    Grassland,
}

/// A river, mountain or marsh near the route, drawn as a symbol with its name. Its place is where
/// the Red Army met it, not the whole feature's course.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Decoration {
    /// Name shown next to the symbol.
    pub name: &'static str,
    /// Symbol.
    pub kind: DecorationKind,
    /// East longitude in degrees.
    pub lon: f64,
    /// North latitude in degrees.
    pub lat: f64,
}

/// The rivers, mountains and marshland the route meets (places rounded to about 0.1°).
pub const DECORATIONS: &[Decoration] = &[
    Decoration {
        name: "于都河",
        kind: DecorationKind::River,
        lon: 115.35,
        lat: 25.90,
    },
    Decoration {
        name: "湘江",
        kind: DecorationKind::River,
        lon: 110.95,
        lat: 25.85,
    },
    Decoration {
        name: "老山界",
        kind: DecorationKind::Mountain,
        lon: 110.45,
        lat: 25.95,
    },
    Decoration {
        name: "乌江",
        kind: DecorationKind::River,
        lon: 107.40,
        lat: 27.15,
    },
    Decoration {
        name: "娄山关",
        kind: DecorationKind::Mountain,
        lon: 106.80,
        lat: 28.20,
    },
    Decoration {
        name: "赤水河",
        kind: DecorationKind::River,
        lon: 105.85,
        lat: 28.10,
    },
    Decoration {
        name: "金沙江",
        kind: DecorationKind::River,
        lon: 102.55,
        lat: 26.15,
    },
    Decoration {
        name: "大渡河",
        kind: DecorationKind::River,
        lon: 102.40,
        lat: 29.55,
    },
    Decoration {
        name: "夹金山",
        kind: DecorationKind::Mountain,
        lon: 102.75,
        lat: 30.75,
    },
    Decoration {
        name: "草地",
        kind: DecorationKind::Grassland,
        lon: 102.85,
        lat: 33.35,
    },
    Decoration {
        name: "岷山",
        kind: DecorationKind::Mountain,
        lon: 103.70,
        lat: 33.60,
    },
    Decoration {
        name: "六盘山",
        kind: DecorationKind::Mountain,
        lon: 106.25,
        lat: 35.65,
    },
];

/// The route's stops on the plane, with the projection used.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteShape {
    /// Each stop's point, in route order.
    pub stops: Vec<MapPoint>,
    /// Width over height of the drawing (the longer side is 1).
    pub aspect: f32,
    west: f64,
    north: f64,
    cos_lat: f64,
    span: f64,
}

impl RouteShape {
    /// Projects a route's stops (and fits the decorations in the frame too).
    pub fn new(route: &Route) -> RouteShape {
        let places = route
            .stops
            .iter()
            .map(|s| (s.lon, s.lat))
            .chain(DECORATIONS.iter().map(|d| (d.lon, d.lat)));
        let (mut west, mut east, mut south, mut north) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for (lon, lat) in places {
            west = west.min(lon);
            east = east.max(lon);
            south = south.min(lat);
            north = north.max(lat);
        }
        if west > east {
            (west, east, south, north) = (0.0, 1.0, 0.0, 1.0);
        }
        let cos_lat = ((south + north) / 2.0).to_radians().cos().max(0.1);
        let width = ((east - west) * cos_lat).max(1e-6);
        let height = (north - south).max(1e-6);
        let span = width.max(height);
        let mut shape = RouteShape {
            stops: Vec::new(),
            aspect: (width / height) as f32,
            west,
            north,
            cos_lat,
            span,
        };
        shape.stops = route.stops.iter().map(|s| shape.project(s.lon, s.lat)).collect();
        shape
    }

    /// A longitude/latitude on the drawing.
    pub fn project(&self, lon: f64, lat: f64) -> MapPoint {
        MapPoint {
            x: ((lon - self.west) * self.cos_lat / self.span) as f32,
            y: ((self.north - lat) / self.span) as f32,
        }
    }

    /// Where `li` from the start lies: on the straight line between the stops around it.
    pub fn point_at(&self, route: &Route, li: f64) -> MapPoint {
        let Some(first) = self.stops.first().copied() else {
            return MapPoint { x: 0.0, y: 0.0 };
        };
        let mut previous = (0.0_f64, first);
        for (stop, point) in route.stops.iter().zip(&self.stops) {
            let stop_li = f64::from(stop.li);
            if li <= stop_li {
                let (from_li, from) = previous;
                let length = stop_li - from_li;
                let t = if length > 0.0 {
                    ((li - from_li) / length).clamp(0.0, 1.0)
                } else {
                    1.0
                };
                return MapPoint {
                    x: from.x + (point.x - from.x) * t as f32,
                    y: from.y + (point.y - from.y) * t as f32,
                };
            }
            previous = (stop_li, *point);
        }
        previous.1
    }

    /// Each decoration's point, in [`DECORATIONS`] order.
    pub fn decorations(&self) -> Vec<(Decoration, MapPoint)> {
        DECORATIONS
            .iter()
            .map(|d| (*d, self.project(d.lon, d.lat)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::route::{BUNDLED_ROUTE, parse_route};

    fn route() -> Route {
        match parse_route(BUNDLED_ROUTE) {
            Ok(route) => route,
            Err(err) => panic!("{err}"),
        }
    }

    #[test]
    fn stops_fit_the_unit_square_east_right_and_north_up() {
        let route = route();
        let shape = RouteShape::new(&route);
        for point in shape
            .stops
            .iter()
            .chain(shape.decorations().iter().map(|(_, p)| p))
        {
            assert!((0.0..=1.0001).contains(&point.x), "{point:?}");
            assert!((0.0..=1.0001).contains(&point.y), "{point:?}");
        }
        let index = |name: &str| {
            route
                .stops
                .iter()
                .position(|s| s.name == name)
                .unwrap_or(usize::MAX)
        };
        let (ruijin, luding, huining) = (
            shape.stops[index("瑞金")],
            shape.stops[index("泸定桥")],
            shape.stops[index("会宁")],
        );
        // 瑞金 is the far east, 泸定桥 lies west of it, 会宁 north of both.
        assert!(ruijin.x > luding.x);
        assert!(huining.y < luding.y && huining.y < ruijin.y);
        // The route spans more east–west than north–south.
        assert!(shape.aspect > 1.0);
    }

    #[test]
    fn positions_follow_the_route_by_li() {
        let route = route();
        let shape = RouteShape::new(&route);
        assert_eq!(shape.point_at(&route, 0.0), shape.stops[0]);
        assert_eq!(shape.point_at(&route, -5.0), shape.stops[0]);
        let last = shape.stops[shape.stops.len() - 1];
        assert_eq!(shape.point_at(&route, 25_000.0), last);
        assert_eq!(shape.point_at(&route, 99_999.0), last);
        // Halfway between 瑞金 (0 里) and 于都 (469 里).
        let half = shape.point_at(&route, 234.5);
        let (a, b) = (shape.stops[0], shape.stops[1]);
        assert!((half.x - (a.x + b.x) / 2.0).abs() < 1e-5);
        assert!((half.y - (a.y + b.y) / 2.0).abs() < 1e-5);
        // Exactly at a stop.
        assert_eq!(
            shape.point_at(&route, f64::from(route.stops[5].li)),
            shape.stops[5]
        );
    }

    #[test]
    fn an_empty_route_does_not_panic() {
        let empty = Route {
            id: "x".into(),
            title: "x".into(),
            total_li: 0,
            stops: Vec::new(),
        };
        let shape = RouteShape::new(&empty);
        assert!(shape.stops.is_empty());
        assert_eq!(shape.point_at(&empty, 10.0), MapPoint { x: 0.0, y: 0.0 });
    }
}
