//! The whole front end on arbitrary bytes: decode, parse, resolve, check and render the
//! diagnostics. Any panic or hang is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let analysis = mlsd::analyze(data);
    let _ = mlsd::diagnostic::render(&analysis.diagnostics, "fuzz.mlsd", &analysis.source, false);
});
