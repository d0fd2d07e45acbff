//! How long `coverguide serve` takes to rebuild after a one-service edit.
//!
//!   cargo bench --bench serve_rebuild -- CATALOG [EDITS]
//!
//! Builds CATALOG once with the serve engine, then EDITS times (default 9)
//! changes the `name` of one service, in a different state each time, and
//! rebuilds as serve does after the watcher reports the file: the time from
//! the call to the new pages being ready to serve. The downloads and search
//! data, which serve makes on a worker thread after the pages are live, are
//! timed separately. At the end, checks that the served site equals a full
//! build of the edited catalog byte for byte (exit 1 if not). Serves at
//! `http://127.0.0.1:1111/`, as `coverguide serve` does, so the sitemap is
//! made too. Prints
//! `key value` lines for bench/serve-rebuild.sh. A benchmark, not a test: it
//! asserts nothing about time. Edits the catalog in place.

use std::path::{Path, PathBuf};
use std::time::Instant;

use coverguide::serve::engine::{self, Changes, Engine};

// The allocator `coverguide serve` runs with (src/main.rs): the benchmark
// times the engine as the binary runs it. With the system allocator, malloc
// and free took about a third of a rebuild's CPU time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let catalog = PathBuf::from(args.first().expect("usage: serve_rebuild CATALOG [EDITS]"));
    let edits: usize = args.get(1).map_or(9, |s| s.parse().expect("EDITS is a number"));

    // The base URL serve gives a site it serves (so a sitemap is made, as in serve).
    let base = coverguide::render::BaseUrl::parse("http://127.0.0.1:1111/").unwrap();
    let mut e = Engine::new(catalog.clone(), None, Some(base.clone()));
    let first = e.rebuild(&Changes { everything: true, ..Changes::default() });
    if let Some(p) = &first.problems {
        eprintln!("the catalog has {} problems, first: {}", p.len(), p[0].rendered);
        std::process::exit(1);
    }
    println!("first_build_ms {:.1}", first.millis);
    println!("pages_total {}", e.last().unwrap().pages.keys().filter(|p| p.ends_with(".html")).count());

    let mut states: Vec<PathBuf> =
        std::fs::read_dir(catalog.join("states")).unwrap().map(|d| d.unwrap().path()).collect();
    states.sort();
    let mut times = Vec::new();
    let mut stage_times: Vec<(&'static str, Vec<f64>)> = Vec::new();
    let mut rendered = Vec::new();
    let mut kept = Vec::new();
    let (mut parts_rendered, mut parts_kept) = (Vec::new(), Vec::new());
    for i in 0..edits {
        let state = &states[(i * 7 + 3) % states.len()];
        let mut services: Vec<PathBuf> =
            std::fs::read_dir(state.join("services")).unwrap().map(|d| d.unwrap().path()).collect();
        services.sort();
        let file = &services[(i * 13) % services.len()];
        edit(file, i);
        let o = e.rebuild(&Changes { catalog: vec![std::path::absolute(file).unwrap()], ..Changes::default() });
        if let Some(p) = &o.problems {
            eprintln!("edit {i} broke the catalog: {}", p[0].rendered);
            std::process::exit(1);
        }
        println!(
            "edit {} {:.1} ms, {} files parsed, {} pages rendered, {} unchanged, {} parts of them rendered, {} kept ({})",
            file.strip_prefix(&catalog).unwrap_or(file).display(),
            o.millis,
            o.files_parsed,
            o.pages_rendered,
            o.pages_kept,
            o.parts_rendered,
            o.parts_kept,
            o.stages.iter().map(|(n, ms)| format!("{n} {ms:.1}")).collect::<Vec<_>>().join(", ")
        );
        times.push(o.millis);
        rendered.push(o.pages_rendered as f64);
        kept.push(o.pages_kept as f64);
        parts_rendered.push(o.parts_rendered as f64);
        parts_kept.push(o.parts_kept as f64);
        for (name, ms) in o.stages {
            match stage_times.iter_mut().find(|(n, _)| *n == name) {
                Some((_, v)) => v.push(ms),
                None => stage_times.push((name, vec![ms])),
            }
        }
    }
    let all: Vec<String> = times.iter().map(|t| format!("{t:.1}")).collect();
    println!("rebuild_all_ms {}", all.join(" "));
    println!("rebuild_median_ms {:.1}", median(&mut times));
    for (name, mut v) in stage_times {
        println!("stage_{name}_median_ms {:.1}", median(&mut v));
    }
    println!("pages_rendered_median {}", median(&mut rendered));
    println!("pages_kept_median {}", median(&mut kept));
    println!("parts_rendered_median {}", median(&mut parts_rendered));
    println!("parts_kept_median {}", median(&mut parts_kept));

    let built = e.last().unwrap();
    let t = Instant::now();
    let data = engine::data_files(built).unwrap_or_else(|_| panic!("data files"));
    println!("data_files_ms {:.1}", t.elapsed().as_secs_f64() * 1000.0);

    let t = Instant::now();
    let c = coverguide::load_catalog(&catalog).unwrap_or_else(|_| panic!("catalog is valid"));
    let theme = coverguide::render::Theme::load(None).unwrap();
    let full = coverguide::render::render(&c, &theme, Some(&base)).unwrap();
    println!("full_render_ms {:.1}", t.elapsed().as_secs_f64() * 1000.0);
    let mut served: Vec<(&String, &[u8])> = built.pages.iter().map(|(p, b)| (p, b.as_slice())).collect();
    served.extend(data.iter().map(|(p, b)| (p, b.as_slice())));
    served.sort_by(|a, b| a.0.cmp(b.0));
    let same = served.len() == full.files.len()
        && served.iter().zip(&full.files).all(|(a, b)| *a.0 == b.path && a.1 == b.bytes.as_slice());
    println!("identical_to_full_build {}", if same { "yes" } else { "no" });
    if !same {
        std::process::exit(1);
    }
}

/// Changes the service's `name` (its first `name: "` line), keeping it valid.
fn edit(file: &Path, i: usize) {
    let text = std::fs::read_to_string(file).unwrap();
    let text = text.replacen("\nname: \"", &format!("\nname: \"Edited {i} "), 1);
    std::fs::write(file, text).unwrap();
}
