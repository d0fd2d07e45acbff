//! The HTTP side of `coverguide serve`: one thread per request, files from
//! memory, the live-reload event stream and the error overlay.
//!
//! Routes:
//! - `/__coverguide/events`: Server-Sent Events; an `event: build` with the
//!   build number on connect and after every build attempt;
//! - `/__coverguide/live.js`, `/__coverguide/overlay.css`: the client script
//!   and the overlay's style (separate files, so a strict Content Security
//!   Policy in a theme still allows them);
//! - `/__coverguide/status`: the current problems as JSON;
//! - anything else: a file of the site. A folder URL serves its
//!   `index.html`; a folder named without its trailing slash is redirected
//!   to it (relative links need it); a missing file gets the site's
//!   `404.html` with status 404. `..`, `.`, backslashes and NUL in a path are
//!   refused with 400, although nothing is read from disk.
//!
//! Only HTML responses are changed, and only here: the reload script before
//! `</body>` and, while the catalog is broken, the overlay after `<body>`.
//! Built output never contains either.

use std::io::Write as _;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::engine::Problem;
use super::site::{Found, Shared};

pub const PREFIX: &str = "/__coverguide/";
const LIVE_JS: &str = include_str!("assets/live.js");
const OVERLAY_CSS: &str = include_str!("assets/overlay.css");
/// How often an idle event stream sends a comment, so a closed tab is noticed.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// Answers one request.
pub fn handle(req: Request, shared: &Arc<Shared>) {
    let head = match req.method() {
        Method::Get => false,
        Method::Head => true,
        _ => {
            let r = text(405, "Method not allowed: coverguide serve answers GET and HEAD.\n")
                .with_header(header("Allow", "GET, HEAD"));
            let _ = req.respond(r);
            return;
        }
    };
    let url = req.url().to_string();
    let (raw_path, query) = match url.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (url.as_str(), None),
    };
    let raw_path = raw_path.split('#').next().unwrap_or_default();
    let Some(path) = decode_path(raw_path) else {
        let _ = req.respond(text(400, "Bad request: this path is refused.\n"));
        return;
    };
    if let Some(name) = path.strip_prefix(PREFIX) {
        match name {
            "events" if !head => return events(req, shared),
            "events" => {
                let _ = req.respond(bytes(200, "text/event-stream", Vec::new()));
            }
            "live.js" => {
                let _ = req.respond(bytes(200, "text/javascript; charset=utf-8", LIVE_JS.as_bytes().to_vec()));
            }
            "overlay.css" => {
                let _ = req.respond(bytes(200, "text/css; charset=utf-8", OVERLAY_CSS.as_bytes().to_vec()));
            }
            "status" => {
                let _ = req.respond(bytes(200, "application/json", status_json(shared).into_bytes()));
            }
            _ => {
                let _ = req.respond(text(404, "Not found.\n"));
            }
        }
        return;
    }
    let rel = &path[1..];
    let file = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
    let response = match shared.get(&file) {
        Found::File(b) => typed(200, &file, &b, shared),
        Found::Missing if !file.ends_with(".html") && shared.has_page(&format!("{file}/index.html")) => {
            let location = match query {
                Some(q) => format!("{path}/?{q}"),
                None => format!("{path}/"),
            };
            text(301, &format!("Moved to {location}\n")).with_header(header("Location", &location))
        }
        Found::Missing => match shared.get("404.html") {
            Found::File(b) => typed(404, "404.html", &b, shared),
            Found::Missing => {
                let (build, problems) = shared.status();
                let body = if problems.is_some() { "<h1>No good build yet</h1>" } else { "<h1>Page not found</h1>" };
                let page = format!(
                    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>coverguide serve</title></head><body><main>{body}</main></body></html>"
                );
                let status = if problems.is_some() { 503 } else { 404 };
                bytes(status, "text/html; charset=utf-8", inject(&page, build, problems.as_deref()).into_bytes())
            }
        },
    };
    let _ = req.respond(response);
}

fn typed(status: u16, file: &str, b: &[u8], shared: &Shared) -> Response<std::io::Cursor<Vec<u8>>> {
    let ct = content_type(file);
    if file.ends_with(".html") {
        let (build, problems) = shared.status();
        let html = String::from_utf8_lossy(b);
        bytes(status, ct, inject(&html, build, problems.as_deref()).into_bytes())
    } else {
        bytes(status, ct, b.to_vec())
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type))
        // A preview must never show a cached page after a rebuild.
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    bytes(status, "text/plain; charset=utf-8", body.as_bytes().to_vec())
}

/// Percent-decodes a request path; `None` for a path that is not absolute,
/// not UTF-8, or has a `.` or `..` segment, a backslash or a NUL.
pub fn decode_path(raw: &str) -> Option<String> {
    if !raw.starts_with('/') {
        return None;
    }
    let b = raw.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(out).ok()?;
    let bad = path.contains('\\') || path.contains('\0') || path.split('/').any(|seg| seg == ".." || seg == ".");
    (!bad).then_some(path)
}

/// The Content-Type of a site file, from its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// The live-reload script, and the overlay while there are problems.
pub fn inject(html: &str, build: u64, problems: Option<&Vec<Problem>>) -> String {
    let mut out = String::with_capacity(html.len() + 4096);
    let script = format!("<script src=\"{PREFIX}live.js\" data-build=\"{build}\"></script>");
    let (head_end, body_start) = match problems {
        Some(p) => (
            html.find("</head>"),
            html.find("<body").and_then(|i| html[i..].find('>').map(|j| (i + j + 1, overlay(p)))),
        ),
        None => (None, None),
    };
    let body_end = html.rfind("</body>");
    let mut inserts: Vec<(usize, String)> = Vec::new();
    if let Some(i) = head_end {
        inserts.push((i, format!("<link rel=\"stylesheet\" href=\"{PREFIX}overlay.css\">")));
    }
    if let Some((i, o)) = body_start {
        inserts.push((i, o));
    }
    inserts.push((body_end.unwrap_or(html.len()), script));
    inserts.sort_by_key(|(i, _)| *i);
    let mut at = 0;
    for (i, s) in inserts {
        out.push_str(&html[at..i]);
        out.push_str(&s);
        at = i;
    }
    out.push_str(&html[at..]);
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The error overlay: an alert dialog that takes focus, lists every problem
/// with its file, line and column, and can be hidden with its button or Esc.
fn overlay(problems: &[Problem]) -> String {
    let n = problems.len();
    let mut s = String::new();
    s.push_str(
        "<div id=\"coverguide-serve-errors\" class=\"coverguide-serve-overlay\" role=\"alertdialog\" \
         aria-labelledby=\"coverguide-serve-title\" aria-describedby=\"coverguide-serve-note\" tabindex=\"-1\">",
    );
    s.push_str(&format!(
        "<h2 id=\"coverguide-serve-title\">The catalog has {n} problem{}</h2>",
        if n == 1 { "" } else { "s" }
    ));
    s.push_str(
        "<p id=\"coverguide-serve-note\">This page is from the last good build. Fix the file and save it: \
         this page reloads by itself when the catalog builds again.</p><ol>",
    );
    for p in problems {
        let place = match (p.line, p.col) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", p.file),
            _ => p.file.clone(),
        };
        let words = match (p.line, p.col) {
            (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
            _ => String::new(),
        };
        s.push_str(&format!(
            "<li><p class=\"coverguide-serve-place\"><code>{}</code>{}</p><p class=\"coverguide-serve-message\">{}</p>",
            esc(&place),
            esc(&words),
            esc(&p.message)
        ));
        if let Some(h) = &p.hint {
            s.push_str(&format!("<p class=\"coverguide-serve-hint\">Help: {}</p>", esc(h)));
        }
        s.push_str(&format!("<pre>{}</pre></li>", esc(p.rendered.trim_end())));
    }
    s.push_str("</ol><button type=\"button\" id=\"coverguide-serve-hide\">Hide until the next build</button></div>");
    s
}

#[derive(Serialize)]
struct StatusJson<'a> {
    build: u64,
    ok: bool,
    problems: Vec<ProblemJson<'a>>,
}

#[derive(Serialize)]
struct ProblemJson<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
}

fn status_json(shared: &Shared) -> String {
    let (build, problems) = shared.status();
    let list = problems.as_deref().map(|p| p.as_slice()).unwrap_or_default();
    let json = StatusJson {
        build,
        ok: problems.is_none(),
        problems: list
            .iter()
            .map(|p| ProblemJson {
                file: &p.file,
                line: p.line,
                column: p.col,
                message: &p.message,
                hint: p.hint.as_deref(),
            })
            .collect(),
    };
    serde_json::to_string(&json).unwrap_or_default()
}

/// The event stream: holds the connection and writes one event per build.
fn events(req: Request, shared: &Arc<Shared>) {
    let mut w = req.into_writer();
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    let (mut seen, _) = shared.status();
    if write!(w, "{head}retry: 500\nevent: build\ndata: {seen}\n\n").and_then(|()| w.flush()).is_err() {
        return;
    }
    loop {
        let msg = match shared.wait_change(seen, KEEPALIVE) {
            None => break,
            Some(b) if b != seen => {
                seen = b;
                format!("event: build\ndata: {b}\n\n")
            }
            Some(_) => ": keepalive\n\n".to_string(),
        };
        if w.write_all(msg.as_bytes()).and_then(|()| w.flush()).is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_decoded_and_traversal_refused() {
        assert_eq!(decode_path("/or/services/").as_deref(), Some("/or/services/"));
        assert_eq!(decode_path("/a%20b/").as_deref(), Some("/a b/"));
        assert_eq!(decode_path("/../etc/passwd"), None);
        assert_eq!(decode_path("/or/%2e%2e/%2e%2e/x"), None);
        assert_eq!(decode_path("/or/./x"), None);
        assert_eq!(decode_path("/a%5cb"), None);
        assert_eq!(decode_path("/a%00"), None);
        assert_eq!(decode_path("/a%zz"), None);
        assert_eq!(decode_path("relative"), None);
    }

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/search.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("data/all-states.json"), "application/json");
        assert_eq!(content_type("x/y.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }

    #[test]
    fn injects_script_and_overlay_only_where_asked() {
        let page = "<html><head><title>t</title></head><body class=\"x\"><main>m</main></body></html>";
        let ok = inject(page, 3, None);
        assert!(ok.contains("<script src=\"/__coverguide/live.js\" data-build=\"3\"></script></body>"));
        assert!(!ok.contains("coverguide-serve-errors"));
        let p = Problem {
            file: "c/x.yaml".into(),
            line: Some(2),
            col: Some(5),
            message: "bad <thing>".into(),
            hint: None,
            rendered: "c/x.yaml:2:5: error: bad <thing>\n".into(),
        };
        let broken = inject(page, 4, Some(&vec![p]));
        assert!(broken.contains("<body class=\"x\"><div id=\"coverguide-serve-errors\""));
        assert!(broken.contains("<code>c/x.yaml:2:5</code> (line 2, column 5)"));
        assert!(broken.contains("bad &lt;thing&gt;"));
        assert!(broken.contains("overlay.css\"></head>"));
    }
}
