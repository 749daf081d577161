//! dangshi (党史学习): an offline app for studying the history of the Communist Party of China.
//!
//! Engines (`bank`, `challenge`, `check`, `contest`, `content`, `editor`, `import`, `march`, `practice`, `store`) are pure Rust and never touch the clock or the screen;
//! `ui` is the only module that uses egui/eframe.

pub mod bank;
pub mod challenge;
pub mod check;
pub mod content;
pub mod contest;
pub mod editor;
pub mod import;
pub mod march;
pub mod practice;
pub mod store;
pub mod ui;
