//! Theme lookup: one function, one written precedence.
//!
//! For each template or static file, the first of these that has it wins:
//! 1. the user's theme folder (`--theme DIR`: `DIR/templates/*.html`, `DIR/static/**`);
//! 2. the default theme, compiled into the binary from `themes/default/`.
//!
//! So a user theme may override any single file and needs to hold nothing
//! else. Templates are parsed once, here, and shared by every page.

use std::path::Path;

use tera::Tera;
use walkdir::WalkDir;

use crate::error::{Error, Result};

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates, embedded at compile time.
const DEFAULT_TEMPLATES: &[(&str, &str)] = embed!(
    "base.html",
    "macros.html",
    "home.html",
    "state.html",
    "services.html",
    "service.html",
    "guidance.html",
    "crosswalk.html",
    "sources.html",
    "404.html",
    "code.html",
    "icd10cm.html",
    "codes.html",
    "compare_macros.html",
    "compare.html",
    "compare_dimension.html",
    "compare_pair.html",
    "data.html",
    "search.html",
    "az.html",
    "service_macros.html",
    "guide.html",
    "guide_service.html",
    "guide_crosswalk.html",
    "guide_doc.html",
    "code_uses.html",
    "icd10cm_services.html",
);

/// The default theme's static assets, embedded at compile time.
const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    ("sort-table.js", include_bytes!("../../themes/default/static/sort-table.js")),
    ("compare.js", include_bytes!("../../themes/default/static/compare.js")),
    ("style.css", include_bytes!("../../themes/default/static/style.css")),
    ("search.js", include_bytes!("../../themes/default/static/search.js")),
    ("print.js", include_bytes!("../../themes/default/static/print.js")),
    // MiniSearch, vendored by tools/update-minisearch.sh with its licence.
    ("minisearch/minisearch.js", include_bytes!("../../themes/default/static/minisearch/minisearch.js")),
    ("minisearch/LICENSE.txt", include_bytes!("../../themes/default/static/minisearch/LICENSE.txt")),
];

pub struct Theme {
    pub tera: Tera,
    /// Paths relative to `static/`, sorted, with their bytes.
    pub static_files: Vec<(String, Vec<u8>)>,
}

impl Theme {
    /// Loads the default theme, overlaid with `user` if given, its
    /// templates as written.
    pub fn load(user: Option<&Path>) -> Result<Theme> {
        Theme::load_with(user, false)
    }

    /// [`Theme::load`], with the HTML templates minified when `minify` is
    /// set (see [`super::compact`]): what `coverguide build` publishes.
    pub fn load_with(user: Option<&Path>, minify: bool) -> Result<Theme> {
        let mut templates: Vec<(String, String)> =
            DEFAULT_TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        let mut statics: Vec<(String, Vec<u8>)> =
            DEFAULT_STATIC.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect();
        if let Some(dir) = user {
            if !dir.is_dir() {
                return Err(Error::Usage(format!("the theme folder {} does not exist", dir.display())));
            }
            for (rel, bytes) in read_tree(&dir.join("templates"))? {
                let text = String::from_utf8(bytes)
                    .map_err(|_| Error::Template { name: rel.clone(), message: "not valid UTF-8".into() })?;
                overlay(&mut templates, rel, text);
            }
            for (rel, bytes) in read_tree(&dir.join("static"))? {
                overlay(&mut statics, rel, bytes);
            }
        }
        if minify {
            for (_, text) in templates.iter_mut().filter(|(n, _)| n.ends_with(".html")) {
                *text = super::compact::compact(text);
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| Error::Template { name: "theme".into(), message: tera_message(&e) })?;
        Ok(Theme { tera, static_files: statics })
    }
}

fn overlay<T>(list: &mut Vec<(String, T)>, name: String, value: T) {
    match list.iter_mut().find(|(n, _)| *n == name) {
        Some(slot) => slot.1 = value,
        None => {
            list.push((name, value));
            list.sort_by(|a, b| a.0.cmp(&b.0));
        }
    }
}

/// Every file under `dir` (which may not exist), as `/`-separated relative paths.
fn read_tree(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Usage(format!("cannot read theme folder {}: {e}", dir.display())))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel: Vec<&str> = rel.iter().filter_map(|c| c.to_str()).collect();
        let bytes = std::fs::read(entry.path()).map_err(|e| Error::io("read", entry.path(), e))?;
        out.push((rel.join("/"), bytes));
    }
    Ok(out)
}

/// Escapes text for element content and quoted attribute values: `&`, `<`,
/// `>`, `"` and `'`, which is all HTML needs there. (Tera's own function also
/// writes `/` as `&#x2F;`, six bytes for each slash of every link.)
fn escape_html(input: &str) -> String {
    // Byte by byte: the five are ASCII, so every match is a char boundary.
    let bytes = input.as_bytes();
    let special = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    let Some(mut at) = bytes.iter().position(special) else {
        return input.to_string();
    };
    let mut out = String::with_capacity(input.len() + 16);
    let mut start = 0;
    loop {
        out.push_str(&input[start..at]);
        out.push_str(match bytes[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#x27;",
        });
        start = at + 1;
        match bytes[start..].iter().position(special) {
            Some(n) => at = start + n,
            None => break,
        }
    }
    out.push_str(&input[start..]);
    out
}

/// Tera nests the useful part of a message in its error sources.
pub fn tera_message(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn escapes_what_html_needs_and_leaves_slashes() {
        assert_eq!(escape_html("a/b c"), "a/b c");
        assert_eq!(
            escape_html("<img src=x onerror=\"alert('1')\">&amp;"),
            "&lt;img src=x onerror=&quot;alert(&#x27;1&#x27;)&quot;&gt;&amp;amp;"
        );
        assert_eq!(escape_html("Évaluation « x » & y"), "Évaluation « x » &amp; y");
    }

    /// The same as escaping one character at a time, on text that mixes the
    /// five with multi-byte characters at the start, end and side by side.
    #[test]
    fn escapes_as_char_by_char_would() {
        let by_char = |s: &str| -> String {
            s.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#x27;".to_string(),
                    c => c.to_string(),
                })
                .collect()
        };
        let pieces = ["&", "<", ">", "\"", "'", "é", "ü€", "a", " ", "→", "\u{1F600}", "/"];
        let mut cases = vec![String::new()];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    cases.push(format!("{a}{b}{c}"));
                    cases.push(format!("{a}x{b}yy{c}"));
                }
            }
        }
        for case in &cases {
            assert_eq!(escape_html(case), by_char(case), "{case:?}");
        }
    }
}
