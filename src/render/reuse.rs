//! Reusing rendered pages between incremental renders (`coverguide serve`).
//!
//! A page is a pure function of its template and its context, so a page
//! whose template name and context hash as last time renders to the same
//! bytes, and Tera need not run for it. The hash is 128 bits (two keyed
//! SipHash-1-3 over the context's JSON), so two different contexts do not
//! meet in practice. The caller clears it when the theme changes.
//!
//! A page made of parts (`render::parts`) is hashed with its parts' hashes,
//! and the parts' HTML is kept with the page: when the page changed, a part
//! whose template and view hash as one of that page's parts last time is
//! taken from here instead of rendered.

use std::collections::HashMap;
use std::hash::Hasher as _;
use std::sync::Arc;

/// A page's parts of the last render: their HTML by hash.
pub(super) type Parts = HashMap<u128, Arc<str>>;

/// Pages of the last render, by path, with the hash of what made them.
#[derive(Default)]
pub struct Reuse {
    pages: HashMap<String, (u128, Arc<Vec<u8>>, Parts)>,
    /// Pages of the last render taken from here, not rendered.
    pub kept: Vec<(String, Arc<Vec<u8>>)>,
    /// Pages of the last render that were rendered.
    pub rendered: Vec<(String, Arc<Vec<u8>>)>,
    /// The last render's rendered pages made of parts: each page's path, how
    /// many of its parts were rendered, and how many were taken from here.
    pub parts: Vec<(String, usize, usize)>,
}

impl Reuse {
    pub fn clear(&mut self) {
        self.pages.clear();
        self.kept.clear();
        self.rendered.clear();
        self.parts.clear();
    }

    /// Parts of the last render's rendered pages that were rendered, and
    /// that were kept (the parts of kept pages are not counted).
    pub fn part_counts(&self) -> (usize, usize) {
        self.parts.iter().fold((0, 0), |(r, k), (_, pr, pk)| (r + pr, k + pk))
    }

    pub(super) fn get(&self, path: &str, hash: u128) -> Option<Arc<Vec<u8>>> {
        self.pages.get(path).filter(|(h, ..)| *h == hash).map(|(_, b, _)| b.clone())
    }

    /// The parts of the page at `path` when it was last rendered.
    pub(super) fn parts(&self, path: &str) -> Option<&Parts> {
        self.pages.get(path).map(|(.., p)| p)
    }

    pub(super) fn put(&mut self, path: String, hash: u128, bytes: Arc<Vec<u8>>, parts: Parts) {
        self.pages.insert(path, (hash, bytes, parts));
    }
}

struct Both(std::hash::DefaultHasher, std::hash::DefaultHasher);

impl std::io::Write for Both {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        self.1.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Both {
    fn new() -> Both {
        let mut h = Both(std::hash::DefaultHasher::new(), std::hash::DefaultHasher::new());
        h.1.write_u64(0x9e37_79b9_7f4a_7c15);
        h
    }

    fn bytes(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
        self.1.write(bytes);
    }

    fn finish(&self) -> u128 {
        (u128::from(self.0.finish()) << 64) | u128::from(self.1.finish())
    }
}

/// The hash of a page's template and context held as JSON (`PageJob::json`).
pub(super) fn hash_json(template: &str, json: &[u8]) -> u128 {
    hash_with(template, |h| {
        // Writing to a hasher cannot fail.
        let _ = h.write_all(json);
    })
}

/// The hash of a template and what `write` writes (a context's JSON).
pub(super) fn hash_with(template: &str, write: impl FnOnce(&mut dyn std::io::Write)) -> u128 {
    let mut h = Both::new();
    h.bytes(template.as_bytes());
    h.bytes(&[0xff]);
    write(&mut h);
    h.finish()
}

/// A page's hash (`page`, of its template and context) combined with its
/// parts' slots and hashes, in order.
pub(super) fn with_parts<'a>(page: u128, parts: impl Iterator<Item = (&'a str, u128)>) -> u128 {
    let mut h = Both::new();
    h.bytes(&page.to_le_bytes());
    for (slot, part) in parts {
        h.bytes(slot.as_bytes());
        h.bytes(&[0xff]);
        h.bytes(&part.to_le_bytes());
    }
    h.finish()
}

/// The hash of a page's template and context.
pub(super) fn hash(template: &str, context: &tera::Context) -> u128 {
    hash_with(template, |h| {
        for key in ["layout", "page"] {
            // Writing to a hasher cannot fail.
            let _ = serde_json::to_writer(&mut *h, &context.get(key));
            let _ = h.write_all(&[0xff]);
        }
    })
}
