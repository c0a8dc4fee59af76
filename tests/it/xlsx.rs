//! `extract --xlsx` on the real seed page, read back with calamine: the
//! workbook has a sheet per CSV file plus the `flags` legend, the same rows
//! as rows.csv, numbers as numbers and deadline dates as Excel dates.

use calamine::{open_workbook, Data, Reader, Xlsx};
use std::path::Path;
use std::process::Command;

#[test]
fn extract_writes_a_workbook_with_the_csv_rows_typed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seed");
    let o = Command::new(env!("CARGO_BIN_EXE_pledges"))
        .args(["extract", seed.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet", "--xlsx"])
        .output()
        .unwrap();
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&o.stderr));

    let mut book: Xlsx<_> = open_workbook(out.join("pledges.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["rows", "quantities", "leftovers", "pages", "flags"]);

    let rows = book.worksheet_range("rows").unwrap();
    let csv_text = std::fs::read_to_string(out.join("rows.csv")).unwrap();
    let mut csv = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = csv.headers().unwrap().iter().map(str::to_owned).collect();
    let sheet_header: Vec<String> = rows.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(sheet_header, header);
    let csv_rows = csv.records().count();
    assert_eq!(csv_rows, 115, "the seed page's gold has 115 rows");
    assert_eq!(rows.height(), csv_rows + 1);

    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    // The seed page's first row: 市发展和改革局 指标类 1, 12月底前 of 2022.
    let first = rows.rows().nth(1).unwrap();
    assert_eq!(first[col("seq")], Data::Float(1.0));
    match &first[col("deadline_date")] {
        // Excel serial day 44926 is 2022-12-31.
        Data::DateTime(d) => assert_eq!(d.as_f64(), 44926.0),
        other => panic!("deadline_date is not a date: {other:?}"),
    }
    assert_eq!(first[col("target")], Data::String("全年GDP增长7.5%，城镇居民人均可支配收入与经济增长同步".into()));

    let legend = book.worksheet_range("flags").unwrap();
    assert!(legend.rows().any(|r| r[0] == Data::String("seq_inferred".into())), "the legend lists the flags");
}

#[test]
fn merge_and_annotate_write_workbooks_too() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_pledges")).args(args).output().unwrap();
        assert!(o.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&o.stderr));
    };
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seed");
    let (shard, merged, annotated) =
        (dir.path().join("shard"), dir.path().join("merged"), dir.path().join("annotated"));
    run(&["extract", seed.to_str().unwrap(), "--out", shard.to_str().unwrap(), "--quiet"]);
    run(&["merge", shard.to_str().unwrap(), "--out", merged.to_str().unwrap(), "--xlsx"]);
    let mut book: Xlsx<_> = open_workbook(merged.join("pledges.xlsx")).unwrap();
    assert_eq!(book.worksheet_range("rows").unwrap().height(), 116, "header + the seed page's 115 rows");

    let input = dir.path().join("in.csv");
    std::fs::write(&input, "部门,任务目标,完成时限\n市民政局,新建床位150张,11月底前\n").unwrap();
    let text = ["annotate", input.to_str().unwrap(), "--text", "任务目标", "--deadline", "完成时限", "--year", "2022"];
    run(&[&text[..], &["--out", annotated.to_str().unwrap(), "--xlsx"]].concat());
    let mut book: Xlsx<_> = open_workbook(annotated.join("pledges.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["annotated", "quantities", "flags"]);
    let sheet = book.worksheet_range("annotated").unwrap();
    match &sheet.rows().nth(1).unwrap()[3] {
        // Excel serial day 44895 is 2022-11-30.
        Data::DateTime(d) => assert_eq!(d.as_f64(), 44895.0),
        other => panic!("deadline_date is not a date: {other:?}"),
    }
    let quantities = book.worksheet_range("quantities").unwrap();
    assert_eq!(quantities.rows().nth(1).unwrap()[3], Data::Float(150.0), "value 150 as a number");
}
