//! Reading gold and predicted rows from CSV: columns found by header name
//! (a BOM ignored), one file or every `*.gold.csv` / `rows.csv` under a
//! directory; every problem a [`crate::Error`] naming the file.
//!
//! ```
//! let err = pledges::eval::read_rows("no/such/dir").unwrap_err();
//! assert_eq!(err.to_string(), "no/such/dir: no such file or directory");
//! ```

use super::*;
use crate::Error;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A CSV with its columns found by header name.
pub(super) struct Table {
    pub(super) path: PathBuf,
    pub(super) columns: HashMap<String, usize>,
    pub(super) records: Vec<csv::StringRecord>,
}

impl Table {
    pub(super) fn read(path: &Path) -> Result<Table, Error> {
        let csv_error = |e| Error::from_csv(path, e);
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(path).map_err(csv_error)?;
        let headers = reader.headers().map_err(csv_error)?;
        let columns =
            headers.iter().enumerate().map(|(i, h)| (h.trim().trim_start_matches('\u{feff}').to_string(), i)).collect();
        let records = reader.records().collect::<Result<Vec<_>, _>>().map_err(csv_error)?;
        Ok(Table { path: path.to_path_buf(), columns, records })
    }
    pub(super) fn require(&self, names: &[&str]) -> Result<(), Error> {
        let missing: Vec<String> =
            names.iter().filter(|n| !self.columns.contains_key(**n)).map(|n| n.to_string()).collect();
        if !missing.is_empty() {
            return Err(Error::MissingColumns { file: self.path.display().to_string(), columns: missing });
        }
        Ok(())
    }
    pub(super) fn get<'a>(&self, record: &'a csv::StringRecord, name: &str) -> Option<&'a str> {
        self.columns.get(name).map(|&i| record.get(i).unwrap_or(""))
    }
}

pub(super) const REQUIRED: [&str; 5] = ["department", "category", "seq", "target", "deadline"];

/// Reads rows from a CSV file, or from every `*.gold.csv` and `rows.csv`
/// under a directory.
pub fn read_rows(path: impl AsRef<Path>) -> Result<Vec<EvalRow>, Error> {
    let path = path.as_ref();
    let files = csv_files(path, |name| name.ends_with(".gold.csv") || name == "rows.csv")?;
    let mut rows = Vec::new();
    for file in files {
        rows.extend(read_rows_file(&file)?);
    }
    Ok(rows)
}

pub(super) fn csv_files(path: &Path, wanted: fn(&str) -> bool) -> Result<Vec<PathBuf>, Error> {
    if !path.exists() {
        return Err(Error::NoSuchPath { file: path.display().to_string() });
    }
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let io_error = |err| Error::Io { file: dir.display().to_string(), err };
        for entry in std::fs::read_dir(&dir).map_err(io_error)? {
            let p = entry.map_err(io_error)?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().and_then(|n| n.to_str()).is_some_and(wanted) {
                out.push(p);
            }
        }
    }
    if out.is_empty() {
        return Err(Error::NoCsvFiles { file: path.display().to_string() });
    }
    out.sort();
    Ok(out)
}

/// `g0001_x.gold.csv` → `g0001_x`; `page.txt` → `page`.
pub(super) fn stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    for suffix in [".gold.csv", ".csv", ".txt"] {
        if let Some(s) = base.strip_suffix(suffix) {
            return s.to_string();
        }
    }
    base.to_string()
}

/// `107-108`, `107`, or runs `66-67;69-69` (a cell broken by another line):
/// the first and last line.
pub(super) fn parse_lines(s: &str) -> Option<(u32, u32)> {
    let s = normalize(s);
    let first = s.split(';').next()?;
    let last = s.rsplit(';').next()?;
    let a = first.split_once('-').map_or(first, |(a, _)| a);
    let b = last.rsplit_once('-').map_or(last, |(_, b)| b);
    Some((a.parse().ok()?, b.parse().ok()?))
}

pub(super) fn read_rows_file(path: &Path) -> Result<Vec<EvalRow>, Error> {
    let table = Table::read(path)?;
    table.require(&REQUIRED)?;
    let file_stem = stem(&path.to_string_lossy());
    let is_rows_csv = path.file_name().is_some_and(|n| n == "rows.csv");
    let rows = table
        .records
        .iter()
        .map(|r| {
            let text = |name: &str| table.get(r, name).unwrap_or("").to_string();
            let source = table.get(r, "source").filter(|s| !s.is_empty());
            EvalRow {
                issue_date: table.get(r, "issue_date").map(normalize).filter(|d| !d.is_empty()),
                page: table.get(r, "page").and_then(|p| normalize(p).parse().ok()),
                department: text("department"),
                category: text("category"),
                seq: text("seq"),
                target: text("target"),
                deadline: text("deadline"),
                deadline_date: table.get(r, "deadline_date").map(str::to_string),
                // The hand-made seed gold calls the column target_lines.
                source_lines: table
                    .get(r, "source_lines")
                    .or_else(|| table.get(r, "target_lines"))
                    .and_then(parse_lines),
                flags: table.get(r, "flags").map(str::to_string),
                file: match source {
                    Some(s) => stem(s),
                    None if is_rows_csv => path.to_string_lossy().into_owned(),
                    None => file_stem.clone(),
                },
            }
        })
        .collect();
    Ok(rows)
}
