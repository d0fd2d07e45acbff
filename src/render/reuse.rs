//! Reusing rendered pages between incremental renders (`coverguide serve`).
//!
//! A page is a pure function of its template and its context, so a page
//! whose template name and context hash as last time renders to the same
//! bytes, and Tera need not run for it. The hash is 128 bits (two keyed
//! SipHash-1-3 over the context's JSON), so two different contexts do not
//! meet in practice. The caller clears it when the theme changes.

use std::collections::HashMap;
use std::hash::Hasher as _;
use std::sync::Arc;

/// Pages of the last render, by path, with the hash of what made them.
#[derive(Default)]
pub struct Reuse {
    pages: HashMap<String, (u128, Arc<Vec<u8>>)>,
    /// Pages of the last render taken from here, not rendered.
    pub kept: Vec<(String, Arc<Vec<u8>>)>,
    /// Pages of the last render that were rendered.
    pub rendered: Vec<(String, Arc<Vec<u8>>)>,
}

impl Reuse {
    pub fn clear(&mut self) {
        self.pages.clear();
        self.kept.clear();
        self.rendered.clear();
    }

    pub(super) fn get(&self, path: &str, hash: u128) -> Option<Arc<Vec<u8>>> {
        self.pages.get(path).filter(|(h, _)| *h == hash).map(|(_, b)| b.clone())
    }

    pub(super) fn put(&mut self, path: String, hash: u128, bytes: Arc<Vec<u8>>) {
        self.pages.insert(path, (hash, bytes));
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

/// The hash of a page's template and context held as JSON (`PageJob::json`).
pub(super) fn hash_json(template: &str, json: &[u8]) -> u128 {
    let mut h = Both(std::hash::DefaultHasher::new(), std::hash::DefaultHasher::new());
    h.1.write_u64(0x9e37_79b9_7f4a_7c15);
    for part in [template.as_bytes(), &[0xff], json] {
        h.0.write(part);
        h.1.write(part);
    }
    (u128::from(h.0.finish()) << 64) | u128::from(h.1.finish())
}

/// The hash of a page's template and context.
pub(super) fn hash(template: &str, context: &tera::Context) -> u128 {
    let mut h = Both(std::hash::DefaultHasher::new(), std::hash::DefaultHasher::new());
    h.1.write_u64(0x9e37_79b9_7f4a_7c15);
    h.0.write(template.as_bytes());
    h.1.write(template.as_bytes());
    for key in ["layout", "page"] {
        // Writing to a hasher cannot fail.
        let _ = serde_json::to_writer(&mut h, &context.get(key));
        h.0.write_u8(0xff);
        h.1.write_u8(0xff);
    }
    (u128::from(h.0.finish()) << 64) | u128::from(h.1.finish())
}
