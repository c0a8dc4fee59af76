//! Input: bytes (and, for positioned formats, words with boxes) → lines.
//!
//! Every later stage sees the same [`decode::Page`] of numbered lines,
//! whatever form the input came in.

pub mod decode;
pub mod positioned;
pub mod workbook;
