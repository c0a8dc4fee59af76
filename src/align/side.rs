//! The side columns: what the number and deadline columns' blank lines say
//! about row heights, and how far to believe them.
//!
//! pdftotext leaves a blank line between two row numbers (or deadlines)
//! exactly when one of the two rows is taller than a line, since each sits
//! in the middle of its row. Where the two columns agree with each other
//! (what a real page's geometry gives), their blank lines tell which rows
//! are one line tall; where they often disagree, they are ignored.
//!
//! ```
//! use pledges::layout::skeleton::Group;
//! let trust = pledges::align::side::side_trust(&[Group::default()]);
//! assert_eq!(trust, pledges::align::side::side_trust(&[]));
//! ```

use super::weights::Weights;
use crate::layout::skeleton::{boundary_between, Boundary, Group, Slot};

/// For each row, the penalty for each extra line beyond one: how surely the
/// number and deadline columns show the row to be one line tall.
///
/// pdftotext leaves a blank line between two row numbers (or deadlines)
/// exactly when one of the two rows is taller than a line, since each sits
/// in the middle of its row. So where a column that uses blank lines at all
/// shows none between two rows, both rows are one line tall. The evidence
/// counts in full only when the two columns agree with each other, which is
/// what a real page's geometry gives.
pub(super) fn single_rows(slots: &[Slot], group: &Group, page: SideTrust) -> Vec<f32> {
    SideReading::new(slots, group, page).single_rows()
}

/// What a group's side columns say about the gaps between its rows, and how
/// far to believe them.
pub(super) struct SideReading {
    pub(super) numbers: Vec<Option<bool>>,
    pub(super) deadlines: Vec<Option<bool>>,
    pub(super) weight: f32,
    pub(super) most: f32,
}

impl SideReading {
    pub(super) fn new(slots: &[Slot], group: &Group, page: SideTrust) -> Self {
        let (mut numbers, mut deadlines) = side_gaps(slots, group);
        // The group's own columns judge themselves when they can, but are never
        // trusted more than the page's; a group too small to judge takes the page's word.
        let (agree, compared) = agreement(&numbers, &deadlines);
        let SideTrust { weight, most } = if compared as f32 >= Weights::get().side_min_compared {
            let own = side_weight(agree, compared);
            SideTrust { weight: own.weight.min(page.weight), ..own }
        } else {
            page
        };
        // A column with no blank line at all does not use them to say anything.
        for gaps in [&mut numbers, &mut deadlines] {
            if !gaps.contains(&Some(true)) {
                gaps.iter_mut().for_each(|g| *g = None);
            }
        }
        SideReading { numbers, deadlines, weight, most }
    }

    /// See [`single_rows`].
    pub(super) fn single_rows(&self) -> Vec<f32> {
        let n = self.numbers.len();
        (0..n)
            .map(|k| {
                let before = if k > 0 { self.shows(k, false) } else { 0.0 };
                let after = if k + 1 < n { self.shows(k + 1, false) } else { 0.0 };
                self.weight * f32::max(before, after)
            })
            .collect()
    }

    /// For each row `k`, the penalty for reading rows `k - 1` and `k` both
    /// one line tall where the side columns show a blank line between them
    /// (which pdftotext leaves only beside a taller row).
    pub(super) fn tall_pairs(&self) -> Vec<f32> {
        (0..self.numbers.len()).map(|k| if k > 0 { self.weight * self.shows(k, true) } else { 0.0 }).collect()
    }

    /// How surely the gap before row `k` shows `blank` (a blank line, or
    /// none): in full when both columns show it, half when one column
    /// tells, not at all when they disagree or a category boundary
    /// explains a blank.
    pub(super) fn shows(&self, k: usize, blank: bool) -> f32 {
        let sure: f32 = match (self.numbers[k], self.deadlines[k]) {
            (Some(a), Some(b)) if a == blank && b == blank => 1.0,
            (Some(a), None) | (None, Some(a)) if a == blank => 0.5,
            _ => 0.0,
        };
        sure.min(self.most)
    }
}

/// For each slot, whether a blank line stood before it in the number column
/// and in the deadline column (`None`: unknown, or a category boundary,
/// where a blank line tells nothing about row heights).
pub(super) fn side_gaps(slots: &[Slot], group: &Group) -> (Vec<Option<bool>>, Vec<Option<bool>>) {
    let within = |k: usize| k > 0 && boundary_between(&slots[k - 1], &slots[k]) == Boundary::Row;
    let numbers = slots.iter().enumerate().map(|(k, s)| s.gap_before.filter(|_| within(k))).collect();
    let deadlines =
        deadline_gaps(group, slots.len()).into_iter().enumerate().map(|(k, g)| g.filter(|_| within(k))).collect();
    (numbers, deadlines)
}

/// How much a page's side columns' blank lines are worth ([`single_rows`]):
/// `weight` per extra line of a row they show to be one line tall, `most`
/// the share one gap may count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SideTrust {
    pub(super) weight: f32,
    pub(super) most: f32,
}

/// The trust a page's side columns earn: in full when its number and
/// deadline columns agree on 90% of at least three gaps, half when they
/// mostly agree (75%), nothing when they disagree often (their blank lines
/// then do not follow the rows' heights). With fewer than three gaps to
/// compare, no gap counts more than one column's word. Measured over the
/// whole page (how pdftotext spaced the columns is the page's), for the
/// groups too small to judge their own columns.
pub fn side_trust(groups: &[Group]) -> SideTrust {
    let (agree, compared) = groups.iter().fold((0, 0), |(a, c), g| {
        let (numbers, deadlines) = side_gaps(&g.slots, g);
        let (ga, gc) = agreement(&numbers, &deadlines);
        (a + ga, c + gc)
    });
    side_weight(agree, compared)
}

/// On how many of the gaps that both side columns show they agree, of how many.
pub(super) fn agreement(numbers: &[Option<bool>], deadlines: &[Option<bool>]) -> (usize, usize) {
    let both: Vec<bool> = numbers.iter().zip(deadlines).filter_map(|(a, b)| Some(a.as_ref()? == b.as_ref()?)).collect();
    (both.iter().filter(|x| **x).count(), both.len())
}

pub(super) fn side_weight(agree: usize, compared: usize) -> SideTrust {
    let w = Weights::get();
    if (compared as f32) < w.side_min_compared {
        return SideTrust { weight: w.single_row, most: 0.5 };
    }
    let share = agree as f32 / compared as f32;
    let weight = if share >= w.side_agreement_full {
        w.single_row
    } else if share >= w.side_agreement {
        w.single_row / 2.0
    } else {
        0.0
    };
    SideTrust { weight, most: 1.0 }
}

/// For each row, whether a blank line stood between its deadline and the
/// previous row's in the same column; unknown when counts disagree.
pub(super) fn deadline_gaps(group: &Group, rows: usize) -> Vec<Option<bool>> {
    let mut gaps = vec![];
    for col in &group.deadlines {
        gaps.extend(col.blank_before.iter().enumerate().map(|(j, b)| (j > 0).then_some(*b)));
    }
    if gaps.len() != rows {
        return vec![None; rows];
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::super::testing::slots;
    use super::*;

    const SINGLE_ROW: f32 = 1.5;

    #[test]
    fn side_column_blanks_tell_one_line_rows() {
        let mut s = slots(&[Boundary::Row, Boundary::Row, Boundary::Row]);
        // Numbers: 1, 2, (blank) 3, (blank) 4 → rows 1 and 2 are flat; row 3 or 4 is tall.
        for (slot, gap) in s.iter_mut().zip([None, Some(false), Some(true), Some(true)]) {
            slot.gap_before = gap;
        }
        let g = Group { slots: s.clone(), ..Default::default() };
        let trust = side_trust(std::slice::from_ref(&g));
        assert_eq!(
            single_rows(&s, &g, trust),
            [SINGLE_ROW / 2.0, SINGLE_ROW / 2.0, 0.0, 0.0],
            "one column tells: half"
        );
        assert_eq!(side_weight(3, 3), SideTrust { weight: SINGLE_ROW, most: 1.0 });
        assert_eq!(side_weight(2, 3), SideTrust { weight: 0.0, most: 1.0 }, "the columns disagree");
        assert_eq!(side_weight(1, 1), SideTrust { weight: SINGLE_ROW, most: 0.5 }, "too few to check");
    }
}
