//! What can vary between generated pages ([`Knobs`]) and the named presets
//! (`pledges gen --preset`, the corpus, the accuracy sweeps).
//!
//! ```
//! let presets = pledges::gen::knob_presets();
//! assert_eq!(presets[0].0, "seed");
//! ```

use super::*;

/// Everything that can vary between generated pages. `Default` looks like
/// the seed page: column-wise groups of up to 4 departments, a 29 em target
/// column, sparse OCR slips, one page.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Knobs {
    /// Target column width in em (CJK char and full-width punctuation 1 em,
    /// ASCII letter/digit/space 0.5 em). Each table jitters it by ±1 em.
    pub width_em: f64,
    /// Probability that an ASCII space of the source text is printed.
    pub keep_space_rate: f64,
    /// Fewest tables (departments) on a page.
    pub tables_min: usize,
    /// Most tables (departments) on a page.
    pub tables_max: usize,
    /// Most rows in one category of one table (each category draws 1..=this).
    pub max_rows_per_category: usize,
    /// Fewest departments in one column-wise group.
    pub group_min: usize,
    /// Most departments in one column-wise group (the seed has 3, 1 and 4).
    pub group_max: usize,
    /// Probability that a column-wise table breaks across newspaper columns:
    /// its tail starts the next group with no headers at all.
    pub split_rate: f64,
    /// Probability that a table is read row by row (cells as text boxes);
    /// 0 = all column-wise, 1 = all row-wise, in between = mixed pages.
    pub row_wise_rate: f64,
    /// Probability of a blank line between two multi-line target cells of
    /// one category (seed: 4 of 5). Category boundaries always get one.
    pub blank_tall_rate: f64,
    /// Probability of a blank line between target cells of different
    /// heights (seed: 1 of 22).
    pub blank_unequal_rate: f64,
    /// Probability of a blank line between two one-line target cells
    /// (seed: 0 of 64).
    pub blank_equal_rate: f64,
    /// Probability of a blank line in the number / deadline column before a
    /// row when it or the row above is multi-line (seed: 26 of 26).
    pub blank_side_rate: f64,
    /// The same between two one-line rows (seed: 0 of 64).
    pub blank_side_flat_rate: f64,
    /// Probability of a blank line after each cell in row-wise tables.
    pub row_wise_blank_rate: f64,
    /// Per row: probability that its number line is missing.
    pub drop_number_rate: f64,
    /// Per category: probability that a run of 2..=12 numbers is missing.
    pub drop_run_rate: f64,
    /// Per category header: probability of `(一）` or `(一)` brackets.
    pub half_bracket_rate: f64,
    /// Per number / deadline: probability of full-width digits (`１２月底前`).
    pub fullwidth_digit_rate: f64,
    /// Per number: probability of a stray leading space (` 5`).
    pub stray_space_rate: f64,
    /// Per non-continued column-wise block: probability that its
    /// 任务目标 / 完成时限 header is missing.
    pub missing_header_rate: f64,
    /// Probability that the list continues on a second page (下转 / 上接).
    pub continue_rate: f64,
    /// Probability that the masthead is not in the seed's shape.
    pub masthead_variant_rate: f64,
    /// Probability that a page uses 承诺事项/工作目标 and 完成时间/时限 headers.
    pub alt_header_rate: f64,
    /// Per row: probability of a deadline worded as in other issues
    /// (年底前, 6月30日前, 上半年, 长期坚持 …).
    pub alt_deadline_rate: f64,
    /// Probability of a second prose paragraph before the title.
    pub second_paragraph_rate: f64,
    /// Probability that a table is printed the way `pdftotext -layout` or a
    /// line-by-line OCR writes it: one printed line per line, the number
    /// and deadline on the middle line of their row, columns apart by spaces.
    pub layout_rate: f64,
    /// Per deadline of 7 characters or more (`2022年12月底前`): probability
    /// that a narrow deadline column wraps it over two lines.
    pub deadline_wrap_rate: f64,
    /// Where targets, deadlines, department names and mastheads come from
    /// (see [`TextBank`]); `Seed` is the real page's texts.
    pub texts: TextBank,
}

impl Default for Knobs {
    fn default() -> Self {
        Knobs {
            width_em: 29.0,
            keep_space_rate: 0.5,
            tables_min: 3,
            tables_max: 5,
            max_rows_per_category: 8,
            group_min: 1,
            group_max: 4,
            split_rate: 0.15,
            row_wise_rate: 0.0,
            blank_tall_rate: 0.75,
            blank_unequal_rate: 0.05,
            blank_equal_rate: 0.02,
            blank_side_rate: 0.95,
            blank_side_flat_rate: 0.02,
            row_wise_blank_rate: 0.85,
            drop_number_rate: 0.02,
            drop_run_rate: 0.03,
            half_bracket_rate: 0.05,
            fullwidth_digit_rate: 0.0,
            stray_space_rate: 0.02,
            missing_header_rate: 0.0,
            continue_rate: 0.0,
            masthead_variant_rate: 0.0,
            alt_header_rate: 0.0,
            alt_deadline_rate: 0.0,
            second_paragraph_rate: 0.2,
            layout_rate: 0.0,
            deadline_wrap_rate: 0.0,
            texts: TextBank::Seed,
        }
    }
}

/// Named knob settings that together move every knob away from its default;
/// `corpus/gen` has pages from each of them.
#[rustfmt::skip]
pub fn knob_presets() -> Vec<(&'static str, Knobs)> {
    let d = Knobs::default;
    vec![
        ("seed", d()),
        ("narrow", Knobs { width_em: 14.0, ..d() }),
        ("wide", Knobs { width_em: 34.0, keep_space_rate: 1.0, ..d() }),
        ("solo-groups", Knobs { group_min: 1, group_max: 1, ..d() }),
        ("big-groups", Knobs { group_min: 3, group_max: 4, tables_min: 5, tables_max: 7, max_rows_per_category: 5, ..d() }),
        ("split-columns", Knobs { split_rate: 0.9, group_min: 2, group_max: 3, ..d() }),
        ("row-wise", Knobs { row_wise_rate: 1.0, ..d() }),
        ("mixed-layout", Knobs { row_wise_rate: 0.5, split_rate: 0.3, ..d() }),
        ("no-gaps", Knobs { blank_tall_rate: 0.0, blank_unequal_rate: 0.0, blank_equal_rate: 0.0, blank_side_rate: 0.0, blank_side_flat_rate: 0.0, row_wise_blank_rate: 0.3, row_wise_rate: 0.3, ..d() }),
        ("many-gaps", Knobs { blank_tall_rate: 1.0, blank_unequal_rate: 0.9, blank_equal_rate: 0.6, blank_side_rate: 1.0, blank_side_flat_rate: 0.5, ..d() }),
        ("ocr-slips", Knobs { drop_number_rate: 0.12, drop_run_rate: 0.3, half_bracket_rate: 0.5, fullwidth_digit_rate: 0.2, stray_space_rate: 0.15, missing_header_rate: 0.3, ..d() }),
        ("continued", Knobs { continue_rate: 1.0, masthead_variant_rate: 0.5, ..d() }),
        ("continued-row-wise", Knobs { continue_rate: 1.0, row_wise_rate: 0.6, ..d() }),
        ("other-wording", Knobs { alt_header_rate: 1.0, alt_deadline_rate: 0.5, masthead_variant_rate: 1.0, second_paragraph_rate: 1.0, ..d() }),
        ("clean", Knobs { keep_space_rate: 0.0, drop_number_rate: 0.0, drop_run_rate: 0.0, half_bracket_rate: 0.0, stray_space_rate: 0.0, second_paragraph_rate: 0.0, split_rate: 0.0, ..d() }),
        ("stress", Knobs {
            width_em: 18.0, keep_space_rate: 0.7, tables_min: 4, tables_max: 6, max_rows_per_category: 10,
            group_min: 2, group_max: 4, split_rate: 0.5, row_wise_rate: 0.35,
            blank_tall_rate: 0.4, blank_unequal_rate: 0.3, blank_equal_rate: 0.1, blank_side_rate: 0.5,
            blank_side_flat_rate: 0.2, row_wise_blank_rate: 0.6,
            drop_number_rate: 0.08, drop_run_rate: 0.2, half_bracket_rate: 0.3, fullwidth_digit_rate: 0.1,
            stray_space_rate: 0.1, missing_header_rate: 0.2, continue_rate: 0.5, masthead_variant_rate: 0.5,
            alt_header_rate: 0.5, alt_deadline_rate: 0.3, second_paragraph_rate: 0.5, layout_rate: 0.0,
            deadline_wrap_rate: 0.0, texts: TextBank::Seed,
        }),
        ("layout", Knobs { layout_rate: 1.0, ..d() }),
        ("layout-narrow", Knobs { layout_rate: 1.0, width_em: 16.0, drop_number_rate: 0.08, ..d() }),
        ("wrapped-deadlines", Knobs { alt_deadline_rate: 0.6, deadline_wrap_rate: 0.7, ..d() }),
        ("other-cities", Knobs { texts: TextBank::Other, ..d() }),
    ]
}
