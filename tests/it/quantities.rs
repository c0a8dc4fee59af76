//! The quantity extractor against the hand-checked gold of the seed page.
//!
//! `corpus/seed/000_5c28f99ac9fc0060.source-gold.csv` holds the 115 pledge
//! rows (targets as printed); `…quantities.csv` holds every quantity of those
//! targets, checked by reading each target. The extractor must reproduce the
//! numeric fields exactly, row by row, so any regression names its row.
//!
//! To draft gold for a new page:
//! `cargo test --release --test it quantities::print_gold_draft -- --ignored --nocapture`
//! prints the extractor's output in gold format; then check every line by hand.

use pledges::fields::quantity::{extract, Quantity};
use std::collections::BTreeMap;
use std::path::PathBuf;

type RowKey = (String, String, String);

fn seed(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/seed").join(name)
}

/// (department, category, seq) and the target, in page order.
fn targets() -> Vec<(RowKey, String)> {
    let mut reader =
        csv::Reader::from_path(seed("000_5c28f99ac9fc0060.source-gold.csv")).expect("source gold readable");
    reader
        .records()
        .map(|r| {
            let r = r.expect("source gold row");
            ((r[0].to_string(), r[1].to_string(), r[2].to_string()), r[3].to_string())
        })
        .collect()
}

const GOLD_HEADER: [&str; 13] = [
    "department",
    "category",
    "seq",
    "index",
    "metric",
    "value",
    "value_high",
    "unit",
    "magnitude_value",
    "base_unit",
    "qualifier",
    "text",
    "flags",
];

fn gold() -> BTreeMap<RowKey, Vec<csv::StringRecord>> {
    let mut reader =
        csv::Reader::from_path(seed("000_5c28f99ac9fc0060.quantities.csv")).expect("quantity gold readable");
    assert_eq!(reader.headers().expect("header").iter().collect::<Vec<_>>(), GOLD_HEADER);
    let mut by_row: BTreeMap<RowKey, Vec<csv::StringRecord>> = BTreeMap::new();
    for r in reader.records() {
        let r = r.expect("quantity gold row");
        by_row.entry((r[0].to_string(), r[1].to_string(), r[2].to_string())).or_default().push(r);
    }
    by_row
}

fn numbers(q: &Quantity) -> [String; 6] {
    [
        q.value.clone(),
        q.value_high.clone(),
        q.unit.clone(),
        q.magnitude_value.clone(),
        q.base_unit.clone(),
        q.qualifier.clone(),
    ]
}

fn words(q: &Quantity) -> [String; 3] {
    [q.metric.clone(), q.text.clone(), q.flags.clone()]
}

/// Compares the extractor with the gold on the chosen gold columns; returns
/// one message per differing row.
fn compare<const N: usize>(columns: [usize; N], got_fields: fn(&Quantity) -> [String; N]) -> Vec<String> {
    let gold = gold();
    let mut failures = Vec::new();
    for (key, target) in targets() {
        let got: Vec<[String; N]> = extract(&target).iter().map(got_fields).collect();
        let want: Vec<[String; N]> = gold
            .get(&key)
            .map(|rows| rows.iter().map(|r| columns.map(|i| r[i].to_string())).collect())
            .unwrap_or_default();
        if got != want {
            failures.push(format!("{key:?} {target}\n  got  {got:?}\n  want {want:?}"));
        }
    }
    failures
}

#[test]
fn seed_has_115_targets() {
    assert_eq!(targets().len(), 115);
}

#[test]
fn seed_targets_match_gold_numbers() {
    let failures = compare([5, 6, 7, 8, 9, 10], numbers);
    assert!(failures.is_empty(), "{} rows differ:\n{}", failures.len(), failures.join("\n"));
}

/// Rows where the gold metric is the counted noun AFTER a measure word
/// (`开工建设15个教育类新建项目` → 教育类新建项目) while the extractor, by
/// contract, takes the words before the figure. Kept visible here so the gap
/// is measured, not hidden; a row leaving this list must match exactly.
const METRIC_KNOWN_DIFFERENT: &[(&str, &str, &str)] = &[
    ("市发展和改革局", "指标类", "3"),
    ("市发展和改革局", "项目类", "1"),
    ("市教育局", "项目类", "1"),
    ("市民政局", "项目类", "2"),
    ("市自然资源和规划局", "项目类", "2"),
    ("市自然资源和规划局", "其他类", "1"),
];

fn is_known_different(failure: &str) -> bool {
    METRIC_KNOWN_DIFFERENT.iter().any(|(d, c, s)| failure.starts_with(&format!("({d:?}, {c:?}, {s:?})")))
}

#[test]
fn seed_targets_match_gold_texts_and_flags() {
    fn text_and_flags(q: &Quantity) -> [String; 2] {
        [q.text.clone(), q.flags.clone()]
    }
    let failures = compare([11, 12], text_and_flags);
    assert!(failures.is_empty(), "{} rows differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn seed_targets_match_gold_metrics_except_known_rows() {
    let failures = compare([4, 11, 12], words);
    let unexpected: Vec<&String> = failures.iter().filter(|f| !is_known_different(f)).collect();
    assert!(unexpected.is_empty(), "{} rows differ:\n{:?}", unexpected.len(), unexpected);
    assert_eq!(failures.len(), METRIC_KNOWN_DIFFERENT.len(), "a known row now matches: {failures:?}");
}

#[test]
fn seed_gold_rows_are_seed_targets() {
    let keys: Vec<RowKey> = targets().into_iter().map(|(k, _)| k).collect();
    for key in gold().keys() {
        assert!(keys.contains(key), "gold row {key:?} is not a seed target");
    }
}

#[test]
fn seed_gold_index_counts_from_one() {
    for rows in gold().values() {
        let idx: Vec<String> = rows.iter().map(|r| r[3].to_string()).collect();
        let want: Vec<String> = (1..=rows.len()).map(|i| i.to_string()).collect();
        assert_eq!(idx, want);
    }
}

#[test]
#[ignore = "tooling: prints a gold draft to check by hand"]
fn print_gold_draft() {
    let mut w = csv::Writer::from_writer(std::io::stdout());
    w.write_record(GOLD_HEADER).expect("write");
    for ((d, c, s), target) in targets() {
        for (i, q) in extract(&target).into_iter().enumerate() {
            let index = (i + 1).to_string();
            w.write_record([
                d.as_str(),
                &c,
                &s,
                &index,
                &q.metric,
                &q.value,
                &q.value_high,
                &q.unit,
                &q.magnitude_value,
                &q.base_unit,
                &q.qualifier,
                &q.text,
                &q.flags,
            ])
            .expect("write");
        }
    }
    w.flush().expect("flush");
}
