//! CSV lines written field by field into memory, with the bytes the csv
//! crate's default writer gives (`QuoteStyle::Necessary`, `,` between
//! fields, `\n` after a line).
//!
//! Why not the csv crate itself: its writer walks every byte of every
//! field through csv_core's state machine and its own buffer, ~370
//! instructions a field, and a page writes ~3,000 fields. The rules it
//! applies to our records are few, and this module applies them with one
//! pass that the compiler turns into SIMD compares:
//!
//! * a field holding `,`, `"`, `\n` or `\r` is put in quotes, its quotes doubled;
//!   any other field is copied as it is (leading or trailing spaces too);
//! * a line whose fields wrote no byte at all (one empty field) is written
//!   `""`, so that it is not a blank line.
//!
//! The csv crate stays the oracle: the tests below compare the two on
//! awkward and random fields, and the record tests in `spill` and `batch`
//! compare whole pages with serde's records.
//!
//! ```
//! let mut out = pledges::run::csvline::CsvLines::new();
//! out.field("a,b");
//! out.number(7);
//! out.end_line();
//! assert_eq!(out.into_bytes(), b"\"a,b\",7\n");
//! ```

/// CSV lines written one field at a time.
#[derive(Default)]
pub struct CsvLines {
    out: Vec<u8>,
    /// Where the current line starts in `out`.
    line_start: usize,
    /// Whether the current line has a field: an empty first field writes
    /// no byte, yet the next field still needs a comma before it.
    has_field: bool,
}

impl CsvLines {
    pub fn new() -> Self {
        Self::default()
    }

    /// Lines expected to take about `bytes`: room made once, not by doubling as they come.
    pub fn with_capacity(bytes: usize) -> Self {
        CsvLines { out: Vec::with_capacity(bytes), ..Self::default() }
    }

    /// Writes the next field of the current line.
    #[inline]
    pub fn field(&mut self, text: &str) {
        self.delimit();
        push_field(&mut self.out, text.as_bytes());
    }

    /// Writes a number field in decimal, as serde writes an integer.
    #[inline]
    pub fn number(&mut self, n: u64) {
        self.delimit();
        self.out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    /// Writes fields as another [`CsvLines`] wrote them ([`CsvLines::line_so_far`]),
    /// without looking at them again: a row's key repeated on each of its
    /// quantities' lines. (Empty `written` is one empty field.)
    #[inline]
    pub fn written_fields(&mut self, written: &[u8]) {
        self.delimit();
        self.out.extend_from_slice(written);
    }

    /// The bytes of the current line written so far (its fields and the commas between them).
    pub fn line_so_far(&self) -> &[u8] {
        &self.out[self.line_start..]
    }

    /// Ends the current line.
    #[inline]
    pub fn end_line(&mut self) {
        if self.out.len() == self.line_start {
            // As the csv crate does: a line of one empty field is `""`, not blank.
            self.out.extend_from_slice(b"\"\"");
        }
        self.out.push(b'\n');
        self.line_start = self.out.len();
        self.has_field = false;
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }

    /// A comma before every field but the line's first.
    #[inline]
    fn delimit(&mut self) {
        if self.has_field {
            self.out.push(b',');
        }
        self.has_field = true;
    }
}

/// Appends `field`, quoted when one of its bytes would otherwise end it.
#[inline]
fn push_field(out: &mut Vec<u8>, field: &[u8]) {
    if needs_quotes(field) {
        push_quoted(out, field);
    } else {
        out.extend_from_slice(field);
    }
}

/// `field` in quotes, its quotes doubled. Out of line: few fields take
/// it, and the common path stays short.
#[cold]
#[inline(never)]
fn push_quoted(out: &mut Vec<u8>, field: &[u8]) {
    out.reserve(field.len() + 2);
    out.push(b'"');
    for part in field.split_inclusive(|&b| b == b'"') {
        out.extend_from_slice(part);
        if part.ends_with(b"\"") {
            out.push(b'"');
        }
    }
    out.push(b'"');
}

/// Whether `field` holds a byte the csv writer quotes. No early exit, so
/// that the loop compiles to wide compares: fields are short, and most
/// hold none.
#[inline]
fn needs_quotes(field: &[u8]) -> bool {
    field.iter().fold(false, |any, &b| any | matches!(b, b',' | b'"' | b'\n' | b'\r'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngSeed};

    /// The csv crate's bytes for `lines`: the oracle.
    fn by_csv_crate(lines: &[Vec<String>]) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new().has_headers(false).flexible(true).from_writer(Vec::new());
        for line in lines {
            for f in line {
                w.write_field(f).unwrap();
            }
            w.write_record(None::<&[u8]>).unwrap();
        }
        w.into_inner().unwrap()
    }

    fn by_csv_lines(lines: &[Vec<String>]) -> Vec<u8> {
        let mut out = CsvLines::new();
        for line in lines {
            for f in line {
                out.field(f);
            }
            out.end_line();
        }
        out.into_bytes()
    }

    #[test]
    fn awkward_fields_are_written_as_the_csv_crate_writes_them() {
        let awkward = [
            "",
            " ",
            " lead",
            "trail ",
            "a,b",
            "\"",
            "\"\"",
            "say \"hi\"",
            "two\nlines",
            "cr\r",
            "\r\n",
            ",",
            "新增企业5家",
            "p1:10,20,30,40",
            "x\"y,z\n",
            "long field with no special byte at all, then one",
        ];
        let mut lines: Vec<Vec<String>> = awkward.iter().map(|f| vec![f.to_string()]).collect();
        lines.push(vec![]);
        lines.push(vec![String::new(), String::new()]);
        lines.push(awkward.iter().map(|f| f.to_string()).collect());
        lines.push(awkward.iter().rev().map(|f| f.to_string()).collect());
        assert_eq!(by_csv_lines(&lines), by_csv_crate(&lines));
    }

    #[test]
    fn numbers_and_copied_fields_are_the_fields_they_stand_for() {
        let mut key = CsvLines::new();
        key.field("a,b");
        key.field("");
        key.number(42);
        let mut out = CsvLines::new();
        out.written_fields(key.line_so_far());
        out.number(0);
        out.end_line();
        out.field("");
        out.written_fields(key.line_so_far());
        out.end_line();
        let lines = [vec!["a,b", "", "42", "0"], vec!["", "a,b", "", "42"]];
        let lines: Vec<Vec<String>> = lines.iter().map(|l| l.iter().map(|f| f.to_string()).collect()).collect();
        assert_eq!(out.into_bytes(), by_csv_crate(&lines));
    }

    fn config() -> Config {
        Config { cases: 2000, rng_seed: RngSeed::Fixed(604), failure_persistence: None, ..Config::default() }
    }

    proptest! {
        #![proptest_config(config())]

        /// Fields of quotes, commas, line ends, spaces, letters and Chinese, long and short.
        #[test]
        fn random_fields_are_written_as_the_csv_crate_writes_them(
            lines in prop::collection::vec(prop::collection::vec("[\",\r\n a-z0-9新增，]{0,40}", 0..6), 0..6)
        ) {
            prop_assert_eq!(by_csv_lines(&lines), by_csv_crate(&lines));
        }
    }
}
