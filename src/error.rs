//! One error type for every per-file problem, carrying where it happened.
//!
//! A batch never stops on one bad file: the caller reports the [`Error`]
//! (its `Display` names the file and, where it applies, the line) and goes on.
//!
//! ```
//! let e = pledges::Error::Undecodable { file: "a.txt".into(), line: 3 };
//! assert_eq!(e.to_string(), "a.txt:3: bytes are neither UTF-8, UTF-16 with BOM nor GB18030");
//! ```

use std::path::PathBuf;

/// A problem with one input file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{file}: cannot read: {err}")]
    Io {
        file: String,
        #[source]
        err: std::io::Error,
    },
    #[error("{file}: empty file")]
    Empty { file: String },
    #[error(
        "{}: cannot load the CJK font for generated PDFs ({err}); install Debian's fonts-wqy-microhei or set PLEDGES_CJK_FONT to a TrueType font",
        path.display()
    )]
    MissingFont {
        path: PathBuf,
        #[source]
        err: std::io::Error,
    },
    #[error("{file}:{line}: binary content (NUL or control bytes), not a text page")]
    Binary { file: String, line: usize },
    #[error("{file}:{line}: bytes are neither UTF-8, UTF-16 with BOM nor GB18030")]
    Undecodable { file: String, line: usize },
    /// A positioned file (PDF, TSV, hOCR, ALTO, PaddleOCR JSON) that cannot be read.
    #[error("{file}{}: {message}", page.map(|p| format!(" page {p}")).unwrap_or_default())]
    Positioned { file: String, page: Option<u32>, message: String },
    #[error("PLEDGES_WEIGHTS={spec}: {reason}")]
    Weights { spec: String, reason: String },
    #[error("{}: cannot write: {err}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        err: std::io::Error,
    },
    /// A spreadsheet input (`annotate` on an `.xlsx`) that cannot be read, or lacks the sheet asked for.
    #[error("{file}{}: {message}", sheet.as_ref().map(|s| format!(" sheet {s:?}")).unwrap_or_default())]
    Workbook { file: String, sheet: Option<String>, message: String },
    #[error("{file}{}: bad CSV: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Csv { file: String, line: Option<u64>, message: String },
    /// A CSV read by name of its columns (gold, rows.csv, quantities.csv) lacks some.
    #[error("{file}: missing column(s) {}", columns.join(", "))]
    MissingColumns { file: String, columns: Vec<String> },
    /// A path given to read CSV files from does not exist.
    #[error("{file}: no such file or directory")]
    NoSuchPath { file: String },
    /// A directory given to read CSV files from holds none of the wanted ones.
    #[error("{file}: no matching CSV files under this directory")]
    NoCsvFiles { file: String },
    /// A run directory whose files disagree (a page listed twice, a row of a
    /// page pages.csv does not list).
    #[error("{file}:{line}: {message}")]
    RunFiles { file: String, line: u64, message: String },
    /// A page result that breaks "every non-blank line in exactly one place"
    /// (see [`crate::model::accounting`]).
    #[error("{file}:{line}: not accounted once: {what}")]
    Unaccounted { file: String, line: usize, what: crate::model::accounting::Unaccounted },
}

impl Error {
    /// A `csv` crate error reading `path`: the I/O error as [`Error::Io`],
    /// anything else as [`Error::Csv`] with the line it happened on.
    pub fn from_csv(path: &std::path::Path, err: csv::Error) -> Error {
        let file = path.display().to_string();
        let line = err.position().map(|p| p.line());
        if !err.is_io_error() {
            return Error::Csv { file, line, message: err.to_string() };
        }
        match err.into_kind() {
            csv::ErrorKind::Io(err) => Error::Io { file, err },
            _ => unreachable!("is_io_error said Io"),
        }
    }
}
