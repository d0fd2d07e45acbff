//! Write stage: the only code that touches the output folder.
//!
//! Atomicity: the whole site is written into a fresh sibling folder; only when
//! every file is written is the old output moved aside and the new one renamed
//! into place. A failure at any point (a template error while pages are still
//! rendering, a full disk) removes that folder and leaves the previous output
//! untouched. The stage refuses to replace a non-empty folder that a build did
//! not create (one without the marker file), so a mistyped `--out` cannot
//! delete someone's work.
//!
//! A build streams: [`write_streamed`] hands the renderer a [`Sink`], and each
//! page is written by the thread that rendered it, then dropped, so the site
//! is never whole in memory. [`write_site`] writes a site that is. Pages come
//! minified from their templates (see `render::compact`): nothing here parses
//! or rewrites them.

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::render::{Emit, OutputFile, Site};

/// Marks a folder as a coverguide build output that may be replaced.
pub const MARKER: &str = ".coverguide-output";

/// What a write produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Bytes written, summed over files (the marker file not counted).
    pub bytes: u64,
    /// HTML pages written.
    pub pages: usize,
}

/// Writes `site` to `out`; returns the total bytes written.
pub fn write_site(out: &Path, site: &Site) -> Result<u64> {
    let written =
        write_streamed(out, |sink| site.files.par_iter().try_for_each(|f| sink.write_file(&f.path, &f.bytes)))?;
    Ok(written.bytes)
}

/// Writes to `out` every file that `produce` gives the sink, from any number
/// of threads, then swaps the result into place. If `produce` or any write
/// fails, nothing changes at `out`.
pub fn write_streamed(out: &Path, produce: impl FnOnce(&Sink) -> Result<()>) -> Result<Written> {
    check_replaceable(out)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| Error::io("create folder", &parent, e))?;
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("output");
    let staging = parent.join(format!(".{name}.coverguide-new-{}", std::process::id()));
    let result = fill(&staging, produce).and_then(|w| swap(out, &staging, &parent, name).map(|()| w));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

/// Takes output files and writes them into the staging folder.
pub struct Sink {
    staging: PathBuf,
    /// Folders already created, so each is created once.
    dirs: Mutex<HashSet<String>>,
    bytes: AtomicU64,
    pages: AtomicUsize,
}

impl Sink {
    fn write_file(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let full = self.place(path)?;
        fs::write(&full, bytes).map_err(|e| Error::io("write", &full, e))?;
        self.count(path, bytes.len() as u64);
        Ok(())
    }

    /// Counts a file written: its bytes, and a page if it is HTML.
    fn count(&self, path: &str, bytes: u64) {
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        if path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// The folder of `path` made, and the path in the staging folder.
    fn place(&self, path: &str) -> Result<PathBuf> {
        if let Some((dir, _)) = path.rsplit_once('/') {
            self.create_dir(dir)?;
        }
        Ok(self.staging.join(path))
    }

    fn create_dir(&self, dir: &str) -> Result<()> {
        if self.dirs.lock().unwrap_or_else(|e| e.into_inner()).contains(dir) {
            return Ok(());
        }
        // Two threads may both get here for one folder; create_dir_all
        // accepts a folder that appeared meanwhile.
        let full = self.staging.join(dir);
        fs::create_dir_all(&full).map_err(|e| Error::io("create folder", &full, e))?;
        self.dirs.lock().unwrap_or_else(|e| e.into_inner()).insert(dir.to_string());
        Ok(())
    }
}

impl Emit for Sink {
    /// Writes one file, then the caller may drop it.
    fn file(&self, file: OutputFile) -> Result<()> {
        self.write_file(&file.path, &file.bytes)
    }

    /// Writes the pieces straight into the file, through a buffer.
    fn stream(&self, path: String, write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
        let full = self.place(&path)?;
        let file = fs::File::create(&full).map_err(|e| Error::io("write", &full, e))?;
        let mut out = Counted { inner: std::io::BufWriter::with_capacity(1 << 16, file), bytes: 0 };
        write(&mut out).and_then(|()| out.flush()).map_err(|e| Error::io("write", &full, e))?;
        self.count(&path, out.bytes);
        Ok(())
    }
}

/// A writer that counts the bytes written through it.
struct Counted<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
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

fn fill(staging: &Path, produce: impl FnOnce(&Sink) -> Result<()>) -> Result<Written> {
    fs::create_dir(staging).map_err(|e| Error::io("create folder", staging, e))?;
    let sink = Sink {
        staging: staging.to_path_buf(),
        dirs: Mutex::default(),
        bytes: AtomicU64::new(0),
        pages: AtomicUsize::new(0),
    };
    produce(&sink)?;
    let marker = staging.join(MARKER);
    fs::write(&marker, "This folder is written by `coverguide build` and replaced on every build.\n")
        .map_err(|e| Error::io("write", &marker, e))?;
    Ok(Written { bytes: sink.bytes.into_inner(), pages: sink.pages.into_inner() })
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
