//! Regressions for what a new user met first (issue 13): one test per defect,
//! each failing on the code before its fix.

use crate::common::{corpus, pledges, read_csv, stderr, GOOD};
use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn extract(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["extract"];
    args.extend(inputs.iter().map(|p| s(p)));
    args.extend(["--out", s(out), "-q"]);
    args.extend_from_slice(extra);
    pledges(&args)
}

/// Defect 1: the README's quantity example, run on a whole-corpus `out/`,
/// scored every page's quantities against the one page's gold (P 0.105).
#[test]
fn quantity_scores_keep_to_the_pages_of_the_gold() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = extract(&[&corpus("")], &out, &[]);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", stderr(&o));
    let q = corpus("seed/000_5c28f99ac9fc0060.quantities.csv");
    let o = pledges(&[
        "eval",
        s(&corpus("seed")),
        s(&out.join("rows.csv")),
        "--quantities-gold",
        s(&q),
        "--quantities-pred",
        s(&out.join("quantities.csv")),
    ]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("quantities         P 1.0000  R 1.0000  F1 1.0000  (103 gold, 103 pred, 103 shared)"),
        "{text}"
    );
}

/// Defect 2: (issue_date, department, category, seq) is not unique; every
/// row has an id, unique in the run, and quantities name it.
#[test]
fn every_row_has_a_unique_id_that_quantities_name() {
    let dir = tempfile::tempdir().unwrap();
    // Two files of the same name in different directories, the same page twice.
    for d in ["a", "b"] {
        std::fs::create_dir_all(dir.path().join("in").join(d)).unwrap();
        std::fs::write(dir.path().join("in").join(d).join("2022-03-22_p03.txt"), GOOD).unwrap();
    }
    let out = dir.path().join("out");
    let o = extract(&[&dir.path().join("in"), &corpus("gen")], &out, &[]);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", stderr(&o));
    let rows = read_csv(&out.join("rows.csv"));
    let header = std::fs::read_to_string(out.join("rows.csv")).unwrap();
    assert!(header.starts_with("id,source,"), "id is the first column");
    let ids: HashSet<&str> = rows.iter().map(|r| r["id"].as_str()).collect();
    assert_eq!(ids.len(), rows.len(), "ids are unique");
    let first = &rows[rows.iter().position(|r| r["source"].ends_with("a/2022-03-22_p03.txt")).unwrap()];
    assert_eq!(first["id"], format!("{}#1", first["source"]));
    let quantities = read_csv(&out.join("quantities.csv"));
    assert!(!quantities.is_empty());
    assert!(quantities.iter().all(|q| ids.contains(q["row_id"].as_str())), "every quantity names its row");
    // The same whatever --jobs, and through --shard + merge.
    let one = dir.path().join("one");
    extract(&[&dir.path().join("in"), &corpus("gen")], &one, &["--jobs", "1"]);
    assert_eq!(std::fs::read(one.join("rows.csv")).unwrap(), std::fs::read(out.join("rows.csv")).unwrap());
    let shards: Vec<_> = (1..=3).map(|i| dir.path().join(format!("s{i}"))).collect();
    for (i, sh) in shards.iter().enumerate() {
        extract(&[&dir.path().join("in"), &corpus("gen")], sh, &["--shard", &format!("{}/3", i + 1)]);
    }
    let merged = dir.path().join("merged");
    let o = pledges(&["merge", s(&shards[0]), s(&shards[1]), s(&shards[2]), "--out", s(&merged)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(merged.join("rows.csv")).unwrap(), std::fs::read(out.join("rows.csv")).unwrap());
    assert_eq!(
        std::fs::read(merged.join("quantities.csv")).unwrap(),
        std::fs::read(out.join("quantities.csv")).unwrap()
    );
}

/// A file named twice on the command line is read once (its ids stay unique).
#[test]
fn a_file_named_twice_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("2022-03-22_p03.txt");
    std::fs::write(&page, GOOD).unwrap();
    let out = dir.path().join("out");
    extract(&[&page, dir.path()], &out, &[]);
    assert_eq!(read_csv(&out.join("rows.csv")).len(), 1);
}

/// Defect 3: pages with neither 上接 nor 下转 were taken for continued pages.
#[test]
fn a_table_without_department_is_not_a_continuation_without_a_marker() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("2022-03-22_p03.txt");
    std::fs::write(&page, "序号\n1\n2\n任务目标\n新增企业5家\n完成调查\n完成时限\n12月底前\n6月底前\n").unwrap();
    let out = dir.path().join("out");
    extract(&[&page], &out, &[]);
    let rows = read_csv(&out.join("rows.csv"));
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| !r["flags"].contains("continuation_page_missing")), "{:?}", rows[0]["flags"]);
    assert!(rows.iter().all(|r| r["flags"].contains("department_unknown")));
    assert_eq!(read_csv(&out.join("pages.csv"))[0]["starts_continued"], "false");
}

/// Defect 4: `--date 2022-13-45` was accepted.
#[test]
fn an_impossible_date_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    std::fs::write(&page, GOOD).unwrap();
    for bad in ["2022-13-45", "2022-02-30", "2022-00-10"] {
        let o = extract(&[&page], &dir.path().join("out"), &["--date", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", stderr(&o));
        assert!(stderr(&o).contains(bad));
    }
    let o = extract(&[&page], &dir.path().join("out"), &["--date", "2024-02-29"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Defect 5: `merge DIR DIR` wrote every row twice and exited 0.
#[test]
fn merging_a_shard_twice_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    extract(&[&corpus("seed")], &out, &[]);
    let o = pledges(&["merge", s(&out), s(&out), "--out", s(&dir.path().join("m"))]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("000_5c28f99ac9fc0060.txt is in both"), "{}", stderr(&o));
}

/// Defect 9: the lines of pages without a table were nowhere; pages.csv counts them.
#[test]
fn pages_csv_counts_every_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("2022-03-22_p01.txt"), "要闻\n\n今天天气很好。\n会议召开。\n").unwrap();
    std::fs::write(dir.path().join("2022-03-22_p03.txt"), format!("头条\n{GOOD}多余的话\n")).unwrap();
    let out = dir.path().join("out");
    extract(&[dir.path()], &out, &[]);
    let pages = read_csv(&out.join("pages.csv"));
    let page = |name: &str| pages.iter().find(|p| p["source"].ends_with(name)).unwrap();
    let get = |p: &std::collections::HashMap<String, String>, k: &str| p[k].clone();
    let news = page("p01.txt");
    assert_eq!(
        (get(news, "status"), get(news, "lines"), get(news, "furniture_lines")),
        ("no_table".into(), "3".into(), "3".into())
    );
    // 10 lines: 1 furniture, 5 structure (department, 序号, category, two headers), 3 in the row, 1 leftover.
    let table = page("p03.txt");
    assert_eq!(
        (get(table, "lines"), get(table, "furniture_lines"), get(table, "leftovers")),
        ("10".into(), "6".into(), "1".into())
    );
}

/// Defect 8 (the message): `--strict` names the file and the first line to look at.
#[test]
fn strict_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    // The real page no longer fails --strict (its 115 rows are right and
    // unflagged): three numbers over two target lines do.
    let page = dir.path().join("short.txt");
    let text = "市甲局\n序号\n（一）指标类\n1\n2\n3\n任务目标\n新建床位150张\n新增学位5320个\n完成时限\n12月底前\n12月底前\n12月底前\n";
    std::fs::write(&page, text).unwrap();
    let o = extract(&[&page], &dir.path().join("out"), &["--strict"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let line = err.lines().find(|l| l.contains("--strict")).unwrap_or_default();
    assert!(line.contains("short.txt:"), "{err}");
    let at = line.split("short.txt:").nth(1).unwrap_or_default();
    assert!(at.split(':').next().unwrap_or_default().parse::<usize>().is_ok(), "{line}");
    assert!(line.contains("first flagged row at line"), "{line}");
}

/// Defect 10: "1 pages read".
#[test]
fn one_page_is_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("2022-03-22_p03.txt");
    std::fs::write(&page, GOOD).unwrap();
    let o = pledges(&["extract", s(&page), "--out", s(&dir.path().join("out"))]);
    assert!(stderr(&o).contains("1 page read (0 unreadable), 1 with tables, 1 row,"), "{}", stderr(&o));
}

/// Defect 10: `PLEDGES_DEBUG` lines named no page.
#[test]
fn debug_trace_names_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let seed = corpus("seed/000_5c28f99ac9fc0060.txt");
    let o = Command::new(env!("CARGO_BIN_EXE_pledges"))
        .args(["extract", s(&seed), "--out", s(dir.path()), "-q"])
        .env("PLEDGES_DEBUG", "1")
        .output()
        .unwrap();
    let err = stderr(&o);
    let gaps: Vec<&str> = err.lines().filter(|l| l.contains(" gap ")).collect();
    assert!(!gaps.is_empty(), "{err}");
    assert!(gaps.iter().all(|l| l.starts_with(&format!("{}: gap ", seed.display()))), "{}", gaps[0]);
}

/// Defect 10: `gen --help` showed `--out` as optional.
#[test]
fn gen_help_shows_out_as_required() {
    let o = pledges(&["gen", "--help"]);
    let text = String::from_utf8_lossy(&o.stdout);
    let usage = text.lines().find(|l| l.starts_with("Usage:")).unwrap_or_default();
    assert!(usage.contains("--out <OUT>") && !usage.contains("[--out"), "{usage}");
}
