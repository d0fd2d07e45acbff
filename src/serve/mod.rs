//! `coverguide serve`: build, serve from memory, watch, rebuild, reload.
//!
//! The loop: one build at start, then for each batch of file events (debounced
//! by the watcher) one incremental rebuild ([`engine`]). A good build replaces
//! what is served and reloads open pages; a failed one keeps the last good
//! site, prints its diagnostics like `build` does, and puts the same problems
//! in an overlay on every page ([`http`]). Nothing is written to disk: the
//! site lives in memory ([`site`]) and `write.rs` is not involved.
//!
//! Crates: `notify` is the file watcher of the Rust ecosystem (inotify,
//! FSEvents, ReadDirectoryChanges, polling fallback). It is used directly,
//! not through a debouncer crate, because the debouncers drop the event kind
//! and a build's own reads (access events) must not trigger a build; the
//! loop below debounces a save's burst of events itself. `tiny_http` is a small synchronous HTTP/1.1 server with no
//! async runtime, enough for one person's preview. `ctrlc` stops the server
//! cleanly on Ctrl-C.

pub mod engine;
pub mod http;
pub mod site;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode, Watcher as _};

use crate::error::{Error, Result};
use crate::render::BaseUrl;
use engine::{Changes, Engine, Outcome};
use site::Shared;

/// The port `coverguide serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 1111;

/// How long the watcher must be quiet before a rebuild starts.
const DEBOUNCE: Duration = Duration::from_millis(30);

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub catalog: PathBuf,
    pub theme: Option<PathBuf>,
    pub base_url: Option<String>,
    /// `0` picks a free port.
    pub port: u16,
}

enum Msg {
    Changed(Changes),
    Stop,
}

/// Serves until Ctrl-C. Prints the URL, then one line per rebuild, and the
/// diagnostics of a failed build, to stderr.
pub fn serve(opts: &ServeOptions) -> Result<()> {
    let user_base_url = opts.base_url.as_deref().map(BaseUrl::parse).transpose().map_err(Error::Usage)?;
    if !opts.catalog.is_dir() {
        return Err(Error::Usage(format!("the catalog folder {} does not exist", opts.catalog.display())));
    }
    if let Some(t) = &opts.theme
        && !t.is_dir()
    {
        return Err(Error::Usage(format!("the theme folder {} does not exist", t.display())));
    }
    // Watch absolute paths, so event paths compare with the catalog's.
    let catalog = std::path::absolute(&opts.catalog).map_err(|e| Error::io("resolve", &opts.catalog, e))?;
    let theme = opts
        .theme
        .as_ref()
        .map(std::path::absolute)
        .transpose()
        .map_err(|e| Error::io("resolve", opts.theme.as_deref().unwrap_or(Path::new("")), e))?;

    let server = tiny_http::Server::http(("127.0.0.1", opts.port)).map_err(|e| {
        Error::Usage(format!(
            "cannot listen on 127.0.0.1:{}: {e} (choose another port with --port N, or --port 0 for a free one)",
            opts.port
        ))
    })?;
    let server = Arc::new(server);
    let port = server.server_addr().to_ip().map(|a| a.port()).unwrap_or(opts.port);
    // As `zola serve` does: without --base-url, the site's base is where it is
    // served, so the 404 page (served at any depth) links with absolute URLs.
    let base_url = match user_base_url {
        Some(b) => Some(b),
        None => Some(BaseUrl::parse(&format!("http://127.0.0.1:{port}/")).map_err(Error::Usage)?),
    };

    let (tx, rx) = mpsc::channel::<Msg>();
    let stop_tx = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop_tx.send(Msg::Stop);
    })
    .map_err(|e| Error::Usage(format!("cannot handle Ctrl-C: {e}")))?;

    let watch_catalog = catalog.clone();
    let watch_theme = theme.clone();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let changes = match res {
            // Reading a file is not a change (and every build reads them all).
            Ok(e) if matches!(e.kind, EventKind::Access(_)) => return,
            Ok(e) => {
                // A write changes a file's content; anything else may add,
                // remove or rename a path, and load walks the catalog again.
                let structure = !matches!(
                    e.kind,
                    EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Metadata(_) | ModifyKind::Any)
                );
                let mut c = Changes { everything: e.need_rescan(), structure, ..Changes::default() };
                for path in e.paths {
                    if watch_theme.as_ref().is_some_and(|t| path.starts_with(t)) {
                        c.theme = true;
                    }
                    if path.starts_with(&watch_catalog) {
                        c.catalog.push(path);
                    }
                }
                c
            }
            Err(_) => Changes { everything: true, ..Changes::default() },
        };
        if changes.theme || changes.everything || !changes.catalog.is_empty() {
            let _ = tx.send(Msg::Changed(changes));
        }
    })
    .map_err(|e| Error::Usage(format!("cannot watch files: {e}")))?;
    watcher
        .watch(&catalog, RecursiveMode::Recursive)
        .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", catalog.display())))?;
    if let Some(t) = &theme {
        watcher
            .watch(t, RecursiveMode::Recursive)
            .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", t.display())))?;
    }

    let shared = Shared::new();
    let mut engine = Engine::new(opts.catalog.clone(), theme, base_url);
    let first = engine.rebuild(&Changes { everything: true, ..Changes::default() });
    publish(&engine, &first, &shared);
    report(&first, &opts.catalog, true);

    let http_shared = shared.clone();
    let http_server = server.clone();
    let accept = std::thread::spawn(move || {
        for req in http_server.incoming_requests() {
            let s = http_shared.clone();
            std::thread::spawn(move || http::handle(req, &s));
        }
    });
    eprintln!("serving {} at http://127.0.0.1:{port}/ (Ctrl-C to stop)", opts.catalog.display());

    while let Ok(msg) = rx.recv() {
        let mut changes = match msg {
            Msg::Stop => break,
            Msg::Changed(c) => c,
        };
        // An editor's save is a burst of events (write, rename, attributes):
        // wait until the burst is over, then build once. The same folds in
        // events that arrived during the last build.
        let mut stop = false;
        while let Ok(more) = rx.recv_timeout(DEBOUNCE) {
            match more {
                Msg::Stop => stop = true,
                Msg::Changed(c) => {
                    changes.catalog.extend(c.catalog);
                    changes.theme |= c.theme;
                    changes.structure |= c.structure;
                    changes.everything |= c.everything;
                }
            }
        }
        if stop {
            break;
        }
        let outcome = engine.rebuild(&changes);
        publish(&engine, &outcome, &shared);
        report(&outcome, &opts.catalog, false);
    }
    eprintln!("stopping");
    shared.stop();
    server.unblock();
    drop(watcher);
    let _ = accept.join();
    Ok(())
}

/// Hands a build's result to the server, and starts making its data files.
fn publish(engine: &Engine, outcome: &Outcome, shared: &Arc<Shared>) {
    if let Some(p) = &outcome.problems {
        shared.fail(p.clone());
        return;
    }
    let Some(built) = engine.last() else { return };
    let build = shared.publish(Arc::new(built.pages.clone()));
    let job = built.data_job();
    let shared = shared.clone();
    std::thread::spawn(move || {
        let files = job.run();
        shared.data_ready(build, files);
    });
}

fn report(o: &Outcome, catalog: &Path, first: bool) {
    let mut err = std::io::stderr().lock();
    match &o.problems {
        Some(problems) => {
            for p in problems {
                let _ = write!(err, "{}", p.rendered);
            }
            let n = problems.len();
            let _ = writeln!(
                err,
                "error: the catalog has {n} problem{}; {}",
                if n == 1 { "" } else { "s" },
                if first { "fix it and save: serve builds again" } else { "still serving the last good build" }
            );
        }
        None => {
            let what = match &o.states_rendered {
                None => "every page".to_string(),
                Some(s) if s.is_empty() => "national pages".to_string(),
                Some(s) => {
                    format!("national pages and {}", s.iter().map(|x| x.to_uppercase()).collect::<Vec<_>>().join(", "))
                }
            };
            let _ = writeln!(
                err,
                "{} {} in {:.0} ms: {} file{} read; {what}: {} pages rendered, {} unchanged",
                if first { "built" } else { "rebuilt" },
                catalog.display(),
                o.millis,
                o.files_parsed,
                if o.files_parsed == 1 { "" } else { "s" },
                o.pages_rendered,
                o.pages_kept
            );
        }
    }
}
