//! The `coverguide` binary: parse arguments, run, print, pick the exit code.

use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;

use clap::Parser as _;
use coverguide::cli::{Cli, Command, New};
use coverguide::{BuildOptions, BuildReport, Error, Progress, Stage};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's options, as numbered in its `mimalloc.h` (v3). A test reads
/// them back by name (`the_allocator_runs_tuned`), so a mimalloc update that
/// numbers them otherwise fails there rather than setting other options.
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Gives memory a build has freed back to the system within 10 ms (mimalloc
/// v3 waits a second), and commits arena memory as it is used rather than
/// up front. A build frees as much as it keeps (each state's parsed files,
/// each page), and with the defaults the freed memory stays resident: at
/// 50,000 services the peak is a seventh lower this way, at the same speed
/// (bench/RESULTS.md).
fn tune_allocator() {
    // SAFETY: setting an option is a plain store mimalloc allows at any time.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10);
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
    }
}

/// Runs [`tune_allocator`] as the program loads, before the Rust runtime's
/// first allocation makes mimalloc reserve its first arena (whose commit
/// mode is fixed then). On other systems `main` calls it.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = {
    extern "C" fn tune() {
        tune_allocator();
    }
    tune
};

fn main() -> ExitCode {
    #[cfg(not(target_os = "linux"))]
    tune_allocator();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // Help and version are successes; everything else is a usage error.
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::from(e.exit_code())
        }
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    let quiet = cli.quiet;
    match cli.command {
        Command::Build { catalog, out, theme, base_url, no_minify } => {
            let opts = BuildOptions { catalog, out: out.clone(), theme, base_url, minify: !no_minify };
            // A progress bar only for a person watching a terminal; never in
            // a pipe, a log or CI, and never with --quiet.
            let r = if !quiet && std::io::stderr().is_terminal() {
                let bar = Bar::new();
                let r = coverguide::build_with(&opts, &bar);
                bar.0.finish_and_clear();
                r?
            } else {
                coverguide::build(&opts)?
            };
            if !quiet {
                print!("{}", summary(&r, &out));
            }
        }
        Command::Check { catalog, links, theme, base_url } => {
            if links {
                let r = coverguide::check_links(&catalog, theme.as_deref(), base_url.as_deref())?;
                if !r.broken.is_empty() {
                    let mut err = std::io::stderr().lock();
                    for b in &r.broken {
                        let _ = writeln!(err, "{b}");
                    }
                    let pages: std::collections::BTreeSet<&str> = r.broken.iter().map(|b| b.page.as_str()).collect();
                    return Err(Error::BrokenLinks { links: r.broken.len(), pages: pages.len() });
                }
                if !quiet {
                    println!(
                        "{}: ok; all {} internal links and anchors in {} pages resolve",
                        catalog.display(),
                        r.links,
                        r.pages
                    );
                }
                return Ok(());
            }
            let c = coverguide::check(&catalog)?;
            if !quiet {
                let services: usize = c.states.values().map(|s| s.services.len()).sum();
                println!("{}: ok ({} states, {} services)", catalog.display(), c.states.len(), services);
            }
        }
        Command::New(New::State { code, catalog }) => {
            let files = coverguide::scaffold::new_state(&catalog, &code)?;
            for f in &files {
                println!("created {}", f.display());
            }
            println!(
                "Every example in these files is marked illustrative. Replace them with the state's published policy, cite its sources, and run `coverguide check`."
            );
        }
        Command::Schema { out } => {
            for f in coverguide::schema::write(&out)? {
                println!("wrote {}", f.display());
            }
        }
        Command::Serve { catalog, theme, port, base_url } => {
            coverguide::serve::serve(&coverguide::serve::ServeOptions { catalog, theme, base_url, port })?;
        }
    }
    Ok(())
}

/// The build summary: what was built, then each stage's time.
fn summary(r: &BuildReport, out: &std::path::Path) -> String {
    let stages: Vec<String> =
        r.timings.iter().map(|(stage, s)| format!("{} {:.0} ms", stage.name(), s * 1000.0)).collect();
    format!(
        "built {} state{}, {} services, {} pages ({:.1} KiB) into {} in {:.2} s\nstages: {}\n",
        r.states,
        if r.states == 1 { "" } else { "s" },
        r.services,
        r.pages,
        r.bytes as f64 / 1024.0,
        out.display(),
        r.seconds,
        stages.join(", ")
    )
}

/// The terminal progress bar: the stage's name with a spinner until the
/// number of pages is known, then a bar of pages rendered.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new() -> Bar {
        let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        let style = indicatif::ProgressStyle::with_template("{msg:>9} {spinner}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
        bar.set_style(style);
        Bar(bar)
    }
}

impl Progress for Bar {
    fn stage(&self, stage: Stage) {
        self.0.set_message(stage.name());
        self.0.tick();
    }
    fn pages(&self, total: usize) {
        let style = indicatif::ProgressStyle::with_template("{msg:>9} [{bar:30}] {pos}/{len} pages")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> ");
        self.0.set_style(style);
        self.0.set_length(total as u64);
    }
    fn page_done(&self) {
        self.0.inc(1);
    }
}

fn report(e: &Error) {
    let mut err = std::io::stderr().lock();
    if let Error::Invalid(diags, texts) = e {
        for d in &diags.items {
            let _ = write!(err, "{}", d.render(texts.text(&d.file).as_deref()));
        }
    }
    // The message already includes its cause (see `Error`'s Display).
    let _ = writeln!(err, "error: {e}");
}

#[cfg(test)]
mod tests {
    use std::ffi::{CStr, c_char, c_void};

    unsafe extern "C" {
        /// mimalloc's listing of its options by name (v3 `options.c`).
        fn mi_options_print_out(out: libmimalloc_sys::mi_output_fun, arg: *mut c_void);
    }

    unsafe extern "C" fn collect(msg: *const c_char, arg: *mut c_void) {
        // SAFETY: mimalloc passes a NUL-terminated message and our `arg`, a `String`.
        unsafe { (*arg.cast::<String>()).push_str(&CStr::from_ptr(msg).to_string_lossy()) }
    }

    /// The binary runs with the options `tune_allocator` sets, under the
    /// names mimalloc gives them: a mimalloc that numbers its options
    /// otherwise fails here.
    #[test]
    fn the_allocator_runs_tuned() {
        let mut out = String::new();
        // SAFETY: `collect` only appends to `out`, which outlives the call.
        unsafe { mi_options_print_out(Some(collect), (&raw mut out).cast()) };
        assert!(out.contains("option 'purge_delay': 10 \n"), "{out}");
        assert!(out.contains("option 'arena_eager_commit': 0 \n"), "{out}");
    }
}
