//! Spreadsheet input: one sheet of an `.xlsx` workbook → rows of text cells.
//!
//! `annotate` takes pledges typed into a spreadsheet as readily as a CSV.
//! A workbook is recognised by its content (the zip signature every `.xlsx`
//! starts with) or its extension; either way the cells come out as the text a
//! CSV export would hold: whole numbers without `.0`, and dates (Excel keeps
//! them as day serials) as `YYYY-MM-DD`, so `2022-11-30` in a deadline cell
//! reads as that day rather than as 44895.
//!
//! ```
//! use pledges::read::workbook::{cell_text, looks_like_workbook};
//! use calamine::{Data, ExcelDateTime, ExcelDateTimeType};
//! assert!(looks_like_workbook(std::path::Path::new("in.csv"), b"PK\x03\x04..."));
//! let day = ExcelDateTime::new(44895.0, ExcelDateTimeType::DateTime, false);
//! assert_eq!(cell_text(&Data::DateTime(day)), "2022-11-30");
//! assert_eq!(cell_text(&Data::Float(150.0)), "150");
//! ```

use crate::Error;
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;
use std::path::Path;

/// The first bytes of every zip archive, hence of every `.xlsx`.
const ZIP_SIGNATURE: &[u8] = b"PK\x03\x04";

/// Extensions of the workbooks [`read_sheet`] reads (compared case-blind).
const WORKBOOK_EXTENSIONS: [&str; 2] = ["xlsx", "xlsm"];

/// True when `bytes` (read from `path`) should be read as a workbook, not as text.
pub fn looks_like_workbook(path: &Path, bytes: &[u8]) -> bool {
    let by_extension = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WORKBOOK_EXTENSIONS.iter().any(|w| e.eq_ignore_ascii_case(w)));
    by_extension || bytes.starts_with(ZIP_SIGNATURE)
}

/// One sheet read as text: its name and its used range, row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    /// The sheet's used range (from its first non-empty cell), as cell texts.
    pub rows: Vec<Vec<String>>,
}

/// Reads the sheet `choice` names of the workbook in `bytes` (`file` is for
/// messages): a sheet name, else a 1-based sheet number; `None` is the first sheet.
pub fn read_sheet(file: &str, bytes: &[u8], choice: Option<&str>) -> Result<Sheet, Error> {
    let fail = |sheet: Option<&str>, message: String| Error::Workbook {
        file: file.to_owned(),
        sheet: sheet.map(str::to_owned),
        message,
    };
    if !bytes.starts_with(ZIP_SIGNATURE) {
        return Err(fail(None, "not an .xlsx workbook (no zip signature)".into()));
    }
    let mut book =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| fail(None, format!("not a readable .xlsx workbook: {e}")))?;
    let names = book.sheet_names();
    let name = pick_sheet(&names, choice).map_err(|message| fail(choice, message))?;
    let range = book.worksheet_range(&name).map_err(|e| fail(Some(&name), format!("cannot read the sheet: {e}")))?;
    let rows = range.rows().map(|row| row.iter().map(cell_text).collect()).collect();
    Ok(Sheet { name, rows })
}

/// The sheet `choice` names among `names`: an exact name first, so a sheet
/// called `2` is found by name, then a 1-based number.
fn pick_sheet(names: &[String], choice: Option<&str>) -> Result<String, String> {
    let Some(choice) = choice else {
        return names.first().cloned().ok_or_else(|| "the workbook has no sheets".to_owned());
    };
    if let Some(name) = names.iter().find(|n| *n == choice) {
        return Ok(name.clone());
    }
    let by_number = choice.trim().parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|i| names.get(i));
    by_number.cloned().ok_or_else(|| {
        let listed: Vec<String> = names.iter().enumerate().map(|(i, n)| format!("{} {n:?}", i + 1)).collect();
        format!("no sheet named or numbered {choice:?} (sheets: {})", listed.join(", "))
    })
}

/// The text a CSV export would hold for one cell.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Rust prints 150.0 as "150" and 0.1 as "0.1", as a spreadsheet shows them.
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{day:02}")
            } else {
                format!("{y:04}-{mo:02}-{day:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        // A duration has no calendar date; its day count is what it means.
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn sheets_are_picked_by_name_then_by_number() {
        let list = names(&["rows", "2", "flags"]);
        assert_eq!(pick_sheet(&list, None).unwrap(), "rows");
        assert_eq!(pick_sheet(&list, Some("flags")).unwrap(), "flags");
        assert_eq!(pick_sheet(&list, Some("2")).unwrap(), "2", "a sheet named 2 wins over the second sheet");
        assert_eq!(pick_sheet(&list, Some("3")).unwrap(), "flags");
        let err = pick_sheet(&list, Some("4")).unwrap_err();
        assert_eq!(err, r#"no sheet named or numbered "4" (sheets: 1 "rows", 2 "2", 3 "flags")"#);
        assert!(pick_sheet(&list, Some("0")).is_err(), "numbers start at 1");
    }

    #[test]
    fn dates_come_out_as_text_dates() {
        let at = |v| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        assert_eq!(cell_text(&at(44926.0)), "2022-12-31");
        assert_eq!(cell_text(&at(44926.5)), "2022-12-31 12:00:00");
        let in_1904 = Data::DateTime(ExcelDateTime::new(43464.0, ExcelDateTimeType::DateTime, true));
        assert_eq!(cell_text(&in_1904), "2022-12-31");
        assert_eq!(cell_text(&Data::Float(2.5)), "2.5");
        assert_eq!(cell_text(&Data::Int(7)), "7");
    }

    #[test]
    fn workbooks_are_known_by_content_or_extension() {
        assert!(looks_like_workbook(Path::new("a.XLSX"), b"not a zip"));
        assert!(looks_like_workbook(Path::new("a.csv"), b"PK\x03\x04rest"));
        assert!(!looks_like_workbook(Path::new("a.csv"), "部门,任务目标\n".as_bytes()));
    }

    #[test]
    fn a_text_file_named_xlsx_is_refused_with_its_name() {
        let err = read_sheet("in.xlsx", "部门,任务目标\n".as_bytes(), None).unwrap_err();
        assert_eq!(err.to_string(), "in.xlsx: not an .xlsx workbook (no zip signature)");
    }
}
