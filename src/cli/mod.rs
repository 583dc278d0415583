//! clap commands and exit codes: 0 success, 1 errors in a spec (or warnings with
//! `--deny-warnings`), 2 usage or I/O trouble.

mod build;
mod check;
mod explain;
mod export;
mod fmt;
mod inputs;
mod lsp;
mod new;
mod review;
mod watch;

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
    /// Review the design: findings of rules R001–R022, most severe first
    Review(ReviewArgs),
    /// Build the design folder of a spec: diagrams, stubs and documents.
    Build(BuildArgs),
    /// Rewrite specs in the canonical layout (or, with --check, list those that differ).
    Fmt(FmtArgs),
    /// Write NAME.mlsd, a starter spec with every section to fill in.
    New(NewArgs),
    /// Print one view of a spec as Graphviz DOT, a Mermaid flowchart or D2.
    Export(ExportArgs),
    /// Build a spec, then rebuild it on every save; `--serve` adds a live preview.
    Watch(WatchArgs),
    /// Run the language server on stdin/stdout (for editors).
    Lsp,
    /// Explain a code: an error (E0xx), a warning (W0xx) or a review rule (R0xx).
    Explain(explain::ExplainArgs),
    /// Print a shell completion script: bash, zsh or fish.
    Completions(CompletionsArgs),
}

#[derive(clap::Args)]
pub struct FmtArgs {
    /// Spec files or folders to format (default: every .mlsd below the current folder;
    /// `-`: stdin to stdout).
    pub files: Vec<PathBuf>,
    /// Write nothing; exit 1 and name each file that would change.
    #[arg(long)]
    pub check: bool,
}

#[derive(clap::Args)]
pub struct NewArgs {
    /// The spec to create: NAME.mlsd (never overwritten).
    pub name: String,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The spec to export.
    pub file: PathBuf,
    /// Target language: dot, mermaid or d2.
    #[arg(long, value_parser = ["dot", "mermaid", "d2"])]
    pub to: String,
    /// Which diagram: architecture, ml_pipeline, data_flow or deployment.
    #[arg(long, default_value = "architecture", value_parser = ["architecture", "ml_pipeline", "data_flow", "deployment"])]
    pub view: String,
}

#[derive(clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(clap::Args)]
pub struct BuildArgs {
    /// The specs to build: files, or folders (every `.mlsd` below them).
    #[arg(required = true, value_name = "SPEC|DIR")]
    pub inputs: Vec<PathBuf>,
    /// Output folder (default: a folder named after the spec, beside it).
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub options: BuildOptionArgs,
    /// Compare with the output folder instead of writing; exit 1 listing each missing, stale
    /// or extra file (the command CI runs).
    #[arg(long)]
    pub check: bool,
}

/// What to generate and how to write it: shared by `build` and `watch`.
#[derive(clap::Args)]
pub struct BuildOptionArgs {
    /// Diagram formats, comma-separated: svg, png (default: the spec's `output { formats }`,
    /// else svg,png).
    #[arg(long)]
    pub format: Option<String>,
    /// Diagram theme, overriding the spec's `diagrams { theme }`: light or dark.
    #[arg(long)]
    pub theme: Option<String>,
    /// Layout engine: elk (default) or layout-rs (flat, small graphs only).
    #[arg(long, default_value = "elk")]
    pub layout: String,
    /// Stubs: python, rust (the Python stubs and a Rust crate), or none (default: the spec's
    /// `output { stubs }`, else python).
    #[arg(long)]
    pub stubs: Option<String>,
    /// Also write `site/`: a browsable HTML site of the documents and diagrams (works from
    /// `file://` and any static host; default: the spec's `output { site }`).
    #[arg(long)]
    pub site: bool,
    /// Fail (exit 1, write nothing) when the spec has warnings.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Overwrite generated files edited by hand (otherwise the new version goes beside them
    /// as FILE.new).
    #[arg(long)]
    pub force: bool,
    /// Write through symbolic links that stand inside the output folder (refused otherwise;
    /// files behind a link are never removed).
    #[arg(long)]
    pub follow_symlinks: bool,
    /// Remove what an earlier build made with options this one leaves out (a Rust crate
    /// without `--stubs rust`, PNGs without `--format png`...); kept otherwise.
    #[arg(long)]
    pub prune: bool,
}

#[derive(clap::Args)]
pub struct WatchArgs {
    /// The spec to watch.
    pub file: PathBuf,
    /// Output folder (default: a folder named after the spec, beside it).
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub options: BuildOptionArgs,
    /// Serve a live preview of the diagrams on 127.0.0.1.
    #[arg(long)]
    pub serve: bool,
    /// The preview's port (0 picks a free one).
    #[arg(long, default_value_t = 0, requires = "serve")]
    pub port: u16,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// The specs to check: files, or folders (every `.mlsd` below them).
    #[arg(required = true, value_name = "SPEC|DIR")]
    pub files: Vec<PathBuf>,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(clap::Args)]
pub struct ReviewArgs {
    /// The spec to review
    pub spec: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 when a finding at or above this severity exists (default: never fail)
    #[arg(long, value_parser = ["high", "medium", "low"])]
    pub deny: Option<String>,
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
        Command::Review(args) => review::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::New(args) => new::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Lsp => lsp::run(),
        Command::Explain(args) => explain::run(&args),
        Command::Completions(args) => completions(args.shell),
    };
    ExitCode::from(code)
}

/// Writes the completion script of `shell` to stdout.
fn completions(shell: Shell) -> u8 {
    use clap::CommandFactory;
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "mlsd", &mut script);
    stdout_or_trouble(&script)
}

/// Writes to stdout. A pipe closed by the reader (`mlsd export ... | head`) is not an error;
/// any other failure is I/O trouble.
pub fn stdout_or_trouble(bytes: &[u8]) -> u8 {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("error: cannot write to stdout: {e}");
            EXIT_TROUBLE
        }
    }
}

/// Colour on a terminal only, and never when `NO_COLOR` is set.
pub fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}
