//! The integration tests, as one binary: one link instead of one per file,
//! which was most of `cargo test`'s build time. Each module is what was a
//! file of its own in `tests/`; shared helpers live in [`common`].
//!
//! Run one module with a filter: `cargo test --release --test it quirks::`.

mod common;

mod accounting;
mod accuracy;
mod annotate;
mod bad_input;
mod cli;
mod eval;
mod forms;
mod fuzz_regressions;
mod gen;
mod geometry;
mod libreoffice;
mod new_user;
mod positioned;
mod properties;
mod quantities;
mod quirks;
mod review;
mod seed;
mod variety;
mod xlsx;
