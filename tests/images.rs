//! Question images: path checks in the validator, and decoding that a hostile bank cannot abuse.

use std::path::Path;

use dangshi::bank::image::{ImageError, ImageRoot, MAX_IMAGE_FILE_BYTES};
use dangshi::bank::{Code, LoadedBank};

fn fixture_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images")
}

/// A valid PNG of the given size, made by the `image` crate.
fn png_bytes(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbaImage::from_pixel(width, height, image::Rgba([200, 16, 46, 255]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("encode PNG");
    bytes.into_inner()
}

/// A PNG whose header claims `width`×`height` but holds one pixel's data: decoding it honestly
/// would need width×height×3 bytes.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = png_bytes(1, 1);
    // IHDR data starts after the 8-byte signature and the chunk's length and type (8 bytes).
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn the_validator_checks_every_image_path() {
    let loaded = LoadedBank::from_file(&fixture_dir().join("bank.ron"));
    let found: Vec<(Option<String>, Code)> = loaded
        .diagnostics()
        .iter()
        .map(|d| (d.question_id.clone(), d.code))
        .collect();
    assert_eq!(
        found,
        vec![
            (Some("img-abs".into()), Code::ImagePathUnsafe),
            (Some("img-up".into()), Code::ImagePathUnsafe),
            (Some("img-missing".into()), Code::ImageMissing),
            (Some("img-gif".into()), Code::ImageFormat),
        ]
    );
    let usable: Vec<&str> = loaded.usable_questions().map(|q| q.id.as_str()).collect();
    assert_eq!(usable, ["img-ok"]);
}

#[test]
fn a_good_image_decodes() {
    let root = ImageRoot::Folder(fixture_dir());
    let picture = root.load("pics/ok.png").expect("decode");
    assert_eq!((picture.width, picture.height), (4, 3));
    assert_eq!(picture.rgba.len(), 4 * 3 * 4);
    assert_eq!(&picture.rgba[..4], &[200, 16, 46, 255]);
}

#[test]
fn paths_leaving_the_folder_are_refused_before_touching_the_disk() {
    let root = ImageRoot::Folder(fixture_dir());
    for path in [
        "/etc/passwd.png",
        "../images/pics/ok.png",
        "pics/../../x.png",
        "C:\\x.png",
        "\\\\server\\x.png",
        "",
    ] {
        assert!(
            matches!(root.load(path), Err(ImageError::UnsafePath(_))),
            "{path:?} should be refused"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_link_pointing_outside_the_folder_is_refused() {
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(outside.path().join("secret.png"), png_bytes(2, 2)).expect("write");
    let bank_dir = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink(
        outside.path().join("secret.png"),
        bank_dir.path().join("link.png"),
    )
    .expect("symlink");
    let root = ImageRoot::Folder(bank_dir.path().to_path_buf());
    assert!(matches!(root.load("link.png"), Err(ImageError::OutsideFolder(_))));
    assert!(matches!(
        root.check("link.png"),
        Err(ImageError::OutsideFolder(_))
    ));
}

#[test]
fn huge_dimensions_are_refused_without_allocating() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("wide.png"), png_claiming(100_000, 10)).expect("write");
    // Within the side limit but 8000×8000 pixels would need far more memory than allowed.
    std::fs::write(dir.path().join("bomb.png"), png_claiming(8000, 8000)).expect("write");
    let root = ImageRoot::Folder(dir.path().to_path_buf());
    assert!(matches!(root.load("wide.png"), Err(ImageError::TooLarge(_))));
    assert!(matches!(root.load("bomb.png"), Err(ImageError::TooLarge(_))));
}

#[test]
fn oversized_files_and_garbage_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = std::fs::File::create(dir.path().join("big.png")).expect("create");
    big.set_len(MAX_IMAGE_FILE_BYTES + 1).expect("sparse file");
    std::fs::write(dir.path().join("junk.jpg"), b"not an image at all").expect("write");
    let root = ImageRoot::Folder(dir.path().to_path_buf());
    assert!(matches!(root.load("big.png"), Err(ImageError::FileTooLarge(_))));
    assert!(matches!(root.load("junk.jpg"), Err(ImageError::Decode { .. })));
    assert!(matches!(root.load("none.png"), Err(ImageError::Missing(_))));
}

#[test]
fn bundled_banks_only_see_bundled_images() {
    assert!(matches!(
        ImageRoot::Bundled.check("images/none.png"),
        Err(ImageError::Missing(_))
    ));
}
