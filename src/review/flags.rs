//! What each flag means, in words, for the review page.
//!
//! The meanings come from [`crate::model::Flag`], the one place flags are
//! written down (the README's flag table is tested against it), so the page
//! and the documentation cannot drift apart. A flag not known gets a plain
//! fallback, never nothing.
//!
//! ```
//! let meanings = pledges::review::flags::meanings();
//! assert!(meanings.iter().any(|(name, words)| name == "seq_inferred" && words.contains("OCR dropped")));
//! ```

use crate::model::Flag;

/// Every flag with its meaning (without Markdown), in the flag table's order.
pub fn meanings() -> Vec<(String, String)> {
    Flag::ALL.iter().map(|f| (f.name().to_string(), f.meaning().replace('`', ""))).collect()
}

/// The meaning of `flag`, or a sentence saying it is not documented.
pub fn meaning(flag: &str) -> String {
    Flag::ALL
        .iter()
        .find(|f| f.name() == flag)
        .map(|f| f.meaning().replace('`', ""))
        .unwrap_or_else(|| format!("{flag} (not described in the flag table)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flag_the_code_emits_has_a_meaning() {
        // The flag names written in the library's code, as string literals.
        let emitted = [
            "seq_inferred",
            "cut_uncertain",
            "row_from_deadline_count",
            "rows_uncertain",
            "deadline_count_mismatch",
            "deadline_missing",
            "too_few_target_lines",
            "target_missing",
            "header_out_of_place",
            "row_layout_conflict",
            "row_line_piece_unused",
            "seq_repeated",
            "category_unknown",
            "department_unknown",
            "department_uncertain",
            "continuation_page_missing",
            "issue_date_unknown",
            "issue_date_uncertain",
            "deadline_fragment",
            "low_confidence",
            "line_out_of_place",
            "target_line_left_over",
        ];
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
