//! Helpers shared by the integration tests: paths into `corpus/`, running
//! the binary, reading gold CSVs by header name, extracting a page and
//! checking that it accounts for every line once.

use pledges::model::accounting::{self, Accounted};
use pledges::{extract_page, Options, PageResult};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A one-table page the binary turns into one clean row.
pub const GOOD: &str = "市甲局\n序号\n（一）指标类\n1\n任务目标\n新增企业5家\n完成时限\n12月底前\n";

/// Runs the `pledges` binary built with these tests.
pub fn pledges(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pledges")).args(args).output().expect("run pledges")
}

/// A run's stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Extracts the page `bytes` named `name` with default options and checks,
/// with the library's one accounting check, that every non-blank line went to
/// exactly one place; panics naming file and line otherwise.
pub fn extract_accounted(name: &str, bytes: &[u8]) -> (PageResult, Accounted) {
    let page = extract_page(name, bytes, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let text = pledges::read::decode::decode(name, bytes).unwrap_or_else(|e| panic!("{e}"));
    let counts =
        accounting::check(name, &page, text.lines.iter().map(|l| l.text.as_str())).unwrap_or_else(|e| panic!("{e}"));
    (page, counts)
}

pub fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(rel)
}

/// Rows of a CSV file as maps from header name to value.
pub fn read_csv(path: &Path) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| headers.iter().zip(rec.unwrap().iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect())
        .collect()
}

/// The fields a gold row and a predicted row must share exactly.
pub fn key_fields(row: &HashMap<String, String>, fields: &[&str]) -> Vec<String> {
    fields.iter().map(|f| row.get(*f).cloned().unwrap_or_default()).collect()
}
