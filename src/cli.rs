//! Command-line interface: what the user typed, nothing resolved.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "coverguide",
    version,
    about = "Build static reference sites for state Medicaid EPSDT infant and early childhood mental health services"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print nothing on success (errors are still printed).
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the catalog and build the site into the output folder.
    Build {
        /// The catalog folder.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
        /// The output folder; replaced atomically, only on success.
        #[arg(long, default_value = "output")]
        out: PathBuf,
        /// A theme folder whose templates and assets override the default theme's.
        #[arg(long)]
        theme: Option<PathBuf>,
        /// Where the site will be served, e.g. `https://example.gov/guides/` or `/guides/`;
        /// used for canonical links. Pages link to each other relatively either way.
        #[arg(long)]
        base_url: Option<String>,
        /// Render from the templates as written, without minifying them (for debugging a theme).
        #[arg(long)]
        no_minify: bool,
    },
    /// Build the site in memory and serve it on 127.0.0.1; rebuild and reload the
    /// open page on every save. Writes nothing to disk.
    Serve {
        /// The catalog folder (watched).
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
        /// A theme folder whose templates and assets override the default theme's (watched).
        #[arg(long)]
        theme: Option<PathBuf>,
        /// The port to listen on; `0` picks a free one.
        #[arg(long, default_value_t = crate::serve::DEFAULT_PORT)]
        port: u16,
        /// As for `build`: adds canonical links to this URL.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Validate the catalog and report every problem; write nothing.
    Check {
        /// The catalog folder.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
        /// Also render the whole site in memory (nothing is written) and check
        /// that every internal link and #anchor of every page resolves.
        #[arg(long)]
        links: bool,
        /// With --links: the theme folder the build would use.
        #[arg(long, requires = "links")]
        theme: Option<PathBuf>,
        /// With --links: the base URL the build would use.
        #[arg(long, requires = "links")]
        base_url: Option<String>,
    },
    /// Scaffold new catalog content.
    #[command(subcommand)]
    New(New),
    /// Write the JSON Schema of every catalog file kind, for editors.
    Schema {
        /// The folder to write the schemas into.
        #[arg(long, default_value = "schema")]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum New {
    /// A state folder with a commented, illustrative example of every kind of file; it builds as it is.
    State {
        /// The state's two-letter postal code, e.g. `WA`.
        code: String,
        /// The catalog folder.
        #[arg(long, default_value = "catalog")]
        catalog: PathBuf,
    },
}
