//! `mlsd lsp`: the language server on stdin/stdout.

use super::{EXIT_OK, EXIT_TROUBLE};

pub fn run() -> u8 {
    match mlsd::lsp::run() {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: language server: {e}");
            EXIT_TROUBLE
        }
    }
}
