//! The forms gold (`corpus/forms/`): deadline cells and targets as other
//! cities write them, scored through `pledges annotate` — deadline dates
//! (precision, recall), deadline kinds and starts (accuracy), quantities
//! (precision, recall on value + unit).
//!
//! `PLEDGES_FORMS_BIN=OTHER_BUILD cargo test --release --test it forms:: -- --nocapture`
//! prints the scores of another build without holding it to them.

use crate::common::{corpus, read_csv};
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

fn binary() -> (String, bool) {
    match std::env::var("PLEDGES_FORMS_BIN") {
        Ok(bin) => (bin, false),
        Err(_) => (env!("CARGO_BIN_EXE_pledges").to_owned(), true),
    }
}

fn annotate(bin: &str, input: &Path, args: &[&str], out: &Path) {
    let o = Command::new(bin).arg("annotate").arg(input).args(args).arg("--out").arg(out).output().unwrap();
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Precision and recall from counts.
fn pr(correct: usize, predicted: usize, gold: usize) -> (f64, f64) {
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    (ratio(correct, predicted), ratio(correct, gold))
}

#[test]
fn deadline_forms() {
    let (bin, hold) = binary();
    let dir = tempfile::tempdir().unwrap();
    let input = corpus("forms/deadlines.csv");
    annotate(&bin, &input, &["--text", "form", "--deadline", "deadline", "--year", "2022"], dir.path());
    let got = read_csv(&dir.path().join("annotated.csv"));
    let (mut gold, mut predicted, mut correct, mut kinds, mut starts) = (0, 0, 0, 0, 0);
    let mut misses = vec![];
    for row in &got {
        let date = row.get("deadline_date").cloned().unwrap_or_default();
        gold += usize::from(!row["gold_date"].is_empty());
        predicted += usize::from(!date.is_empty());
        correct += usize::from(!date.is_empty() && date == row["gold_date"]);
        let kind_right = row.get("deadline_kind") == Some(&row["gold_kind"]);
        let start_right = row.get("deadline_start").cloned().unwrap_or_default() == row["gold_start"];
        kinds += usize::from(kind_right);
        starts += usize::from(start_right);
        if date != row["gold_date"] || !kind_right || !start_right {
            misses.push(format!(
                "{} → {date} {:?} {:?}",
                row["deadline"],
                row.get("deadline_kind"),
                row.get("deadline_start")
            ));
        }
    }
    let (p, r) = pr(correct, predicted, gold);
    println!(
        "deadline forms: {} cells; dates P {p:.3} R {r:.3} ({correct} right of {predicted} given, {gold} in gold); kinds {kinds}/{}; starts {starts}/{}",
        got.len(),
        got.len(),
        got.len()
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    if hold {
        assert_eq!(got.len(), 48);
        assert!(misses.is_empty(), "{misses:#?}");
    }
}

#[test]
fn quantity_forms() {
    let (bin, hold) = binary();
    let dir = tempfile::tempdir().unwrap();
    let input = corpus("forms/quantities.csv");
    annotate(&bin, &input, &["--text", "target"], dir.path());
    let targets = read_csv(&input);
    let mut gold: HashMap<(usize, String, String), usize> = HashMap::new();
    let mut gold_total = 0;
    for (i, t) in targets.iter().enumerate() {
        for q in t["gold"].split(';').filter(|q| !q.is_empty()) {
            let (value, unit) = q.split_once(' ').unwrap();
            *gold.entry((i + 1, value.to_owned(), unit.to_owned())).or_default() += 1;
            gold_total += 1;
        }
    }
    let got = read_csv(&dir.path().join("quantities.csv"));
    let mut correct = 0;
    let mut wrong = vec![];
    for q in &got {
        let key = (q["row"].parse().unwrap(), q["value"].clone(), q["unit"].clone());
        match gold.get_mut(&key).filter(|n| **n > 0) {
            Some(n) => {
                *n -= 1;
                correct += 1;
            }
            None => wrong.push(format!("{}: {} {}", targets[key.0 - 1]["target"], key.1, key.2)),
        }
    }
    let (p, r) = pr(correct, got.len(), gold_total);
    println!(
        "quantity forms: {} targets; P {p:.3} R {r:.3} ({correct} right of {} given, {gold_total} in gold)",
        targets.len(),
        got.len()
    );
    for w in &wrong {
        println!("  wrong: {w}");
    }
    if hold {
        assert_eq!((correct, got.len(), gold_total), (13, 13, 13), "{wrong:#?}");
    }
}
