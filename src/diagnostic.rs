//! Diagnostics (to be written)
