//! Row flags: every doubt a row can carry, what it means, and what kind of
//! doubt it is. Rows hold a small ordered [`Flags`] set; the flags become
//! text (`seq_inferred;cut_uncertain`) only when rows.csv is written.
//!
//! `pledges flags --markdown` prints the table the README shows (a test
//! keeps the two equal).
//!
//! ```
//! use pledges::model::{Flag, FlagKind, Flags};
//! let mut flags = Flags::default();
//! flags.add(Flag::SeqInferred);
//! flags.add(Flag::CutUncertain);
//! flags.add(Flag::SeqInferred);
//! assert_eq!(flags.to_string(), "seq_inferred;cut_uncertain");
//! assert_eq!("seq_inferred;cut_uncertain".parse::<Flags>().unwrap(), flags);
//! assert_eq!(Flag::SeqRepeated.kind(), FlagKind::Structural);
//! ```

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// What kind of doubt a flag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagKind {
    /// The columns of a table did not add up: worth a warning on stderr.
    Structural,
    /// The row, or its number, was not printed: it was inferred from the rows around it.
    Inferred,
    /// A close call, or context the page did not give.
    Doubt,
}

impl FlagKind {
    /// The kind as the flag table names it.
    pub fn name(self) -> &'static str {
        match self {
            FlagKind::Structural => "structural",
            FlagKind::Inferred => "inferred",
            FlagKind::Doubt => "doubt",
        }
    }
}

macro_rules! flags {
    ($($variant:ident = $name:literal, $kind:ident, $meaning:literal;)*) => {
        /// One doubt about a row.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Flag {
            $(#[doc = $meaning] $variant,)*
        }

        impl Flag {
            /// Every flag, in the order of the flag table.
            pub const ALL: &'static [Flag] = &[$(Flag::$variant,)*];

            /// The flag as rows.csv writes it.
            pub fn name(self) -> &'static str {
                match self { $(Flag::$variant => $name,)* }
            }

            /// What the flag says about the row.
            pub fn meaning(self) -> &'static str {
                match self { $(Flag::$variant => $meaning,)* }
            }

            /// What kind of doubt it is.
            pub fn kind(self) -> FlagKind {
                match self { $(Flag::$variant => FlagKind::$kind,)* }
            }
        }
    };
}

flags! {
    SeqInferred = "seq_inferred", Inferred,
        "OCR dropped this row's number in a list carried on from another page, where no number printed before it pins it; its seq comes from the numbers around it (a number lost between printed ones is restored unflagged)";
    CutUncertain = "cut_uncertain", Doubt,
        "a reading of the target lines almost as good as the chosen one would give this row other lines";
    RowFromDeadlineCount = "row_from_deadline_count", Inferred,
        "the row exists because the deadline column has more rows than the numbers showed";
    RowsUncertain = "rows_uncertain", Doubt,
        "which category lost a row was a close call";
    DeadlineCountMismatch = "deadline_count_mismatch", Structural,
        "a department's deadline column and its rows disagree in number; its deadlines were paired in order (only that department's rows are flagged)";
    DeadlineMissing = "deadline_missing", Structural,
        "a department's deadline column and its rows disagree in number; its deadlines were paired in order (only that department's rows are flagged)";
    TooFewTargetLines = "too_few_target_lines", Structural,
        "fewer target lines than rows";
    TargetMissing = "target_missing", Structural,
        "fewer target lines than rows";
    HeaderOutOfPlace = "header_out_of_place", Structural,
        "a `任务目标` header could not be a table boundary";
    RowLayoutConflict = "row_layout_conflict", Doubt,
        "in a table printed one row per line, no reading keeps every line in the row printed beside it";
    RowLinePieceUnused = "row_line_piece_unused", Doubt,
        "in a table printed one row per line, another piece of this row's line (a number out of sequence, a deadline too many) found no place";
    SeqRepeated = "seq_repeated", Structural,
        "another row of the page has the same department, category and number: one of them is misplaced";
    CategoryUnknown = "category_unknown", Doubt,
        "the header was lost (e.g. a list carried on from another page)";
    DepartmentUnknown = "department_unknown", Doubt,
        "the header was lost (e.g. a list carried on from another page)";
    DepartmentUncertain = "department_uncertain", Doubt,
        "this row's table, or one printed before it on the page, shows a department heading with no rows of its own, or numbering that starts past 1 with no `上接`, or categories out of order (opening past `（一）`, an ordinal skipped, a name printed twice), or its heading names no office (`…局`, `…中心`), or a row before it took in a table's header row (`序号 任务目标 完成时限` run into a target by OCR, which may have taken this table's heading with it): the text layer put headings away from their tables (pdftotext without `-layout` reads newspaper columns so), so this row may belong to another department";
    ContinuationPageMissing = "continuation_page_missing", Structural,
        "the page this list continues (`（上接3版）`) is not in the run";
    IssueDateUnknown = "issue_date_unknown", Doubt,
        "neither masthead, file name nor `--date` gave the date";
    IssueDateUncertain = "issue_date_uncertain", Doubt,
        "the masthead's date disagrees with the weekday it prints (`星期四`) or with the date in the file name, and neither settles it (an OCR slip such as 18日 read as 1日): the masthead's date is kept";
    DeadlineFragment = "deadline_fragment", Doubt,
        "the deadline is only the tail of one (`月底前`, `底前`, `前`): its head (`2021年6`) was read elsewhere, most likely into a target; or (positioned input) the deadline has no year and the target holds a stray one (`…暂行规2023了定》` beside `6月底前`, or one with a misread digit, `2O19年`)";
    LowConfidence = "low_confidence", Doubt,
        "positioned input (OCR): a good part of this row's characters (20% or more) come from words the recognizer gave a confidence under 60";
    LineOutOfPlace = "line_out_of_place", Doubt,
        "positioned input: a line read into this row's target stands apart from its other lines (past a blank line in the same column, or set in another type size), or is a table header row or a deadline's wrapped tail (`前`) alone; text input: the row's target lines are parted by a blank line (two blocks of text, as plain `pdftotext` sets text boxes)";
    TargetLineLeftOver = "target_line_left_over", Doubt,
        "a line of target text standing next to this row was left over without a row (leftovers.csv, `target line without a row`): it may be the end or the start of this row's target. Positioned input: the nearest line below the row's lines in its column, or above them; text: the nearest line before or after the row's target past only blank lines, numbers and deadlines (plain `pdftotext` sets a cell's first line before the row's number)";
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Flag {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Flag::ALL.iter().copied().find(|f| f.name() == s).ok_or_else(|| format!("unknown flag `{s}`"))
    }
}

/// The flag table as Markdown (`| flag | kind | meaning |`), as the README shows it.
pub fn markdown_table() -> String {
    let mut out = String::from("| flag | kind | meaning |\n|---|---|---|\n");
    for f in Flag::ALL {
        out.push_str(&format!("| `{}` | {} | {} |\n", f.name(), f.kind().name(), f.meaning()));
    }
    out
}

/// A row's flags: each at most once, in the order first added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags(Vec<Flag>);

impl Flags {
    /// Adds `flag`, once.
    pub fn add(&mut self, flag: Flag) {
        if !self.0.contains(&flag) {
            self.0.push(flag);
        }
    }

    /// Removes `flag`.
    pub fn remove(&mut self, flag: Flag) {
        self.0.retain(|f| *f != flag);
    }

    pub fn contains(&self, flag: Flag) -> bool {
        self.0.contains(&flag)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The flags in order.
    pub fn iter(&self) -> impl Iterator<Item = Flag> + '_ {
        self.0.iter().copied()
    }

    /// Whether any flag is of `kind`.
    pub fn any_of(&self, kind: FlagKind) -> bool {
        self.0.iter().any(|f| f.kind() == kind)
    }
}

impl<I: IntoIterator<Item = Flag>> From<I> for Flags {
    fn from(flags: I) -> Self {
        let mut out = Flags::default();
        flags.into_iter().for_each(|f| out.add(f));
        out
    }
}

impl Extend<Flag> for Flags {
    fn extend<T: IntoIterator<Item = Flag>>(&mut self, iter: T) {
        iter.into_iter().for_each(|f| self.add(f));
    }
}

impl fmt::Display for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, flag) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(";")?;
            }
            f.write_str(flag.name())?;
        }
        Ok(())
    }
}

impl FromStr for Flags {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.split(';').filter(|f| !f.is_empty()).map(str::parse).collect::<Result<Vec<Flag>, _>>().map(Flags::from)
    }
}

/// Compares with the written form (`"seq_inferred;cut_uncertain"`).
impl PartialEq<&str> for Flags {
    fn eq(&self, other: &&str) -> bool {
        self.to_string() == *other
    }
}

impl Serialize for Flags {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Flags {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_parse_back() {
        for f in Flag::ALL {
            assert_eq!(f.name().parse::<Flag>().unwrap(), *f);
        }
        let names: std::collections::HashSet<&str> = Flag::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(names.len(), Flag::ALL.len());
        assert!("no_such_flag".parse::<Flag>().is_err());
    }

    #[test]
    fn a_removed_flag_added_again_goes_last() {
        let mut flags = Flags::from([Flag::SeqInferred, Flag::CutUncertain]);
        flags.remove(Flag::SeqInferred);
        flags.add(Flag::SeqInferred);
        assert_eq!(flags.to_string(), "cut_uncertain;seq_inferred");
        assert_eq!("".parse::<Flags>().unwrap(), Flags::default());
    }
}
