//! Markdown for guidance documents, through comrak. Shared by validate (which
//! checks the document's structure) and render (which turns it into HTML), so
//! both read Markdown with the same options.
//!
//! Safety: raw HTML is never passed through (comrak's default replaces it
//! with a comment) and comrak drops `javascript:`, `vbscript:`, `file:` and
//! non-image `data:` URLs in links and images. Headings get stable ids from
//! the GitHub algorithm so a table of contents and shared links can point at
//! sections; ids the page layout uses are reserved first so a heading can
//! never collide with them.

use comrak::nodes::NodeValue;
use comrak::{Arena, Options, parse_document};
use serde::Serialize;

/// Ids the layout itself uses; a heading with the same text gets a suffix.
const RESERVED_IDS: &[&str] = &["main", "top", "toc", "site-header", "site-footer", "sources", "footnotes"];

/// A document with this many headings or more gets a table of contents.
pub const TOC_MIN_HEADINGS: usize = 3;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
}

fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.footnotes = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.extension.tasklist = false;
    o.render.r#unsafe = false;
    o
}

/// Lines (1-based, within `md`) of level-1 headings, ATX (`#`) or setext
/// (`===`), outside code blocks.
pub fn level1_heading_lines(md: &str) -> Vec<usize> {
    let arena = Arena::new();
    let opts = options();
    let root = parse_document(&arena, md, &opts);
    root.descendants()
        .filter_map(|n| {
            let data = n.data.borrow();
            matches!(&data.value, NodeValue::Heading(h) if h.level == 1).then_some(data.sourcepos.start.line)
        })
        .collect()
}

/// Renders Markdown to HTML and lists its level-2 and level-3 headings.
pub fn render(md: &str) -> Rendered {
    let arena = Arena::new();
    let opts = options();
    let root = parse_document(&arena, md, &opts);
    unlink_unsafe_urls(root);
    let headings: Vec<TocEntry> = heading_ids(root).into_iter().map(|(_, h)| h).collect();
    let mut html = String::new();
    // Writing to a String cannot fail.
    let _ = comrak::format_html(root, &opts, &mut html);
    let html = add_heading_ids(&html, &headings);
    let toc = headings.into_iter().filter(|h| (2..=3).contains(&h.level)).collect();
    Rendered { html, toc }
}

/// Renders a document as one part of a longer page (the printable guide):
/// every heading id, from the same [`heading_ids`] as [`render`], and every
/// footnote id gets `prefix` and `--` in front, and headings move `shift`
/// levels down (at most to `<h6>`) so they nest under the part's own title.
///
/// Ids are unique across parts because model ids are slugs with single
/// hyphens: in `prefix--rest`, the first `--` always ends the prefix, so two
/// parts with different prefixes can never produce the same id. The table of
/// contents keeps the document's own levels (2 and 3) with the prefixed ids.
///
/// Links keep working on the longer page: a link to one of the document's
/// own headings (`#who-qualifies`) gets the prefix, and any other relative
/// link gets `rebase` in front, the way from the longer page's folder to
/// the document's own (`../guidance/dyadic-billing/`).
pub fn render_part(md: &str, prefix: &str, shift: u8, rebase: &str) -> Rendered {
    let arena = Arena::new();
    let opts = options();
    let root = parse_document(&arena, md, &opts);
    unlink_unsafe_urls(root);
    let own: Vec<String> = heading_ids(root).into_iter().map(|(_, h)| h.id).collect();
    let mut headings: Vec<TocEntry> =
        heading_ids(root).into_iter().map(|(_, h)| TocEntry { id: format!("{prefix}--{}", h.id), ..h }).collect();
    for node in root.descendants() {
        match &mut node.data.borrow_mut().value {
            NodeValue::Heading(h) => h.level = (h.level + shift).min(6),
            NodeValue::FootnoteDefinition(f) => f.name = format!("{prefix}--{}", f.name),
            NodeValue::FootnoteReference(f) => f.name = format!("{prefix}--{}", f.name),
            NodeValue::Link(l) | NodeValue::Image(l) => l.url = rebase_url(&l.url, prefix, rebase, &own),
            _ => {}
        }
    }
    let mut html = String::new();
    let _ = comrak::format_html(root, &opts, &mut html);
    let original: Vec<u8> = headings.iter().map(|h| h.level).collect();
    for h in &mut headings {
        h.level = (h.level + shift).min(6);
    }
    let html = add_heading_ids(&html, &headings);
    let toc = headings
        .into_iter()
        .zip(original)
        .filter(|(_, level)| (2..=3).contains(level))
        .map(|(h, level)| TocEntry { level, ..h })
        .collect();
    Rendered { html, toc }
}

fn rebase_url(url: &str, prefix: &str, rebase: &str, own: &[String]) -> String {
    let scheme = url.find(':').is_some_and(|i| {
        url[..i].chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && url.starts_with(|c: char| c.is_ascii_alphabetic())
    });
    match url.strip_prefix('#') {
        Some(id) if own.iter().any(|o| o == id) => format!("#{prefix}--{id}"),
        Some(_) => url.to_string(),
        None if scheme || url.starts_with('/') || url.is_empty() => url.to_string(),
        None => format!("{rebase}{url}"),
    }
}

/// Replaces links and images whose URL could run or smuggle content
/// (`javascript:`, `vbscript:`, `file:`, `data:`) by their text. comrak would
/// keep the element with an empty URL (and raster-image `data:` URLs), which
/// makes an `<img>` without `src` (invalid HTML) and a link to the page
/// itself; a page of this site never needs an inline image, and a `data:` URL
/// in a contributed document is a way to smuggle content past review.
fn unlink_unsafe_urls<'a>(root: &'a comrak::nodes::AstNode<'a>) {
    let unsafe_url = |u: &str| {
        let u = u.trim_start().to_ascii_lowercase();
        ["javascript:", "vbscript:", "file:", "data:"].iter().any(|s| u.starts_with(s))
    };
    let targets: Vec<_> = root
        .descendants()
        .filter(|n| matches!(&n.data.borrow().value, NodeValue::Link(l) | NodeValue::Image(l) if unsafe_url(&l.url)))
        .collect();
    for n in targets {
        let children: Vec<_> = n.children().collect();
        for c in children {
            n.insert_before(c);
        }
        n.detach();
    }
}

/// A part of a guidance document for search: the text before the first
/// heading (no `id`), or one level-2 or level-3 heading and what follows it
/// up to the next such heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's id, the same one [`render`] gives it.
    pub id: Option<String>,
    pub heading: Option<String>,
    /// Plain text of the section's blocks, one space between blocks.
    pub text: String,
}

/// Splits a document into [`Section`]s, with the heading ids the rendered
/// page has, so a search result can link to `page#id`.
pub fn sections(md: &str) -> Vec<Section> {
    let arena = Arena::new();
    let opts = options();
    let root = parse_document(&arena, md, &opts);
    let ids = heading_ids(root);
    let mut out = vec![Section { id: None, heading: None, text: String::new() }];
    for block in root.children() {
        let split = matches!(&block.data.borrow().value, NodeValue::Heading(h) if (2..=3).contains(&h.level));
        if split {
            let id = ids.iter().find(|(n, _)| std::ptr::eq(*n, block)).map(|(_, h)| h.id.clone());
            out.push(Section { id, heading: Some(plain_text(block)), text: String::new() });
            continue;
        }
        let text = plain_text(block);
        if let Some(last) = out.last_mut().filter(|_| !text.is_empty()) {
            if !last.text.is_empty() {
                last.text.push(' ');
            }
            last.text.push_str(&text);
        }
    }
    if out[0].text.is_empty() {
        out.remove(0);
    }
    out
}

/// Every heading in document order with the id the rendered page gives it.
/// The one place ids are handed out, so `render`'s anchors and the links
/// `sections` gives search always agree.
fn heading_ids<'a>(root: &'a comrak::nodes::AstNode<'a>) -> Vec<(&'a comrak::nodes::AstNode<'a>, TocEntry)> {
    let mut anchorizer = comrak::Anchorizer::new();
    for r in RESERVED_IDS {
        anchorizer.anchorize(r);
    }
    let mut out = Vec::new();
    for node in root.descendants() {
        if let NodeValue::Heading(h) = &node.data.borrow().value {
            let mut text = String::new();
            for d in node.descendants() {
                match &d.data.borrow().value {
                    NodeValue::Text(t) => text.push_str(t),
                    NodeValue::Code(c) => text.push_str(&c.literal),
                    _ => {}
                }
            }
            out.push((node, TocEntry { level: h.level, id: anchorizer.anchorize(&text), text }));
        }
    }
    out
}

/// The text of a node and its descendants, words separated by single spaces.
fn plain_text<'a>(node: &'a comrak::nodes::AstNode<'a>) -> String {
    let mut parts: Vec<String> = Vec::new();
    for d in node.descendants() {
        match &d.data.borrow().value {
            NodeValue::Text(t) => parts.push(t.to_string()),
            NodeValue::Code(c) => parts.push(c.literal.clone()),
            NodeValue::CodeBlock(c) => parts.push(c.literal.clone()),
            NodeValue::SoftBreak | NodeValue::LineBreak => parts.push(" ".into()),
            NodeValue::Paragraph | NodeValue::TableCell | NodeValue::Item(_) | NodeValue::Heading(_) => {
                parts.push(" ".into())
            }
            _ => {}
        }
    }
    parts.concat().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Puts `id`s on heading tags, in document order. Raw HTML is escaped by the
/// renderer, so every literal `<hN>` in the output is a real heading.
fn add_heading_ids(html: &str, headings: &[TocEntry]) -> String {
    let mut out = String::with_capacity(html.len() + headings.len() * 24);
    let mut rest = html;
    for h in headings {
        let tag = format!("<h{}>", h.level);
        match rest.find(&tag) {
            Some(i) => {
                out.push_str(&rest[..i]);
                out.push_str(&format!("<h{} id=\"{}\">", h.level, h.id));
                rest = &rest[i + tag.len()..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_ids_and_toc() {
        let r = render("## Who qualifies\n\ntext\n\n### Ages 0-5\n\n## Main\n");
        assert!(r.html.contains("<h2 id=\"who-qualifies\">Who qualifies</h2>"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"ages-0-5\">"), "{}", r.html);
        // `main` is the layout's landmark id, so the heading gets another.
        assert!(r.html.contains("<h2 id=\"main-1\">Main</h2>"), "{}", r.html);
        assert_eq!(r.toc.len(), 3);
    }

    #[test]
    fn parts_prefix_heading_and_footnote_ids_and_shift_levels() {
        let md = "## Main\n\nA note.[^1]\n\n### Ages\n\n###### Deep\n\n[^1]: Source.\n";
        let r = render_part(md, "doc-a", 1, "../doc/a/");
        assert!(r.html.contains("<h3 id=\"doc-a--main-1\">Main</h3>"), "{}", r.html);
        assert!(r.html.contains("<h4 id=\"doc-a--ages\">Ages</h4>"), "{}", r.html);
        assert!(r.html.contains("<h6 id=\"doc-a--deep\">Deep</h6>"), "{}", r.html);
        assert!(r.html.contains("id=\"fn-doc-a--1\""), "{}", r.html);
        assert!(r.html.contains("href=\"#fn-doc-a--1\""), "{}", r.html);
        assert!(r.html.contains("id=\"fnref-doc-a--1\""), "{}", r.html);
        let links = render_part(
            "[a](#ages) [b](#nope) [c](../x/index.html) [d](https://x.gov/) ![e](i.png)\n\n## Ages\n",
            "doc-a",
            1,
            "../doc/a/",
        );
        for want in [
            "href=\"#doc-a--ages\"",
            "href=\"#nope\"",
            "href=\"../doc/a/../x/index.html\"",
            "href=\"https://x.gov/\"",
            "src=\"../doc/a/i.png\"",
        ] {
            assert!(links.html.contains(want), "{want} in {}", links.html);
        }
        let toc: Vec<(u8, &str)> = r.toc.iter().map(|t| (t.level, t.id.as_str())).collect();
        assert_eq!(toc, [(2, "doc-a--main-1"), (3, "doc-a--ages")]);
        // The same document in another part shares no id with the first.
        let other = render_part(md, "doc-a-b", 1, "");
        let ids = |h: &str| h.split("id=\"").skip(1).map(|s| s[..s.find('"').unwrap()].to_string()).collect::<Vec<_>>();
        for id in ids(&other.html) {
            assert!(!ids(&r.html).contains(&id), "{id} in both parts");
        }
    }

    #[test]
    fn raw_html_and_script_urls_are_inert() {
        let r = render(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![i](data:text/html,hi) <img src=x onerror=alert(1)>\n",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(!r.html.contains("onerror"), "{}", r.html);
        assert!(!r.html.contains("data:text/html"), "{}", r.html);
        let r =
            render("![png](data:image/png;base64,iVBORw0KGgo=) [d]( DATA:image/gif;base64,R0lG) ![j](javascript:x)\n");
        assert!(!r.html.to_ascii_lowercase().contains("data:"), "{}", r.html);
        assert!(!r.html.contains("<img") && !r.html.contains("<a"), "{}", r.html);
        assert_eq!(r.html.trim(), "<p>png d j</p>");
    }

    #[test]
    fn finds_level1_headings_but_not_in_code() {
        let md = "intro\n\n# One\n\n```\n# not a heading\n```\n\nTwo\n===\n\n## Three\n";
        assert_eq!(level1_heading_lines(md), vec![3, 9]);
    }

    #[test]
    fn sections_split_at_h2_and_h3_with_the_rendered_ids() {
        let md = "Intro *text*.\n\n## Main\n\nOne `code`.\n\n#### Deep\n\nStill one.\n\n### Ages 0-5\n\n| a | b |\n|---|---|\n| F43.10 | x |\n";
        let s = sections(md);
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[0], Section { id: None, heading: None, text: "Intro text.".into() });
        assert_eq!(s[1].id.as_deref(), Some("main-1"));
        assert_eq!(s[1].text, "One code. Deep Still one.");
        assert_eq!(s[2].heading.as_deref(), Some("Ages 0-5"));
        assert!(s[2].text.contains("F43.10"), "{s:?}");
        // The same ids as the rendered page.
        let html = render(md).html;
        for id in s.iter().filter_map(|x| x.id.as_deref()) {
            assert!(html.contains(&format!("id=\"{id}\"")), "{id} not in {html}");
        }
    }

    #[test]
    fn tables_and_footnotes() {
        let r = render("| a | b |\n|---|---|\n| 1 | 2 |\n\nNote.[^1]\n\n[^1]: A source.\n");
        assert!(r.html.contains("<table>"), "{}", r.html);
        assert!(r.html.contains("footnote"), "{}", r.html);
    }
}
