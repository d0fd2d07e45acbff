//! Terms: how text and codes become the words the search index holds.
//!
//! The index is made of terms that this module writes and the browser only
//! splits on spaces, so normalization has a single source of truth for the
//! documents. Queries are normalized in the browser by `static/search.js`,
//! which mirrors [`query_terms`] line for line; `tests/search_terms.rs` runs
//! both on the same inputs and requires the same output.
//!
//! What providers type, and what it becomes:
//!
//! | Typed | Terms |
//! |---|---|
//! | `F43.10`, `f4310` | `f4310` (documents also hold `f431` and `f43`, so `F43.1` and `F43` find it) |
//! | `90791` | `90791` |
//! | `H2019-HA`, `H2019 HA`, `H2019HA` | `h2019`, `h2019ha` |
//! | `DC:0-5`, `DC 0-5`, `dc05` | `dc05` |
//! | `Évaluation` | `evaluation` (accents folded, lower case) |
//!
//! Common English words (`the`, `of`, ...) are not indexed.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Words too common to help; neither indexed nor searched. Sorted, for
/// binary search. `static/search.js` holds the same list.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "do", "does", "for", "from", "has", "have",
    "if", "in", "into", "is", "it", "its", "may", "must", "no", "not", "of", "on", "or", "so", "such", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "to", "was", "were", "when", "which", "who",
    "will", "with",
];

/// Lower case, accents removed (canonical decomposition, combining marks dropped).
pub fn fold(text: &str) -> String {
    // Most catalog text is ASCII, which has nothing to decompose.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

fn is_stop_word(t: &str) -> bool {
    // Most words are longer than any stop word.
    t.len() <= 5 && STOP_WORDS.binary_search(&t).is_ok()
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c.is_numeric()
}

/// One run of word characters and what separated it from the previous run.
#[derive(Debug)]
struct Token<'a> {
    text: Cow<'a, str>,
    /// The separator before it: `Some(' ')` for whitespace only, `Some('-')`
    /// when it holds a hyphen or dash, `Some('?')` for anything else, `None`
    /// at the start.
    sep: Option<char>,
    /// An ICD-10-CM code written with its dot (`f43.10`, stored `f4310`).
    dotted_icd: bool,
}

/// `[a-z][0-9][0-9a-z]`: the first three characters of an ICD-10-CM code.
fn is_icd_category(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3
        && b[0].is_ascii_lowercase()
        && b[1].is_ascii_digit()
        && (b[2].is_ascii_digit() || b[2].is_ascii_lowercase())
}

fn is_icd_tail(s: &str) -> bool {
    (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
}

/// A CPT (`90791`, `0001f`) or HCPCS Level II (`h2019`) code.
pub fn is_billing_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && ((b.iter().all(u8::is_ascii_digit))
            || (b[..4].iter().all(u8::is_ascii_digit) && b[4].is_ascii_lowercase())
            || (b[0].is_ascii_lowercase() && b[1..].iter().all(u8::is_ascii_digit)))
}

/// Two letters or digits: a modifier such as `ha`, `u1` or `95`.
fn is_modifier(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
}

/// Replaces `dc:0-5`, `dc 0-5`, `dc0-5`, `dc-0–5` (and `0-3r`, `0-3`) with one
/// word, `dc05`, `dc03r`, `dc03`, in folded text.
fn join_dc(text: &str) -> Cow<'_, str> {
    if !text.contains("dc") {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let at_word_start = i == 0 || !is_word_char(chars[i - 1]);
        let dc = if at_word_start && chars[i] == 'd' && chars.get(i + 1) == Some(&'c') {
            match_dc(&chars, i + 2)
        } else {
            None
        };
        if let Some((word, end)) = dc {
            out.push(' ');
            out.push_str(word);
            out.push(' ');
            i = end;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    Cow::Owned(out)
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}')
}

/// After `dc`: separators, `0`, a dash, then `5`, `3r` or `3` ending a word.
fn match_dc(chars: &[char], mut i: usize) -> Option<(&'static str, usize)> {
    while i < chars.len() && (chars[i] == ':' || chars[i] == ' ' || is_dash(chars[i])) {
        i += 1;
    }
    if chars.get(i) != Some(&'0') {
        return None;
    }
    i += 1;
    while chars.get(i) == Some(&' ') {
        i += 1;
    }
    if !chars.get(i).is_some_and(|c| is_dash(*c)) {
        return None;
    }
    i += 1;
    while chars.get(i) == Some(&' ') {
        i += 1;
    }
    let (word, len) = match (chars.get(i), chars.get(i + 1)) {
        (Some('5'), _) => ("dc05", 1),
        (Some('3'), Some('r')) => ("dc03r", 2),
        (Some('3'), _) => ("dc03", 1),
        _ => return None,
    };
    let end = i + len;
    if chars.get(end).is_some_and(|c| is_word_char(*c)) {
        return None;
    }
    Some((word, end))
}

/// Splits folded text into runs of word characters. A dot joins an ICD-10-CM
/// category to its tail (`f43.10`); any other punctuation separates.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token<'_>> = Vec::new();
    let mut start: Option<usize> = None;
    let mut sep: Option<char> = None;
    let mut pending: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
                sep = pending.take();
            }
            continue;
        }
        // A dot inside an ICD-10-CM code: `f43` `.` `10`.
        if let (Some(s), '.') = (start, c) {
            let tail_start = i + 1;
            let tail_end = text[tail_start..].find(|c: char| !is_word_char(c)).map_or(text.len(), |k| tail_start + k);
            if is_icd_category(&text[s..i]) && is_icd_tail(&text[tail_start..tail_end]) {
                let code = format!("{}{}", &text[s..i], &text[tail_start..tail_end]);
                out.push(Token { text: Cow::Owned(code), sep, dotted_icd: true });
                start = None;
                while chars.next_if(|(j, _)| *j < tail_end).is_some() {}
                continue;
            }
        }
        if let Some(s) = start.take() {
            out.push(Token { text: Cow::Borrowed(&text[s..i]), sep, dotted_icd: false });
        }
        let kind = if c.is_whitespace() {
            ' '
        } else if is_dash(c) {
            '-'
        } else {
            '?'
        };
        pending = Some(match (pending, kind) {
            (None | Some(' '), k) => k,
            (Some(p), ' ') => p,
            _ => '?',
        });
    }
    if let Some(s) = start {
        out.push(Token { text: Cow::Borrowed(&text[s..]), sep, dotted_icd: false });
    }
    out
}

/// The terms of an ICD-10-CM code as documents hold them: the code without
/// its dot and every shorter family down to the category. `F43.10` gives
/// `f4310`, `f431`, `f43`.
pub fn icd_terms(code: &str) -> Vec<String> {
    let flat: String = fold(code).chars().filter(|c| *c != '.').collect();
    let mut out = vec![flat.clone()];
    let mut len = flat.len();
    while len > 3 {
        len -= 1;
        out.push(flat[..len].to_string());
    }
    out
}

/// The terms of a billing line: the code, and the code joined to each of its
/// modifiers (`h2019`, `h2019ha`).
pub fn billing_terms<S: AsRef<str>>(code: &str, modifiers: &[S]) -> Vec<String> {
    let code = fold(code);
    let mut out = vec![code.clone()];
    for m in modifiers {
        out.push(format!("{code}{}", fold(m.as_ref())));
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Document,
    Query,
}

/// Calls `emit` with each term of `text`, in order, repeats included.
fn terms(text: &str, mode: Mode, emit: &mut dyn FnMut(&str)) {
    let folded = fold(text);
    let joined = join_dc(&folded);
    let toks = tokens(&joined);
    // A query still being typed keeps its last word even if it is a stop
    // word or one letter: `the` may become `therapy`.
    let typing = mode == Mode::Query && !folded.ends_with(|c: char| !is_word_char(c));
    let mut buf = String::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let text: &str = &t.text;
        let last = i + 1 == toks.len();
        i += 1;
        if t.dotted_icd {
            match mode {
                Mode::Document => {
                    // The code and each shorter family, down to the category.
                    for len in (3..=text.len()).rev() {
                        emit(&text[..len]);
                    }
                }
                Mode::Query => emit(text),
            }
            continue;
        }
        // A code followed by modifiers: `h2019-ha`, `90791-95`, and in a
        // query also `h2019 ha`.
        if is_billing_code(text) {
            emit(text);
            while let Some(next) = toks.get(i) {
                let joined = match next.sep {
                    Some('-') => true,
                    Some(' ') => mode == Mode::Query,
                    _ => false,
                };
                if !(joined && is_modifier(&next.text)) {
                    break;
                }
                buf.clear();
                buf.push_str(text);
                buf.push_str(&next.text);
                emit(&buf);
                i += 1;
            }
            continue;
        }
        // A code and its modifiers written as one word: `h2019ha`.
        if text.len() > 5 && text.len() % 2 == 1 && text.is_ascii() && is_billing_code(&text[..5]) {
            let rest = &text.as_bytes()[5..];
            if rest.iter().all(|b| b.is_ascii_digit() || b.is_ascii_lowercase()) {
                let code = &text[..5];
                emit(code);
                for m in rest.chunks(2) {
                    buf.clear();
                    buf.push_str(code);
                    buf.push_str(std::str::from_utf8(m).unwrap_or_default());
                    emit(&buf);
                }
                continue;
            }
        }
        if !(typing && last) {
            if is_stop_word(text) {
                continue;
            }
            let mut cs = text.chars();
            let one_letter = matches!((cs.next(), cs.next()), (Some(c), None) if !c.is_numeric());
            if one_letter {
                continue;
            }
        }
        emit(text);
    }
}

/// Calls `emit` with each term a document's text is indexed under, in
/// order, repeats included, without allocating a string per term.
pub fn each_document_term(text: &str, emit: &mut dyn FnMut(&str)) {
    terms(text, Mode::Document, emit)
}

/// The terms a document's text is indexed under, in order, repeats kept.
pub fn document_terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    terms(text, Mode::Document, &mut |t| out.push(t.to_string()));
    out
}

/// The terms a query searches for, in order. The browser runs the same
/// function (`queryTerms` in `static/search.js`).
pub fn query_terms(query: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Repeats add nothing to a query.
    terms(query, Mode::Query, &mut |t| {
        if !out.iter().any(|x| x == t) {
            out.push(t.to_string());
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Vec<String> {
        query_terms(s)
    }

    #[test]
    fn icd_codes_with_and_without_dots_meet() {
        assert_eq!(q("F43.10"), ["f4310"]);
        assert_eq!(q("f4310"), ["f4310"]);
        assert_eq!(q("F43.1"), ["f431"]);
        assert_eq!(q("F43"), ["f43"]);
        assert_eq!(document_terms("F43.10"), ["f4310", "f431", "f43"]);
        assert_eq!(icd_terms("T74.4XXA"), ["t744xxa", "t744xx", "t744x", "t744", "t74"]);
        assert_eq!(
            document_terms("Z69.010–Z69.020"),
            ["z69010", "z6901", "z690", "z69", "z69020", "z6902", "z690", "z69"]
        );
    }

    #[test]
    fn modifiers_join_their_code() {
        for typed in ["H2019-HA", "H2019 HA", "h2019ha", "H2019–HA"] {
            assert_eq!(q(typed), ["h2019", "h2019ha"], "{typed}");
        }
        assert_eq!(q("H2019"), ["h2019"]);
        assert_eq!(q("90791-95"), ["90791", "9079195"]);
        assert_eq!(q("H2019-HA-U1"), ["h2019", "h2019ha", "h2019u1"]);
        // In running text a space does not make a modifier.
        assert_eq!(document_terms("bill 90791 ha ha"), ["bill", "90791", "ha", "ha"]);
        assert_eq!(document_terms("H2019-HA"), ["h2019", "h2019ha"]);
        assert_eq!(billing_terms("H2019", &["HA", "U1"]), ["h2019", "h2019ha", "h2019u1"]);
    }

    #[test]
    fn dc05_spellings_meet() {
        for typed in ["DC:0-5", "DC 0-5", "dc05", "DC0-5", "DC: 0 – 5", "dc-0-5"] {
            assert_eq!(q(typed), ["dc05"], "{typed}");
        }
        assert_eq!(document_terms("use DC:0-5™ when"), ["use", "dc05"]);
        assert_eq!(q("DC:0-3R"), ["dc03r"]);
        // Not a DC:0-5 mention.
        assert_eq!(q("dc 0-59"), ["dc", "0", "59"]);
    }

    #[test]
    fn words_fold_and_skip_stop_words() {
        assert_eq!(q("Évaluation of the CHILD"), ["evaluation", "child"]);
        assert_eq!(document_terms("a child's plan"), ["child", "plan"]);
        // The word being typed is kept, so `the` can grow into `therapy`.
        assert_eq!(q("the"), ["the"]);
        assert_eq!(q("the "), Vec::<String>::new());
        assert_eq!(q("child-parent psychotherapy psychotherapy"), ["child", "parent", "psychotherapy"]);
        assert_eq!(q(""), Vec::<String>::new());
        assert_eq!(q("  ...  "), Vec::<String>::new());
    }

    #[test]
    fn stop_words_are_sorted_and_short() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP_WORDS.iter().all(|w| w.len() <= 5));
    }

    #[test]
    fn dots_elsewhere_separate() {
        assert_eq!(document_terms("e.g. 42 CFR 441.57"), ["42", "cfr", "441", "57"]);
        assert_eq!(document_terms("$25.50"), ["25", "50"]);
    }
}
