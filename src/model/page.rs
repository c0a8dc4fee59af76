//! What one page yields: its rows and leftovers, where each line went, and
//! the problems worth telling; and what a batch keeps of a page once its
//! rows are spilled to disk.
//!
//! ```
//! use pledges::model::{PageResult, Use};
//! let page = PageResult { uses: vec![Some(Use::Furniture), None], ..Default::default() };
//! assert!(page.rows.is_empty());
//! ```

use crate::model::{Leftover, LineNo, Row};
use std::ops::Range;

/// Where a non-blank line went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    Target,
    Deadline,
    Number,
    Structure,
    Furniture,
    Leftover,
}

/// A problem worth a line on stderr (the page was still processed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: Option<LineNo>,
    pub kind: ProblemKind,
    pub message: String,
}

/// What a [`Problem`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// The page has table headers but no pledge rows.
    HeadersWithoutRows,
    /// Rows carry a structural flag: a table's columns did not add up.
    ColumnsDoNotAddUp,
    /// Lines no row could take (the page's one problem about leftovers).
    Leftovers,
}

/// A `（下转N版）` / `（上接N版）` marker: the list goes on to, or comes
/// from, page N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Continuation {
    To(u32),
    From(u32),
}

impl Continuation {
    /// The page the marker names.
    pub fn page(self) -> u32 {
        match self {
            Continuation::To(n) | Continuation::From(n) => n,
        }
    }
}

/// Everything extracted from one page.
#[derive(Debug, Clone, Default)]
pub struct PageResult {
    pub source: String,
    pub issue_date: Option<String>,
    /// The masthead's date disagrees with the weekday it prints or with the
    /// file name's date, and neither settles it: every row says so.
    pub issue_date_uncertain: bool,
    pub page: Option<u32>,
    pub rows: Vec<Row>,
    pub leftovers: Vec<Leftover>,
    /// `uses[i]` for line `i + 1`; `None` for blank lines.
    pub uses: Vec<Option<Use>>,
    pub problems: Vec<Problem>,
    /// Each `（下转N版）` / `（上接N版）` marker of the page.
    pub continuations: Vec<Continuation>,
    /// Rows at the start of the page continue a table of another page.
    pub starts_continued: bool,
    pub has_table: bool,
    /// Non-blank input lines, and those of them that are page furniture or
    /// table structure (masthead, titles, prose, headers): what is neither in
    /// a row nor a leftover, counted in pages.csv so every line is accounted.
    pub line_count: usize,
    pub furniture_count: usize,
    /// Set when a batch wrote this page's rows to its spill file (then
    /// `rows` and `leftovers` are empty).
    pub spilled: Option<Box<Spilled>>,
}

/// Where a page's fragments sit in the spill file, and what is kept of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spilled {
    pub rows: Range<u64>,
    pub quantities: Range<u64>,
    pub leftovers: Range<u64>,
    pub row_count: usize,
    pub flagged: usize,
    pub leftover_count: usize,
    pub last_row: Option<Row>,
}
