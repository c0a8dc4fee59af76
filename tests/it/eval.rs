//! Evaluation on hand-made fixtures (`corpus/eval-fixtures/README.md`);
//! every expected number below was computed by hand.

use pledges::eval::{evaluate, evaluate_quantities, read_quantities, read_rows, EvalRow};
use std::path::PathBuf;
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/eval-fixtures").join(name)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn perfect_prediction_scores_one() {
    let gold = read_rows(fixture("gold.gold.csv")).unwrap();
    let r = evaluate(&gold, &gold);
    assert_eq!(r.overall.rows.accuracy, 1.0);
    assert_eq!((r.overall.missing, r.overall.extra), (0, 0));
    let b = r.overall.boundaries.unwrap();
    assert_eq!((b.prf.precision, b.prf.recall, b.prf.f1, b.window_diff), (1.0, 1.0, 1.0, 0.0));
    assert_eq!(r.pages.len(), 2);
    assert!(r.overall.flags.is_none(), "gold has no flags column");
}

#[test]
fn fixture_prediction_counts() {
    let gold = read_rows(fixture("gold.gold.csv")).unwrap();
    let pred = read_rows(fixture("pred")).unwrap();
    let r = evaluate(&gold, &pred);
    let o = &r.overall;
    assert_eq!((o.gold_rows, o.pred_rows, o.matched, o.missing, o.extra), (6, 6, 5, 1, 1));
    assert_eq!((o.rows.correct, o.rows.total), (3, 6));
    assert_eq!(o.rows.accuracy, 0.5);
    assert_eq!(o.targets.correct, 3);
    assert_eq!(o.deadlines.correct, 5);
    assert!(o.deadline_dates.is_none(), "gold has no deadline_date column");
    let f = o.flags.unwrap();
    assert_eq!((f.wrong_flagged, f.wrong_unflagged, f.right_flagged, f.right_unflagged), (2, 1, 1, 2));
}

#[test]
fn fixture_boundaries_per_page_and_pooled() {
    let gold = read_rows(fixture("gold.gold.csv")).unwrap();
    let pred = read_rows(fixture("pred/rows.csv")).unwrap();
    let r = evaluate(&gold, &pred);
    let pages: Vec<&str> = r.pages.iter().map(|p| p.page.as_str()).collect();
    assert_eq!(pages, ["2022-03-22 p03", "2022-03-23 p02"]);

    // Page 1: units 10,11,12,13,15; gold boundaries {11,13,15}, pred {11,12,15}.
    let b1 = r.pages[0].scores.boundaries.unwrap();
    assert_eq!((b1.prf.gold, b1.prf.pred, b1.prf.correct), (3, 3, 2));
    assert!(close(b1.prf.f1, 2.0 / 3.0));
    // k = round(5 lines / 4 cells / 2) = 1; gaps gold 1011, pred 1101 → 2 of 4 windows differ.
    assert_eq!((b1.k, b1.windows, b1.windows_differing), (1, 4, 2));
    assert_eq!(b1.window_diff, 0.5);

    // Page 2: units 20,21,22; gold {21}, pred {22}.
    let b2 = r.pages[1].scores.boundaries.unwrap();
    assert_eq!((b2.prf.precision, b2.prf.recall, b2.prf.f1), (0.0, 0.0, 0.0));
    assert_eq!(b2.window_diff, 1.0);

    let b = r.overall.boundaries.unwrap();
    assert_eq!((b.prf.gold, b.prf.pred, b.prf.correct), (4, 4, 2));
    assert_eq!((b.prf.precision, b.prf.recall, b.prf.f1), (0.5, 0.5, 0.5));
    assert!(close(b.window_diff, 4.0 / 6.0));
}

#[test]
fn targets_compare_after_nfkc_and_without_spaces() {
    let g = EvalRow {
        department: "市财政局".into(),
        category: "指标类".into(),
        seq: "1".into(),
        target: "增长 16%以上（力争20%）".into(),
        deadline: "12月底前".into(),
        ..Default::default()
    };
    let p =
        EvalRow { target: "增长16％以上(力争２０%)".into(), deadline: " １２月底前".into(), ..g.clone() };
    assert_eq!(evaluate(std::slice::from_ref(&g), &[p]).overall.rows.correct, 1);
    let wrong = EvalRow { target: "增长16%以上".into(), ..g.clone() };
    assert_eq!(evaluate(&[g], &[wrong]).overall.rows.correct, 0);
}

#[test]
fn missing_and_extra_rows_and_unflagged_wrong() {
    let row = |seq: &str, flags: &str| EvalRow {
        department: "市商务局".into(),
        category: "项目类".into(),
        seq: seq.into(),
        target: "新增绿色工厂2家".into(),
        deadline: "6月底前".into(),
        flags: Some(flags.into()),
        ..Default::default()
    };
    let gold = [row("1", ""), row("2", ""), row("3", "")];
    let mut bad = row("2", "");
    bad.deadline = "7月底前".into();
    let pred = [row("1", ""), bad, row("4", ""), row("5", "x")];
    let o = evaluate(&gold, &pred).overall;
    assert_eq!((o.matched, o.missing, o.extra), (2, 1, 2));
    let f = o.flags.unwrap();
    assert_eq!((f.wrong_unflagged, f.wrong_flagged, f.right_unflagged), (2, 1, 1));
}

#[test]
fn deadline_dates_scored_when_both_have_them() {
    let g = EvalRow {
        department: "市财政局".into(),
        category: "指标类".into(),
        seq: "1".into(),
        target: "t".into(),
        deadline: "12月底前".into(),
        deadline_date: Some("2022-12-31".into()),
        ..Default::default()
    };
    let g2 = EvalRow { seq: "2".into(), ..g.clone() };
    let p2 = EvalRow { deadline_date: Some("2022-12-30".into()), ..g2.clone() };
    let d = evaluate(&[g.clone(), g2], &[g, p2]).overall.deadline_dates.unwrap();
    assert_eq!((d.correct, d.total), (1, 2));
}

#[test]
fn quantities_prf() {
    let g = read_quantities(fixture("quantities.gold.csv")).unwrap();
    let p = read_quantities(fixture("quantities.pred.csv")).unwrap();
    let q = evaluate_quantities(&g, &p);
    assert_eq!((q.gold, q.pred, q.correct), (3, 3, 2));
    assert!(close(q.f1, 2.0 / 3.0));
}

#[test]
fn unusable_input_names_the_file() {
    let err = read_rows(fixture("missing-column.csv")).unwrap_err().to_string();
    assert!(err.contains("missing-column.csv") && err.contains("deadline"), "{err}");
    let err = read_rows(fixture("no-such.csv")).unwrap_err().to_string();
    assert!(err.contains("no-such.csv"), "{err}");
}

#[test]
fn cli_prints_table_and_json_and_fails_only_on_bad_input() {
    let bin = env!("CARGO_BIN_EXE_pledges");
    let gold = fixture("gold.gold.csv");
    let out = Command::new(bin).arg("eval").arg(&gold).arg(fixture("pred")).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("row accuracy       0.5000 (3/6)"), "{text}");
    // Regression: the per-page table (429 lines on a corpus) came by default.
    assert!(!text.contains("2022-03-23 p02"), "{text}");
    let out = Command::new(bin).arg("eval").arg(&gold).arg(fixture("pred")).arg("--pages").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("2022-03-23 p02"), "{text}");

    let out = Command::new(bin).arg("eval").arg(&gold).arg(fixture("pred")).arg("--json").output().unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["overall"]["rows"]["accuracy"], 0.5);
    assert_eq!(json["pages"][1]["page"], "2022-03-23 p02");

    let out = Command::new(bin).arg("eval").arg(&gold).arg(fixture("missing-column.csv")).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing-column.csv"));
}

#[test]
fn seed_gold_target_lines_count_as_source_lines() {
    let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/seed/000_5c28f99ac9fc0060.source-gold.csv");
    let gold = read_rows(&seed).unwrap();
    assert_eq!(gold.len(), 115);
    assert_eq!(gold[2].source_lines, Some((107, 108)));
    let mut pred = gold.clone();
    // Row 3's second line (108) moves into row 4: the boundary at 110 becomes one at 108.
    pred[2].source_lines = Some((107, 107));
    pred[3].source_lines = Some((108, 111));
    let r = evaluate(&gold, &pred);
    let b = r.overall.boundaries.unwrap();
    assert_eq!((b.prf.gold, b.prf.pred, b.prf.correct), (114, 114, 113));
    assert_eq!(r.pages[0].page, "000_5c28f99ac9fc0060.source-gold");
}

#[test]
fn generated_corpus_scores_perfectly_against_itself_per_preset() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/gen");
    let gold = read_rows(&dir).unwrap();
    let report = evaluate(&gold, &gold);
    assert_eq!(report.row_accuracy(), 1.0);
    let presets = report.group_pages(pledges::eval::preset_of);
    let names: Vec<&str> = presets.keys().map(String::as_str).collect();
    let mut expected: Vec<&str> = pledges::gen::knob_presets().iter().map(|(n, _)| *n).collect();
    expected.sort();
    assert_eq!(names, expected);
    assert!(presets.values().all(|s| s.rows.accuracy == 1.0 && s.boundaries.unwrap().window_diff == 0.0));
}

#[test]
fn generated_gold_round_trips_through_csv() {
    let dir = tempfile::tempdir().unwrap();
    let knobs = pledges::gen::knob_presets().into_iter().find(|(n, _)| *n == "continued").unwrap().1;
    let pages = pledges::gen::generate(9, &knobs);
    for page in &pages {
        let f = std::fs::File::create(dir.path().join(format!("{}.gold.csv", page.name))).unwrap();
        pledges::gen::write_gold(f, page).unwrap();
    }
    let gold = read_rows(dir.path()).unwrap();
    assert_eq!(gold.len(), pages.iter().map(|p| p.gold.len()).sum::<usize>());
    let r = evaluate(&gold, &gold);
    assert_eq!(r.pages.len(), 2);
    assert!(r.pages.iter().all(|p| p.file.is_some()));
}
