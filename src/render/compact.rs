//! Minifies the theme's HTML templates once, when the theme is loaded, so no
//! page needs minifying after it is rendered.
//!
//! Minifying each of a large site's pages after rendering cost more than
//! rendering them (more than half of a 10,000-service build's CPU time went
//! to parsing and re-serializing every page). The whitespace a minifier
//! removes is nearly all the templates' own indentation and line breaks, so
//! it is removed from the templates instead, where it is seen once:
//!
//! - a run of whitespace that holds a line break is dropped where a browser
//!   does not render it: just inside a block's start or end tag
//!   (`<p>\n  {{ text }}\n</p>`), and between the children of a parent that
//!   holds no text (`</li>\n  <li>`, `</td>\n  <td>`);
//! - any other run that holds a line break becomes one space, which a
//!   browser renders as it renders the run;
//! - a literal attribute value of plain characters loses its quotes
//!   (`class="row"` becomes `class=row`), as HTML allows; a value with a Tera
//!   expression keeps them;
//! - runs within a line, Tera tags (`{{ }}`, `{% %}`, `{# #}`), and the
//!   contents of `pre`, `textarea`, `script` and `style` are kept as written.
//!
//! Tera block tags are looked through when judging a run's neighbours: in
//! `<ul>\n{% for x in xs %}\n<li>` both runs are beside `<ul>` or `<li>`.
//! The text the catalog supplies is never touched. `tests/compact.rs` holds
//! every page of the sample site to the same HTML tokens as the uncompacted
//! theme gives, whitespace aside.

/// Block-level elements: whitespace just inside their start and end tags is
/// not rendered (the first and last whitespace of a block).
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "html",
    "li",
    "main",
    "nav",
    "noscript",
    "ol",
    "optgroup",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Elements that only stand among siblings of their own kind in a parent
/// that holds no text (`li` in `ul`, `td` in `tr`, `meta` in `head`): the
/// whitespace between them is not rendered.
const CHILD: &[&str] = &[
    "base", "body", "caption", "col", "colgroup", "dd", "dt", "head", "li", "link", "meta", "optgroup", "option",
    "tbody", "td", "tfoot", "th", "thead", "title", "tr",
];

/// Elements whose contents are kept byte for byte.
const VERBATIM: &[&str] = &["pre", "script", "style", "textarea"];

/// The template `src` with its insignificant whitespace removed.
pub fn compact(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    // Inside a start or end tag (between `<name` and `>`).
    let mut in_tag = false;
    while i < b.len() {
        // Tera tags, whole.
        if let Some(end) = tera_tag_end(b, i) {
            out.push_str(&src[i..end]);
            i = end;
            continue;
        }
        if in_tag {
            match b[i] {
                b'>' => in_tag = false,
                b'=' if b.get(i + 1) == Some(&b'"') => {
                    if let Some(len) = b[i + 2..].iter().position(|&c| c == b'"') {
                        let value = &src[i + 2..i + 2 + len];
                        let after = b.get(i + 3 + len);
                        out.push('=');
                        if unquotable(value) && after != Some(&b'/') {
                            out.push_str(value);
                        } else {
                            out.push('"');
                            out.push_str(value);
                            out.push('"');
                        }
                        i += 3 + len;
                        continue;
                    }
                }
                _ => {}
            }
        } else if b[i] == b'<' && tag_name(b, i).is_some() {
            in_tag = true;
        }
        // Elements whose contents are kept, through their end tag.
        if b[i] == b'<'
            && let Some(name) = tag_name(b, i).filter(|n| VERBATIM.contains(&n.as_str()))
        {
            let end = verbatim_end(src, i, &name);
            out.push_str(&src[i..end]);
            i = end;
            continue;
        }
        if b[i].is_ascii_whitespace() {
            let start = i;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let run = &src[start..i];
            if !run.contains('\n') {
                out.push_str(run);
            } else if out.is_empty() || i == b.len() || beside_block(out.as_bytes(), b, i) {
                // Dropped: at the template's edges, or beside a block's edge.
            } else {
                out.push(' ');
            }
            continue;
        }
        // One character (UTF-8 aware: copy up to the next ASCII byte).
        let next = (i + 1..b.len()).find(|&j| src.is_char_boundary(j)).unwrap_or(b.len());
        out.push_str(&src[i..next]);
        i = next;
    }
    out
}

/// Whether a literal attribute value may be written without quotes: not
/// empty, and only characters that can never end or split an unquoted value
/// (no Tera expression either: what it renders is not known here).
fn unquotable(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':'))
}

/// If a Tera tag starts at `i`, the index just past its end.
fn tera_tag_end(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'{') {
        return None;
    }
    let close: &[u8] = match b.get(i + 1)? {
        b'{' => b"}}",
        b'%' => b"%}",
        b'#' => b"#}",
        _ => return None,
    };
    let rest = &b[i + 2..];
    let at = rest.windows(2).position(|w| w == close)?;
    Some(i + 2 + at + 2)
}

/// The lower-cased name of the start or end tag at `i` (which is `<`).
fn tag_name(b: &[u8], i: usize) -> Option<String> {
    let mut j = i + 1;
    if b.get(j) == Some(&b'/') {
        j += 1;
    }
    let start = j;
    while j < b.len() && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    (j > start).then(|| String::from_utf8_lossy(&b[start..j]).to_ascii_lowercase())
}

/// The index just past the end tag that closes the `name` element opened at `i`
/// (or the end of the template if it is never closed).
fn verbatim_end(src: &str, i: usize, name: &str) -> usize {
    let lower = src[i..].to_ascii_lowercase();
    let close = format!("</{name}");
    match lower.find(&close) {
        Some(at) => match lower[at..].find('>') {
            Some(gt) => i + at + gt + 1,
            None => src.len(),
        },
        None => src.len(),
    }
}

/// Whether the whitespace before `b[next]` (already left out of `out`) is
/// not rendered, looking through Tera block tags and whitespace on both
/// sides: just inside a block's start or end tag, or between the children of
/// a parent that holds no text.
fn beside_block(out: &[u8], b: &[u8], next: usize) -> bool {
    let (before, after) = (tag_before(out), tag_after(b, next));
    let is = |tag: &Option<(String, bool)>, list: &[&str], end: Option<bool>| {
        tag.as_ref().is_some_and(|(n, e)| list.contains(&n.as_str()) && end.is_none_or(|want| *e == want))
    };
    is(&before, BLOCK, Some(false))
        || is(&after, BLOCK, Some(true))
        || is(&before, CHILD, None)
        || is(&after, CHILD, None)
}

/// The name of the tag that `out` ends with, and whether it is an end tag,
/// skipping trailing `{% %}` / `{# #}` tags and whitespace; `None` if `out`
/// ends with anything else.
fn tag_before(out: &[u8]) -> Option<(String, bool)> {
    let mut end = out.len();
    loop {
        while end > 0 && out[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        if end >= 2 && (&out[end - 2..end] == b"%}" || &out[end - 2..end] == b"#}") {
            let open: &[u8] = if out[end - 2] == b'%' { b"{%" } else { b"{#" };
            end = out[..end - 2].windows(2).rposition(|w| w == open)?;
            continue;
        }
        break;
    }
    if end == 0 || out[end - 1] != b'>' {
        return None;
    }
    let lt = out[..end].iter().rposition(|&c| c == b'<')?;
    tag_name(out, lt).map(|n| (n, out.get(lt + 1) == Some(&b'/')))
}

/// The name of the tag that starts at or after `i`, and whether it is an end
/// tag, skipping `{% %}` / `{# #}` tags and whitespace; `None` if anything
/// else comes first.
fn tag_after(b: &[u8], mut i: usize) -> Option<(String, bool)> {
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match (b.get(i), b.get(i + 1)) {
            (Some(b'{'), Some(b'%' | b'#')) => i = tera_tag_end(b, i)?,
            (Some(b'<'), _) => return tag_name(b, i).map(|n| (n, b.get(i + 1) == Some(&b'/'))),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn drops_whitespace_beside_blocks_and_collapses_the_rest() {
        let src = "<ul>\n  <li><a href=\"x\">A</a>\n    <a href=\"y\">B</a></li>\n  <li>text\n    more</li>\n</ul>\n";
        assert_eq!(compact(src), "<ul><li><a href=x>A</a> <a href=y>B</a></li><li>text more</li></ul>");
    }

    #[test]
    fn looks_through_tera_block_tags_and_keeps_expressions() {
        let src =
            "<ul>\n  {% for x in xs %}\n  <li>{{ x }}</li>\n  {% endfor %}\n</ul>\n<p>\n  {{ a }}\n  {{ b }}\n</p>";
        assert_eq!(compact(src), "<ul>{% for x in xs %}<li>{{ x }}</li>{% endfor %}</ul> <p>{{ a }} {{ b }}</p>");
        // An expression beside a block tag may render text: the run before it
        // is beside `<p>` (dropped), the one after it is not beside a tag.
        assert_eq!(compact("<span>\n  {{ a }}\n</span>"), "<span> {{ a }} </span>");
        // Whitespace inside Tera tags is kept, string literals included.
        let tag = "{% set x = \"a\n   b\" %}";
        assert_eq!(compact(tag), tag);
    }

    #[test]
    fn keeps_preformatted_and_script_contents() {
        let src = "<div>\n  <pre>\n  a\n    b\n  </pre>\n  <script>\n// a comment\nlet x = 1;\n</script>\n</div>";
        assert_eq!(
            compact(src),
            "<div><pre>\n  a\n    b\n  </pre> <script>\n// a comment\nlet x = 1;\n</script></div>"
        );
        assert_eq!(compact("<TEXTAREA>\n x\n</TEXTAREA>"), "<TEXTAREA>\n x\n</TEXTAREA>");
    }

    #[test]
    fn keeps_runs_within_a_line_and_inline_neighbours() {
        assert_eq!(compact("<b>a</b>   <i>b</i>"), "<b>a</b>   <i>b</i>");
        assert_eq!(compact("<b>a</b>\n<i>b</i>"), "<b>a</b> <i>b</i>");
        assert_eq!(compact("Prix\n  é\n"), "Prix é");
        assert_eq!(
            compact("<a\n   href=\"{{ x }}\"\n   class=\"y z\">z</a>"),
            "<a href=\"{{ x }}\" class=\"y z\">z</a>"
        );
    }

    #[test]
    fn unquotes_plain_literal_attribute_values_only() {
        assert_eq!(compact("<p class=\"row\" id=\"a-1\">x=\"y\"</p>"), "<p class=row id=a-1>x=\"y\"</p>");
        assert_eq!(
            compact("<a href=\"{{ h }}\" data-x=\"\" title=\"a b\">"),
            "<a href=\"{{ h }}\" data-x=\"\" title=\"a b\">"
        );
        assert_eq!(compact("<img alt=\"x\"/>"), "<img alt=\"x\"/>");
        assert_eq!(
            compact("<a {% if c %}aria-current=\"page\"{% endif %}>"),
            "<a {% if c %}aria-current=page{% endif %}>"
        );
    }
}
