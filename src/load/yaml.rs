//! Reading catalog files safely and parsing YAML with positions.
//!
//! Why our own checks before the parser: a size cap keeps a 50 MB file from
//! being read at all, and our UTF-8 check reports the line and column of the
//! first bad byte, which a generic decoding error does not. The parser then
//! runs with an explicit budget (depth, nodes, aliases) so alias bombs and
//! deep nesting fail fast with a located error instead of exhausting memory.

use std::io::Read as _;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{DuplicateKeyPolicy, MergeKeyPolicy, Options};

use crate::diag::{Diagnostic, Pos, closest};

/// Largest catalog file read, in bytes. A state's largest real file is a few
/// kilobytes; 4 MiB leaves room for long crosswalks and guidance documents.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a file as UTF-8 text, refusing oversize files and invalid bytes.
/// A leading UTF-8 byte-order mark is dropped (editors on Windows add it).
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let io_err = |e: std::io::Error| Diagnostic::at(path, None, format!("cannot read the file: {e}"));
    let file = std::fs::File::open(path).map_err(io_err)?;
    let len = file.metadata().map_err(io_err)?.len();
    if len > MAX_FILE_BYTES {
        return Err(Diagnostic::at(
            path,
            None,
            format!("the file is {len} bytes; catalog files may be at most {MAX_FILE_BYTES} bytes"),
        )
        .with_hint("split it: one service per file under services/, one crosswalk per file under crosswalks/"));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // Read one byte past the cap in case the file grew after the metadata call.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io_err)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Diagnostic::at(path, None, format!("the file is larger than {MAX_FILE_BYTES} bytes")));
    }
    decode(path, bytes)
}

/// Decodes a file's bytes as UTF-8, dropping a leading byte-order mark and
/// locating the first invalid byte. Files over the size cap are refused here
/// too, so text handed in from memory meets the same limits as files read.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Diagnostic::at(path, None, format!("the file is larger than {MAX_FILE_BYTES} bytes")));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").map(<[u8]>::to_vec).unwrap_or(bytes);
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            // `good` is valid UTF-8 by construction.
            let good = std::str::from_utf8(good).unwrap_or_default();
            let line = good.matches('\n').count() + 1;
            let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(Diagnostic::at(path, Some(Pos { line, col, len: 1 }), "the file is not valid UTF-8")
                .with_hint("save the file as UTF-8"))
        }
    }
}

fn options() -> Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 32,
            max_nodes: 200_000,
            max_aliases: 100,
            max_anchors: 100,
            max_documents: 1,
            max_events: 500_000,
            max_total_scalar_bytes: 8 * 1024 * 1024,
        },
        duplicate_keys: DuplicateKeyPolicy::Error,
        merge_keys: MergeKeyPolicy::Error,
        strict_booleans: true,
    }
}

/// Parses one YAML document into `T`. `line_offset` is added to reported lines
/// (front matter starts on line 2 of a Markdown file).
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str, line_offset: usize) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options(text, options()).map_err(|e| to_diagnostic(path, text, line_offset, &e))
}

fn to_diagnostic(path: &Path, text: &str, line_offset: usize, e: &serde_saphyr::Error) -> Diagnostic {
    let inner = e.without_snippet();
    let message = clean_message(&inner.to_string());
    let pos = inner.location().filter(|l| l.line() > 0).map(|l| {
        let line = l.line() as usize;
        let col = (l.column() as usize).max(1);
        let len = token_len(text, line, col);
        Pos { line: line + line_offset, col, len }
    });
    // An empty file (or one with only comments) is a missing document.
    let pos = pos.or_else(|| (!message.is_empty()).then_some(Pos { line: 1 + line_offset, col: 1, len: 1 }));
    let (message, hint) = explain(message);
    let mut d = Diagnostic::at(path, pos, message);
    if let Some(h) = hint {
        d = d.with_hint(h);
    }
    d
}

/// Restates parser messages in the catalog author's terms, with a hint.
fn explain(message: String) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(", set DuplicateKeyPolicy").next().unwrap_or(rest);
        return (
            format!("duplicate key `{key}`"),
            Some("each key may appear only once in a mapping: delete one".into()),
        );
    }
    if message == "unexpected end of input" {
        return (
            "the file is empty".into(),
            Some("a catalog file holds one YAML mapping; see docs/catalog-format.md".into()),
        );
    }
    if message.contains("found a tab") || message.contains("tabs") {
        return (message, Some("YAML indentation must use spaces, not tabs".into()));
    }
    if message.contains("merge key") || message.contains("MergeKey") {
        return ("merge keys (`<<`) are not allowed in a catalog".into(), Some("write the fields out in full".into()));
    }
    if let Some(breach) = message.strip_prefix("budget breached: ") {
        let (message, hint) = budget_breach(breach);
        return (message.into(), Some(hint.into()));
    }
    if message.contains("recursion") || message.contains("depth") {
        return (message, Some("a catalog file may nest at most 32 levels".into()));
    }
    let hint = suggestion(&message);
    (message, hint)
}

/// A limit of [`options`] that a file went over, in the author's terms, with
/// the limit it broke. `breach` is the parser's name for it (`Aliases {
/// aliases: 101 }`).
fn budget_breach(breach: &str) -> (&'static str, &'static str) {
    let kind = breach.split([' ', '{']).next().unwrap_or(breach);
    match kind {
        "Aliases" => (
            "the file uses more than 100 YAML aliases (`*name`)",
            "a catalog file may use at most 100 aliases: write the repeated values out in full",
        ),
        "Anchors" => (
            "the file defines more than 100 YAML anchors (`&name`)",
            "a catalog file may define at most 100 anchors: write the repeated values out in full",
        ),
        "AliasAnchorRatio" => (
            "the file repeats its anchors through aliases far more often than a catalog file needs",
            "write the repeated values out in full",
        ),
        "Depth" => ("the file nests more than 32 levels deep", "a catalog file may nest at most 32 levels"),
        "Nodes" => (
            "the file holds more than 200,000 YAML values",
            "split it into smaller files: a service, crosswalk or guidance document each has its own",
        ),
        "Events" => (
            "the file holds more than 500,000 YAML events",
            "split it into smaller files: a service, crosswalk or guidance document each has its own",
        ),
        "ScalarBytes" => (
            "the file holds more than 8 MiB of text",
            "split it into smaller files: a service, crosswalk or guidance document each has its own",
        ),
        "Documents" => (
            "the file holds more than one YAML document",
            "a catalog file is one YAML document: remove the `---` line that starts the second",
        ),
        _ => (
            "the file is larger or more complex than a catalog file may be",
            "a catalog file may nest at most 32 levels, use at most 100 aliases and anchors, and hold at most 200,000 values and 8 MiB of text",
        ),
    }
}

/// The parser's message without its trailing position (we print our own).
fn clean_message(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw).trim();
    let first = match first.find(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    // "... (defined at line 3)" cut at its position leaves "(defined": drop
    // the open parenthesis and what follows it.
    let first = match first.rfind(" (") {
        Some(i) if first.matches('(').count() > first.matches(')').count() => &first[..i],
        _ => first,
    };
    first.trim_end_matches('.').to_string()
}

/// Length of the key or scalar starting at `line:col`, for the caret.
fn token_len(text: &str, line: usize, col: usize) -> usize {
    let Some(l) = text.lines().nth(line - 1) else { return 1 };
    let rest: String = l.chars().skip(col - 1).collect();
    let n = rest.chars().take_while(|c| !matches!(c, ':' | ',' | ']' | '}' | '#') && !c.is_whitespace()).count();
    n.max(1)
}

/// (what a newcomer writes, the catalog's field, a one-line example).
const SYNONYMS: &[(&str, &str, &str)] = &[
    ("source", "cites", "cites: [{source: or-manual, locator: \"Section 4\"}]"),
    ("sources", "cites", "cites: [{source: or-manual, locator: \"Section 4\"}]"),
    ("citations", "cites", "cites: [{source: or-manual, locator: \"Section 4\"}]"),
    ("codes", "billing", "billing: [{system: CPT, code: \"90791\"}]"),
    ("code", "billing", "billing: [{system: CPT, code: \"90791\"}]"),
    ("ages", "age", "age: {min_months: 0, max_months: 71}"),
    ("setting", "settings", "settings: [{name: Home, kind: home}]"),
    ("provider", "providers", "providers: [{kind: \"Licensed clinical social worker\", credentials: [LCSW]}]"),
    ("date", "as_of", "as_of: \"2025-07\""),
    ("link", "url", "url: \"https://agency.example.gov/manual\""),
];

/// "did you mean" for serde's `unknown field`/`unknown variant` messages,
/// which list the expected names in backquotes.
pub fn suggestion(message: &str) -> Option<String> {
    let (kind, rest) = if let Some(r) = message.strip_prefix("unknown field `") {
        ("field", r)
    } else if let Some(r) = message.strip_prefix("unknown variant `") {
        ("value", r)
    } else {
        return None;
    };
    let (word, rest) = rest.split_once('`')?;
    // Serde lists the choices as "expected one of `a`, `b`"; the YAML layer
    // may drop the backquotes, so accept both spellings.
    let list = rest.split_once("expected").map_or("", |(_, l)| l);
    let list = list.trim_start().strip_prefix("one of").unwrap_or(list);
    let expected: Vec<&str> = list
        .split([',', ' '])
        .map(|w| w.trim_matches(|c: char| c == '`' || c.is_whitespace()))
        .filter(|w| !w.is_empty() && *w != "or")
        .collect();
    if let Some(best) = closest(word, expected.iter().copied()) {
        return Some(format!("did you mean `{best}`?"));
    }
    // Words a newcomer writes for a field the format names otherwise.
    if let Some((_, field, example)) = SYNONYMS.iter().find(|(w, f, _)| *w == word && expected.contains(f)) {
        return Some(format!("the field is `{field}`, for example `{example}`"));
    }
    // The message itself lists the choices when it says "one of".
    (!expected.is_empty() && !rest.contains("one of"))
        .then(|| format!("expected a {kind} among: {}", expected.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestion_from_unknown_field() {
        let m = "unknown field `categry`, expected one of `id`, `name`, `category`";
        assert_eq!(suggestion(m).as_deref(), Some("did you mean `category`?"));
    }

    #[test]
    fn suggestion_lists_choices_when_nothing_is_close() {
        let m = "unknown variant `zz`, expected `child` or `caregiver`";
        assert_eq!(suggestion(m).as_deref(), Some("expected a value among: child, caregiver"));
        let m = "unknown variant `per15`, expected one of per_15_min, session, encounter";
        assert_eq!(suggestion(m).as_deref(), Some("did you mean `per_15_min`?"));
    }

    #[test]
    fn token_len_stops_at_colon() {
        assert_eq!(token_len("a: 1\ncategry: x\n", 2, 1), 7);
    }
}

#[cfg(test)]
mod spanned_tests {
    use super::*;
    use crate::load::raw::Spanned;

    #[derive(serde::Deserialize)]
    struct Two {
        a: Spanned<u32>,
        b: Spanned<String>,
        c: Vec<Spanned<String>>,
    }

    /// A spanned value keeps the line and column where it is written, and
    /// for an alias where the alias is written (what a reader must fix).
    #[test]
    fn a_spanned_value_keeps_where_it_is_written() {
        let text = "a: 7\nb:   &x \"quoted\"\nc:\n  - plain\n  -  *x\n";
        let two: Two = parse(Path::new("t.yaml"), text, 0).unwrap();
        assert_eq!((two.a.value, two.a.line, two.a.col), (7, 1, 4));
        assert_eq!((two.b.value.as_str(), two.b.line, two.b.col), ("quoted", 2, 9));
        let c: Vec<_> = two.c.iter().map(|s| (s.value.as_str(), s.line, s.col)).collect();
        assert_eq!(c, [("plain", 4, 5), ("quoted", 5, 6)]);
    }
}
