//! How much of a build the search index costs.
//!
//!   cargo bench --bench search_index -- CATALOG [RUNS]
//!
//! Runs the whole build (load and validate, render every page including the
//! search data, write to a temporary folder) RUNS times (default 5), and
//! separately times the search stage alone (`coverguide::search::build` and
//! serializing its files) on the same validated catalog. Prints the medians
//! as `key value` lines, for bench/search.sh. A benchmark, not a test: it
//! asserts nothing about time.

use std::path::PathBuf;
use std::time::Instant;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; skip flags.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let Some(catalog) = args.first().map(PathBuf::from) else {
        eprintln!("usage: cargo bench --bench search_index -- CATALOG [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5).max(1);
    let tmp = tempfile::tempdir().expect("temporary folder");
    let (mut total, mut load, mut render, mut write, mut search) = (vec![], vec![], vec![], vec![], vec![]);
    let mut files = 0;
    for run in 0..runs {
        let out = tmp.path().join(format!("site-{run}"));
        let t0 = Instant::now();
        let catalog = match coverguide::load_catalog(&catalog) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(1);
            }
        };
        let t1 = Instant::now();
        let theme = coverguide::render::Theme::load(None).expect("default theme");
        let site = coverguide::render::render(&catalog, &theme, None).expect("render");
        let t2 = Instant::now();
        coverguide::write::write_site(&out, &site, true).expect("write");
        let t3 = Instant::now();
        // The search stage alone, as render runs it.
        let s0 = Instant::now();
        let data = coverguide::search::build(&catalog).files();
        let s1 = Instant::now();
        files = data.len();
        total.push((t3 - t0).as_secs_f64());
        load.push((t1 - t0).as_secs_f64());
        render.push((t2 - t1).as_secs_f64());
        write.push((t3 - t2).as_secs_f64());
        search.push((s1 - s0).as_secs_f64());
        std::fs::remove_dir_all(&out).ok();
    }
    let (total, search) = (median(total), median(search));
    println!("runs {runs}");
    println!("search_files {files}");
    println!("build_seconds {total:.3}");
    println!("load_seconds {:.3}", median(load));
    println!("render_seconds {:.3}", median(render));
    println!("write_seconds {:.3}", median(write));
    println!("search_seconds {search:.3}");
    println!("search_share_percent {:.2}", 100.0 * search / total);
}
