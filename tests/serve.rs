//! `coverguide serve`: the incremental engine gives the same site as a full
//! build, and the server (a real process on a free port) serves it, rebuilds
//! on an edit, sends the reload event, keeps the last good site while the
//! catalog is broken, reports the problem, and clears it once fixed.
//!
//! Nothing waits a fixed time to assert: every wait polls with a deadline.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::serve::*;
use coverguide::serve::engine::{Changes, Engine};

const DEADLINE: Duration = Duration::from_secs(60);

fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let catalog = tmp.path().join("catalog");
    common::copy_tree(&common::repo().join("catalog"), &catalog);
    (tmp, catalog)
}

// ---------------------------------------------------------------- engine

#[test]
fn incremental_rebuilds_equal_a_full_build() {
    let (_tmp, catalog) = sample_copy();
    let mut e = Engine::new(catalog.clone(), None, None);
    let first = e.rebuild(&Changes { everything: true, ..Changes::default() });
    assert!(first.problems.is_none(), "{:?}", first.problems);
    assert_eq!(first.states_rendered, None, "the first build renders every state");
    assert_same_site(&e, &catalog, "first build");

    // One service in one state: only that file is parsed, only that state's pages rendered.
    let svc = catalog.join("states/wa/services/wa-iecmh-treatment.yaml");
    replace_in(&svc, "Infant-early childhood mental health treatment", "Infant and early childhood treatment, edited");
    let o = e.rebuild(&written(&[&svc]));
    assert!(o.problems.is_none(), "{:?}", o.problems);
    assert_eq!(o.files_parsed, 1);
    assert_eq!(o.states_rendered.as_ref().map(|s| s.iter().cloned().collect::<Vec<_>>()), Some(vec!["wa".into()]));
    assert!(o.pages_rendered < first.pages_rendered, "{} of {}", o.pages_rendered, first.pages_rendered);
    assert!(o.pages_kept > 0, "pages in scope whose view did not change are not rendered again");
    let page = &e.last().unwrap().pages["wa/services/wa-iecmh-treatment/index.html"];
    assert!(String::from_utf8_lossy(page).contains("Infant and early childhood treatment, edited"));
    assert_same_site(&e, &catalog, "after a service edit");

    // A new service file, then its removal.
    let copy = catalog.join("states/wa/services/wa-iecmh-treatment-copy.yaml");
    std::fs::copy(&svc, &copy).unwrap();
    replace_in(&copy, "id: \"wa-iecmh-treatment\"", "id: \"wa-iecmh-treatment-copy\"");
    let o = e.rebuild(&written(&[&copy]));
    assert!(o.problems.is_none(), "{:?}", o.problems);
    assert!(e.last().unwrap().pages.contains_key("wa/services/wa-iecmh-treatment-copy/index.html"));
    assert_same_site(&e, &catalog, "after adding a service");
    std::fs::remove_file(&copy).unwrap();
    e.rebuild(&written(&[&copy]));
    assert!(!e.last().unwrap().pages.contains_key("wa/services/wa-iecmh-treatment-copy/index.html"));
    assert_same_site(&e, &catalog, "after removing a service");

    // A broken edit keeps the last good site; edits made meanwhile in another
    // state are rendered by the next good build.
    let before = served(&e);
    let or_svc = catalog.join("states/or/services/or-child-parent-psychotherapy.yaml");
    replace_in(&or_svc, "\ncategory:", "\ncategry:");
    let o = e.rebuild(&written(&[&or_svc]));
    let problems = o.problems.expect("the broken edit is reported");
    assert_eq!(problems.len(), 1);
    assert!(problems[0].file.ends_with("or-child-parent-psychotherapy.yaml"), "{}", problems[0].file);
    assert!(problems[0].line.is_some() && problems[0].col.is_some());
    assert!(problems[0].message.contains("categry"), "{}", problems[0].message);
    assert_eq!(served(&e), before, "the last good site is kept");
    let state = catalog.join("states/wa/state.yaml");
    replace_in(&state, "name: \"Washington\"", "name: \"Washington State\"");
    assert!(e.rebuild(&written(&[&state])).problems.is_some(), "still broken");
    replace_in(&or_svc, "\ncategry:", "\ncategory:");
    let o = e.rebuild(&written(&[&or_svc]));
    assert!(o.problems.is_none(), "{:?}", o.problems);
    let states: Vec<String> = o.states_rendered.unwrap().into_iter().collect();
    assert_eq!(states, ["or", "wa"], "both edited states are rendered");
    assert_same_site(&e, &catalog, "after fixing, with an edit made while broken");

    // A national file affects every state.
    let guide = catalog.join("national/guidance/reading-a-dc05-crosswalk.md");
    replace_in(&guide, "reading a crosswalk\"", "reading a crosswalk (edited)\"");
    let o = e.rebuild(&written(&[&guide]));
    assert!(o.problems.is_none(), "{:?}", o.problems);
    assert_eq!(o.states_rendered, None);
    assert_same_site(&e, &catalog, "after a national edit");
}

#[test]
fn theme_edits_rebuild_every_page_and_template_errors_keep_the_last_good_site() {
    let (tmp, catalog) = sample_copy();
    let theme = tmp.path().join("theme");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    let template = theme.join("templates/service.html");
    let default = std::fs::read_to_string(common::repo().join("themes/default/templates/service.html")).unwrap();
    std::fs::write(&template, &default).unwrap();
    let mut e = Engine::new(catalog.clone(), Some(theme.clone()), None);
    assert!(e.rebuild(&Changes { everything: true, ..Changes::default() }).problems.is_none());
    assert_same_site_with(&e, &catalog, Some(&theme), None, "first themed build");

    std::fs::write(&template, default.replacen("{% block content %}", "{% block content %}<p>Theme edit</p>", 1))
        .unwrap();
    let o = e.rebuild(&Changes { theme: true, ..Changes::default() });
    assert!(o.problems.is_none(), "{:?}", o.problems);
    assert_eq!(o.states_rendered, None, "a theme edit renders every page");
    let page = &e.last().unwrap().pages["wa/services/wa-iecmh-treatment/index.html"];
    assert!(String::from_utf8_lossy(page).contains("<p>Theme edit</p>"));
    assert_same_site_with(&e, &catalog, Some(&theme), None, "after a theme edit");

    let before = served(&e);
    std::fs::write(&template, "{% if %}").unwrap();
    let o = e.rebuild(&Changes { theme: true, ..Changes::default() });
    let problems = o.problems.expect("a broken template is reported");
    assert!(problems[0].file.contains("template"), "{:?}", problems[0]);
    assert_eq!(served(&e), before, "the last good site is kept");
    std::fs::write(&template, &default).unwrap();
    assert!(e.rebuild(&Changes { theme: true, ..Changes::default() }).problems.is_none());
    assert_same_site_with(&e, &catalog, Some(&theme), None, "after fixing the template");
}

// ---------------------------------------------------------------- server

/// A running `coverguide serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn poll<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(start.elapsed() < DEADLINE, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

impl Server {
    fn start(catalog: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_coverguide"))
            .args(["serve", "--port", "0", "--catalog"])
            .arg(catalog)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start coverguide serve");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut l = sink.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        let port = poll("the URL on stderr", || {
            let l = log.lock().unwrap();
            let at = l.find("http://127.0.0.1:")?;
            let rest = &l[at + "http://127.0.0.1:".len()..];
            rest[..rest.find('/')?].parse::<u16>().ok()
        });
        Server { child, port, log }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// One request; returns the status, the headers (lower-case names) and the body.
    fn request(&self, method: &str, path: &str) -> (u16, BTreeMap<String, String>, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(DEADLINE)).unwrap();
        write!(s, "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let mut lines = head.lines();
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        (status, headers, body.to_string())
    }

    fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = self.request("GET", path);
        (status, body)
    }

    /// Opens the live-reload event stream; what arrives is appended to the result.
    fn events(&self) -> Arc<Mutex<String>> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(s, "GET /__coverguide/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let got = Arc::new(Mutex::new(String::new()));
        let sink = got.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = s.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        got
    }
}

#[test]
fn serve_rebuilds_reloads_and_reports_errors() {
    let (_tmp, catalog) = sample_copy();
    let server = Server::start(&catalog);
    let page = "/wa/services/wa-iecmh-treatment/";

    // Serving: pages, folders, types, HEAD, 404, redirect, refused paths.
    let (status, headers, body) = server.request("GET", page);
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(headers["cache-control"], "no-store");
    assert!(body.contains("Infant-early childhood mental health treatment"));
    assert!(body.contains("<script src=\"/__coverguide/live.js\" data-build=\"1\"></script></body>"));
    assert!(!body.contains("coverguide-serve-errors"));
    let (status, headers, body) = server.request("HEAD", page);
    assert_eq!((status, body.as_str()), (200, ""));
    assert!(headers["content-length"].parse::<usize>().unwrap() > 1000);
    let (status, headers, _) = server.request("GET", "/wa/services/wa-iecmh-treatment?x=1");
    assert_eq!((status, headers["location"].as_str()), (301, "/wa/services/wa-iecmh-treatment/?x=1"));
    let (status, body) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found") && body.contains("/__coverguide/live.js"));
    // Served at any depth, the 404 page links from the server's root.
    let root = format!("http://127.0.0.1:{}/", server.port);
    let unescaped = body.replace("&#x2F;", "/");
    assert!(unescaped.contains(&format!("href=\"{root}static/style.css\"")), "{body}");
    assert_eq!(server.get("/../../etc/passwd").0, 400);
    assert_eq!(server.get("/wa/%2e%2e/%2e%2e/Cargo.toml").0, 400);
    assert_eq!(server.request("POST", "/").0, 405);
    let (status, headers, css) = server.request("GET", "/static/style.css");
    assert_eq!((status, headers["content-type"].as_str()), (200, "text/css; charset=utf-8"));
    assert!(!css.contains("coverguide-serve"), "only HTML is changed");
    let (status, headers, _) = server.request("GET", "/__coverguide/live.js");
    assert_eq!((status, headers["content-type"].as_str()), (200, "text/javascript; charset=utf-8"));
    // Data files come from the worker thread: a request waits for them.
    let (status, headers, json) = server.request("GET", "/data/all-states.json");
    assert_eq!((status, headers["content-type"].as_str()), (200, "application/json"));
    assert!(json.contains("wa-iecmh-treatment"));

    // An edit: the page changes and the event stream announces build 2.
    let events = server.events();
    poll("the first event", || events.lock().unwrap().contains("event: build\ndata: 1\n").then_some(()));
    let svc = catalog.join("states/wa/services/wa-iecmh-treatment.yaml");
    replace_in(&svc, "Infant-early childhood mental health treatment", "Infant and early childhood treatment, edited");
    poll("the edited page", || {
        server.get(page).1.contains("Infant and early childhood treatment, edited").then_some(())
    });
    poll("the reload event", || events.lock().unwrap().contains("event: build\ndata: 2\n").then_some(()));
    poll("the rebuild line", || server.log().contains("rebuilt").then_some(()));
    assert!(server.log().contains("1 file read; national pages and WA:"), "{}", server.log());
    let json = server.get("/data/all-states.json").1;
    assert!(json.contains("Infant and early childhood treatment, edited"), "downloads follow the edit");

    // A broken edit: reported over HTTP and on stderr, the last good page stays.
    replace_in(&svc, "\ncategory:", "\ncategry:");
    let status = poll("the error status", || {
        let (_, body) = server.get("/__coverguide/status");
        body.contains("\"ok\":false").then_some(body)
    });
    assert!(status.contains("wa-iecmh-treatment.yaml\",\"line\":"), "{status}");
    assert!(status.contains("unknown field `categry`"), "{status}");
    assert!(status.contains("did you mean `category`?"), "{status}");
    let (code, body) = server.get(page);
    assert_eq!(code, 200);
    assert!(body.contains("Infant and early childhood treatment, edited"), "the last good page is served");
    assert!(body.contains("role=\"alertdialog\""));
    assert!(body.contains("wa-iecmh-treatment.yaml:"), "the overlay names the file");
    assert!(body.contains("unknown field `categry`"));
    poll("the reload event of the failed build", || events.lock().unwrap().contains("data: 3\n").then_some(()));
    poll("the diagnostic on stderr", || server.log().contains("still serving the last good build").then_some(()));
    assert!(server.log().contains("error: unknown field `categry`"), "{}", server.log());

    // Fixing the file clears it.
    replace_in(&svc, "\ncategry:", "\ncategory:");
    poll("the fixed status", || server.get("/__coverguide/status").1.contains("\"ok\":true").then_some(()));
    let body = server.get(page).1;
    assert!(!body.contains("coverguide-serve-errors"));
    poll("the reload event of the fix", || events.lock().unwrap().contains("data: 4\n").then_some(()));
}

#[test]
fn serve_starts_on_a_broken_catalog_and_recovers() {
    let (_tmp, catalog) = sample_copy();
    let svc = catalog.join("states/or/services/or-child-parent-psychotherapy.yaml");
    replace_in(&svc, "\ncategory:", "\ncategry:");
    let server = Server::start(&catalog);
    let (status, body) = server.get("/");
    assert_eq!(status, 503, "no good build yet");
    assert!(body.contains("role=\"alertdialog\"") && body.contains("categry"));
    replace_in(&svc, "\ncategry:", "\ncategory:");
    poll("the first good build", || (server.get("/").0 == 200).then_some(()));
}

#[test]
fn serve_refuses_a_busy_port_with_a_hint() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let out = common::run(&common::repo(), &["serve", "--port", &port, "--catalog", "catalog"]);
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(err.contains(&format!("cannot listen on 127.0.0.1:{port}")) && err.contains("--port 0"), "{err}");
}
