//! Diagnostics: located problems in catalog files, and how they are printed.
//!
//! Location is data, not prose: every diagnostic carries the file, a 1-based
//! line and column (character-based, as the YAML parser reports them) and the
//! length of the offending text, so it can be rendered as
//! `path:line:col: error: message` followed by the source line with a caret.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// One problem found in the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path as the user named it (catalog dir joined with the relative path).
    pub file: PathBuf,
    /// 1-based line and column; `None` for problems with a whole file or folder.
    pub pos: Option<Pos>,
    pub message: String,
    /// A suggestion such as "did you mean `category`?".
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
    /// Characters to underline (at least one caret is drawn).
    pub len: usize,
}

impl Diagnostic {
    pub fn at(file: &Path, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic { file: file.to_path_buf(), pos, message: message.into(), hint: None }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Renders the header line and, when the source text is given, the
    /// offending line with a caret under the problem.
    pub fn render(&self, source: Option<&str>) -> String {
        let mut out = String::new();
        let path = self.file.display();
        match self.pos {
            Some(p) => {
                let _ = writeln!(out, "{path}:{}:{}: error: {}", p.line, p.col, self.message);
            }
            None => {
                let _ = writeln!(out, "{path}: error: {}", self.message);
            }
        }
        let line_text = match (self.pos, source) {
            (Some(p), Some(src)) => src.lines().nth(p.line.saturating_sub(1)),
            _ => None,
        };
        let mut group = Group::with_level(Level::ERROR);
        let mut has_elements = false;
        if let (Some(p), Some(text)) = (self.pos, line_text) {
            let start = char_to_byte(text, p.col.saturating_sub(1));
            // A quoted scalar's position is its opening quote: underline the quotes too.
            let quoted = matches!(text[start..].chars().next(), Some('"' | '\''));
            let len = if quoted && p.len > 1 { p.len + 2 } else { p.len.max(1) };
            let end = char_to_byte(text, p.col.saturating_sub(1) + len).max(start);
            // An empty span (error at end of line) still gets one caret.
            let span = if end > start { start..end } else { start..start };
            group = group.element(
                Snippet::source(text).line_start(p.line).fold(false).annotation(AnnotationKind::Primary.span(span)),
            );
            has_elements = true;
        }
        if let Some(h) = &self.hint {
            group = group.element(Level::HELP.message(h.as_str()));
            has_elements = true;
        }
        if has_elements {
            let rendered = Renderer::plain().render(&[group]);
            out.push_str(&rendered);
            if !rendered.ends_with('\n') {
                out.push('\n');
            }
        }
        out
    }
}

fn char_to_byte(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

/// All problems found in one run, in a stable order (by file, then position).
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Sorts by file and position and drops exact repeats, so output does not
    /// depend on the order files were walked or checks were run.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| (&a.file, a.pos, &a.message).cmp(&(&b.file, b.pos, &b.message)));
        self.items.dedup();
    }
}

/// Suggests the closest candidate to `word`, for "did you mean" hints.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_header_caret_and_hint() {
        let d = Diagnostic::at(
            Path::new("catalog/states/or/services/x.yaml"),
            Some(Pos { line: 2, col: 1, len: 7 }),
            "unknown field `categry`",
        )
        .with_hint("did you mean `category`?");
        let text = d.render(Some("id: or-x\ncategry: dyadic\n"));
        let expected = "catalog/states/or/services/x.yaml:2:1: error: unknown field `categry`\n  |\n2 | categry: dyadic\n  | ^^^^^^^\n  |\n  = help: did you mean `category`?\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn closest_finds_near_miss_only() {
        assert_eq!(closest("categry", ["id", "category", "name"]), Some("category"));
        assert_eq!(closest("zzz", ["id", "category"]), None);
    }
}
