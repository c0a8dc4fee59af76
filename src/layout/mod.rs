//! Layout: everything that decides which rows and columns a page has.
//!
//! `unfold` (row-per-line tables and wrapped deadlines back into column order)
//! → `classify` (a kind per line) → `segment` (column blocks) → `skeleton`
//! (departments, categories, row counts, deadline columns).

pub mod classify;
pub mod geometry;
pub mod segment;
pub mod skeleton;
pub mod unfold;
