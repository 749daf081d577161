//! The trainer's bank editor engine: a document with undo/redo, search/filter/sort, and duplicate
//! detection. Pure Rust: no egui, no clock.

pub mod document;
pub mod duplicates;
pub mod filter;

pub use document::{Document, Problems, SaveError};
pub use duplicates::{DuplicateGroup, find_duplicates, normalised_stem};
pub use filter::{Filter, Sort, SortKey};
