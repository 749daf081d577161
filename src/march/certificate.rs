//! The 胜利会师 certificate: a PNG a member receives on reaching 会宁, drawn without egui.
//!
//! Warm paper, a red and gold double border, the title, four lines about the member's march and a
//! small drawing of the route (only the route and its stops: **no national or provincial
//! borders**). Text is rasterized with `ab_glyph` from the font the caller passes in.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont, point};
use chrono::{Datelike, NaiveDate};
use image::{ImageFormat, Rgba, RgbaImage};

use crate::content::route::Route;
use crate::march::geo::{MapPoint, RouteShape};

/// What the certificate says.
pub struct CertificateInfo<'a> {
    /// Member name, e.g. `"张三"`.
    pub name: &'a str,
    /// Team (branch) name, e.g. `"机关第一党支部"`.
    pub team: &'a str,
    /// Event name, e.g. `"2026年“再走长征路”健步走"`.
    pub event: &'a str,
    /// First day the member walked.
    pub start: NaiveDate,
    /// Day of 胜利会师.
    pub finish: NaiveDate,
    /// Steps walked in all.
    pub total_steps: u64,
    /// Those steps in 里.
    pub total_li: f64,
    /// The route walked, drawn in the lower part.
    pub route: &'a Route,
}

/// Width and height of the certificate in pixels (A4 landscape ratio).
pub const CERTIFICATE_SIZE: (u32, u32) = (1754, 1240);

/// Why a certificate could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CertificateError {
    /// The font bytes are not a font `ab_glyph` can read.
    #[error("字体无法使用")]
    Font,
    /// Encoding the PNG or writing the file failed.
    #[error("无法保存证书“{}”：{reason}", .path.display())]
    Save {
        /// The file that was to be written.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
}

const PAPER: Rgba<u8> = Rgba([0xFF, 0xF8, 0xEE, 0xFF]);
const RED: Rgba<u8> = Rgba([0xC8, 0x10, 0x2E, 0xFF]);
const GOLD: Rgba<u8> = Rgba([0xE8, 0xB0, 0x2A, 0xFF]);
const INK: Rgba<u8> = Rgba([0x2E, 0x24, 0x1E, 0xFF]);

/// Where and how large the lines of text are: baselines in pixels from the top.
const TITLE: (f32, f32) = (150.0, 280.0);
const SUBTITLE: (f32, f32) = (54.0, 372.0);
const BODY_PX: f32 = 40.0;
const BODY_FIRST_BASELINE: f32 = 472.0;
const BODY_LINE_HEIGHT: f32 = 64.0;
const BODY_MAX_WIDTH: f32 = 1754.0 - 2.0 * 180.0;
const DATE: (f32, f32) = (36.0, 1240.0 - 112.0);
const DATE_RIGHT: f32 = 1754.0 - 140.0;
/// The box the route's stops are fitted into (their names may stick out by a few characters).
const ROUTE_BOX: Rect = (400.0, 724.0, 1354.0, 1122.0);
const ROUTE_LINE_RADIUS: f32 = 5.0;
const STOP_RADIUS: (f32, f32) = (10.0, 6.5);
const LABEL_PX: f32 = 22.0;

/// `在“event”活动中`, without doubling the quotes or 活动 of a name that has them.
fn event_line(event: &str) -> String {
    let quoted = if event.contains('“') {
        event.to_owned()
    } else {
        format!("“{event}”")
    };
    if quoted.ends_with("活动") {
        format!("在{quoted}中")
    } else {
        format!("在{quoted}活动中")
    }
}

/// Draws the certificate. Characters the font lacks are left out rather than drawn as boxes.
pub fn render_certificate(info: &CertificateInfo, font: &[u8]) -> Result<RgbaImage, CertificateError> {
    let font = FontRef::try_from_slice(font).map_err(|_| CertificateError::Font)?;
    let (width, height) = CERTIFICATE_SIZE;
    let mut img = RgbaImage::from_pixel(width, height, PAPER);
    draw_border(&mut img);
    let centre = width as f32 / 2.0;
    draw_text_centered(&mut img, &font, "胜利会师", (centre, TITLE.1), TITLE.0, RED);
    draw_text_centered(
        &mut img,
        &font,
        "再走长征路 荣誉证书",
        (centre, SUBTITLE.1),
        SUBTITLE.0,
        RED,
    );
    for (i, line) in body_lines(info).iter().enumerate() {
        let px = fit_px(&font, line, BODY_PX, BODY_MAX_WIDTH);
        let baseline = BODY_FIRST_BASELINE + i as f32 * BODY_LINE_HEIGHT;
        draw_text_centered(&mut img, &font, line, (centre, baseline), px, INK);
    }
    draw_route(&mut img, &font, info.route);
    let date = chinese_date(info.finish);
    let x = DATE_RIGHT - text_width(&font, &date, DATE.0);
    draw_text(&mut img, &font, &date, (x, DATE.1), DATE.0, INK);
    Ok(img)
}

/// Renders the certificate and writes it as a PNG to `path`, through a temp file beside it that
/// is then renamed, so a failed write never leaves half a picture under the real name.
pub fn save_certificate(info: &CertificateInfo, font: &[u8], path: &Path) -> Result<(), CertificateError> {
    let img = render_certificate(info, font)?;
    let save_error = |reason: String| CertificateError::Save {
        path: path.to_path_buf(),
        reason,
    };
    let mut png = Vec::new();
    img.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .map_err(|err| save_error(err.to_string()))?;
    let mut temp_name = path.file_name().unwrap_or_default().to_os_string();
    temp_name.push(".tmp");
    let temp = path.with_file_name(temp_name);
    let written = std::fs::write(&temp, &png).and_then(|()| std::fs::rename(&temp, path));
    written.map_err(|err| {
        // Best effort: the temp file may not even exist.
        let _ = std::fs::remove_file(&temp);
        save_error(err.to_string())
    })
}

/// The four lines under the titles.
fn body_lines(info: &CertificateInfo) -> [String; 4] {
    let li = info.total_li.max(0.0).round() as u64;
    [
        format!("{}同志（{}）", info.name, info.team),
        event_line(info.event),
        format!(
            "自 {} 至 {}，累计 {} 步，折合 {} 里，",
            chinese_date(info.start),
            chinese_date(info.finish),
            group_thousands(info.total_steps),
            group_thousands(li),
        ),
        "沿红军长征路线走完二万五千里，胜利到达会宁。".to_owned(),
    ]
}

/// `2026-03-01` → `"2026年3月1日"`.
fn chinese_date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// `9123456` → `"9,123,456"`.
fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// Red outer frame, gold frame inside it, then a thin red line.
fn draw_border(img: &mut RgbaImage) {
    draw_frame(img, 28, 16, RED);
    draw_frame(img, 56, 6, GOLD);
    draw_frame(img, 70, 2, RED);
}

/// A rectangular frame `inset` pixels from the edges, `thickness` wide.
fn draw_frame(img: &mut RgbaImage, inset: u32, thickness: u32, colour: Rgba<u8>) {
    let (w, h) = img.dimensions();
    let (left, top, right, bottom) = (inset, inset, w - inset, h - inset);
    fill_rect(img, (left, top), (right, top + thickness), colour);
    fill_rect(img, (left, bottom - thickness), (right, bottom), colour);
    fill_rect(img, (left, top), (left + thickness, bottom), colour);
    fill_rect(img, (right - thickness, top), (right, bottom), colour);
}

/// Fills the pixels from `min` (inclusive) to `max` (exclusive), clipped to the image.
fn fill_rect(img: &mut RgbaImage, min: (u32, u32), max: (u32, u32), colour: Rgba<u8>) {
    let (w, h) = img.dimensions();
    for y in min.1..max.1.min(h) {
        for x in min.0..max.0.min(w) {
            img.put_pixel(x, y, colour);
        }
    }
}

/// Blends `colour` over the pixel at (`x`, `y`) with `coverage` in `0..=1`; outside the image,
/// nothing happens.
fn blend(img: &mut RgbaImage, x: i64, y: i64, colour: Rgba<u8>, coverage: f32) {
    let (Ok(x), Ok(y)) = (u32::try_from(x), u32::try_from(y)) else {
        return;
    };
    let Some(pixel) = img.get_pixel_mut_checked(x, y) else {
        return;
    };
    let a = coverage.clamp(0.0, 1.0);
    for (dst, src) in pixel.0.iter_mut().zip(colour.0) {
        *dst = (f32::from(*dst) * (1.0 - a) + f32::from(src) * a).round() as u8;
    }
}

/// The glyphs of `text` at `px` with their x offsets from the start, and the total advance.
/// Characters missing from the font (glyph id 0) are skipped.
fn layout(font: &FontRef, text: &str, px: f32) -> (Vec<(GlyphId, f32)>, f32) {
    let scaled = font.as_scaled(PxScale::from(px));
    let mut glyphs = Vec::new();
    let mut caret = 0.0;
    let mut previous: Option<GlyphId> = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if id.0 == 0 {
            continue;
        }
        if let Some(previous) = previous {
            caret += scaled.kern(previous, id);
        }
        glyphs.push((id, caret));
        caret += scaled.h_advance(id);
        previous = Some(id);
    }
    (glyphs, caret)
}

/// How wide `text` is at `px`.
fn text_width(font: &FontRef, text: &str, px: f32) -> f32 {
    layout(font, text, px).1
}

/// `px`, or smaller if needed for `text` to fit in `max_width`.
fn fit_px(font: &FontRef, text: &str, px: f32, max_width: f32) -> f32 {
    let width = text_width(font, text, px);
    if width > max_width {
        px * max_width / width
    } else {
        px
    }
}

/// Draws `text` starting at `origin` = (left, baseline).
fn draw_text(img: &mut RgbaImage, font: &FontRef, text: &str, origin: (f32, f32), px: f32, colour: Rgba<u8>) {
    let (glyphs, _) = layout(font, text, px);
    for (id, offset) in glyphs {
        let glyph = id.with_scale_and_position(px, point(origin.0 + offset, origin.1));
        let Some(outline) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outline.px_bounds();
        let (left, top) = (bounds.min.x as i64, bounds.min.y as i64);
        outline.draw(|x, y, coverage| blend(img, left + i64::from(x), top + i64::from(y), colour, coverage));
    }
}

/// Draws `text` centred on `anchor` = (centre x, baseline).
fn draw_text_centered(
    img: &mut RgbaImage,
    font: &FontRef,
    text: &str,
    anchor: (f32, f32),
    px: f32,
    colour: Rgba<u8>,
) {
    let left = anchor.0 - text_width(font, text, px) / 2.0;
    draw_text(img, font, text, (left, anchor.1), px, colour);
}

/// Distance from `p` to the segment `a`–`b`.
fn distance_to_segment(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length_sq = dx * dx + dy * dy;
    let t = if length_sq > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length_sq).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
}

/// Fills, with anti-aliased edges, every point within `radius` of the segment `a`–`b`: a thick
/// line with round ends.
fn draw_thick_line(img: &mut RgbaImage, a: (f32, f32), b: (f32, f32), radius: f32, colour: Rgba<u8>) {
    let left = (a.0.min(b.0) - radius - 1.0).floor() as i64;
    let right = (a.0.max(b.0) + radius + 1.0).ceil() as i64;
    let top = (a.1.min(b.1) - radius - 1.0).floor() as i64;
    let bottom = (a.1.max(b.1) + radius + 1.0).ceil() as i64;
    for y in top..=bottom {
        for x in left..=right {
            let centre = (x as f32 + 0.5, y as f32 + 0.5);
            let coverage = radius + 0.5 - distance_to_segment(centre, a, b);
            if coverage > 0.0 {
                blend(img, x, y, colour, coverage);
            }
        }
    }
}

/// A filled, anti-aliased circle.
fn fill_circle(img: &mut RgbaImage, centre: (f32, f32), radius: f32, colour: Rgba<u8>) {
    draw_thick_line(img, centre, centre, radius, colour);
}

/// The route fitted into [`ROUTE_BOX`]: a thick red line, gold stops ringed in red, and names.
fn draw_route(img: &mut RgbaImage, font: &FontRef, route: &Route) {
    let shape = RouteShape::new(route);
    let Some(to_pixels) = fit_points(&shape.stops) else {
        return;
    };
    let points: Vec<(f32, f32)> = shape.stops.iter().map(|&p| to_pixels(p)).collect();
    for pair in points.windows(2) {
        draw_thick_line(img, pair[0], pair[1], ROUTE_LINE_RADIUS, RED);
    }
    for &centre in &points {
        fill_circle(img, centre, STOP_RADIUS.0, RED);
        fill_circle(img, centre, STOP_RADIUS.1, GOLD);
    }
    let names: Vec<&str> = route.stops.iter().map(|s| s.name.as_str()).collect();
    for (name, rect) in names.iter().zip(place_labels(font, &names, &points)) {
        draw_text(img, font, name, (rect.0, rect.1 + LABEL_PX * 0.88), LABEL_PX, INK);
    }
}

/// A map from route points to pixels that fits the points' extent, centred, into [`ROUTE_BOX`].
/// `None` for no points.
fn fit_points(points: &[MapPoint]) -> Option<impl Fn(MapPoint) -> (f32, f32)> {
    let first = points.first()?;
    let (mut min, mut max) = ((first.x, first.y), (first.x, first.y));
    for p in points {
        min = (min.0.min(p.x), min.1.min(p.y));
        max = (max.0.max(p.x), max.1.max(p.y));
    }
    let (left, top, right, bottom) = ROUTE_BOX;
    let (box_w, box_h) = (right - left, bottom - top);
    let (span_x, span_y) = ((max.0 - min.0).max(1e-6), (max.1 - min.1).max(1e-6));
    let scale = (box_w / span_x).min(box_h / span_y);
    let offset_x = left + (box_w - (max.0 - min.0) * scale) / 2.0;
    let offset_y = top + (box_h - (max.1 - min.1) * scale) / 2.0;
    Some(move |p: MapPoint| (offset_x + (p.x - min.0) * scale, offset_y + (p.y - min.1) * scale))
}

/// A box on the image: left, top, right, bottom.
type Rect = (f32, f32, f32, f32);

/// Where each stop's name goes: right of, left of, above or below the stop, whichever of these
/// (in that order of preference) crosses the fewest stops, route segments and earlier names.
fn place_labels(font: &FontRef, names: &[&str], points: &[(f32, f32)]) -> Vec<Rect> {
    let mut placed: Vec<Rect> = Vec::with_capacity(names.len());
    for (name, &stop) in names.iter().zip(points) {
        let width = text_width(font, name, LABEL_PX);
        let candidates = [0, 1, 2, 3].map(|side| label_rect(stop, width, side));
        let mut best = (candidates[0], label_collisions(candidates[0], points, &placed));
        for rect in &candidates[1..] {
            let hits = label_collisions(*rect, points, &placed);
            if hits < best.1 {
                best = (*rect, hits);
            }
        }
        placed.push(best.0);
    }
    placed
}

/// The box of a name `width` wide next to `stop`: `side` 0 right, 1 left, 2 above, 3 below.
fn label_rect(stop: (f32, f32), width: f32, side: u8) -> Rect {
    let gap = STOP_RADIUS.0 + 4.0;
    let (left, top) = match side {
        0 => (stop.0 + gap, stop.1 - LABEL_PX / 2.0),
        1 => (stop.0 - gap - width, stop.1 - LABEL_PX / 2.0),
        2 => (stop.0 - width / 2.0, stop.1 - gap - LABEL_PX),
        _ => (stop.0 - width / 2.0, stop.1 + gap),
    };
    (left, top, left + width, top + LABEL_PX)
}

/// How many stops, route segments and `placed` names the name box `rect` runs into.
fn label_collisions(rect: Rect, points: &[(f32, f32)], placed: &[Rect]) -> usize {
    let near = |p: (f32, f32), margin: f32| {
        p.0 > rect.0 - margin && p.0 < rect.2 + margin && p.1 > rect.1 - margin && p.1 < rect.3 + margin
    };
    let stops = points.iter().filter(|&&p| near(p, STOP_RADIUS.0)).count();
    let segments = points
        .windows(2)
        .filter(|pair| {
            let (a, b) = (pair[0], pair[1]);
            // Points every 2 px along the segment.
            let steps = ((b.0 - a.0).hypot(b.1 - a.1) / 2.0).ceil().max(1.0) as u32;
            (0..=steps).any(|i| {
                let t = i as f32 / steps as f32;
                near((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t), ROUTE_LINE_RADIUS)
            })
        })
        .count();
    let labels = placed
        .iter()
        .filter(|other| rect.0 < other.2 && other.0 < rect.2 && rect.1 < other.3 && other.1 < rect.3)
        .count();
    stops + segments + labels
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::route::{BUNDLED_ROUTE, parse_route};

    const FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Subset.otf");

    fn route() -> Route {
        parse_route(BUNDLED_ROUTE).unwrap()
    }

    fn info<'a>(name: &'a str, route: &'a Route) -> CertificateInfo<'a> {
        CertificateInfo {
            name,
            team: "机关第一党支部",
            event: "2026年“再走长征路”健步走",
            start: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            finish: NaiveDate::from_ymd_opt(2026, 10, 19).unwrap(),
            total_steps: 9_123_456,
            total_li: 25_000.4,
            route,
        }
    }

    fn is_near(pixel: &Rgba<u8>, colour: Rgba<u8>, tolerance: i32) -> bool {
        pixel.0[..3]
            .iter()
            .zip(&colour.0[..3])
            .all(|(&a, &b)| (i32::from(a) - i32::from(b)).abs() <= tolerance)
    }

    #[test]
    fn has_the_certificate_size() {
        let route = route();
        let img = render_certificate(&info("张三", &route), FONT).unwrap();
        assert_eq!(img.dimensions(), CERTIFICATE_SIZE);
    }

    #[test]
    fn border_is_red() {
        let route = route();
        let img = render_certificate(&info("张三", &route), FONT).unwrap();
        let (w, h) = CERTIFICATE_SIZE;
        for (x, y) in [(36, h / 2), (w - 37, h / 2), (w / 2, 36), (w / 2, h - 37)] {
            assert!(
                is_near(img.get_pixel(x, y), RED, 8),
                "({x}, {y}) is {:?}",
                img.get_pixel(x, y)
            );
        }
        assert!(is_near(img.get_pixel(58, h / 2), GOLD, 8));
        assert!(is_near(img.get_pixel(5, 5), PAPER, 0));
    }

    #[test]
    fn title_is_drawn_in_red() {
        let route = route();
        let img = render_certificate(&info("张三", &route), FONT).unwrap();
        let (w, h) = CERTIFICATE_SIZE;
        let red = (100..h / 3)
            .flat_map(|y| (100..w - 100).map(move |x| (x, y)))
            .filter(|&(x, y)| is_near(img.get_pixel(x, y), RED, 30))
            .count();
        assert!(red > 5_000, "only {red} red pixels in the title area");
    }

    #[test]
    fn the_name_draws_ink() {
        let route = route();
        let short = render_certificate(&info("张三", &route), FONT).unwrap();
        let long = render_certificate(&info("欧阳学文", &route), FONT).unwrap();
        let (w, _) = CERTIFICATE_SIZE;
        let different = (420..500)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .filter(|&(x, y)| short.get_pixel(x, y) != long.get_pixel(x, y))
            .count();
        assert!(different > 500, "only {different} pixels differ");
    }

    #[test]
    fn the_route_is_drawn() {
        let route = route();
        let img = render_certificate(&info("张三", &route), FONT).unwrap();
        let (left, top, right, bottom) = ROUTE_BOX;
        let gold = (top as u32..bottom as u32)
            .flat_map(|y| (left as u32..right as u32).map(move |x| (x, y)))
            .filter(|&(x, y)| is_near(img.get_pixel(x, y), GOLD, 8))
            .count();
        assert!(gold > 17 * 60, "only {gold} gold pixels in the route box");
    }

    #[test]
    fn garbage_font_is_an_error() {
        let route = route();
        let err = render_certificate(&info("张三", &route), b"not a font").unwrap_err();
        assert!(matches!(err, CertificateError::Font));
        assert_eq!(err.to_string(), "字体无法使用");
    }

    #[test]
    fn missing_characters_do_not_panic() {
        let route = route();
        let img = render_certificate(&info("𠀀张𠀀", &route), FONT).unwrap();
        assert_eq!(img.dimensions(), CERTIFICATE_SIZE);
    }

    #[test]
    fn fixed_text_is_in_the_font() {
        let font = FontRef::try_from_slice(FONT).unwrap();
        let route = route();
        let lines = body_lines(&info("张三", &route));
        let texts = lines
            .iter()
            .map(String::as_str)
            .chain(["胜利会师", "再走长征路 荣誉证书"]);
        let stops = route.stops.iter().map(|s| s.name.as_str());
        for c in texts.chain(stops).flat_map(str::chars) {
            assert_ne!(font.glyph_id(c).0, 0, "{c:?} is not in the font");
        }
    }

    #[test]
    fn save_writes_a_png() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("证书.png");
        let route = route();
        save_certificate(&info("张三", &route), FONT, &path).unwrap();
        let img = image::open(&path).unwrap();
        assert_eq!((img.width(), img.height()), CERTIFICATE_SIZE);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temp file left behind"
        );
    }

    #[test]
    fn save_failure_names_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("没有的文件夹").join("证书.png");
        let route = route();
        let err = save_certificate(&info("张三", &route), FONT, &path).unwrap_err();
        assert!(matches!(err, CertificateError::Save { .. }));
        assert!(
            err.to_string()
                .starts_with(&format!("无法保存证书“{}”：", path.display()))
        );
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1234), "1,234");
        assert_eq!(group_thousands(123_456), "123,456");
        assert_eq!(group_thousands(9_123_456), "9,123,456");
    }

    #[test]
    fn body_lines_read_right() {
        let route = route();
        let lines = body_lines(&info("张三", &route));
        assert_eq!(lines[0], "张三同志（机关第一党支部）");
        assert_eq!(lines[1], "在2026年“再走长征路”健步走活动中");
        assert_eq!(event_line("支部健步走"), "在“支部健步走”活动中");
        assert_eq!(event_line("“再走长征路”活动"), "在“再走长征路”活动中");
        assert_eq!(
            lines[2],
            "自 2026年3月1日 至 2026年10月19日，累计 9,123,456 步，折合 25,000 里，"
        );
    }
}
