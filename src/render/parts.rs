//! Parts: pieces of a page rendered on their own, then given to the page's
//! template as HTML.
//!
//! A few pages are large, and an edit changes only a small piece of them:
//! one service's section of a state's printable guide, one state's rows on a
//! national code page. Such a page is made with [`super::PageJob::with_parts`]:
//! each part is a template and a small view, rendered into a string before
//! the page. The page's template sees the strings in `parts.<slot>` (an array
//! per slot, in the order the parts were made, each slot present even when
//! empty) and writes them with `| safe`; a part's template sees only its view,
//! as `part`, and escapes it as any template does.
//!
//! In an incremental render (`coverguide serve`, [`super::Reuse`]) each part
//! is hashed, the page's hash covers its parts' hashes, and a page that
//! changed renders only the parts whose hash is not among that page's parts
//! last time; the others' HTML is taken from [`super::Reuse`]. A build
//! renders the page first, with a marker in each part's place ([`marker`]),
//! then each part as the page is written ([`super::PageJob::emit`]), so a
//! large page and its parts are never whole in memory.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Theme;
use super::theme::tera_message;
use crate::error::{Error, Result};

/// One part of a page: the slot it fills in the page's `parts`, its
/// template, and its view.
pub(crate) struct Part {
    pub slot: &'static str,
    pub template: &'static str,
    view: Box<dyn PartView>,
}

/// A part's view, with its type erased: what rendering and hashing need.
trait PartView: Send + Sync {
    fn write_json(&self, out: &mut dyn std::io::Write) -> serde_json::Result<()>;
    fn context(&self) -> std::result::Result<tera::Context, tera::Error>;
}

#[derive(Serialize)]
struct PartContext<'a, T: Serialize> {
    part: &'a T,
}

impl<T: Serialize + Send + Sync> PartView for T {
    fn write_json(&self, out: &mut dyn std::io::Write) -> serde_json::Result<()> {
        serde_json::to_writer(out, self)
    }

    fn context(&self) -> std::result::Result<tera::Context, tera::Error> {
        tera::Context::from_serialize(PartContext { part: self })
    }
}

impl Part {
    pub fn new<T: Serialize + Send + Sync + 'static>(slot: &'static str, template: &'static str, view: T) -> Part {
        Part { slot, template, view: Box::new(view) }
    }

    /// The part's HTML.
    pub(super) fn render(&self, theme: &Theme) -> Result<String> {
        let error = |e: tera::Error| Error::Template { name: self.template.into(), message: tera_message(&e) };
        let context = self.view.context().map_err(error)?;
        theme.tera.render(self.template, &context).map_err(error)
    }

    /// The hash of the part's template and view (see [`super::reuse`]).
    pub(super) fn hash(&self) -> u128 {
        // Serialized whole, then hashed: written straight into the hasher,
        // a view arrives in many small pieces, and hashing them one by one
        // cost four times as much.
        let mut json = Vec::with_capacity(4096);
        // Writing to a Vec cannot fail, nor can serializing a view.
        let _ = self.view.write_json(&mut json);
        super::reuse::hash_json(self.template, &json)
    }
}

/// A context holding only `parts`, for the page's context to take: every
/// slot in `slots`, then any other a part names, each with its parts' HTML
/// (given with each part's slot, and taken without copying) in order.
pub(super) fn context(slots: &[&str], html: impl IntoIterator<Item = (&'static str, String)>) -> tera::Context {
    use tera::Value;
    let mut by_slot: BTreeMap<&str, Vec<Value>> = slots.iter().map(|s| (*s, Vec::new())).collect();
    for (slot, html) in html {
        by_slot.entry(slot).or_default().push(Value::String(html));
    }
    let by_slot = by_slot.into_iter().map(|(slot, html)| (slot.to_string(), Value::Array(html))).collect();
    let root = serde_json::Map::from_iter([("parts".to_string(), Value::Object(by_slot))]);
    // `insert` would copy the HTML; an object is always a context.
    tera::Context::from_value(Value::Object(root)).unwrap_or_default()
}

/// What stands for part `i` in a page rendered before its parts
/// ([`super::PageJob::emit`]): an HTML comment, which no catalog text can
/// put in a page (text is escaped, and Markdown's raw HTML is left out).
pub(super) fn marker(i: usize) -> String {
    format!("{MARKER}{i}-->")
}

const MARKER: &str = "<!--coverguide-part:";

/// `page` cut at the markers of parts below `count`: each piece of text,
/// with the part that follows it (`None` after the last piece). Anything
/// else that looks like a marker stays text.
pub(super) fn split(page: &str, count: usize) -> Vec<(&str, Option<usize>)> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some(at) = page[from..].find(MARKER).map(|k| from + k) {
        let rest = &page[at + MARKER.len()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let part = rest[..digits].parse::<usize>().ok().filter(|i| *i < count && rest[digits..].starts_with("-->"));
        match part {
            Some(i) => {
                pieces.push((&page[start..at], Some(i)));
                start = at + MARKER.len() + digits + 3;
                from = start;
            }
            None => from = at + MARKER.len(),
        }
    }
    pieces.push((&page[start..], None));
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_cut_at_its_parts_markers_only() {
        let page =
            format!("<p>a</p>{}<p>b</p>{}{}<!--coverguide-part:x-->{}", marker(1), marker(0), marker(1), marker(7));
        assert_eq!(
            split(&page, 2),
            vec![
                ("<p>a</p>", Some(1)),
                ("<p>b</p>", Some(0)),
                ("", Some(1)),
                ("<!--coverguide-part:x--><!--coverguide-part:7-->", None),
            ]
        );
        assert_eq!(split("no parts", 3), vec![("no parts", None)]);
        assert_eq!(split("", 0), vec![("", None)]);
    }
}
