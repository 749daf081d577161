//! Question images: safe path resolution inside the bank's folder and decoding with hard limits.

use std::io::{Cursor, Read};
use std::path::{Component, Path, PathBuf};

use thiserror::Error;

/// Largest width or height accepted, in pixels.
pub const MAX_IMAGE_SIDE: u32 = 8192;
/// Largest image file read, in bytes.
pub const MAX_IMAGE_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// Most memory the decoder may allocate, in bytes.
pub const MAX_DECODE_ALLOC: u64 = 128 * 1024 * 1024;

/// Where a bank's images come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImageRoot {
    /// Images compiled into the program from `question_banks/images/`.
    Bundled,
    /// The folder of a bank file on disk.
    Folder(PathBuf),
}

/// Why an image cannot be shown.
#[derive(Debug, Error)]
pub enum ImageError {
    /// The path is absolute, empty, or has a `..` component.
    #[error("图片路径“{0}”必须是题库文件夹内的相对路径（不能是绝对路径，不能含 ..）")]
    UnsafePath(String),
    /// Only PNG and JPEG are supported.
    #[error("图片“{0}”的格式不受支持（只支持 .png、.jpg、.jpeg）")]
    UnsupportedFormat(String),
    /// No such file.
    #[error("找不到图片文件“{0}”")]
    Missing(String),
    /// The path resolves (through a link) to a place outside the bank's folder.
    #[error("图片“{0}”指向题库文件夹之外")]
    OutsideFolder(String),
    /// The file is larger than [`MAX_IMAGE_FILE_BYTES`].
    #[error("图片“{0}”文件过大（超过 {limit} MB）", limit = MAX_IMAGE_FILE_BYTES / 1024 / 1024)]
    FileTooLarge(String),
    /// The picture is larger than [`MAX_IMAGE_SIDE`] or needs too much memory.
    #[error("图片“{0}”尺寸过大（最大 {MAX_IMAGE_SIDE}×{MAX_IMAGE_SIDE}）")]
    TooLarge(String),
    /// The file is not a readable image.
    #[error("图片“{name}”无法解码：{reason}")]
    Decode {
        /// The image path as written in the bank.
        name: String,
        /// The decoder's explanation.
        reason: String,
    },
    /// The file could not be read.
    #[error("读取图片“{name}”失败：{reason}")]
    Io {
        /// The image path as written in the bank.
        name: String,
        /// The system's explanation.
        reason: String,
    },
}

/// A decoded image as 8-bit RGBA rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 4` bytes, row by row.
    pub rgba: Vec<u8>,
}

/// Checks that `relative` is a plain relative path with a supported extension, without touching
/// the file system.
pub fn check_relative_path(relative: &str) -> Result<(), ImageError> {
    let unsafe_path = || ImageError::UnsafePath(relative.to_owned());
    if relative.trim().is_empty() || relative.starts_with(['/', '\\']) {
        return Err(unsafe_path());
    }
    // Windows drive letters such as `C:` are absolute on the machines our users have.
    if relative.chars().nth(1) == Some(':') {
        return Err(unsafe_path());
    }
    for part in relative.split(['/', '\\']) {
        if part == ".." {
            return Err(unsafe_path());
        }
    }
    if Path::new(relative)
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(unsafe_path());
    }
    let extension = Path::new(relative)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("png" | "jpg" | "jpeg") => Ok(()),
        _ => Err(ImageError::UnsupportedFormat(relative.to_owned())),
    }
}

impl ImageRoot {
    /// Whether the image exists where the bank says, after the path checks.
    pub fn check(&self, relative: &str) -> Result<(), ImageError> {
        check_relative_path(relative)?;
        match self {
            ImageRoot::Bundled => bundled_image(relative)
                .map(|_| ())
                .ok_or_else(|| ImageError::Missing(relative.to_owned())),
            ImageRoot::Folder(folder) => resolve_in_folder(folder, relative).map(|_| ()),
        }
    }

    /// Reads and decodes the image, refusing anything outside the folder or over the limits.
    pub fn load(&self, relative: &str) -> Result<DecodedImage, ImageError> {
        check_relative_path(relative)?;
        let bytes = match self {
            ImageRoot::Bundled => bundled_image(relative)
                .ok_or_else(|| ImageError::Missing(relative.to_owned()))?
                .to_vec(),
            ImageRoot::Folder(folder) => {
                let path = resolve_in_folder(folder, relative)?;
                read_capped(&path, relative)?
            }
        };
        decode_with_limits(&bytes, relative)
    }
}

fn bundled_image(relative: &str) -> Option<&'static [u8]> {
    let wanted = relative.replace('\\', "/");
    let wanted = wanted.trim_start_matches("./");
    crate::bank::bundled::IMAGES
        .iter()
        .find(|(name, _)| *name == wanted)
        .map(|(_, bytes)| *bytes)
}

/// Joins and canonicalises, then proves the result is still inside `folder` (links included).
fn resolve_in_folder(folder: &Path, relative: &str) -> Result<PathBuf, ImageError> {
    let joined = folder.join(relative);
    let resolved = joined.canonicalize().map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => ImageError::Missing(relative.to_owned()),
        _ => ImageError::Io {
            name: relative.to_owned(),
            reason: err.to_string(),
        },
    })?;
    let root = folder.canonicalize().map_err(|err| ImageError::Io {
        name: relative.to_owned(),
        reason: err.to_string(),
    })?;
    if !resolved.starts_with(&root) {
        return Err(ImageError::OutsideFolder(relative.to_owned()));
    }
    if !resolved.is_file() {
        return Err(ImageError::Missing(relative.to_owned()));
    }
    Ok(resolved)
}

fn read_capped(path: &Path, name: &str) -> Result<Vec<u8>, ImageError> {
    let io_error = |err: std::io::Error| ImageError::Io {
        name: name.to_owned(),
        reason: err.to_string(),
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let mut bytes = Vec::new();
    file.take(MAX_IMAGE_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_IMAGE_FILE_BYTES {
        return Err(ImageError::FileTooLarge(name.to_owned()));
    }
    Ok(bytes)
}

/// Decodes PNG or JPEG bytes within [`MAX_IMAGE_SIDE`] and [`MAX_DECODE_ALLOC`].
pub fn decode_with_limits(bytes: &[u8], name: &str) -> Result<DecodedImage, ImageError> {
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|err| ImageError::Io {
            name: name.to_owned(),
            reason: err.to_string(),
        })?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|err| match err {
        image::ImageError::Limits(_) => ImageError::TooLarge(name.to_owned()),
        other => ImageError::Decode {
            name: name.to_owned(),
            reason: other.to_string(),
        },
    })?;
    let rgba = decoded.into_rgba8();
    Ok(DecodedImage {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
    })
}
