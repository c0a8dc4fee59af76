//! Writing the CSV files of a run: rows.csv, quantities.csv, leftovers.csv.
//!
//! Files are written to a temporary name in the output directory and renamed
//! into place, so an interrupted run never leaves a half-written CSV that
//! looks complete. `--excel` prefixes a UTF-8 BOM so spreadsheets read the
//! Chinese text right.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let rows: Vec<pledges::Row> = vec![];
//! pledges::output::write_csv(&dir.path().join("rows.csv"), &rows, pledges::output::ROWS_HEADER, false).unwrap();
//! let text = std::fs::read_to_string(dir.path().join("rows.csv")).unwrap();
//! assert!(text.starts_with("source,issue_date,page,department"));
//! ```

use crate::Error;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

pub const ROWS_HEADER: &[&str] = &[
    "source",
    "issue_date",
    "page",
    "department",
    "category",
    "seq",
    "target",
    "deadline",
    "deadline_date",
    "source_lines",
    "flags",
];
pub const QUANTITIES_HEADER: &[&str] = &[
    "source",
    "issue_date",
    "page",
    "department",
    "category",
    "seq",
    "index",
    "metric",
    "value",
    "value_high",
    "unit",
    "magnitude_value",
    "base_unit",
    "qualifier",
    "text",
    "flags",
];
pub const LEFTOVERS_HEADER: &[&str] = &["source", "line", "text", "reason"];

/// Writes `records` with `header` to `path` atomically.
pub fn write_csv<T: Serialize>(path: &Path, records: &[T], header: &[&str], excel: bool) -> Result<(), Error> {
    let werr = |err| Error::Write { path: path.to_owned(), err };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(werr)?;
    {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        if excel {
            out.write_all("\u{feff}".as_bytes()).map_err(werr)?;
        }
        let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(&mut out);
        let csv_err = |e: csv::Error| werr(std::io::Error::other(e));
        w.write_record(header).map_err(csv_err)?;
        for r in records {
            w.serialize(r).map_err(csv_err)?;
        }
        w.flush().map_err(werr)?;
    }
    tmp.as_file().sync_all().map_err(werr)?;
    tmp.persist(path).map_err(|e| werr(e.error))?;
    Ok(())
}
