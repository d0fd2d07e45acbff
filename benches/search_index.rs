//! How much of a build the search index costs.
//!
//!   cargo bench --bench search_index -- CATALOG [RUNS]
//!
//! Runs the whole build (load and validate, render every page including the
//! search data, write to a temporary folder) RUNS times (default 5), and
//! separately times the search stage alone (`coverguide::search::build` and
//! serializing its files) on the same validated catalog, right after each
//! build. Prints medians as `key value` lines, for bench/search.sh; the
//! share is the median of each run's search time over its build time, in
//! wall time and in this process's CPU time. A benchmark, not a test: it
//! asserts nothing about time.

use std::path::PathBuf;
use std::time::Instant;

/// CPU time (user + system) this process has used so far, in seconds, from
/// `/proc/self/stat` (Linux); `None` elsewhere. Unlike wall time it hardly
/// moves when other programs share the machine.
fn cpu_seconds(ticks_per_second: f64) -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 here.
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / ticks_per_second)
}

fn ticks_per_second() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

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
    let (mut total, mut load, mut render, mut write) = (vec![], vec![], vec![], vec![]);
    let (mut search, mut documents, mut share) = (vec![], vec![], vec![]);
    let (mut build_cpu, mut search_cpu, mut cpu_share) = (vec![], vec![], vec![]);
    let tick = ticks_per_second();
    let mut files = 0;
    for run in 0..runs {
        let out = tmp.path().join(format!("site-{run}"));
        // Each run writes about as much as the site's size; flush the last
        // run's writes first so runs do not pay for each other.
        let _ = std::process::Command::new("sync").status();
        let c0 = cpu_seconds(tick);
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
        coverguide::write::write_site(&out, &site).expect("write");
        let t3 = Instant::now();
        let c1 = cpu_seconds(tick);
        // The search stage alone, as render runs it.
        let s0 = Instant::now();
        let built = coverguide::search::build(&catalog);
        let s1 = Instant::now();
        let data = built.files();
        let s2 = Instant::now();
        let c2 = cpu_seconds(tick);
        if let (Some(c0), Some(c1), Some(c2)) = (c0, c1, c2) {
            build_cpu.push(c1 - c0);
            search_cpu.push(c2 - c1);
            cpu_share.push(100.0 * (c2 - c1) / (c1 - c0));
        }
        files = data.len();
        total.push((t3 - t0).as_secs_f64());
        load.push((t1 - t0).as_secs_f64());
        render.push((t2 - t1).as_secs_f64());
        write.push((t3 - t2).as_secs_f64());
        search.push((s2 - s0).as_secs_f64());
        documents.push((s1 - s0).as_secs_f64());
        // Each run's share, from a build and a search timed back to back, so
        // a busy machine slows both alike.
        share.push(100.0 * (s2 - s0).as_secs_f64() / (t3 - t0).as_secs_f64());
        std::fs::remove_dir_all(&out).ok();
    }
    println!("runs {runs}");
    println!("search_files {files}");
    let fastest = total.iter().copied().fold(f64::INFINITY, f64::min);
    println!("build_seconds {:.3}", median(total.clone()));
    println!("build_fastest_seconds {fastest:.3}");
    println!("load_seconds {:.3}", median(load));
    println!("render_seconds {:.3}", median(render));
    println!("write_seconds {:.3}", median(write));
    println!("search_seconds {:.3}", median(search.clone()));
    println!("search_documents_seconds {:.3}", median(documents));
    println!("search_share_percent {:.2}", median(share.clone()));
    println!("search_share_all {}", share.iter().map(|s| format!("{s:.2}")).collect::<Vec<_>>().join(","));
    if !cpu_share.is_empty() {
        println!("build_cpu_seconds {:.3}", median(build_cpu));
        println!("search_cpu_seconds {:.3}", median(search_cpu));
        println!("search_cpu_share_percent {:.2}", median(cpu_share.clone()));
        println!("search_cpu_share_all {}", cpu_share.iter().map(|s| format!("{s:.2}")).collect::<Vec<_>>().join(","));
    }
    // The least favourable reading: the median search against the fastest build.
    println!("search_share_of_fastest_percent {:.2}", 100.0 * median(search.clone()) / fastest);
}
