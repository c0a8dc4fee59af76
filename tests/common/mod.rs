//! Helpers shared by the integration tests: reading gold CSVs by header name.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

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
