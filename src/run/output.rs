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
//! pledges::run::output::write_csv(&dir.path().join("rows.csv"), &rows, pledges::run::output::ROWS_HEADER, false).unwrap();
//! let text = std::fs::read_to_string(dir.path().join("rows.csv")).unwrap();
//! assert!(text.starts_with("id,source,issue_date,page,department"));
//! ```

use crate::Error;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

pub const ROWS_HEADER: &[&str] = &[
    "id",
    "source",
    "issue_date",
    "page",
    "department",
    "category",
    "seq",
    "target",
    "deadline",
    "deadline_date",
    "deadline_kind",
    "deadline_start",
    "source_lines",
    "flags",
    "position",
];
pub const QUANTITIES_HEADER: &[&str] = &[
    "row_id",
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
pub(crate) const LEFTOVERS_HEADER: &[&str] = &["source", "line", "text", "reason", "position"];

/// Writes `records` with `header` to `path` atomically.
pub fn write_csv<T: Serialize>(path: &Path, records: &[T], header: &[&str], excel: bool) -> Result<(), Error> {
    let mut out = AtomicCsv::create(path, header, excel)?;
    out.write_raw(&crate::run::spill::csv_fragment(records))?;
    out.finish()
}

/// A temporary file in `dir` that ends up with the permissions `File::create`
/// gives (0666 less the umask), as pledges.xlsx does: tempfile's own default,
/// 0600, would leave the renamed CSV readable by its owner only.
pub(crate) fn temp_file_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // open(2) applies the umask to this mode, as for File::create.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// What a CSV file starts with: a BOM for `excel`, then the header line.
pub(crate) fn csv_head(header: &[&str], excel: bool) -> Vec<u8> {
    let mut head = if excel { "\u{feff}".as_bytes().to_vec() } else { vec![] };
    head.extend(crate::run::spill::csv_fragment(&[header]));
    head
}

/// A CSV file written under a temporary name and renamed into place by
/// [`AtomicCsv::finish`]; dropped unfinished, it leaves nothing behind.
pub struct AtomicCsv {
    path: std::path::PathBuf,
    out: std::io::BufWriter<tempfile::NamedTempFile>,
}

impl AtomicCsv {
    /// Starts `path` with its header line (and a BOM for `excel`).
    pub fn create(path: &Path, header: &[&str], excel: bool) -> Result<Self, Error> {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let tmp = temp_file_in(dir).map_err(|err| Error::Write { path: path.to_owned(), err })?;
        let mut csv = AtomicCsv { path: path.to_owned(), out: std::io::BufWriter::new(tmp) };
        csv.write_raw(&csv_head(header, excel))?;
        Ok(csv)
    }

    /// Appends bytes that are already CSV lines.
    pub fn write_raw(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.out.write_all(bytes).map_err(|err| Error::Write { path: self.path.clone(), err })
    }

    /// The writer, for copying fragments straight in.
    pub fn writer(&mut self) -> &mut impl Write {
        &mut self.out
    }

    /// Flushes, syncs and renames the file into place.
    pub fn finish(self) -> Result<(), Error> {
        let path = self.path;
        let werr = |err| Error::Write { path: path.clone(), err };
        let tmp = self.out.into_inner().map_err(|e| werr(e.into_error()))?;
        tmp.as_file().sync_all().map_err(werr)?;
        tmp.persist(&path).map_err(|e| werr(e.error))?;
        Ok(())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// Regression: rows.csv came out 0600 while pledges.xlsx (File::create) was 0644.
    #[test]
    fn csv_files_get_the_permissions_file_create_gives() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain");
        std::fs::File::create(&plain).unwrap();
        let csv = dir.path().join("rows.csv");
        write_csv::<[&str; 1]>(&csv, &[["x"]], &["a"], false).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&csv), mode(&plain));
        assert_eq!(std::fs::read_to_string(&csv).unwrap(), "a\nx\n");
    }
}
