//! Keeping memory flat over a whole archive: each page's CSV fragments are
//! appended to the run's output files as soon as the page is extracted.
//!
//! Each of rows.csv, quantities.csv and leftovers.csv is first a temporary
//! file in the output directory that starts with the file's header. When
//! the pages, sorted, hold their fragments end to end in the order they
//! were appended (pages are read in sorted file order, and an archive's
//! file names sort by issue and page), those files are the outputs and
//! are renamed into place: every byte is written once. Otherwise (a page
//! carries on a list from another page, or the order changed) the
//! fragments are copied from them into fresh files in sorted order.
//!
//! Only what sorting and joining need stays in memory: the page's key, its
//! counts, its last row (a list continued on the next page takes its
//! department from it) and, for the rare page that carries on a list from
//! another page, its rows (they are completed once every page is known).
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let mut spill = pledges::run::spill::SpillFile::create(dir.path(), b"x,y\n").unwrap();
//! let range = spill.append(b"a,b\n").unwrap();
//! assert_eq!(range, 4..8);
//! assert!(spill.holds_exactly([&range]));
//! ```
//!
//! The fragments themselves are written field by field ([`CsvLines`],
//! [`CsvRecord`]) rather than through serde: the bytes are the same
//! (quoted as the csv crate quotes, see [`crate::run::csvline`]), without
//! serde's per-field calls.

use crate::fields::quantity::Quantity;
use crate::model::{Leftover, PageResult, Row};
pub(crate) use crate::run::csvline::CsvLines;
use crate::run::output::{csv_head, temp_file_in, LEFTOVERS_HEADER, QUANTITIES_HEADER, ROWS_HEADER};
use crate::Error;
use serde::Serialize;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// A temporary file beside the outputs, appended to as pages come, that
/// may become an output file itself ([`SpillFile::persist`]).
pub struct SpillFile {
    file: BufWriter<NamedTempFile>,
    /// Bytes before the first fragment: the CSV header line (and BOM).
    head: u64,
    len: u64,
    dir: PathBuf,
    /// A copy moved the file position away from the end.
    copied: bool,
}

impl SpillFile {
    /// Creates the file in `dir`, starting with `head` (removed when dropped unpersisted).
    pub fn create(dir: &Path, head: &[u8]) -> Result<Self, Error> {
        let file = temp_file_in(dir).map_err(|err| Error::Write { path: dir.to_owned(), err })?;
        let mut spill = SpillFile { file: BufWriter::new(file), head: 0, len: 0, dir: dir.to_owned(), copied: false };
        spill.append(head)?;
        spill.head = spill.len;
        Ok(spill)
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

    /// Copies `range` of the file into `out` (call once appending is done).
    pub fn copy(&mut self, range: &Range<u64>, out: &mut impl Write) -> Result<(), Error> {
        if range.is_empty() {
            return Ok(());
        }
        self.file.flush().map_err(|err| self.err(err))?;
        self.copied = true;
        let file = self.file.get_mut().as_file_mut();
        let io = |err| Error::Write { path: self.dir.clone(), err };
        file.seek(SeekFrom::Start(range.start)).map_err(io)?;
        std::io::copy(&mut (&*file).take(range.end - range.start), out).map_err(io)?;
        Ok(())
    }

    /// Whether `ranges`, in this order, are everything after the head, end
    /// to end (empty ranges, holding nothing, may stand anywhere).
    pub fn holds_exactly<'a>(&self, ranges: impl IntoIterator<Item = &'a Range<u64>>) -> bool {
        let mut at = self.head;
        for r in ranges.into_iter().filter(|r| !r.is_empty()) {
            if r.start != at {
                return false;
            }
            at = r.end;
        }
        at == self.len
    }

    /// Flushes, syncs and renames the file to `path`.
    pub fn persist(self, path: &Path) -> Result<(), Error> {
        let werr = |err| Error::Write { path: path.to_owned(), err };
        let tmp = self.file.into_inner().map_err(|e| werr(e.into_error()))?;
        tmp.as_file().sync_all().map_err(werr)?;
        tmp.persist(path).map_err(|e| werr(e.error))?;
        Ok(())
    }

    fn err(&self, err: std::io::Error) -> Error {
        Error::Write { path: self.dir.clone(), err }
    }
}

/// rows.csv, quantities.csv and leftovers.csv of a spilling run, as
/// [`SpillFile`]s in the output directory.
pub struct Spill {
    pub rows: SpillFile,
    pub quantities: SpillFile,
    pub leftovers: SpillFile,
    dir: PathBuf,
    excel: bool,
}

impl Spill {
    /// The three files in `dir`, each with its header (and BOM for `excel`).
    pub fn create(dir: &Path, excel: bool) -> Result<Self, Error> {
        let file = |header: &[&str]| SpillFile::create(dir, &csv_head(header, excel));
        Ok(Spill {
            rows: file(ROWS_HEADER)?,
            quantities: file(QUANTITIES_HEADER)?,
            leftovers: file(LEFTOVERS_HEADER)?,
            dir: dir.to_owned(),
            excel,
        })
    }

    /// Appends one page's rows, quantities and leftovers lines, returning where each went.
    pub fn append(&mut self, [rows, quantities, leftovers]: &[Vec<u8>; 3]) -> Result<[Range<u64>; 3], Error> {
        Ok([self.rows.append(rows)?, self.quantities.append(quantities)?, self.leftovers.append(leftovers)?])
    }

    /// Whether these files, renamed, are the outputs of `pages` (sorted)
    /// written into `dir` with `excel`: no page keeps lines in memory, and
    /// the spilled ones hold every file end to end in this order.
    pub fn is_output(&self, dir: &Path, excel: bool, pages: &[PageResult]) -> bool {
        let in_memory = |p: &PageResult| p.spilled.is_none() && !(p.rows.is_empty() && p.leftovers.is_empty());
        if dir != self.dir || excel != self.excel || pages.iter().any(in_memory) {
            return false;
        }
        let spilled = || pages.iter().filter_map(|p| p.spilled.as_deref());
        self.rows.holds_exactly(spilled().map(|s| &s.rows))
            && self.quantities.holds_exactly(spilled().map(|s| &s.quantities))
            && self.leftovers.holds_exactly(spilled().map(|s| &s.leftovers))
    }

    /// Renames the files into place as rows.csv, quantities.csv and leftovers.csv in `dir`.
    pub fn persist(self, dir: &Path) -> Result<(), Error> {
        self.rows.persist(&dir.join("rows.csv"))?;
        self.quantities.persist(&dir.join("quantities.csv"))?;
        self.leftovers.persist(&dir.join("leftovers.csv"))
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
        write_row_key(self, out);
        write_row_after_key(self, out);
    }
}

/// The row's first seven columns, which quantities.csv repeats for each of
/// its quantities: id, source, issue_date, page, department, category, seq.
pub(crate) fn write_row_key(row: &Row, out: &mut CsvLines) {
    for key in [&*row.id, &row.source, &row.issue_date, &row.page, &row.department, &row.category] {
        out.field(key);
    }
    out.number(u64::from(row.seq));
}

/// The row's columns after its key ([`write_row_key`]).
pub(crate) fn write_row_after_key(row: &Row, out: &mut CsvLines) {
    for text in [&*row.target, &row.deadline, &row.deadline_date] {
        out.field(text);
    }
    out.field(row.deadline_kind.as_str());
    out.field(&row.deadline_start);
    out.field(&row.source_lines);
    // Most rows have no flag: no string is built for them.
    if row.flags.is_empty() {
        out.field("");
    } else {
        out.field(&row.flags.to_string());
    }
    out.field(&row.position);
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

    #[test]
    fn ranges_out_of_order_or_short_are_not_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut spill = SpillFile::create(dir.path(), b"h\n").unwrap();
        let (a, b) = (spill.append(b"a\n").unwrap(), spill.append(b"bb\n").unwrap());
        let empty = spill.append(b"").unwrap();
        assert!(spill.holds_exactly([&empty, &a, &b]));
        assert!(spill.holds_exactly([&a, &b, &empty]));
        assert!(!spill.holds_exactly([&b, &a]));
        assert!(!spill.holds_exactly([&a]));
        let mut copied = vec![];
        spill.copy(&b, &mut copied).unwrap();
        // Appending after a copy still appends at the end.
        let c = spill.append(b"c\n").unwrap();
        spill.copy(&c, &mut copied).unwrap();
        assert_eq!(copied, b"bb\nc\n");
        let path = dir.path().join("out.csv");
        spill.persist(&path).unwrap();
        assert_eq!(std::fs::read(path).unwrap(), b"h\na\nbb\nc\n");
    }

    use crate::model::{DeadlineKind, Flag, LineNo};

    /// Fields that need quoting, quotes inside, line ends, empty fields.
    const AWKWARD: [&str; 6] = ["", "a,b", "say \"hi\"", "two\nlines", "cr\r", "新增企业5家"];

    fn row(k: usize) -> Row {
        let text = |i: usize| AWKWARD[(k + i) % AWKWARD.len()].to_string();
        Row {
            id: format!("{}#{k}", text(0)),
            source: text(0).into(),
            issue_date: text(1).into(),
            page: text(2).into(),
            department: text(3).into(),
            category: text(4).into(),
            seq: k as u32 * 1000,
            target: text(5),
            deadline: text(1),
            deadline_date: text(2).into(),
            deadline_kind: [DeadlineKind::By, DeadlineKind::Range, DeadlineKind::None][k % 3],
            deadline_start: text(3).into(),
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
