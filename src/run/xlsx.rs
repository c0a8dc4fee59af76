//! `--xlsx`: the CSV outputs of a run as one spreadsheet workbook, a sheet
//! per file (rows, quantities, leftovers, pages) plus a `flags` legend.
//!
//! Written from the finished CSV files, so `extract` and `merge` share it
//! and the workbook holds exactly what the CSVs hold. Each sheet: header
//! frozen, autofilter, columns as wide as their text (a Chinese character
//! counts two), numbers as numbers, ISO dates as dates; rows with flags are
//! shaded and their flags cell carries a note with each flag's meaning
//! (taken from [`crate::review::flags`], i.e. from [`crate::model::Flag`]).
//!
//! ```no_run
//! let dir = std::path::Path::new("out");
//! pledges::run::xlsx::write_run_workbook(dir).unwrap(); // writes out/pledges.xlsx
//! ```

use crate::review::flags;
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Note, Workbook, Worksheet, XlsxError};
use std::path::{Path, PathBuf};

/// The workbook's file name in the output directory.
pub const WORKBOOK_NAME: &str = "pledges.xlsx";
/// The sheets of a run's workbook, each from the CSV file of the same name.
pub(crate) const RUN_SHEETS: &[&str] = &["rows", "quantities", "leftovers", "pages"];
/// The legend sheet: every documented flag and its meaning.
pub(crate) const LEGEND_SHEET: &str = "flags";

/// Columns whose values are written as numbers (when they parse as one).
const NUMBER_COLUMNS: &[&str] = &[
    "page",
    "seq",
    "index",
    "value",
    "value_high",
    "magnitude_value",
    "line",
    "rows",
    "flagged",
    "leftovers",
    "lines",
    "furniture_lines",
    "row",
];
/// Columns whose ISO values (`YYYY-MM-DD`) are written as dates.
const DATE_COLUMNS: &[&str] = &["issue_date", "deadline_date", "deadline_start"];
/// Widest a column gets, in character widths: longer targets wrap in the eye, not the sheet.
const MAX_WIDTH: f64 = 60.0;
/// Shade of a flagged row (pale yellow).
const FLAGGED_SHADE: u32 = 0xFFF2CC;

/// Writes `DIR/pledges.xlsx` from `DIR/{rows,quantities,leftovers,pages}.csv`.
pub fn write_run_workbook(dir: &Path) -> Result<PathBuf, crate::Error> {
    let path = dir.join(WORKBOOK_NAME);
    let sheets: Vec<(&str, PathBuf)> = RUN_SHEETS.iter().map(|s| (*s, dir.join(format!("{s}.csv")))).collect();
    write_workbook(&path, &sheets)?;
    Ok(path)
}

/// Writes `sheets` (name, CSV file) into one workbook at `path`, plus the
/// `flags` legend sheet. Missing CSV files are skipped. The workbook is
/// saved beside `path` and renamed, so a reader never sees half a file.
pub fn write_workbook(path: &Path, sheets: &[(&str, PathBuf)]) -> Result<(), crate::Error> {
    let write_err =
        |e: XlsxError| crate::Error::Write { path: path.to_owned(), err: std::io::Error::other(e.to_string()) };
    let mut book = Workbook::new();
    for (name, csv) in sheets {
        let Ok(text) = std::fs::read_to_string(csv) else { continue };
        let sheet = book.add_worksheet();
        sheet.set_name(*name).map_err(write_err)?;
        fill(sheet, text.strip_prefix('\u{feff}').unwrap_or(&text)).map_err(write_err)?;
    }
    legend(book.add_worksheet()).map_err(write_err)?;
    let partial = path.with_extension("xlsx.partial");
    book.save(&partial).map_err(write_err)?;
    std::fs::rename(&partial, path).map_err(|err| crate::Error::Write { path: path.to_owned(), err })
}

/// The cell formats of a data sheet, plain and shaded.
struct Formats {
    header: Format,
    date: Format,
    flagged: Format,
    flagged_date: Format,
}

impl Formats {
    fn new() -> Self {
        let shade = Color::RGB(FLAGGED_SHADE);
        Formats {
            header: Format::new().set_bold().set_border_bottom(FormatBorder::Thin),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            flagged: Format::new().set_background_color(shade),
            flagged_date: Format::new().set_num_format("yyyy-mm-dd").set_background_color(shade),
        }
    }
}

fn fill(sheet: &mut Worksheet, text: &str) -> Result<(), XlsxError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().map(|h| h.iter().map(str::to_owned).collect()).unwrap_or_default();
    let formats = Formats::new();
    let mut widths: Vec<f64> = header.iter().map(|h| text_width(h)).collect();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &formats.header)?;
    }
    let flags_col = header.iter().position(|h| h == "flags");
    let mut last = 0u32;
    for (i, record) in reader.records().enumerate() {
        let Ok(record) = record else { continue };
        let r = i as u32 + 1;
        last = r;
        let flags = flags_col.and_then(|c| record.get(c)).unwrap_or("");
        let shaded = !flags.is_empty();
        for (c, value) in record.iter().enumerate() {
            if let Some(w) = widths.get_mut(c) {
                *w = w.max(text_width(value));
            }
            let name = header.get(c).map_or("", String::as_str);
            write_cell(sheet, (r, c as u16), name, value, shaded, &formats)?;
        }
        if let (Some(c), true) = (flags_col, shaded) {
            let note: Vec<String> = flags.split(';').map(|f| format!("{f}: {}", flags::meaning(f))).collect();
            sheet.insert_note(r, c as u16, &Note::new(note.join("\n")).set_width(400))?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    if !header.is_empty() {
        sheet.autofilter(0, 0, last, header.len() as u16 - 1)?;
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, (w + 2.0).min(MAX_WIDTH))?;
    }
    Ok(())
}

/// One cell: a date, a number or a string by its column, shaded if flagged.
fn write_cell(
    sheet: &mut Worksheet,
    (r, c): (u32, u16),
    column: &str,
    value: &str,
    shaded: bool,
    f: &Formats,
) -> Result<(), XlsxError> {
    if value.is_empty() {
        if shaded {
            sheet.write_blank(r, c, &f.flagged)?;
        }
        return Ok(());
    }
    let as_date = DATE_COLUMNS.contains(&column).then(|| iso_date(value)).flatten();
    let as_number = NUMBER_COLUMNS.contains(&column).then(|| value.parse::<f64>().ok()).flatten();
    match (as_date, as_number) {
        (Some(d), _) => sheet.write_datetime_with_format(r, c, &d, if shaded { &f.flagged_date } else { &f.date })?,
        (None, Some(n)) if shaded => sheet.write_number_with_format(r, c, n, &f.flagged)?,
        (None, Some(n)) => sheet.write_number(r, c, n)?,
        (None, None) if shaded => sheet.write_string_with_format(r, c, value, &f.flagged)?,
        (None, None) => sheet.write_string(r, c, value)?,
    };
    Ok(())
}

/// `2019-04-21` as an Excel date; anything else (a partial or odd date) stays text.
fn iso_date(value: &str) -> Option<ExcelDateTime> {
    let parts: Vec<&str> = value.split('-').collect();
    let [y, m, d] = parts[..] else { return None };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    ExcelDateTime::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

fn legend(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.set_name(LEGEND_SHEET)?;
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, "flag", &bold)?;
    sheet.write_string_with_format(0, 1, "meaning", &bold)?;
    for (i, (flag, meaning)) in flags::meanings().iter().enumerate() {
        sheet.write_string(i as u32 + 1, 0, flag)?;
        sheet.write_string(i as u32 + 1, 1, meaning)?;
    }
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 100)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Display width in character cells: CJK and other wide characters count two.
fn text_width(s: &str) -> f64 {
    s.chars().map(|c| if (c as u32) >= 0x1100 { 2.0 } else { 1.0 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_characters_count_double() {
        assert_eq!(text_width("ab"), 2.0);
        assert_eq!(text_width("任务目标"), 8.0);
    }

    #[test]
    fn only_whole_iso_dates_become_dates() {
        assert!(iso_date("2019-04-21").is_some());
        assert!(iso_date("2019-04").is_none());
        assert!(iso_date("2019-13-01").is_none());
        assert!(iso_date("12月底前").is_none());
    }
}
