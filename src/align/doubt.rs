//! Doubt: of the readings close to the best, which one to take and which
//! rows to flag.
//!
//! Every gap whose margin is below [`Weights::uncertain`](super::weights::Weights::uncertain) (widened by what the
//! side columns could take off) has a runner-up: the best reading that
//! decides it the other way. The side columns' blank lines pick among the
//! close readings (one that reads two rows one line tall across a blank
//! loses). A runner-up is a rival when, with that penalty and with how well
//! its cells fit their categories, it still comes within `uncertain` of the
//! chosen reading; every row that a rival reads differently is flagged
//! `cut_uncertain`.
//!
//! ```
//! // Used through `align_group`; see the crate's tests of close readings.
//! ```

use super::group::{trace, TRACE};
use super::group::{Cell, Cells, Flow};
use super::lattice::{best_reading, content_fit_remembered, Best, Lattice, Loose};
use crate::layout::skeleton::Slot;
use crate::model::{Flag, Flags};

pub(super) fn cut_targets(f: &Flow, slots: &[Slot], single: &[f32], tall: &[f32], anchor: &[Option<usize>]) -> Cells {
    let k = slots.len();
    if k == 0 {
        return Cells { cells: vec![], unplaced: f.lines.clone() };
    }
    if f.lines.len() < k {
        return too_few_lines(f, k);
    }
    let (lattice, best, loose) =
        best_reading(f, slots, single, anchor).expect("k <= lines, so an unforced cut always exists");
    let extra = match loose {
        Loose::No => vec![],
        Loose::Headers => vec![Flag::HeaderOutOfPlace],
        Loose::Beside => vec![Flag::RowLayoutConflict],
    };
    // Of the close readings, the side columns' blank lines pick the one that
    // does not read two rows one line tall where a blank line stands between
    // them. They weigh in the doubt too: a reading is a rival only when its
    // total less that penalty comes within `uncertain` of the chosen one's,
    // so gaps are searched as far as the penalty could reach.
    let penalty = |starts: &[usize]| -> f32 {
        let one_line = |c: usize| starts.get(c + 1).copied().unwrap_or(f.lines.len()) - starts[c] == 1;
        (1..starts.len()).filter(|&c| one_line(c - 1) && one_line(c)).map(|c| tall[c]).sum()
    };
    let reach: f32 = tall.iter().sum();
    let runners_up = lattice.runners_up(&best, lattice.w.uncertain + reach);
    let readings: Vec<(&[usize], f32)> = std::iter::once((best.starts.as_slice(), best.total))
        .chain(runners_up.iter().map(|(st, total)| (st.as_slice(), *total)))
        .map(|(st, total)| (st, total - penalty(st)))
        .collect();
    let (chosen, _) = readings.iter().copied().fold(readings[0], |a, b| if b.1 > a.1 { b } else { a });
    if *TRACE {
        trace(f, chosen, &best.margin);
    }
    // The doubt also asks how well each reading's cells fit their categories
    // (a figure for 指标类, a document for 政策类, see `category::fit`): a
    // reading that moves a category boundary can look as good at the cuts
    // and still fit the contents far worse. It only clears doubts, never
    // picks the reading (on the dev seeds picking by it fixed narrow columns
    // of this city's wording and broke other cities'); a rival that fits
    // better than the chosen reading stays a rival.
    // (With no runner-up there is nothing to weigh: the extractor of quantities is not run.)
    let mut seen = Default::default();
    let mut fits =
        |st: &[usize]| if readings.len() > 1 { content_fit_remembered(f, slots, st, &mut seen) } else { 0.0 };
    let doubt_total: Vec<f32> = readings.iter().map(|(st, t)| t + fits(st)).collect();
    let chosen_doubt = readings.iter().zip(&doubt_total).find(|((st, _), _)| *st == chosen).map_or(0.0, |(_, t)| *t);
    let span = |st: &[usize], c: usize| (st[c], st.get(c + 1).copied());
    let rivals: Vec<&[usize]> = readings
        .iter()
        .zip(&doubt_total)
        .filter(|(_, t)| chosen_doubt - *t < lattice.w.uncertain)
        .map(|((st, _), _)| *st)
        .collect();
    let doubtful: Vec<bool> = (0..k).map(|c| rivals.iter().any(|st| span(st, c) != span(chosen, c))).collect();
    Cells { cells: cells_from(f, chosen, &doubtful, &extra), unplaced: vec![] }
}

/// One line per row while lines last; the rows after get no target.
pub(super) fn too_few_lines(f: &Flow, k: usize) -> Cells {
    let mut cells: Vec<Cell> =
        f.lines.iter().map(|&l| Cell { lines: vec![l], flags: Flags::from([Flag::TooFewTargetLines]) }).collect();
    cells.resize(k, Cell { lines: vec![], flags: Flags::from([Flag::TargetMissing]) });
    Cells { cells, unplaced: vec![] }
}

pub(super) fn cells_from(f: &Flow, starts: &[usize], doubtful: &[bool], extra: &[Flag]) -> Vec<Cell> {
    let n = f.lines.len();
    (0..starts.len())
        .map(|c| {
            let (a, b) = (starts[c], starts.get(c + 1).copied().unwrap_or(n));
            let mut flags = Flags::from(extra.iter().copied());
            if doubtful[c] {
                flags.add(Flag::CutUncertain);
            }
            Cell { lines: f.lines[a..b].to_vec(), flags }
        })
        .collect()
}

impl Lattice<'_> {
    /// For every close gap, the best reading that decides it the other way
    /// (its cell starts and total). The rows such a reading gives other
    /// lines are in doubt: the gap itself may be far from them, since one
    /// moved cut shifts every row up to the next moved cut.
    pub(super) fn runners_up(&self, best: &Best, reach: f32) -> Vec<(Vec<usize>, f32)> {
        let (starts, margin) = (&best.starts, &best.margin);
        let k = self.cells();
        let mut out = vec![];
        let mut fw = best.fw.clone();
        for g in (0..margin.len()).filter(|&g| margin[g] < reach) {
            let is_cut = starts.contains(&(g + 1));
            let alt =
                Lattice { pin: Some((g, !is_cut)), kinds: self.kinds.clone(), steps: self.steps.clone(), ..*self };
            let mut alt_starts = vec![0; starts.len()];
            // The pin changes only the steps out of line `g`: lines `0..=g`
            // score as in the best reading's forward pass (restored here
            // over an earlier gap's), so only the lines after are computed
            // again, with the same sums, so the same floats.
            fw[..(g + 1) * k].copy_from_slice(&best.fw[..(g + 1) * k]);
            alt.forward_rows(&mut fw, g + 1);
            let total = fw[fw.len() - 1];
            if total == f32::NEG_INFINITY {
                continue;
            }
            alt.trace(&fw, &mut alt_starts);
            out.push((alt_starts, total));
        }
        out
    }
}
