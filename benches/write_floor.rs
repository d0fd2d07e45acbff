//! The least time a build on this machine spends writing its output.
//!
//!   cargo bench --bench write_floor -- SRC DST
//!
//! Reads every file under SRC (a built site) into memory, then writes them
//! all under DST (which must not exist) as the write stage does: each folder
//! made once, each file's bytes written, on every core (rayon). Only the
//! writing is timed. This is what a build would take beyond `coverguide check` if
//! rendering cost nothing, so `check` plus this is the floor under a build,
//! set against `cp -r` in bench/RESULTS.md (bench/run.sh). Prints
//! `seconds files bytes`. A benchmark, not a test: it asserts nothing about
//! time.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let [src, dst] = args.as_slice() else {
        eprintln!("usage: write_floor SRC DST");
        std::process::exit(2);
    };
    let (src, dst) = (Path::new(src), Path::new(dst));
    if dst.exists() {
        eprintln!("write_floor: {} exists; give a new folder", dst.display());
        std::process::exit(2);
    }
    let files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(src)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap_or_else(|e| fail(&e.to_string())))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap_or_else(|e| fail(&e.to_string()));
            (e.path().strip_prefix(src).unwrap_or(e.path()).to_path_buf(), bytes)
        })
        .collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    // Each folder once, as the write stage makes each once (`write::Sink`).
    let mut dirs: Vec<PathBuf> = files.iter().filter_map(|(rel, _)| rel.parent().map(|d| dst.join(d))).collect();
    dirs.sort_unstable();
    dirs.dedup();
    let start = Instant::now();
    dirs.par_iter().for_each(|d| std::fs::create_dir_all(d).unwrap_or_else(|e| fail(&e.to_string())));
    files.par_iter().with_max_len(64).for_each(|(rel, b)| {
        std::fs::write(dst.join(rel), b).unwrap_or_else(|e| fail(&e.to_string()));
    });
    println!("{:.3} {} {bytes}", start.elapsed().as_secs_f64(), files.len());
}

fn fail(message: &str) -> ! {
    eprintln!("write_floor: {message}");
    std::process::exit(1)
}
