//! Write stage: the only code that touches the output folder.
//!
//! Atomicity: the whole site is written into a fresh sibling folder; only when
//! every file is written is the old output moved aside and the new one renamed
//! into place. A failure at any point leaves the previous output untouched.
//! The stage refuses to replace a non-empty folder that a build did not
//! create (one without the marker file), so a mistyped `--out` cannot delete
//! someone's work.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::render::Site;

/// Marks a folder as a coverguide build output that may be replaced.
pub const MARKER: &str = ".coverguide-output";

/// Writes `site` to `out`; returns the total bytes written.
pub fn write_site(out: &Path, site: &Site, minify: bool) -> Result<u64> {
    check_replaceable(out)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| Error::io("create folder", &parent, e))?;
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("output");
    let staging = parent.join(format!(".{name}.coverguide-new-{}", std::process::id()));
    let result = write_all(&staging, site, minify).and_then(|bytes| swap(out, &staging, &parent, name).map(|()| bytes));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn check_replaceable(out: &Path) -> Result<()> {
    match fs::symlink_metadata(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io("inspect output folder", out, e)),
        Ok(m) if !m.is_dir() => {
            Err(Error::Usage(format!("the output path {} exists and is not a folder", out.display())))
        }
        Ok(_) => {
            let mut entries = fs::read_dir(out).map_err(|e| Error::io("read output folder", out, e))?;
            if entries.next().is_none() || out.join(MARKER).is_file() {
                Ok(())
            } else {
                Err(Error::Usage(format!(
                    "the output folder {} is not empty and was not written by coverguide; refusing to replace it (choose another --out or empty it)",
                    out.display()
                )))
            }
        }
    }
}

fn write_all(staging: &Path, site: &Site, minify: bool) -> Result<u64> {
    fs::create_dir(staging).map_err(|e| Error::io("create folder", staging, e))?;
    // Create folders first (sequentially, deduplicated), then write files in parallel.
    let mut dirs: Vec<PathBuf> =
        site.files.iter().filter_map(|f| Path::new(&f.path).parent().map(Path::to_path_buf)).collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        let full = staging.join(d);
        fs::create_dir_all(&full).map_err(|e| Error::io("create folder", &full, e))?;
    }
    let sizes: Vec<u64> = site
        .files
        .par_iter()
        .map(|f| {
            let full = staging.join(&f.path);
            let bytes = if minify && f.path.ends_with(".html") { minify_html(&f.bytes) } else { f.bytes.clone() };
            fs::write(&full, &bytes).map_err(|e| Error::io("write", &full, e))?;
            Ok(bytes.len() as u64)
        })
        .collect::<Result<_>>()?;
    let marker = staging.join(MARKER);
    fs::write(&marker, "This folder is written by `coverguide build` and replaced on every build.\n")
        .map_err(|e| Error::io("write", &marker, e))?;
    Ok(sizes.iter().sum())
}

fn swap(out: &Path, staging: &Path, parent: &Path, name: &str) -> Result<()> {
    if out.exists() {
        let old = parent.join(format!(".{name}.coverguide-old-{}", std::process::id()));
        fs::rename(out, &old).map_err(|e| Error::io("move aside", out, e))?;
        if let Err(e) = fs::rename(staging, out) {
            // Put the previous output back before reporting.
            let _ = fs::rename(&old, out);
            return Err(Error::io("move into place", staging, e));
        }
        fs::remove_dir_all(&old).map_err(|e| Error::io("remove", &old, e))?;
    } else {
        fs::rename(staging, out).map_err(|e| Error::io("move into place", staging, e))?;
    }
    Ok(())
}

/// Minifies one HTML page. Settings keep the output valid HTML: the doctype,
/// the `<html lang>` and `<head>` tags are kept as written.
pub fn minify_html(bytes: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        minify_css: true,
        minify_js: false,
        keep_html_and_head_opening_tags: true,
        keep_closing_tags: true,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(bytes, &cfg)
}
