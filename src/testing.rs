//! Helpers shared by the unit tests of several stages: the corpus's text
//! pages, read from `corpus/` (tests run from the crate's root).
//!
//! ```text
//! let lines = crate::testing::corpus_lines(); // every line of every corpus/**/*.txt
//! ```

use std::path::PathBuf;

/// Every text page (`*.txt`) under `corpus/`, in no particular order.
pub(crate) fn corpus_pages() -> Vec<PathBuf> {
    let (mut pages, mut dirs) = (vec![], vec![PathBuf::from("corpus")]);
    while let Some(dir) = dirs.pop() {
        for path in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                pages.push(path);
            }
        }
    }
    pages
}

/// Every line of the corpus's text pages (thousands: a test over them is
/// a test over every form the corpus holds).
pub(crate) fn corpus_lines() -> Vec<String> {
    let read = |p: &PathBuf| std::fs::read_to_string(p).unwrap();
    let lines: Vec<String> =
        corpus_pages().iter().flat_map(|p| read(p).lines().map(str::to_owned).collect::<Vec<_>>()).collect();
    assert!(lines.len() > 5000, "{} corpus lines", lines.len());
    lines
}
