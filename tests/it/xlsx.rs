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

/// Runs `pledges ARGS`, returning (exit code, stderr).
fn pledges(args: &[&str]) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_pledges")).args(args).output().unwrap();
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stderr).into_owned())
}

#[test]
fn annotate_reads_the_workbook_extract_wrote_as_it_reads_rows_csv() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seed");
    let (code, err) = pledges(&["extract", seed.to_str().unwrap(), "--out", &path("run"), "--quiet", "--xlsx"]);
    assert!(code <= 1, "{err}");
    let annotate = |input: &str, out: &str| {
        let args = ["annotate", input, "--text", "target", "--deadline", "deadline", "--year", "2022", "--out", out];
        let (code, err) = pledges(&args);
        assert_eq!(code, 0, "{err}");
    };
    annotate(&path("run/rows.csv"), &path("from_csv"));
    annotate(&path("run/pledges.xlsx"), &path("from_xlsx"));
    for file in ["annotated.csv", "quantities.csv"] {
        let read = |dir: &str| std::fs::read_to_string(Path::new(&path(dir)).join(file)).unwrap();
        // Numbers come back without `.0` and dates (Excel serials in the
        // workbook) as yyyy-mm-dd, so the two inputs give the same bytes.
        assert_eq!(read("from_xlsx"), read("from_csv"), "{file}");
    }
    let annotated = std::fs::read_to_string(Path::new(&path("from_xlsx")).join("annotated.csv")).unwrap();
    assert_eq!(annotated.lines().count(), 116, "header + the seed page's 115 rows");
    assert!(annotated.lines().nth(1).unwrap().contains(",12月底前,2022-12-31,by,"), "{annotated:.400}");
}

/// A workbook as a user might make one: a cover sheet first, the list on
/// the second sheet starting at B2, a number cell and a date cell.
fn users_workbook(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    book.add_worksheet().set_name("说明").unwrap().write(0, 0, "2022年工作承诺").unwrap();
    let sheet = book.add_worksheet().set_name("清单").unwrap();
    for (c, h) in ["部门", "任务目标", "完成时限", "序号"].iter().enumerate() {
        sheet.write(1, 1 + c as u16, *h).unwrap();
    }
    sheet.write(2, 1, "市民政局").unwrap();
    sheet.write(2, 2, "新建床位150张").unwrap();
    sheet.write(2, 3, "11月底前").unwrap();
    sheet.write(2, 4, 1).unwrap();
    sheet.write(3, 1, "市教育局").unwrap();
    sheet.write(3, 2, "新增学位5320个").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_datetime_with_format(3, 3, &ExcelDateTime::from_ymd(2022, 8, 31).unwrap(), &date).unwrap();
    sheet.write(3, 4, 2).unwrap();
    book.save(path).unwrap();
}

#[test]
fn annotate_picks_a_sheet_by_name_or_number_and_reads_date_cells_as_dates() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("list.xlsx");
    users_workbook(&book);
    let book = book.to_str().unwrap();
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let args = |sheet: &str, to: &str| {
        let a = ["annotate", book, "--sheet", sheet, "--text", "任务目标", "--deadline", "完成时限", "--year", "2022"];
        [&a[..], &["--out", to]].concat().into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let run = |a: Vec<String>| pledges(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run(args("清单", &out("by_name"))).0, 0);
    assert_eq!(run(args("2", &out("by_number"))).0, 0);
    let annotated = std::fs::read_to_string(Path::new(&out("by_name")).join("annotated.csv")).unwrap();
    assert_eq!(
        annotated,
        "部门,任务目标,完成时限,序号,deadline_date,deadline_kind,deadline_start\n\
         市民政局,新建床位150张,11月底前,1,2022-11-30,by,\n\
         市教育局,新增学位5320个,2022-08-31,2,2022-08-31,on,\n"
    );
    let same = std::fs::read_to_string(Path::new(&out("by_number")).join("annotated.csv")).unwrap();
    assert_eq!(same, annotated);
    let quantities = std::fs::read_to_string(Path::new(&out("by_name")).join("quantities.csv")).unwrap();
    assert_eq!(quantities.lines().count(), 3, "150张 and 5320个: {quantities}");

    // The default is the first sheet, the cover here: no such column, named with file and sheet.
    let (code, err) = pledges(&["annotate", book, "--text", "任务目标", "--out", &out("x")]);
    assert_eq!(code, 2);
    assert!(err.contains(&format!(r#"{book} sheet "说明": no column named "任务目标""#)), "{err}");
    let (code, err) = run(args("汇总", &out("y")));
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!(
            r#"{book} sheet "汇总": no sheet named or numbered "汇总" (sheets: 1 "说明", 2 "清单")"#
        )),
        "{err}"
    );
}

#[test]
fn annotate_refuses_a_text_file_named_xlsx_and_sheet_on_a_csv() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("fake.xlsx");
    std::fs::write(&fake, "部门,任务目标\n市民政局,新建床位150张\n").unwrap();
    let out = dir.path().join("out");
    let (code, err) =
        pledges(&["annotate", fake.to_str().unwrap(), "--text", "任务目标", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains(&format!("{}: not an .xlsx workbook (no zip signature)", fake.display())), "{err}");
    let csv = dir.path().join("list.csv");
    std::fs::write(&csv, "部门,任务目标\n市民政局,新建床位150张\n").unwrap();
    let args =
        ["annotate", csv.to_str().unwrap(), "--sheet", "1", "--text", "任务目标", "--out", out.to_str().unwrap()];
    let (code, err) = pledges(&args);
    assert_eq!(code, 2);
    assert!(err.contains("--sheet applies to .xlsx workbooks"), "{err}");
}
