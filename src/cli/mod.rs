//! clap commands and exit codes: 0 success, 1 errors in a spec (or warnings with
//! `--deny-warnings`), 2 usage or I/O trouble.

mod build;
mod check;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "mlsd",
    version,
    about = "Compile ML system design specs (.mlsd) into diagrams, stubs and design documents"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse and check specs; print every error and warning.
    Check(CheckArgs),
    /// Build the design folder of a spec: diagrams, stubs and documents.
    Build(BuildArgs),
}

#[derive(clap::Args)]
pub struct BuildArgs {
    /// The spec to build.
    pub file: PathBuf,
    /// Output folder (default: a folder named after the spec, beside it).
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// Diagram formats, comma-separated: svg, png.
    #[arg(long, default_value = "svg,png")]
    pub format: String,
    /// Diagram theme, overriding the spec's `diagrams { theme }`: light or dark.
    #[arg(long)]
    pub theme: Option<String>,
    /// Layout engine: elk (default) or layout-rs (flat, small graphs only).
    #[arg(long, default_value = "elk")]
    pub layout: String,
    /// Stub languages, comma-separated: python, rust (or none).
    #[arg(long, default_value = "python")]
    pub stubs: String,
    /// Fail (exit 1, write nothing) when the spec has warnings.
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// The spec files to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style messages on stderr.
    Human,
    /// `{"diagnostics":[...]}` on stdout.
    Json,
}

/// Exit codes.
pub const EXIT_OK: u8 = 0;
pub const EXIT_ERRORS: u8 = 1;
pub const EXIT_TROUBLE: u8 = 2;

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                EXIT_TROUBLE
            } else {
                EXIT_OK
            });
        }
    };
    let code = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Build(args) => build::run(&args),
    };
    ExitCode::from(code)
}

/// Colour on a terminal only, and never when `NO_COLOR` is set.
pub fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}
