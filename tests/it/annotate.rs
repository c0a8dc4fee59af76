//! `pledges annotate` end to end: the built binary on small hand-written CSVs
//! in UTF-8 with BOM and in GB18030, checking the exact output lines.

use std::path::Path;
use std::process::{Command, Output};

const INPUT: &str = "部门,任务目标,完成时限\n\
市人力社保局,新增城镇就业人数1.6万人，城镇登记失业率控制在3%以内,11月底前\n\
市教育局,完成校园安全“十大”专项行动,2023年6月底前\n\
市民政局,新建床位150张,长期坚持\n";

const QUANTITIES: &str = "row,index,metric,value,value_high,unit,magnitude_value,base_unit,qualifier,text,flags\n\
1,1,新增城镇就业人数,1.6,,万人,16000,人,,1.6万人,\n\
1,2,城镇登记失业率,3,,%,3,%,at_most,控制在3%以内,\n\
3,1,新建床位,150,,张,150,张,,150张,\n";

const ANNOTATED: &str = "部门,任务目标,完成时限,deadline_date,deadline_kind,deadline_start\n\
市人力社保局,新增城镇就业人数1.6万人，城镇登记失业率控制在3%以内,11月底前,2022-11-30,by,\n\
市教育局,完成校园安全“十大”专项行动,2023年6月底前,2023-06-30,by,\n\
市民政局,新建床位150张,长期坚持,,ongoing,\n";

fn annotate(dir: &Path, input: &[u8], extra: &[&str]) -> Output {
    let path = dir.join("in.csv");
    std::fs::write(&path, input).expect("write input");
    Command::new(env!("CARGO_BIN_EXE_pledges"))
        .arg("annotate")
        .arg(&path)
        .args(["--text", "任务目标", "--out"])
        .arg(dir.join("out"))
        .args(extra)
        .output()
        .expect("run pledges")
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join("out").join(name)).expect("output written")
}

#[test]
fn utf8_with_bom() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(INPUT.as_bytes());
    let out = annotate(dir.path(), &bytes, &["--deadline", "完成时限", "--year", "2022"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(read(dir.path(), "quantities.csv"), QUANTITIES);
    assert_eq!(read(dir.path(), "annotated.csv"), ANNOTATED);
}

#[test]
fn gb18030() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(INPUT);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "the test input must not be UTF-8");
    let out = annotate(dir.path(), &bytes, &["--deadline", "完成时限", "--year", "2022"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(read(dir.path(), "quantities.csv"), QUANTITIES);
    assert_eq!(read(dir.path(), "annotated.csv"), ANNOTATED);
}

#[test]
fn without_deadline_column_the_input_is_copied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = annotate(dir.path(), INPUT.as_bytes(), &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(read(dir.path(), "annotated.csv"), INPUT);
    assert_eq!(read(dir.path(), "quantities.csv"), QUANTITIES);
}

#[test]
fn missing_cells_are_problems_with_row_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = "部门,任务目标,完成时限\n市测试局,新增企业5家,12月底前\n市测试局\n";
    let out = annotate(dir.path(), input.as_bytes(), &["--deadline", "完成时限", "--year", "2024"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("in.csv: row 2: no value in the text column"), "{stderr}");
    assert!(stderr.contains("in.csv: row 2: no value in the deadline column"), "{stderr}");
    assert_eq!(
        read(dir.path(), "quantities.csv"),
        "row,index,metric,value,value_high,unit,magnitude_value,base_unit,qualifier,text,flags\n\
         1,1,新增企业,5,,家,5,家,,5家,\n"
    );
    assert_eq!(
        read(dir.path(), "annotated.csv"),
        "部门,任务目标,完成时限,deadline_date,deadline_kind,deadline_start\n市测试局,新增企业5家,12月底前,2024-12-31,by,\n市测试局,,,,,\n"
    );
}

#[test]
fn unknown_column_is_an_error_naming_file_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = annotate(dir.path(), INPUT.as_bytes(), &["--deadline", "截止"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("in.csv: no column named \"截止\""), "{stderr}");
    assert!(!dir.path().join("out/quantities.csv").exists());
}

#[test]
fn unreadable_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new(env!("CARGO_BIN_EXE_pledges"))
        .args(["annotate", "/nonexistent/in.csv", "--text", "任务目标", "--out"])
        .arg(dir.path())
        .output()
        .expect("run pledges");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot read /nonexistent/in.csv"), "{stderr}");
}

/// Regression (issue 13, defect 6): annotating rows.csv, which already has
/// `deadline_date`, wrote a second `deadline_date` column.
#[test]
fn an_existing_deadline_date_column_is_filled_in_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = "任务目标,deadline,deadline_date,deadline_kind,deadline_start,flags\n新增企业5家,6月底前,,,,x\n";
    let out = annotate(dir.path(), input.as_bytes(), &["--deadline", "deadline", "--year", "2022"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let annotated = read(dir.path(), "annotated.csv");
    let header = annotated.lines().next().unwrap_or_default();
    assert_eq!(header.matches("deadline_date").count(), 1, "{header}");
    assert_eq!(header.matches("deadline_kind").count(), 1, "{header}");
    assert_eq!(annotated.lines().nth(1), Some("新增企业5家,6月底前,2022-06-30,by,,x"), "{annotated}");
}

/// Regression (issue 13, defect 7): binary, empty and undecodable files were
/// read as a table of garbage (`no column named …` with the bytes).
#[test]
fn bad_files_are_reported_like_extract_does() {
    for (bytes, says) in [
        (&b""[..], "in.csv: empty file"),
        (&b"a,b\n\x00\x01\x02\x03\x04"[..], "in.csv:2: binary content"),
        (&b"a,b\n\xff\xfe\xfd\n"[..], "in.csv:2: bytes are neither"),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = annotate(dir.path(), bytes, &[]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(says), "{err}");
        assert!(!err.contains("no column"), "{err}");
    }
}
