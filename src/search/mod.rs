//! Search stage: the validated model in, the search data files out.
//!
//! Pure, like render: nothing is read or written here. For each state it
//! writes `search/<st>.js` with one document per service, crosswalk row,
//! guidance section, cited fact and the state overview; `search/national.js`
//! holds the national pages; `search/directory.js` lists every term with the
//! files that hold it, so national search loads only the states a query can
//! match.
//!
//! The files are JavaScript (`(self.coverguideSearchData ||= []).push({...})`)
//! rather than JSON because a page opened from disk (`file://`) may load a
//! script but may not fetch a file. Terms are made here ([`normalize`]), so
//! the browser indexes documents without re-parsing any text or page.

mod directory;
mod docs;
pub mod facets;
pub mod normalize;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

pub use directory::Directory;
pub use docs::{Doc, FIELDS};

use crate::error::Result;
use crate::model::Catalog;
use crate::render::OutputFile;

/// A set of short strings hashed with FNV-1a, which is several times faster
/// than the default hasher on words and codes. Terms come from the catalog,
/// whose files a build trusts and caps in size, so hash flooding is no
/// concern here.
pub(crate) type TermSet<T> = std::collections::HashSet<T, std::hash::BuildHasherDefault<Fnv>>;
pub(crate) type TermMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

#[derive(Default)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Bumped when the shape of the data files changes.
pub const FORMAT: u32 = 1;

/// The key of the shard that holds the national pages.
pub const NATIONAL: &str = "national";

/// One data file: a state's documents, or the national ones.
#[derive(Debug, Serialize)]
pub struct Shard {
    pub v: u32,
    /// `or`, or `national`.
    pub key: String,
    /// `Oregon`, or `National pages`.
    pub name: String,
    /// Labels of facet values, per facet group, in the order they are shown.
    pub labels: BTreeMap<&'static str, Vec<(String, String)>>,
    pub docs: Vec<Doc>,
}

impl Shard {
    /// The shard's data file.
    fn file(&self) -> OutputFile {
        script_file(Shard::path(&self.key), self)
    }

    /// The file this shard is written to, from the site root.
    pub fn path(key: &str) -> String {
        format!("search/{key}.js")
    }
}

/// Every search data file of a site.
#[derive(Debug)]
pub struct SearchData {
    pub shards: Vec<Shard>,
    pub directory: Directory,
}

/// Builds the documents of every state and of the national pages.
pub fn build(catalog: &Catalog) -> SearchData {
    let shards: Vec<Shard> = scopes(catalog).par_iter().map(|state| shard(catalog, *state)).collect();
    let directory = Directory::new(&shards);
    SearchData { shards, directory }
}

/// [`build`]'s files, each handed to `emit` as soon as it is made, from the
/// rendering threads: a shard is made, written and dropped, so the search
/// data of a large catalog is never whole in memory. The same files as
/// [`SearchData::files`].
pub fn each(catalog: &Catalog, emit: &dyn crate::render::Emit) -> Result<()> {
    // One state per piece of work (see `render::render_each`).
    let parts: Vec<directory::ShardTerms> = scopes(catalog)
        .par_iter()
        .with_max_len(1)
        .map(|state| {
            let shard = shard(catalog, *state);
            let part = directory::ShardTerms::of(&shard);
            // Serialized straight into its file: a large state's shard is
            // tens of MB of JSON.
            emit.stream(Shard::path(&shard.key), &mut |w| write_script(w, &shard))?;
            Ok(part)
        })
        .collect::<Result<_>>()?;
    emit.file(directory_file(&Directory::of(parts)))
}

/// The states, then `None` for the national pages: one shard each.
fn scopes(catalog: &Catalog) -> Vec<Option<&crate::model::State>> {
    let mut keys: Vec<Option<&crate::model::State>> = catalog.states.values().map(|s| Some(&**s)).collect();
    keys.push(None);
    keys
}

fn shard(catalog: &Catalog, state: Option<&crate::model::State>) -> Shard {
    let mut b = docs::Builder::new(catalog);
    let (key, name) = match state {
        Some(s) => {
            b.state(s);
            (s.code.as_str().to_string(), s.name.clone())
        }
        None => {
            b.national();
            (NATIONAL.to_string(), "National pages".to_string())
        }
    };
    let labels = labels(b.labels);
    Shard { v: FORMAT, key, name, labels, docs: b.docs }
}

fn directory_file(directory: &Directory) -> OutputFile {
    script_file("search/directory.js".into(), directory)
}

/// [`write_script`] into a file held in memory.
fn script_file<T: Serialize>(path: String, value: &T) -> OutputFile {
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_script(&mut bytes, value);
    OutputFile { path, bytes }
}

/// Labels for every facet value: fixed ones in their fixed order, free-text
/// ones (settings, credentials) sorted by label.
fn labels(free: docs::Labels) -> BTreeMap<&'static str, Vec<(String, String)>> {
    let own = |list: &[(&str, &str)]| list.iter().map(|(k, l)| (k.to_string(), l.to_string())).collect::<Vec<_>>();
    let mut out = BTreeMap::new();
    out.insert("type", facets::KINDS.iter().map(|k| (k.key().to_string(), k.label().to_string())).collect());
    out.insert("cat", facets::categories().map(|(k, l)| (k.to_string(), l.to_string())).collect());
    out.insert("age", facets::AGE_BANDS.iter().map(|(k, l, _, _)| (k.to_string(), l.to_string())).collect());
    out.insert("sys", own(&facets::SYSTEMS));
    out.insert("bill", own(&facets::BILLED));
    for (group, values) in free {
        let mut list: Vec<(String, String)> = values.into_iter().collect();
        list.sort_by(|a, b| a.1.to_lowercase().cmp(&b.1.to_lowercase()).then_with(|| a.0.cmp(&b.0)));
        out.insert(group, list);
    }
    out
}

/// Writes `value` as JSON in the script statement a page loads from disk or
/// a server. `</script` can never matter in a separate file, but U+2028 and
/// U+2029 are line ends in older JavaScript engines: they are escaped.
fn write_script<T: Serialize>(w: &mut dyn std::io::Write, value: &T) -> std::io::Result<()> {
    w.write_all(b"(self.coverguideSearchData=self.coverguideSearchData||[]).push(")?;
    let mut json = LineSeps { inner: &mut *w, held: Vec::new() };
    serde_json::to_writer(&mut json, value).map_err(std::io::Error::other)?;
    json.finish()?;
    w.write_all(b");\n")
}

/// A writer that escapes U+2028 and U+2029 (`\u2028`, `\u2029`) in the
/// UTF-8 written through it, however the writes cut the characters. In JSON
/// those characters occur only inside strings, where the escape means them.
struct LineSeps<W: std::io::Write> {
    inner: W,
    /// The end of the last write when it could begin either character.
    held: Vec<u8>,
}

impl<W: std::io::Write> LineSeps<W> {
    /// Writes what is held (a cut character that was not one of the two).
    fn finish(&mut self) -> std::io::Result<()> {
        let held = std::mem::take(&mut self.held);
        self.inner.write_all(&held)
    }
}

impl<W: std::io::Write> std::io::Write for LineSeps<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let joined;
        let data: &[u8] = if self.held.is_empty() {
            buf
        } else {
            let mut v = std::mem::take(&mut self.held);
            v.extend_from_slice(buf);
            joined = v;
            &joined
        };
        let mut start = 0;
        let mut i = 0;
        while i < data.len() {
            if data[i] != 0xE2 {
                i += 1;
                continue;
            }
            match (data.get(i + 1), data.get(i + 2)) {
                (Some(0x80), Some(&last @ (0xA8 | 0xA9))) => {
                    self.inner.write_all(&data[start..i])?;
                    self.inner.write_all(if last == 0xA8 { b"\\u2028" } else { b"\\u2029" })?;
                    i += 3;
                    start = i;
                }
                (None, _) | (Some(0x80), None) => {
                    self.inner.write_all(&data[start..i])?;
                    self.held = data[i..].to_vec();
                    return Ok(buf.len());
                }
                _ => i += 1,
            }
        }
        self.inner.write_all(&data[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl SearchData {
    /// The data files, by path from the site root.
    pub fn files(&self) -> Vec<OutputFile> {
        let mut out: Vec<OutputFile> = self.shards.par_iter().map(Shard::file).collect();
        out.push(directory_file(&self.directory));
        out
    }
}

#[cfg(test)]
mod script_tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn line_separators_are_escaped_however_the_writes_cut_them() {
        let text = "a\u{2028}b\u{2029}c\u{2027}d\u{20ac}e\u{2028}";
        let bytes = text.as_bytes();
        let want = "a\\u2028b\\u2029c\u{2027}d\u{20ac}e\\u2028";
        // Every way of cutting the text in two writes, and one byte at a time.
        for cut in 0..=bytes.len() {
            let mut out = Vec::new();
            let mut w = LineSeps { inner: &mut out, held: Vec::new() };
            w.write_all(&bytes[..cut]).unwrap();
            w.write_all(&bytes[cut..]).unwrap();
            w.finish().unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), want, "cut at {cut}");
        }
        let mut out = Vec::new();
        let mut w = LineSeps { inner: &mut out, held: Vec::new() };
        for b in bytes {
            w.write_all(std::slice::from_ref(b)).unwrap();
        }
        w.finish().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), want);
    }

    #[test]
    fn a_script_holds_the_json_of_its_value() {
        let mut out = Vec::new();
        write_script(&mut out, &vec!["x\u{2028}y", "z"]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "(self.coverguideSearchData=self.coverguideSearchData||[]).push([\"x\\u2028y\",\"z\"]);\n"
        );
    }
}
