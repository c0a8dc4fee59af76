//! The rows eval compares ([`EvalRow`]) and how their text is normalized
//! before comparing: NFKC without white space, categories without their
//! `（一）` numbering, numbers without leading zeros.
//!
//! ```
//! assert_eq!(pledges::eval::normalize("增长 16％"), "增长16%");
//! ```

use unicode_normalization::UnicodeNormalization;

/// One row of gold or prediction, as read from CSV.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvalRow {
    pub issue_date: Option<String>,
    pub page: Option<u32>,
    pub department: String,
    pub category: String,
    /// Kept as text so an odd prediction (`１`, `03`) is compared, not rejected.
    pub seq: String,
    pub target: String,
    pub deadline: String,
    /// `None` when the file has no deadline_date column.
    pub deadline_date: Option<String>,
    /// First and last line of the target cell, 1-based.
    pub source_lines: Option<(u32, u32)>,
    /// `None` when the file has no flags column; `Some("")` = not flagged.
    pub flags: Option<String>,
    /// Page name when issue_date/page are missing: the gold file's stem or the
    /// pred row's `source` stem.
    pub file: String,
}

impl EvalRow {
    /// The page this row belongs to, for per-page scores.
    pub fn page_key(&self) -> String {
        match (&self.issue_date, self.page) {
            (Some(d), Some(p)) if !d.is_empty() => format!("{d} p{p:02}"),
            _ => self.file.clone(),
        }
    }
}

/// NFKC, then every white space character removed.
pub fn normalize(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// Category names compared without their `（一）` numbering.
pub(super) fn normalize_category(s: &str) -> String {
    let n = normalize(s);
    match n.find(')') {
        Some(i) if n.starts_with('(') => n[i + 1..].to_string(),
        _ => n,
    }
}

pub(super) fn normalize_seq(s: &str) -> String {
    let n = normalize(s);
    let t = n.trim_start_matches('0');
    if t.is_empty() && !n.is_empty() {
        "0".into()
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_numbering_ignored() {
        assert_eq!(normalize_category("（二）项目类"), "项目类");
        assert_eq!(normalize_category("项目类"), "项目类");
        assert_eq!(normalize_seq("０3"), "3");
    }
}
