//! Replays the crashing inputs the fuzzers found (`fuzz/regressions/page_*`)
//! through `extract_page` and checks the accounting invariants they broke:
//! every line in a row's `source_lines` is used as a target, and there is
//! exactly one leftover per line used as a leftover.

use pledges::model::Use;
use pledges::{extract_page, Options};
use std::collections::HashSet;

fn check(name: &str, bytes: &[u8]) {
    let page = extract_page(name, bytes, &Options::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    for row in &page.rows {
        for run in row.source_lines.split(';').filter(|r| !r.is_empty()) {
            let (a, b) = run.split_once('-').unwrap();
            for no in a.parse::<usize>().unwrap()..=b.parse().unwrap() {
                assert_eq!(page.uses[no - 1], Some(Use::Target), "{name}: line {no} of a row is not a target");
            }
        }
    }
    let leftover_lines = page.uses.iter().filter(|u| **u == Some(Use::Leftover)).count();
    assert_eq!(page.leftovers.len(), leftover_lines, "{name}: leftovers and leftover lines differ");
    let distinct: HashSet<usize> = page.leftovers.iter().map(|l| l.line.get()).collect();
    assert_eq!(distinct.len(), page.leftovers.len(), "{name}: a line left over twice");
}

#[test]
fn fuzz_crashes_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("page_") {
            check(&name, &std::fs::read(&path).unwrap());
            replayed += 1;
        }
    }
    assert!(replayed >= 2, "the page regressions are missing");
}
