//! Banks and images compiled into the program; `build.rs` lists `question_banks/`.

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
