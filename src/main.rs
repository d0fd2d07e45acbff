//! The `coverguide` binary: parse arguments, run, print, pick the exit code.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;
use coverguide::cli::{Cli, Command};
use coverguide::{BuildOptions, Error};

fn main() -> ExitCode {
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
    match cli.command {
        Command::Build { catalog, out, theme, base_url, no_minify } => {
            let r =
                coverguide::build(&BuildOptions { catalog, out: out.clone(), theme, base_url, minify: !no_minify })?;
            println!(
                "built {} state{}, {} services, {} pages ({:.1} KiB) into {} in {:.2} s",
                r.states,
                if r.states == 1 { "" } else { "s" },
                r.services,
                r.pages,
                r.bytes as f64 / 1024.0,
                out.display(),
                r.seconds
            );
        }
        Command::Serve { catalog, theme, port, base_url } => {
            coverguide::serve::serve(&coverguide::serve::ServeOptions { catalog, theme, base_url, port })?;
        }
        Command::Check { catalog } => {
            let c = coverguide::check(&catalog)?;
            let services: usize = c.states.values().map(|s| s.services.len()).sum();
            println!("{}: ok ({} states, {} services)", catalog.display(), c.states.len(), services);
        }
    }
    Ok(())
}

fn report(e: &Error) {
    let mut err = std::io::stderr().lock();
    if let Error::Invalid(diags, texts) = e {
        for d in &diags.items {
            let _ = write!(err, "{}", d.render(texts.get(&d.file)));
        }
    }
    // The message already includes its cause (see `Error`'s Display).
    let _ = writeln!(err, "error: {e}");
}
