//! The Long March route map: the route from the stops' longitude/latitude, stops marked as passed,
//! current or locked, rivers and mountains as decoration, and member or team positions. Zoom with
//! Ctrl + wheel (or pinch) and pan by dragging. No borders are drawn (see [`crate::march::geo`]).

use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, pos2, vec2};

use super::theme::{Palette, map};
use crate::content::route::{Route, StopRole};
use crate::march::geo::{DecorationKind, MapPoint, RouteShape};

/// Longer side of the route's drawing in the map's own coordinates; the view scales it to the
/// space on screen.
const CANVAS_SIDE: f32 = 1000.0;
/// Space around the route inside the canvas, for names.
const CANVAS_MARGIN: f32 = 70.0;

/// How a stop is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopState {
    /// Reached and (for a station) its quiz passed.
    Passed,
    /// Where the member (or the leading team) stands, or the station waiting for its quiz.
    Current,
    /// Not reached.
    Locked,
}

/// A position on the route: a member or a team.
#[derive(Clone, Debug, PartialEq)]
pub struct MapMarker {
    /// Name shown next to it.
    pub label: String,
    /// 里 from the start.
    pub li: f64,
    /// Its colour.
    pub colour: Color32,
    /// Draw the label inside a larger marker (a rank number on the projector) instead of beside it.
    pub label_inside: bool,
}

/// What a map shows.
#[derive(Clone, Copy)]
pub struct MapContent<'a> {
    /// The route.
    pub route: &'a Route,
    /// How far the route is drawn as walked, in 里.
    pub progress_li: f64,
    /// How each stop (by index) is drawn.
    pub stop_state: &'a dyn Fn(usize) -> StopState,
    /// Members' or teams' positions.
    pub markers: &'a [MapMarker],
    /// Size of the stop names before zoom.
    pub text_size: f32,
}

/// A route map with its zoom and pan, kept between frames.
pub struct RouteMap {
    shape: RouteShape,
    /// The part of the canvas on screen (changed by zooming and panning).
    view: Rect,
}

impl RouteMap {
    /// A map of `route`, showing all of it.
    pub fn new(route: &Route) -> RouteMap {
        let shape = RouteShape::new(route);
        let view = canvas_rect(&shape);
        RouteMap { shape, view }
    }

    /// Shows the whole route again.
    pub fn reset_view(&mut self) {
        self.view = canvas_rect(&self.shape);
    }

    /// Draws the map in the space left in `ui`.
    pub fn ui(&mut self, ui: &mut egui::Ui, content: &MapContent, colours: &Palette) -> egui::Response {
        let MapContent {
            route,
            progress_li,
            stop_state,
            markers,
            text_size,
        } = *content;
        let shape = &self.shape;
        // Sizes below are in screen points: divide by the view's scale so that names, markers and
        // lines keep their size however far the map is zoomed.
        let available = ui.available_size();
        let px = (self.view.width() / available.x).max(self.view.height() / available.y);
        let px = if px.is_finite() && px > 0.0 { px } else { 1.0 };
        let scene = egui::Scene::new()
            .zoom_range(0.05..=8.0)
            .max_inner_size(canvas_rect(shape).size());
        let response = scene
            .show(ui, &mut self.view, |ui| {
                let painter = ui.painter();
                painter.rect_filled(canvas_rect(shape), 12.0 * px, colours.card);
                draw_decorations(painter, route, shape, text_size * px, px);
                let walked_end = shape.point_at(route, progress_li);
                draw_route(painter, route, shape, progress_li, walked_end, colours, px);
                let points: Vec<Pos2> = shape.stops.iter().map(|p| canvas_point(*p)).collect();
                for (index, (stop, at)) in route.stops.iter().zip(&points).enumerate() {
                    // A name goes right of its stop, or above it when another stop sits there.
                    let crowded = points.iter().any(|other| {
                        let (dx, dy) = (other.x - at.x, other.y - at.y);
                        dx > 0.0 && dx < 4.0 * text_size * px && dy.abs() < text_size * px
                    });
                    let look = StopLook {
                        role: stop.role,
                        state: stop_state(index),
                        text_size: text_size * px,
                        px,
                        name_above: crowded,
                    };
                    draw_stop(painter, *at, &stop.name, &look, colours);
                }
                draw_markers(painter, route, shape, markers, text_size * px, px);
                ui.allocate_rect(canvas_rect(shape), Sense::hover())
            })
            .response;
        response.on_hover_text("拖动平移，Ctrl + 滚轮缩放")
    }
}

/// The canvas: the route's drawing (its longer side [`CANVAS_SIDE`]) plus margins.
fn canvas_rect(shape: &RouteShape) -> Rect {
    let aspect = shape.aspect.max(0.05);
    let (width, height) = if aspect >= 1.0 {
        (1.0, 1.0 / aspect)
    } else {
        (aspect, 1.0)
    };
    Rect::from_min_size(
        Pos2::ZERO,
        vec2(
            width * CANVAS_SIDE + 2.0 * CANVAS_MARGIN,
            height * CANVAS_SIDE + 2.0 * CANVAS_MARGIN,
        ),
    )
}

/// A map point in canvas coordinates.
fn canvas_point(point: MapPoint) -> Pos2 {
    pos2(
        CANVAS_MARGIN + point.x * CANVAS_SIDE,
        CANVAS_MARGIN + point.y * CANVAS_SIDE,
    )
}

/// Draws the rivers, mountains and marsh; a decoration named like a stop (湘江, 乌江 …) leaves the
/// name to the stop.
fn draw_decorations(painter: &egui::Painter, route: &Route, shape: &RouteShape, text_size: f32, px: f32) {
    let font = FontId::proportional(text_size * 0.8);
    for (decoration, point) in shape.decorations() {
        let centre = canvas_point(point);
        let colour = match decoration.kind {
            DecorationKind::River => {
                let points: Vec<Pos2> = (0..=24)
                    .map(|i| {
                        let t = i as f32 / 24.0;
                        centre + vec2(-24.0 + 48.0 * t, (t * std::f32::consts::TAU * 2.0).sin() * 3.0) * px
                    })
                    .collect();
                painter.add(Shape::line(points, Stroke::new(2.5 * px, map::RIVER)));
                map::RIVER
            }
            DecorationKind::Mountain => {
                for (dx, height) in [(-8.0, 14.0), (5.0, 19.0)] {
                    let base = centre + vec2(dx, 6.0) * px;
                    painter.add(Shape::convex_polygon(
                        vec![
                            base + vec2(-9.0, 0.0) * px,
                            base + vec2(0.0, -height) * px,
                            base + vec2(9.0, 0.0) * px,
                        ],
                        map::MOUNTAIN.gamma_multiply(0.35),
                        Stroke::new(1.5 * px, map::MOUNTAIN),
                    ));
                }
                map::MOUNTAIN
            }
            DecorationKind::Grassland => {
                for dx in [-16.0, 0.0, 16.0] {
                    let base = centre + vec2(dx, 5.0) * px;
                    for lean in [-4.0, 0.0, 4.0] {
                        painter.line_segment(
                            [base, base + vec2(lean, -8.0) * px],
                            Stroke::new(1.5 * px, map::GRASS),
                        );
                    }
                }
                map::GRASS
            }
        };
        if route.stops.iter().all(|stop| stop.name != decoration.name) {
            painter.text(
                centre + vec2(0.0, 10.0 * px),
                Align2::CENTER_TOP,
                decoration.name,
                font.clone(),
                colour,
            );
        }
    }
}

fn draw_route(
    painter: &egui::Painter,
    route: &Route,
    shape: &RouteShape,
    progress_li: f64,
    walked_end: MapPoint,
    colours: &Palette,
    px: f32,
) {
    let all: Vec<Pos2> = shape.stops.iter().map(|p| canvas_point(*p)).collect();
    painter.add(Shape::dashed_line(
        &all,
        Stroke::new(map::ROUTE_WIDTH * 0.6 * px, map::ROUTE_AHEAD),
        10.0 * px,
        6.0 * px,
    ));
    let mut walked: Vec<Pos2> = route
        .stops
        .iter()
        .zip(&shape.stops)
        .take_while(|(stop, _)| f64::from(stop.li) <= progress_li)
        .map(|(_, p)| canvas_point(*p))
        .collect();
    walked.push(canvas_point(walked_end));
    if walked.len() > 1 {
        painter.add(Shape::line(
            walked,
            Stroke::new(map::ROUTE_WIDTH * px, colours.accent_fill),
        ));
    }
}

/// How one stop is drawn.
struct StopLook {
    role: StopRole,
    state: StopState,
    text_size: f32,
    px: f32,
    name_above: bool,
}

fn draw_stop(painter: &egui::Painter, at: Pos2, name: &str, look: &StopLook, colours: &Palette) {
    let px = look.px;
    let radius = if look.role == StopRole::Station {
        map::STOP_RADIUS
    } else {
        map::STOP_RADIUS * 1.3
    } * px;
    let (fill, stroke) = match look.state {
        StopState::Passed => (colours.accent_fill, Stroke::new(2.0 * px, colours.highlight)),
        StopState::Current => (colours.highlight, Stroke::new(3.0 * px, colours.accent_fill)),
        StopState::Locked => (colours.card, Stroke::new(2.0 * px, map::LOCKED)),
    };
    painter.circle(at, radius, fill, stroke);
    if look.role == StopRole::Finish {
        painter.text(
            at,
            Align2::CENTER_CENTER,
            "★",
            FontId::proportional(radius * 1.4),
            colours.on_accent,
        );
    }
    let text_colour = match look.state {
        StopState::Locked => colours.weak_text,
        StopState::Passed | StopState::Current => colours.accent,
    };
    // 会宁 lies west of the last leg and 六盘山's symbol sits east of it: its name goes left.
    let (name_at, align) = if look.role == StopRole::Finish {
        (at - vec2(radius + 3.0 * px, 0.0), Align2::RIGHT_CENTER)
    } else if look.name_above {
        (at - vec2(0.0, radius + 2.0 * px), Align2::CENTER_BOTTOM)
    } else {
        (at + vec2(radius + 3.0 * px, 0.0), Align2::LEFT_CENTER)
    };
    painter.text(
        name_at,
        align,
        name,
        FontId::proportional(look.text_size),
        text_colour,
    );
}

fn draw_markers(
    painter: &egui::Painter,
    route: &Route,
    shape: &RouteShape,
    markers: &[MapMarker],
    text_size: f32,
    px: f32,
) {
    // Markers at nearly the same place fan their labels downwards.
    let mut placed: Vec<Pos2> = Vec::new();
    for marker in markers {
        let at = canvas_point(shape.point_at(route, marker.li));
        let crowd = placed.iter().filter(|p| p.distance(at) < 24.0 * px).count();
        placed.push(at);
        if marker.label_inside {
            let radius = map::MARKER_RADIUS * 1.5 * px;
            // Later markers at the same place step aside so each stays readable.
            let at = at + vec2(crowd as f32 * radius * 1.6, 0.0);
            painter.circle(at, radius, marker.colour, Stroke::new(2.5 * px, Color32::WHITE));
            painter.text(
                at,
                Align2::CENTER_CENTER,
                &marker.label,
                FontId::proportional(radius * 1.3),
                Color32::WHITE,
            );
            continue;
        }
        let radius = map::MARKER_RADIUS * px;
        painter.circle(at, radius, marker.colour, Stroke::new(2.5 * px, Color32::WHITE));
        let label_at = at + vec2(-radius, radius + 4.0 * px + crowd as f32 * (text_size + 8.0 * px));
        let galley = painter.layout_no_wrap(
            marker.label.clone(),
            FontId::proportional(text_size),
            Color32::WHITE,
        );
        let background = Rect::from_min_size(label_at, galley.size()).expand(3.0 * px);
        painter.rect_filled(background, 4.0 * px, marker.colour);
        painter.galley(label_at, galley, Color32::WHITE);
        if crowd > 0 {
            painter.line_segment([at, background.left_top()], Stroke::new(1.5 * px, marker.colour));
        }
    }
}
