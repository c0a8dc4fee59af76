//! Replays the crashing inputs the fuzzers found (`fuzz/regressions/page_*`)
//! through `extract_page` and checks the accounting invariants they broke
//! (`pledges::model::accounting::check`, as the fuzz targets do): every line
//! in a row's `source_lines` is used as a target, and there is exactly one
//! leftover per line used as a leftover.

use crate::common::extract_accounted;

#[test]
fn fuzz_crashes_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("page_") {
            extract_accounted(&name, &std::fs::read(&path).unwrap());
            replayed += 1;
        }
    }
    assert!(replayed >= 2, "the page regressions are missing");
}
