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
    /// Where the line stood on a positioned page; `None` for text input,
    /// which has no such fact.
    pub geom: Option<Geom>,
}

/// Where a line of a positioned page stands, as far as the aligner weighs
/// it: a line's height in its newspaper column, so that the step between
/// two lines of one cell column can be told from the taller step between
/// two rows (cell padding, a rule) that stays under a blank line's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geom {
    /// The newspaper column (within one band of one page) the line stands
    /// in, numbered through the document: steps are measured within one.
    pub column: u32,
    /// The line's centre height, in line pitches of its column (the step
    /// between two lines of one cell is 1).
    pub y: f32,
}

// Heights are never NaN (they come from finite boxes): equality is total.
impl Eq for Geom {}

impl Geom {
    /// The step from `above` down to `self`, in line pitches, when both
    /// stand in one column.
    pub fn step_from(&self, above: &Geom) -> Option<f32> {
        (self.column == above.column).then(|| self.y - above.y)
    }
}

impl Line {
    /// Line `no` reading `text`.
    pub fn new(no: LineNo, text: impl Into<String>) -> Self {
        Line { no, text: text.into(), geom: None }
    }

    /// The lines of `texts`, numbered from 1.
    pub fn numbered<S: Into<String>>(texts: impl IntoIterator<Item = S>) -> Vec<Line> {
        texts.into_iter().enumerate().map(|(i, t)| Line::new(LineNo::of_index(i), t)).collect()
    }
}
