//! OCR-tolerant scoring: a recognizer's own slips are not alignment errors.
//!
//! On OCR output a row whose cells were cut right can still differ from the
//! printed text by a lost or misread glyph. With tolerance, a matched row
//! (same key: page, department, category, seq) counts as right when its
//! target is at least [`Tolerance::target_min`] similar to gold and its
//! deadline at least [`Tolerance::deadline_min`], similarity being
//! `1 − normalized Levenshtein distance` over characters after
//! [`normalize`](super::normalize). Such a prediction is snapped to the gold
//! text before the ordinary [`evaluate`](super::evaluate), so every figure
//! of the report (rows, targets, deadlines, flags, the errors file) uses the
//! same rule.
//!
//! ```
//! use pledges::eval::{evaluate, EvalRow, tolerant::{snap_to_gold, Tolerance}};
//! let gold = vec![EvalRow { department: "市财政局".into(), category: "指标类".into(), seq: "1".into(),
//!     target: "新增规上工业企业50家以上".into(), deadline: "12月底前".into(), ..Default::default() }];
//! // One glyph misread out of 12: 92% similar.
//! let pred = vec![EvalRow { target: "新增规上工业企业5O家以上".into(), ..gold[0].clone() }];
//! assert_eq!(evaluate(&gold, &pred).overall.rows.correct, 0);
//! let snapped = snap_to_gold(&gold, &pred, &Tolerance::default());
//! assert_eq!(evaluate(&gold, &snapped).overall.rows.correct, 1);
//! ```

use super::{match_rows, normalize, EvalRow};

/// How similar a cell must be to count as right.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tolerance {
    /// Least target similarity (0–1). Default 0.90: about one slip in ten
    /// glyphs, while a cell cut one line wrong loses far more.
    pub target_min: f64,
    /// Least deadline similarity (0–1). Default 0.75: deadlines are short
    /// (`12月底前`: one slip in four glyphs).
    pub deadline_min: f64,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance { target_min: 0.90, deadline_min: 0.75 }
    }
}

/// `1 − Levenshtein / longer length` over normalized characters; 1.0 for
/// two empty strings.
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_levenshtein(&normalize(a), &normalize(b))
}

/// A copy of `pred` in which every matched row that is within tolerance
/// carries the gold target and deadline; other rows are untouched.
pub fn snap_to_gold(gold: &[EvalRow], pred: &[EvalRow], tolerance: &Tolerance) -> Vec<EvalRow> {
    let (pairs, _) = match_rows(gold, pred);
    let mut out = pred.to_vec();
    for (g, p) in gold.iter().zip(pairs) {
        let Some(i) = p else { continue };
        let row = &mut out[i];
        if similarity(&g.target, &row.target) >= tolerance.target_min
            && similarity(&g.deadline, &row.deadline) >= tolerance.deadline_min
        {
            row.target = g.target.clone();
            row.deadline = g.deadline.clone();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::evaluate;
    use super::*;

    fn row(seq: &str, target: &str, deadline: &str) -> EvalRow {
        EvalRow {
            department: "市财政局".into(),
            category: "指标类".into(),
            seq: seq.into(),
            target: target.into(),
            deadline: deadline.into(),
            flags: Some(String::new()),
            ..Default::default()
        }
    }

    const TARGET: &str = "完成全市养老服务设施专项规划编制并报批";

    #[test]
    fn one_slip_in_a_long_target_is_tolerated() {
        let gold = vec![row("1", TARGET, "12月底前")];
        let pred = vec![row("1", "完成全市养老服务设施专项规划编制并报北", "12月底前")];
        let snapped = snap_to_gold(&gold, &pred, &Tolerance::default());
        let report = evaluate(&gold, &snapped);
        assert_eq!(report.overall.rows.correct, 1);
        assert_eq!(report.overall.flags.unwrap().wrong_unflagged, 0);
    }

    #[test]
    fn a_cell_cut_a_line_short_is_still_wrong() {
        let gold = vec![row("1", TARGET, "12月底前")];
        let pred = vec![row("1", "完成全市养老服务设施专项规划", "12月底前")];
        let report = evaluate(&gold, &snap_to_gold(&gold, &pred, &Tolerance::default()));
        assert_eq!(report.overall.rows.correct, 0);
        assert_eq!(report.overall.flags.unwrap().wrong_unflagged, 1);
    }

    #[test]
    fn deadline_threshold_is_its_own() {
        let gold = vec![row("1", TARGET, "12月底前")];
        // 1 of 5 glyphs lost: 80% ≥ 75%.
        let close = vec![row("1", TARGET, "12月底")];
        assert_eq!(evaluate(&gold, &snap_to_gold(&gold, &close, &Tolerance::default())).overall.rows.correct, 1);
        // 3 edits in 5 glyphs: 40% < 75%.
        let far = vec![row("1", TARGET, "12日")];
        assert_eq!(evaluate(&gold, &snap_to_gold(&gold, &far, &Tolerance::default())).overall.rows.correct, 0);
        let strict = Tolerance { target_min: 1.0, deadline_min: 1.0 };
        assert_eq!(evaluate(&gold, &snap_to_gold(&gold, &close, &strict)).overall.rows.correct, 0);
    }

    #[test]
    fn keys_must_still_match() {
        let gold = vec![row("1", TARGET, "12月底前")];
        let pred = vec![row("2", TARGET, "12月底前")];
        let report = evaluate(&gold, &snap_to_gold(&gold, &pred, &Tolerance::default()));
        assert_eq!(report.overall.missing, 1);
    }

    #[test]
    fn similarity_ignores_white_space_and_width() {
        assert_eq!(similarity("增长 16%", "增长１６％"), 1.0);
        assert_eq!(similarity("", ""), 1.0);
    }
}
