//! Keeping memory flat over a whole archive: each page's CSV fragments are
//! written to a temporary file in the output directory as soon as the page
//! is extracted, and copied into place in sorted order at the end.
//!
//! Only what sorting and joining need stays in memory: the page's key, its
//! counts, its last row (a list continued on the next page takes its
//! department from it) and, for the rare page that carries on a list from
//! another page, its rows (they are completed once every page is known).
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let mut spill = pledges::run::spill::SpillFile::create(dir.path()).unwrap();
//! let range = spill.append(b"a,b\n").unwrap();
//! assert_eq!(range, 0..4);
//! ```
//!
//! The fragments themselves are written field by field ([`CsvLines`],
//! [`CsvRecord`]) rather than through serde: the bytes are the same (the
//! csv crate still decides the quoting), without serde's per-field calls.

use crate::fields::quantity::Quantity;
use crate::model::{Leftover, Row};
use crate::Error;
use serde::Serialize;
use std::io::{Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// An anonymous temporary file beside the outputs, appended to as pages come.
pub struct SpillFile {
    file: std::io::BufWriter<std::fs::File>,
    len: u64,
    dir: PathBuf,
    /// A copy moved the file position away from the end.
    copied: bool,
}

impl SpillFile {
    /// Creates the spill file in `dir` (removed by the OS when dropped).
    pub fn create(dir: &Path) -> Result<Self, Error> {
        let file = tempfile::tempfile_in(dir).map_err(|err| Error::Write { path: dir.to_owned(), err })?;
        Ok(SpillFile { file: std::io::BufWriter::new(file), len: 0, dir: dir.to_owned(), copied: false })
    }

    /// Appends `bytes`, returning where they went.
    pub fn append(&mut self, bytes: &[u8]) -> Result<Range<u64>, Error> {
        if self.copied {
            // A copy moved the file position: appends go to the end.
            self.file.seek(SeekFrom::Start(self.len)).map_err(|err| self.err(err))?;
            self.copied = false;
        }
        self.file.write_all(bytes).map_err(|err| self.err(err))?;
        let start = self.len;
        self.len += bytes.len() as u64;
        Ok(start..self.len)
    }

    /// Copies `range` of the spill file into `out` (call once appending is done).
    pub fn copy(&mut self, range: &Range<u64>, out: &mut impl Write) -> Result<(), Error> {
        if range.is_empty() {
            return Ok(());
        }
        self.file.flush().map_err(|err| self.err(err))?;
        self.copied = true;
        let file = self.file.get_mut();
        let io = |err| Error::Write { path: self.dir.clone(), err };
        file.seek(SeekFrom::Start(range.start)).map_err(io)?;
        std::io::copy(&mut (&*file).take(range.end - range.start), out).map_err(io)?;
        Ok(())
    }

    fn err(&self, err: std::io::Error) -> Error {
        Error::Write { path: self.dir.clone(), err }
    }
}

/// Records as CSV lines without a header, exactly as the output files hold them.
pub(crate) fn csv_fragment<T: Serialize>(records: &[T]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    for r in records {
        w.serialize(r).expect("serializing to memory cannot fail");
    }
    w.into_inner().expect("flushing to memory cannot fail")
}

/// CSV lines written one field at a time. The csv writer quotes each field
/// as `csv_fragment` would, so the bytes are those serde gives.
pub(crate) struct CsvLines {
    w: csv::Writer<Vec<u8>>,
}

impl CsvLines {
    pub(crate) fn new() -> Self {
        CsvLines { w: csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new()) }
    }

    /// Writes the next field of the current line.
    pub(crate) fn field(&mut self, text: &str) {
        self.w.write_field(text).expect("writing to memory cannot fail");
    }

    /// Writes a number field in decimal, as serde writes an integer.
    pub(crate) fn number(&mut self, n: u64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = n;
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        self.w.write_field(&digits[at..]).expect("writing to memory cannot fail");
    }

    /// Ends the current line.
    pub(crate) fn end_line(&mut self) {
        self.w.write_record(None::<&[u8]>).expect("writing to memory cannot fail");
    }

    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.w.into_inner().expect("flushing to memory cannot fail")
    }
}

/// A record that writes its own fields, in the order of its file's header.
pub(crate) trait CsvRecord {
    fn write_fields(&self, out: &mut CsvLines);
}

/// [`csv_fragment`] for records that write their own fields.
pub(crate) fn csv_lines<T: CsvRecord>(records: &[T]) -> Vec<u8> {
    let mut out = CsvLines::new();
    for r in records {
        r.write_fields(&mut out);
        out.end_line();
    }
    out.into_bytes()
}

/// The columns of rows.csv ([`crate::run::output::ROWS_HEADER`]).
impl CsvRecord for Row {
    fn write_fields(&self, out: &mut CsvLines) {
        for key in [&self.id, &self.source, &self.issue_date, &self.page, &self.department, &self.category] {
            out.field(key);
        }
        out.number(u64::from(self.seq));
        for text in [&self.target, &self.deadline, &self.deadline_date] {
            out.field(text);
        }
        out.field(self.deadline_kind.as_str());
        out.field(&self.deadline_start);
        out.field(&self.source_lines);
        // Most rows have no flag: no string is built for them.
        if self.flags.is_empty() {
            out.field("");
        } else {
            out.field(&self.flags.to_string());
        }
        out.field(&self.position);
    }
}

/// The columns of leftovers.csv ([`crate::run::output::LEFTOVERS_HEADER`]).
impl CsvRecord for Leftover {
    fn write_fields(&self, out: &mut CsvLines) {
        out.field(&self.source);
        out.number(self.line.get() as u64);
        out.field(&self.text);
        out.field(&self.reason);
        out.field(&self.position);
    }
}

/// The quantity's own columns of quantities.csv, after its row's key.
pub(crate) fn write_quantity(q: &Quantity, out: &mut CsvLines) {
    let Quantity { metric, value, value_high, unit, magnitude_value, base_unit, qualifier, text, flags } = q;
    for f in [metric, value, value_high, unit, magnitude_value, base_unit, qualifier, text, flags] {
        out.field(f);
    }
}

impl<T: CsvRecord> CsvRecord for &T {
    fn write_fields(&self, out: &mut CsvLines) {
        (*self).write_fields(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DeadlineKind, Flag, LineNo};

    /// Fields that need quoting, quotes inside, line ends, empty fields.
    const AWKWARD: [&str; 6] = ["", "a,b", "say \"hi\"", "two\nlines", "cr\r", "新增企业5家"];

    fn row(k: usize) -> Row {
        let text = |i: usize| AWKWARD[(k + i) % AWKWARD.len()].to_string();
        Row {
            id: format!("{}#{k}", text(0)),
            source: text(0),
            issue_date: text(1),
            page: text(2),
            department: text(3),
            category: text(4),
            seq: k as u32 * 1000,
            target: text(5),
            deadline: text(1),
            deadline_date: text(2),
            deadline_kind: [DeadlineKind::By, DeadlineKind::Range, DeadlineKind::None][k % 3],
            deadline_start: text(3),
            source_lines: text(4),
            flags: if k % 2 == 0 { [Flag::SeqInferred, Flag::CutUncertain].into() } else { Default::default() },
            position: text(5),
        }
    }

    #[test]
    fn rows_and_leftovers_are_written_as_serde_writes_them() {
        let rows: Vec<Row> = (0..12).map(row).collect();
        assert_eq!(csv_lines(&rows), csv_fragment(&rows));
        let refs: Vec<&Row> = rows.iter().collect();
        assert_eq!(csv_lines(&refs), csv_fragment(&refs));
        let leftovers: Vec<Leftover> = (0..12)
            .map(|k| Leftover {
                source: AWKWARD[k % 6].into(),
                line: LineNo(k * 97),
                text: AWKWARD[(k + 1) % 6].into(),
                reason: AWKWARD[(k + 2) % 6].into(),
                position: AWKWARD[(k + 3) % 6].into(),
            })
            .collect();
        assert_eq!(csv_lines(&leftovers), csv_fragment(&leftovers));
        assert!(csv_lines(&Vec::<Row>::new()).is_empty());
    }

    #[test]
    fn a_line_of_one_empty_field_is_written_as_serde_writes_it() {
        // The csv writer quotes a lone empty field (`""`) so the line is not blank.
        struct Lone;
        impl CsvRecord for Lone {
            fn write_fields(&self, out: &mut CsvLines) {
                out.field("");
            }
        }
        assert_eq!(csv_lines(&[Lone, Lone]), csv_fragment(&[[""], [""]]));
    }
}
