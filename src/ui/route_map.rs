//! The Long March route map: the route from the stops' longitude/latitude, stops marked as passed,
//! current or locked, rivers and mountains as decoration, and member or team positions. Zoom with
//! Ctrl + wheel (or pinch) and pan by dragging. No borders are drawn (see [`crate::march::geo`]).

use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, pos2, vec2};

use super::theme::{Palette, map};
use crate::content::route::{Route, StopRole};
use crate::march::geo::{DecorationKind, MapPoint, RouteShape};

/// Width of the map's own coordinate space; the view scales it to the space on screen.
const CANVAS_WIDTH: f32 = 1000.0;
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
        let scene = egui::Scene::new()
            .zoom_range(0.3..=6.0)
            .max_inner_size(canvas_rect(shape).size());
        let response = scene
            .show(ui, &mut self.view, |ui| {
                let painter = ui.painter();
                let to_canvas = |p: MapPoint| canvas_point(shape, p);
                painter.rect_filled(canvas_rect(shape), 12.0, colours.card);
                draw_decorations(painter, shape, text_size);
                let walked_end = shape.point_at(route, progress_li);
                draw_route(painter, route, shape, progress_li, walked_end, colours);
                for (index, (stop, point)) in route.stops.iter().zip(&shape.stops).enumerate() {
                    draw_stop(
                        painter,
                        to_canvas(*point),
                        &stop.name,
                        stop.role,
                        stop_state(index),
                        colours,
                        text_size,
                    );
                }
                draw_markers(painter, route, shape, markers, text_size);
                ui.allocate_rect(canvas_rect(shape), Sense::hover())
            })
            .response;
        response.on_hover_text("拖动平移，Ctrl + 滚轮缩放")
    }
}

/// The canvas: the route's drawing plus margins.
fn canvas_rect(shape: &RouteShape) -> Rect {
    let inner = CANVAS_WIDTH - 2.0 * CANVAS_MARGIN;
    let height = inner / shape.aspect.max(0.2) + 2.0 * CANVAS_MARGIN;
    Rect::from_min_size(Pos2::ZERO, vec2(CANVAS_WIDTH, height))
}

/// A map point in canvas coordinates.
fn canvas_point(shape: &RouteShape, point: MapPoint) -> Pos2 {
    let inner = CANVAS_WIDTH - 2.0 * CANVAS_MARGIN;
    let scale = inner * shape.aspect.max(1.0);
    pos2(CANVAS_MARGIN + point.x * scale, CANVAS_MARGIN + point.y * scale)
}

fn draw_decorations(painter: &egui::Painter, shape: &RouteShape, text_size: f32) {
    let font = FontId::proportional(text_size * 0.8);
    for (decoration, point) in shape.decorations() {
        let centre = canvas_point(shape, point);
        let colour = match decoration.kind {
            DecorationKind::River => {
                let points: Vec<Pos2> = (0..=24)
                    .map(|i| {
                        let t = i as f32 / 24.0;
                        centre + vec2(-30.0 + 60.0 * t, (t * std::f32::consts::TAU * 2.0).sin() * 4.0)
                    })
                    .collect();
                painter.add(Shape::line(points, Stroke::new(3.0, map::RIVER)));
                map::RIVER
            }
            DecorationKind::Mountain => {
                for (dx, height) in [(-10.0, 18.0), (6.0, 24.0)] {
                    let base = centre + vec2(dx, 8.0);
                    painter.add(Shape::convex_polygon(
                        vec![
                            base + vec2(-11.0, 0.0),
                            base + vec2(0.0, -height),
                            base + vec2(11.0, 0.0),
                        ],
                        map::MOUNTAIN.gamma_multiply(0.35),
                        Stroke::new(2.0, map::MOUNTAIN),
                    ));
                }
                map::MOUNTAIN
            }
            DecorationKind::Grassland => {
                for dx in [-20.0, 0.0, 20.0] {
                    let base = centre + vec2(dx, 6.0);
                    for lean in [-5.0, 0.0, 5.0] {
                        painter.line_segment([base, base + vec2(lean, -10.0)], Stroke::new(2.0, map::GRASS));
                    }
                }
                map::GRASS
            }
        };
        painter.text(
            centre + vec2(0.0, 14.0),
            Align2::CENTER_TOP,
            decoration.name,
            font.clone(),
            colour,
        );
    }
}

fn draw_route(
    painter: &egui::Painter,
    route: &Route,
    shape: &RouteShape,
    progress_li: f64,
    walked_end: MapPoint,
    colours: &Palette,
) {
    let all: Vec<Pos2> = shape.stops.iter().map(|p| canvas_point(shape, *p)).collect();
    painter.add(Shape::dashed_line(
        &all,
        Stroke::new(map::ROUTE_WIDTH * 0.6, map::ROUTE_AHEAD),
        10.0,
        6.0,
    ));
    let mut walked: Vec<Pos2> = route
        .stops
        .iter()
        .zip(&shape.stops)
        .take_while(|(stop, _)| f64::from(stop.li) <= progress_li)
        .map(|(_, p)| canvas_point(shape, *p))
        .collect();
    walked.push(canvas_point(shape, walked_end));
    if walked.len() > 1 {
        painter.add(Shape::line(
            walked,
            Stroke::new(map::ROUTE_WIDTH, colours.accent_fill),
        ));
    }
}

fn draw_stop(
    painter: &egui::Painter,
    at: Pos2,
    name: &str,
    role: StopRole,
    state: StopState,
    colours: &Palette,
    text_size: f32,
) {
    let radius = if role == StopRole::Station {
        map::STOP_RADIUS
    } else {
        map::STOP_RADIUS * 1.3
    };
    let (fill, stroke) = match state {
        StopState::Passed => (colours.accent_fill, Stroke::new(2.0, colours.highlight)),
        StopState::Current => (colours.highlight, Stroke::new(3.0, colours.accent_fill)),
        StopState::Locked => (colours.card, Stroke::new(2.0, map::LOCKED)),
    };
    painter.circle(at, radius, fill, stroke);
    if role == StopRole::Finish {
        painter.text(
            at,
            Align2::CENTER_CENTER,
            "★",
            FontId::proportional(radius * 1.4),
            colours.on_accent,
        );
    }
    let text_colour = match state {
        StopState::Locked => colours.weak_text,
        StopState::Passed | StopState::Current => colours.accent,
    };
    painter.text(
        at + vec2(0.0, -radius - 3.0),
        Align2::CENTER_BOTTOM,
        name,
        FontId::proportional(text_size),
        text_colour,
    );
}

fn draw_markers(
    painter: &egui::Painter,
    route: &Route,
    shape: &RouteShape,
    markers: &[MapMarker],
    text_size: f32,
) {
    // Markers at nearly the same place fan their labels downwards.
    let mut placed: Vec<Pos2> = Vec::new();
    for marker in markers {
        let at = canvas_point(shape, shape.point_at(route, marker.li));
        let crowd = placed.iter().filter(|p| p.distance(at) < 24.0).count();
        placed.push(at);
        painter.circle(
            at,
            map::MARKER_RADIUS,
            marker.colour,
            Stroke::new(2.5, Color32::WHITE),
        );
        let label_at = at + vec2(map::MARKER_RADIUS + 4.0, 4.0 + crowd as f32 * (text_size + 4.0));
        let galley = painter.layout_no_wrap(
            marker.label.clone(),
            FontId::proportional(text_size),
            Color32::WHITE,
        );
        let background = Rect::from_min_size(label_at, galley.size()).expand(3.0);
        painter.rect_filled(background, 4.0, marker.colour);
        painter.galley(label_at, galley, Color32::WHITE);
        if crowd > 0 {
            painter.line_segment([at, background.left_center()], Stroke::new(1.5, marker.colour));
        }
    }
}
