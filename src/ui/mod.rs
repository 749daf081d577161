//! The eframe app: the only module that uses egui/eframe.

pub mod app;
pub mod command;
pub mod contest_view;
pub mod fonts;
pub mod import_preview;
pub mod question_view;
pub mod route_map;
pub mod screens;
pub mod sound;
pub mod stage;
pub mod theme;
pub mod widgets;

pub use app::DangshiApp;

use std::time::Instant;

use crate::store::DataDir;

/// Window title.
pub const WINDOW_TITLE: &str = "党史学习";

/// Opens the main window and runs until it closes. `started` is when the process began, for the
/// start-up time logged at the first frame; `fullscreen` starts on the whole screen (projectors).
/// The window's size and place are remembered in the data folder.
pub fn run(started: Instant, fullscreen: bool) -> eframe::Result {
    let data_dir = DataDir::from_env();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(WINDOW_TITLE)
            .with_app_id("dangshi")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 560.0])
            .with_fullscreen(fullscreen)
            .with_drag_and_drop(true),
        renderer: eframe::Renderer::Glow,
        persist_window: true,
        persistence_path: Some(data_dir.window_state_dir()),
        ..Default::default()
    };
    eframe::run_native(
        WINDOW_TITLE,
        options,
        Box::new(move |cc| {
            let mut app = DangshiApp::new(&cc.egui_ctx, data_dir);
            app.log_first_frame_since(started);
            Ok(Box::new(app))
        }),
    )
}
