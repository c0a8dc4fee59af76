//! An input line and its number.
//!
//! Line numbers are 1-based as in any editor; indices into a page's lines
//! are 0-based. [`LineNo`] keeps the two apart.
//!
//! ```
//! use pledges::model::{Line, LineNo};
//! let line = Line::new(LineNo(3), "新增企业5家");
//! assert_eq!(line.no.to_string(), "3");
//! assert_eq!(LineNo::of_index(2), line.no);
//! ```

use serde::{Deserialize, Serialize};
use std::fmt;

/// A 1-based line number of an input file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LineNo(pub usize);

impl LineNo {
    /// The number of the line at 0-based `index`.
    pub fn of_index(index: usize) -> Self {
        LineNo(index + 1)
    }

    /// The 0-based index of this line.
    pub fn index(self) -> usize {
        self.0 - 1
    }

    /// The number as a plain integer.
    pub fn get(self) -> usize {
        self.0
    }
}

impl fmt::Display for LineNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// One input line as printed (no line ending), with its number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub no: LineNo,
    pub text: String,
}

impl Line {
    /// Line `no` reading `text`.
    pub fn new(no: LineNo, text: impl Into<String>) -> Self {
        Line { no, text: text.into() }
    }

    /// The lines of `texts`, numbered from 1.
    pub fn numbered<S: Into<String>>(texts: impl IntoIterator<Item = S>) -> Vec<Line> {
        texts.into_iter().enumerate().map(|(i, t)| Line::new(LineNo::of_index(i), t)).collect()
    }
}
