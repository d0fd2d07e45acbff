//! Reading built pages as a reader sees them: text, elements, attributes.

/// Undoes Tera's escaping and drops tags: the text a reader sees, with a
/// space where a block (paragraph, list item, cell) begins or ends.
pub fn text(html: &str) -> String {
    const BLOCKS: [&str; 9] = ["p", "li", "ul", "div", "td", "th", "tr", "br", "table"];
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('>').map_or(rest.len(), |e| i + e + 1);
        let name: String =
            rest[i + 1..end].trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if BLOCKS.contains(&name.as_str()) {
            out.push(' ');
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    let out = out
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The elements that start with `open` (e.g. `<td data-state=`), each as
/// (its opening tag, its inner HTML up to the matching `close`).
pub fn elements<'a>(html: &'a str, open: &str, close: &str) -> Vec<(&'a str, &'a str)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        rest = &rest[i..];
        let tag_end = rest.find('>').unwrap() + 1;
        let name = &open[1..open.find(' ').unwrap_or(open.len())];
        // Nested elements of the same name: count them.
        let (mut depth, mut j) = (1, tag_end);
        while depth > 0 {
            let next_open = rest[j..].find(&format!("<{name}")).map(|k| k + j);
            let next_close = rest[j..].find(close).map(|k| k + j).expect("closing tag");
            match next_open {
                Some(o) if o < next_close => {
                    depth += 1;
                    j = o + 1;
                }
                _ => {
                    depth -= 1;
                    j = next_close + close.len();
                }
            }
        }
        out.push((&rest[..tag_end], &rest[tag_end..j - close.len()]));
        rest = &rest[j..];
    }
    out
}

pub fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let i = tag.find(&needle)? + needle.len();
    Some(&tag[i..i + tag[i..].find('"')?])
}
