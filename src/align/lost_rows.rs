//! Lost rows: where a deadline column outnumbers the rows of its tables,
//! the rows whose numbers OCR dropped are restored at the category end
//! where the target text fits them best.
//!
//! Every placement of the lost rows at category-run ends (a multiset, at
//! most `MAX_PLACEMENTS` of them) is scored by one run of the lattice;
//! where the best placements are close ([`Weights::close_placement`]), the
//! rows between them are flagged `rows_uncertain`.
//!
//! ```
//! // Two rows lost, two category ends: three placements (see the tests below).
//! ```

use super::group::{Flow, TRACE};
use super::lattice::{cut_score_parts, CutScore};
use super::side::{deadline_gaps, single_rows};
use super::weights::Weights;
use crate::layout::skeleton::{
    boundary_between, deadline_rows, deadline_spans, with_rows_after, Boundary, Group, Slot,
};
use crate::model::Flag;

/// The group's slots; where a deadline column outnumbers the rows of its
/// tables, the rows whose numbers OCR dropped at the end of a category are
/// restored at the category end of those tables where the target text fits
/// them best.
pub(super) fn choose_slots(group: &Group, f: &Flow) -> Vec<Slot> {
    let slots = group.slots.clone();
    let k = slots.len();
    let short = short_spans(group);
    let lost: usize = short.iter().map(|(_, n)| n).sum();
    if k == 0 || lost == 0 || f.lines.len() < k + lost {
        return slots;
    }
    let count = short.iter().fold(1usize, |acc, (ends, n)| acc.saturating_mul(placement_count(ends.len(), *n)));
    if count > MAX_PLACEMENTS {
        return slots;
    }
    let parts: Vec<(CutScore, Vec<usize>)> = short
        .iter()
        .fold(vec![vec![]], |acc: Vec<Vec<usize>>, (ends, n)| {
            let options = placements(ends, *n);
            acc.iter().flat_map(|a| options.iter().map(move |o| [a.as_slice(), o].concat())).collect()
        })
        .into_iter()
        .map(|ends| {
            let cand = with_rows_at(&slots, &ends, group.before.as_ref());
            let single = single_rows(&cand, group, f.trust);
            (cut_score_parts(f, &cand, &single, &deadline_gaps(group, cand.len())), ends)
        })
        .collect();
    let Some((best, ends)) = parts.iter().max_by(|a, b| a.0.total().total_cmp(&b.0.total()).then(b.1.cmp(&a.1))) else {
        return slots;
    };
    let mut chosen = with_rows_at(&slots, ends, group.before.as_ref());
    if *TRACE {
        for (p, e) in &parts {
            eprintln!(
                "{}: lost rows after slots {e:?} score {:.2} (best {:.2}): {p:?}",
                f.source,
                p.total(),
                best.total()
            );
        }
    }
    // Rows between the places where close placements put lost rows are in
    // doubt, from the start of the first category that might lose a row:
    // one cell more or less there may move every cut of that category.
    // A placement is close, too, when only the deadline column keeps it
    // away, by no more than one blank line at a category boundary (which
    // pdftotext may drop), and the text alone (with the side columns' word
    // that rows are one line tall taken out) is a coin toss: proptest seed 5,
    // where one dropped blank line put a lost row in another category, or
    // in another department whose `任务目标` header OCR lost, and shifted
    // every deadline between the two places, unflagged.
    let w = Weights::get();
    let one_blank = w.boundary_on_blank + w.boundary_without_blank;
    let close: Vec<&Vec<usize>> = parts
        .iter()
        .filter(|(p, _)| {
            best.total() - p.total() < w.close_placement()
                || (best.side - p.side <= one_blank && best.without_side() - p.without_side() < w.uncertain)
        })
        .map(|(_, e)| e)
        .collect();
    if close.len() > 1 {
        let lo = close.iter().flat_map(|e| e.iter()).min().copied().unwrap_or(0);
        let hi = close.iter().flat_map(|e| e.iter()).max().copied().unwrap_or(0);
        let first = (1..lo).rev().find(|&i| boundary_between(&slots[i - 1], &slots[i]) != Boundary::Row).unwrap_or(0);
        for s in &mut chosen[first..(hi + lost).min(k + lost)] {
            s.flags.add(Flag::RowsUncertain);
        }
    }
    chosen
}

/// The category-run ends where lost rows may go and how many rows are
/// lost there, for each deadline column with more deadlines than its
/// tables have rows (or for the whole group, when the columns cannot be
/// matched to tables).
pub(super) fn short_spans(group: &Group) -> Vec<(Vec<usize>, usize)> {
    let slots = &group.slots;
    // A group that opens a category after a column break may start with
    // lost rows of the category before it (position 0).
    let run_ends = |range: std::ops::Range<usize>| -> Vec<usize> {
        let carried = range.start == 0 && group.before.is_some();
        (if carried { 0 } else { range.start + 1 }..=range.end)
            .filter(|&i| i == 0 || i == slots.len() || boundary_between(&slots[i - 1], &slots[i]) != Boundary::Row)
            .collect()
    };
    match deadline_spans(slots, &group.deadlines) {
        Some(spans) => spans
            .into_iter()
            .filter(|s| s.deadlines.len() > s.slots.len())
            .map(|s| (run_ends(s.slots.clone()), s.deadlines.len() - s.slots.len()))
            .collect(),
        None => {
            let lost = deadline_rows(group).saturating_sub(slots.len());
            if lost > 0 {
                vec![(run_ends(0..slots.len()), lost)]
            } else {
                vec![]
            }
        }
    }
}

/// Most placements of lost rows tried (each is one DP over the group).
pub(super) const MAX_PLACEMENTS: usize = 600;

/// How many multisets of `lost` run ends there are among `ends`.
pub(super) fn placement_count(ends: usize, lost: usize) -> usize {
    // C(ends + lost - 1, lost), stopping once it is clearly too many.
    let mut c: usize = 1;
    for i in 0..lost {
        c = c.saturating_mul(ends + i) / (i + 1);
        if c > MAX_PLACEMENTS * 10 {
            return usize::MAX;
        }
    }
    c
}

/// Every way to put `lost` rows at the ends of category runs (a multiset of
/// run ends, in order).
pub(super) fn placements(run_ends: &[usize], lost: usize) -> Vec<Vec<usize>> {
    if lost == 0 {
        return vec![vec![]];
    }
    let mut out = vec![];
    for (i, &end) in run_ends.iter().enumerate() {
        for mut rest in placements(&run_ends[i..], lost - 1) {
            rest.insert(0, end);
            out.push(rest);
        }
    }
    out
}

/// `slots` with one row added after each position in `ends` (ascending;
/// a position named twice gets two rows, numbered on).
pub(super) fn with_rows_at(slots: &[Slot], ends: &[usize], before: Option<&Slot>) -> Vec<Slot> {
    let mut out = slots.to_vec();
    let mut i = ends.len();
    while i > 0 {
        let end = ends[i - 1];
        let same = ends[..i].iter().rev().take_while(|&&e| e == end).count();
        out = with_rows_after(&out, end, same, before);
        i -= same;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::slots;
    use super::*;

    #[test]
    fn lost_rows_can_go_to_several_category_ends() {
        assert_eq!(placements(&[2, 5], 2), [vec![2, 2], vec![2, 5], vec![5, 5]]);
        assert_eq!(placement_count(2, 2), 3);
        assert_eq!(placement_count(9, 4), 495);
        let s = slots(&[Boundary::Row, Boundary::Category, Boundary::Row]);
        let seqs: Vec<(usize, u32)> = with_rows_at(&s, &[2, 4], None).iter().map(|s| (s.category, s.seq)).collect();
        assert_eq!(seqs, [(0, 1), (0, 2), (0, 3), (1, 1), (1, 2), (1, 3)]);
        // Regression: two rows lost at the same category end were both numbered 3.
        let seqs: Vec<(usize, u32)> = with_rows_at(&s, &[2, 2], None).iter().map(|s| (s.category, s.seq)).collect();
        assert_eq!(seqs, [(0, 1), (0, 2), (0, 3), (0, 4), (1, 1), (1, 2)]);
    }
}
