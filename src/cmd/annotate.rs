//! `pledges annotate IN.csv|IN.xlsx --text COLUMN [--deadline COLUMN] [--year YYYY] [--sheet NAME|N] --out DIR`
//!
//! Adds quantities and deadline dates to any CSV of pledges, e.g. one typed
//! up by hand or exported from a spreadsheet (hence UTF-8 with or without BOM,
//! or GB18030 as Excel writes it on Chinese Windows), or to one sheet of an
//! `.xlsx` workbook (known by its zip signature or extension; `--sheet` picks
//! the sheet by name or 1-based number, the first by default; date cells read
//! as `YYYY-MM-DD`, see [`pledges::read::workbook`]).
//!
//! Writes `DIR/quantities.csv` (one line per quantity, `row` = 1-based data
//! row of the input) and `DIR/annotated.csv` (the input plus `deadline_date`,
//! `deadline_kind` and `deadline_start` when `--deadline` is given; columns
//! of those names already in the input are filled in place), and with
//! `--xlsx` both as sheets of `DIR/pledges.xlsx`. Both are written to a temp file in DIR and
//! renamed, so a reader never sees half a file.
//!
//! ```text
//! $ pledges annotate pledges.csv --text 任务目标 --deadline 完成时限 --year 2022 --out out/
//! ```

use super::Outcome;
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input CSV (UTF-8, UTF-8 with BOM, or GB18030) or .xlsx workbook.
    pub input: PathBuf,
    /// The workbook's sheet to read: its name, or its number counting from 1 (default: the first sheet).
    #[arg(long, value_name = "NAME|N")]
    pub sheet: Option<String>,
    /// Header of the column holding the target text.
    #[arg(long = "text")]
    pub text_column: String,
    /// Header of the column holding the deadline text; adds `deadline_date`.
    #[arg(long = "deadline")]
    pub deadline_column: Option<String>,
    /// Year for deadlines that print none (`12月底前`).
    #[arg(long)]
    pub year: Option<i32>,
    /// Output directory (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    /// Also write DIR/pledges.xlsx: sheets `annotated` and `quantities` plus a `flags` legend.
    #[arg(long)]
    pub xlsx: bool,
}

/// quantities.csv of `annotate`: the input's data row instead of the row key.
fn quantity_header() -> Vec<&'static str> {
    let from_index = pledges::run::output::QUANTITIES_HEADER.iter().skip_while(|h| **h != "index");
    std::iter::once("row").chain(from_index.copied()).collect()
}

pub fn run(args: Args) -> Result<Outcome> {
    let input_name = args.input.display().to_string();
    let bytes = std::fs::read(&args.input).with_context(|| format!("cannot read {input_name}"))?;
    // Like extract, a file with a problem exits 1, a run that cannot go on
    // (a sheet or column that is not there) 2.
    let table = if pledges::read::workbook::looks_like_workbook(&args.input, &bytes) {
        match pledges::read::workbook::read_sheet(&input_name, &bytes, args.sheet.as_deref()) {
            Ok(sheet) => Table::from_sheet(&input_name, sheet),
            Err(err @ pledges::Error::Workbook { sheet: Some(_), .. }) => bail!(err),
            Err(err) => {
                eprintln!("error: {err}");
                return Ok(Outcome::Problems);
            }
        }
    } else {
        if args.sheet.is_some() {
            bail!("{input_name}: --sheet applies to .xlsx workbooks; this is a text file");
        }
        // The same decoding as `extract`: empty, binary and undecodable files are
        // refused with their line, never read as a table of garbage.
        let text = match pledges::read::decode::decode_str(&input_name, &bytes) {
            Ok((text, _)) => text,
            Err(err) => {
                eprintln!("error: {err}");
                return Ok(Outcome::Problems);
            }
        };
        Table::parse(&input_name, &text).with_context(|| format!("{input_name}: not a readable CSV"))?
    };
    let input_name = table.source.clone();
    let text_col = table.column(&args.text_column)?;
    let deadline_col = match &args.deadline_column {
        Some(name) => Some(table.column(name)?),
        None => None,
    };
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create output directory {}", args.out.display()))?;

    let mut problems = Vec::new();
    let quantities = quantities_csv(&table, text_col, &input_name, &mut problems)?;
    let annotated = annotated_csv(&table, deadline_col, args.year, &input_name, &mut problems)?;
    write_atomically(&args.out, "quantities.csv", &quantities)?;
    write_atomically(&args.out, "annotated.csv", &annotated)?;
    if args.xlsx {
        let sheets = ["annotated", "quantities"].map(|s| (s, args.out.join(format!("{s}.csv"))));
        pledges::run::xlsx::write_workbook(&args.out.join(pledges::run::xlsx::WORKBOOK_NAME), &sheets)?;
    }

    for problem in &problems {
        eprintln!("pledges annotate: {problem}");
    }
    Ok(if problems.is_empty() { Outcome::Clean } else { Outcome::Problems })
}

/// The input table held in memory: header and rows as strings.
struct Table {
    /// The input as messages name it: the file, and the sheet of a workbook.
    source: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn parse(file: &str, text: &str) -> Result<Self> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
        let header = reader.headers()?.iter().map(|h| h.trim().to_string()).collect();
        let mut rows = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let record = record.with_context(|| format!("row {}", i + 1))?;
            rows.push(record.iter().map(str::to_string).collect());
        }
        Ok(Table { source: file.to_owned(), header, rows })
    }

    /// A sheet's first row is its header, as in a CSV.
    fn from_sheet(file: &str, sheet: pledges::read::workbook::Sheet) -> Self {
        let mut rows = sheet.rows.into_iter();
        let header = rows.next().unwrap_or_default().iter().map(|h| h.trim().to_string()).collect();
        Table { source: format!("{file} sheet {:?}", sheet.name), header, rows: rows.collect() }
    }

    fn column(&self, name: &str) -> Result<usize> {
        match self.header.iter().position(|h| h == name) {
            Some(i) => Ok(i),
            None => bail!("{}: no column named {name:?} (columns: {})", self.source, self.header.join(", ")),
        }
    }

    /// The cell, or `None` when the row is too short to have it.
    fn cell(&self, row: usize, col: usize) -> Option<&str> {
        self.rows[row].get(col).map(String::as_str)
    }
}

fn quantities_csv(table: &Table, text_col: usize, file: &str, problems: &mut Vec<String>) -> Result<Vec<u8>> {
    // Headers are written by hand: the records are (row, index, Quantity) tuples.
    let mut out = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    out.write_record(quantity_header())?;
    for row in 0..table.rows.len() {
        let Some(target) = table.cell(row, text_col) else {
            problems.push(format!("{file}: row {}: no value in the text column", row + 1));
            continue;
        };
        if target.trim().is_empty() {
            problems.push(format!("{file}: row {}: empty text", row + 1));
            continue;
        }
        for (index, q) in pledges::fields::quantity::extract(target).into_iter().enumerate() {
            out.serialize((row + 1, index + 1, q))?;
        }
    }
    Ok(out.into_inner()?)
}

fn annotated_csv(
    table: &Table,
    deadline_col: Option<usize>,
    year: Option<i32>,
    file: &str,
    problems: &mut Vec<String>,
) -> Result<Vec<u8>> {
    let mut out = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    let mut header = table.header.clone();
    // A column annotate writes that the input already has (rows.csv of a
    // run has deadline_date) is filled anew in place, not added twice.
    let mut places = vec![];
    if deadline_col.is_some() {
        for name in DEADLINE_COLUMNS {
            places.push(header.iter().position(|h| h == name).unwrap_or_else(|| {
                header.push(name.to_string());
                header.len() - 1
            }));
        }
    }
    out.write_record(&header)?;
    for (row, cells) in table.rows.iter().enumerate() {
        let mut cells = cells.clone();
        if let Some(col) = deadline_col {
            let values = match table.cell(row, col) {
                Some(text) => deadline_values(text, year),
                None => {
                    problems.push(format!("{file}: row {}: no value in the deadline column", row + 1));
                    Default::default()
                }
            };
            // Short rows are padded so the new columns stay in place.
            cells.resize(cells.len().max(header.len()), String::new());
            for (place, value) in places.iter().zip(values) {
                cells[*place] = value;
            }
        }
        out.write_record(&cells)?;
    }
    Ok(out.into_inner()?)
}

/// The columns `--deadline` fills, as in rows.csv.
const DEADLINE_COLUMNS: [&str; 3] = ["deadline_date", "deadline_kind", "deadline_start"];

/// The values of [`DEADLINE_COLUMNS`] for one deadline cell.
fn deadline_values(text: &str, year: Option<i32>) -> [String; 3] {
    let d = pledges::fields::deadline::read(text, year);
    [d.date_iso(), d.kind.as_str().to_owned(), d.start_iso()]
}

fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let target = dir.join(name);
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, &target)
    };
    write()
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
        .with_context(|| format!("cannot write {}", target.display()))
}
