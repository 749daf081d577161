//! Helpers shared by integration tests. Each test crate uses some of them, so the ones a crate
//! leaves unused are not dead code.
#![allow(dead_code)]

pub mod app;
pub mod generated;
pub mod kinds;
