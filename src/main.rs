//! The `mlsd` command line; all logic lives in the library and in `cli`.
#![forbid(unsafe_code)]

mod cli;

/// The allocator, unless built without the default `jemalloc` feature (see Cargo.toml).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
