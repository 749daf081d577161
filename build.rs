//! Compiles every `question_banks/*.ron` bank and every image under `question_banks/images/`
//! into the program, so it runs from any directory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files(dir: &Path, keep: &dyn Fn(&Path) -> bool, recursive: bool) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if recursive {
                found.extend(files(&path, keep, true));
            }
        } else if keep(&path) {
            found.push(path);
        }
    }
    found.sort();
    found
}

fn has_extension(path: &Path, wanted: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| wanted.iter().any(|w| e.eq_ignore_ascii_case(w)))
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let banks_dir = root.join("question_banks");
    let images_dir = banks_dir.join("images");
    println!("cargo:rerun-if-changed={}", banks_dir.display());
    println!("cargo:rerun-if-changed={}", images_dir.display());

    let mut code = String::new();
    code.push_str("/// Bundled banks: file name inside `question_banks/` and its text.\n");
    code.push_str("pub static BANKS: &[(&str, &str)] = &[\n");
    for path in files(&banks_dir, &|p| has_extension(p, &["ron"]), false) {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("bank file names are UTF-8");
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("write to String");
    }
    code.push_str("];\n\n");
    code.push_str("/// Bundled images: path relative to `question_banks/` and its bytes.\n");
    code.push_str("pub static IMAGES: &[(&str, &[u8])] = &[\n");
    for path in files(&images_dir, &|p| has_extension(p, &["png", "jpg", "jpeg"]), true) {
        println!("cargo:rerun-if-changed={}", path.display());
        let relative = path
            .strip_prefix(&banks_dir)
            .expect("image lies under question_banks");
        let relative = relative
            .to_str()
            .expect("image paths are UTF-8")
            .replace('\\', "/");
        writeln!(
            code,
            "    ({relative:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .expect("write to String");
    }
    code.push_str("];\n");

    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundled.rs");
    std::fs::write(out, code).expect("write bundled.rs");
}
