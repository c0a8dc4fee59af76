//! What each flag means, in words, for the review page.
//!
//! Until the flags become a typed enum with their meanings, the README's flag
//! table is the one place they are written down; this module reads it (the
//! README is compiled in), so the page and the documentation cannot drift
//! apart. A flag missing from the table gets a plain fallback, never nothing.
//!
//! ```
//! let meanings = pledges::review::flags::meanings();
//! assert!(meanings.iter().any(|(name, words)| name == "seq_inferred" && words.contains("OCR dropped")));
//! ```

const README: &str = include_str!("../../README.md");

/// The row of the README table that starts the flag list.
const TABLE_HEADER: &str = "| flag | meaning |";

/// Every documented flag with its meaning, in the README's order. A cell
/// naming several flags (`` `a`, `b` ``) gives each of them the same meaning.
pub fn meanings() -> Vec<(String, String)> {
    let mut out = vec![];
    let table = README.lines().skip_while(|l| !l.starts_with(TABLE_HEADER)).skip(2);
    for line in table.take_while(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        let [names, meaning] = cells[..] else { continue };
        let meaning = meaning.replace('`', "");
        for name in names.split(',').map(|n| n.trim().trim_matches('`')).filter(|n| !n.is_empty()) {
            out.push((name.to_string(), meaning.clone()));
        }
    }
    out
}

/// The meaning of `flag`, or a sentence saying it is not documented.
pub fn meaning(flag: &str) -> String {
    meanings()
        .into_iter()
        .find(|(name, _)| name == flag)
        .map(|(_, m)| m)
        .unwrap_or_else(|| format!("{flag} (not described in the README's flag table)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flag_the_code_emits_has_a_meaning() {
        // The flag names written in the library's code, as string literals.
        let emitted = ["seq_inferred", "cut_uncertain", "row_from_deadline_count", "rows_uncertain",
            "deadline_count_mismatch", "deadline_missing", "too_few_target_lines", "target_missing",
            "header_out_of_place", "row_layout_conflict", "row_line_piece_unused", "seq_repeated",
            "category_unknown", "department_unknown", "continuation_page_missing", "issue_date_unknown",
            "low_confidence"];
        let known = meanings();
        for flag in emitted {
            assert!(known.iter().any(|(n, m)| n == flag && m.len() > 20), "{flag} has no meaning");
        }
        assert_eq!(known.len(), emitted.len(), "{known:?}");
    }

    #[test]
    fn a_shared_cell_gives_both_flags_its_meaning_without_markdown() {
        assert_eq!(meaning("deadline_missing"), meaning("deadline_count_mismatch"));
        assert!(meaning("header_out_of_place").contains("任务目标"));
        assert!(!meaning("header_out_of_place").contains('`'));
        assert!(meaning("no_such_flag").contains("not described"));
    }
}
