//! The workbook `extract --xlsx` writes, opened by LibreOffice: headless
//! `soffice --convert-to csv` turns every sheet back into a CSV, and each
//! must hold the same records as the CSV file it was made from (numbers
//! typed as numbers and dates as dates must print back as the CSV text).
//!
//! Without a `soffice` binary (Debian's `libreoffice-calc-nogui`) the test
//! skips with a loud message, except under `CI=true`, where that is a failure.

use std::path::Path;
use std::process::Command;

/// The CSV filter's options: comma, double quote, UTF-8 (76), from line 1,
/// and (the last token, LibreOffice 7.2+) every sheet to its own
/// `NAME-SHEET.csv`.
const CSV_FILTER: &str = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

fn soffice_here() -> bool {
    let found = Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but no soffice: install Debian's libreoffice-calc-nogui package"
        );
        eprintln!("\n\n!!!!! SKIPPED: no soffice binary; the workbook was NOT opened in LibreOffice !!!!!\n\n");
    }
    found
}

fn records(path: &Path) -> Vec<csv::StringRecord> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes()).records().map(Result::unwrap).collect()
}

#[test]
fn libreoffice_reads_every_sheet_back_as_its_csv() {
    if !soffice_here() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (run, converted) = (dir.path().join("run"), dir.path().join("converted"));
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seed");
    let o = Command::new(env!("CARGO_BIN_EXE_pledges"))
        .args(["extract", seed.to_str().unwrap(), "--out", run.to_str().unwrap(), "--quiet", "--xlsx"])
        .output()
        .unwrap();
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&o.stderr));

    // A profile of its own: a second soffice (or the user's) cannot block it.
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    let o = Command::new("soffice")
        .args(["--headless", &profile, "--convert-to", CSV_FILTER, "--outdir", converted.to_str().unwrap()])
        .arg(run.join("pledges.xlsx"))
        .output()
        .unwrap();
    assert!(o.status.success(), "soffice failed: {}", String::from_utf8_lossy(&o.stderr));

    for sheet in ["rows", "quantities", "leftovers", "pages"] {
        let from_libreoffice = records(&converted.join(format!("pledges-{sheet}.csv")));
        let written = records(&run.join(format!("{sheet}.csv")));
        assert_eq!(from_libreoffice, written, "sheet {sheet}");
    }
    assert_eq!(records(&converted.join("pledges-rows.csv")).len(), 116, "header + the seed page's 115 rows");
}
