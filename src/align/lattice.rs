//! The lattice: a dynamic program over (line, cell) that picks the cuts
//! with the best total score giving exactly the known number of cells.
//!
//! A cut scores its gap's evidence plus how well a category or table
//! boundary sits on a blank line; staying in a cell costs what the side
//! columns say against a taller row. The header of each department's target
//! column forces a table boundary, and lines printed beside a row's number
//! stay in that row, unless no reading allows it (a [`Loose`] reading).
//! A backward pass gives every gap its margin to the best reading that
//! decides it the other way.
//!
//! ```
//! // See the tests below: three gaps scored 3, -2, 1 and three cells cut at gaps 0 and 2.
//! ```

use super::group::{anchors, sides, Flow};
use super::weights::Weights;
use crate::fields::category;
use crate::layout::skeleton::{boundary_between, Boundary, Slot};
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// What a reading had to give up to exist at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Loose {
    No,
    /// A `任务目标` header is not on a table boundary.
    Headers,
    /// A target line is not in the row whose number or deadline was printed beside it.
    Beside,
}

/// The best cutting with every `任务目标` header on a table boundary and
/// every line in the row printed beside it; when no cutting allows that,
/// the best without the headers, then without either.
pub(super) fn best_reading<'a>(
    f: &'a Flow,
    slots: &[Slot],
    single: &'a [f32],
    anchor: &'a [Option<usize>],
) -> Option<(Lattice<'a>, Best, Loose)> {
    [(true, anchor, Loose::No), (false, anchor, Loose::Headers), (false, &[][..], Loose::Beside)].into_iter().find_map(
        |(force, anchor, loose)| {
            let lattice = Lattice::new(f, slots, single, force, anchor);
            lattice.solve().map(|best| (lattice, best, loose))
        },
    )
}

/// The best total cut score of a group's slots in its parts (see
/// [`CutScore::total`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct CutScore {
    /// The best reading's total at the cuts (less `loose_reading` when it had to give something up).
    pub(super) text: f32,
    /// Of `text`, what the side columns' word that rows are one line tall took off.
    pub(super) flat: f32,
    /// How the category boundaries sit on the deadline column's blank lines.
    pub(super) side: f32,
    /// How the best reading's cells fit their categories.
    pub(super) fit: f32,
}

impl CutScore {
    pub(super) fn total(&self) -> f32 {
        self.text + self.side + self.fit
    }

    /// The total without what the side columns said: their blank lines
    /// at category boundaries and their word that rows are one line tall.
    pub(super) fn without_side(&self) -> f32 {
        self.text + self.flat + self.fit
    }
}

/// The best total cut score for `slots`, headers forced or not, plus how
/// well their category boundaries sit on the deadline column's blank lines
/// and how well the cells of that reading fit their categories, each kept
/// apart.
pub(super) fn cut_score_parts(f: &Flow, slots: &[Slot], single: &[f32], deadline_gaps: &[Option<bool>]) -> CutScore {
    let anchor = anchors(f, &sides(slots, &[]));
    let Some((_, best, loose)) = best_reading(f, slots, single, &anchor) else {
        return CutScore { text: f32::NEG_INFINITY, flat: 0.0, side: 0.0, fit: 0.0 };
    };
    let w = Weights::get();
    let text = if loose == Loose::No { best.total } else { best.total - w.loose_reading };
    let blanks_used = deadline_gaps.contains(&Some(true));
    let side: f32 = (1..slots.len())
        .filter(|&k| boundary_between(&slots[k - 1], &slots[k]) != Boundary::Row)
        .map(|k| match deadline_gaps.get(k).copied().flatten() {
            Some(true) => w.boundary_on_blank,
            Some(false) if blanks_used => -w.boundary_without_blank,
            _ => 0.0,
        })
        .sum();
    let flat = flat_rows(f, single, &best.starts);
    CutScore { text, flat, side, fit: content_fit(f, slots, &best.starts) }
}

/// How well each cell of a reading fits its row's category.
pub(super) fn content_fit(f: &Flow, slots: &[Slot], starts: &[usize]) -> f32 {
    content_fit_remembered(f, slots, starts, &mut FxHashMap::default())
}

/// [`content_fit`], with the fit of each span of lines remembered in
/// `seen` by (first line, end), for every class at once: the readings
/// weighed against each other differ in a few cells only, a span often
/// comes back as another cell (of another class) in a shifted reading, and
/// a span's marks cost a run of the quantity scanner over its text while
/// its fit for a class, given them, is a few multiplications.
/// `seen` belongs to one `f`.
pub(super) fn content_fit_remembered(
    f: &Flow,
    slots: &[Slot],
    starts: &[usize],
    seen: &mut FxHashMap<(usize, usize), [f32; CLASSES]>,
) -> f32 {
    (0..starts.len()).map(|c| cell_fit(f, slots, starts, c, seen)).sum()
}

/// What the side columns' word that rows are one line tall (`single`, per
/// cell) says against the reading `starts`: its weight for every line a
/// cell holds past its first.
pub(super) fn flat_rows(f: &Flow, single: &[f32], starts: &[usize]) -> f32 {
    (0..starts.len()).map(|c| (f.cell_len(starts, c) - 1) as f32 * single.get(c).copied().unwrap_or(0.0)).sum()
}

/// How well cell `c` of the reading `starts` fits its row's category, the
/// span's fits remembered in `seen` as in [`content_fit_remembered`].
pub(super) fn cell_fit(
    f: &Flow,
    slots: &[Slot],
    starts: &[usize],
    c: usize,
    seen: &mut FxHashMap<(usize, usize), [f32; CLASSES]>,
) -> f32 {
    let end = f.cell_end(starts, c);
    let fits = seen.entry((starts[c], end)).or_insert_with(|| {
        let marks = category::marks(f.text.span(starts[c], end));
        category::Class::ALL.map(|class| category::fit_marks(class, marks))
    });
    fits[slots[c].class as usize]
}

/// How many [`category::Class`]es a span's remembered fits hold.
pub(super) const CLASSES: usize = category::Class::ALL.len();

/// The DP over (line, cell): line `i` in cell `c`, moving to line `i + 1`
/// either in the same cell (stay) or opening cell `c + 1` (cut).
pub(super) struct Lattice<'a> {
    pub(super) f: &'a Flow,
    pub(super) kinds: Vec<Boundary>,
    pub(super) single: &'a [f32],
    pub(super) blanks_used: bool,
    pub(super) force_headers: bool,
    /// A gap decided in advance (`true`: cut there), to find the best
    /// reading that differs from the chosen one at that gap.
    pub(super) pin: Option<(usize, bool)>,
    /// Per line, the cell it must be in (see [`anchors`]); empty: none.
    pub(super) anchor: &'a [Option<usize>],
    /// The run's weights.
    pub(super) w: &'a Weights,
    /// Every step's score without the pin, computed once: the forward and
    /// backward passes, the margins and the traces read each step several
    /// times, and the runner-up lattices share them.
    pub(super) steps: Rc<Steps>,
}

/// `stay[g * k + c]`: [`Lattice::stay`] without the pin; `cut[g * k + c]`:
/// [`Lattice::cut`] without the pin (`-inf` at `c = 0`, which no cut opens).
pub(super) struct Steps {
    pub(super) stay: Vec<f32>,
    pub(super) cut: Vec<f32>,
    /// A row of `k` `-inf`: the steps a pin forbids.
    never: Vec<f32>,
}

/// The best cutting: where each cell starts, its score, and for every gap
/// how much worse the best cutting that decides that gap the other way is.
pub(super) struct Best {
    pub(super) starts: Vec<usize>,
    pub(super) total: f32,
    pub(super) margin: Vec<f32>,
    /// The forward scores it was traced from ([`Lattice::forward`]): a
    /// reading pinned at gap `g` shares their rows up to `g`.
    pub(super) fw: Vec<f32>,
    /// The backward scores ([`Lattice::backward`]): with `fw`, the best
    /// reading through any (line, cell) step.
    pub(super) bw: Vec<f32>,
}

impl<'a> Lattice<'a> {
    pub(super) fn new(
        f: &'a Flow,
        slots: &[Slot],
        single: &'a [f32],
        force_headers: bool,
        anchor: &'a [Option<usize>],
    ) -> Self {
        let kinds = slots.windows(2).map(|w| boundary_between(&w[0], &w[1])).collect();
        let mut lattice = Lattice {
            f,
            kinds,
            single,
            blanks_used: f.blank.iter().any(|b| *b),
            force_headers,
            pin: None,
            anchor,
            w: Weights::get(),
            steps: Rc::new(Steps { stay: vec![], cut: vec![], never: vec![] }),
        };
        lattice.steps = Rc::new(lattice.unpinned_steps());
        lattice
    }

    /// [`Steps`]: what [`Lattice::stay_unpinned`] and
    /// [`Lattice::cut_unpinned`] give, a row (gap) at a time. Within a row
    /// the only parts that change from cell to cell are the side columns'
    /// cost of staying and the boundary's blank-line term, worked out once
    /// per cell (and per blank or not) instead of once per step: on a
    /// table page the steps are lines times cells.
    ///
    /// Only the steps of the band are made (see [`Lattice::band`]): no
    /// pass, trace or total reads another (the others stay `-inf`). On a
    /// table page the cells are nearly as many as the lines, and the band
    /// is a small part of each row.
    fn unpinned_steps(&self) -> Steps {
        let (gaps, k) = (self.f.lines.len().saturating_sub(1), self.cells());
        let stay_cost: Vec<f32> = (0..k).map(|c| -self.single.get(c).copied().unwrap_or(0.0)).collect();
        // By blank line or not: the boundary term of the cut opening cell `c` (none opens cell 0).
        let term = [false, true].map(|blank| {
            let by_cell = |c: usize| boundary_term(self.w, self.kinds[c - 1], blank, self.blanks_used);
            std::iter::once(f32::NEG_INFINITY).chain((1..k).map(by_cell)).collect::<Vec<f32>>()
        });
        // Every step starts forbidden; each row then opens the cells it allows.
        let mut steps = Steps {
            stay: vec![f32::NEG_INFINITY; gaps * k],
            cut: vec![f32::NEG_INFINITY; gaps * k],
            never: vec![f32::NEG_INFINITY; k],
        };
        let rows = steps.stay.chunks_exact_mut(k).zip(steps.cut.chunks_exact_mut(k));
        for (g, (stay_row, cut_row)) in rows.enumerate() {
            let (forced, score, term) = (self.forced(g), self.f.score[g], &term[self.f.blank[g] as usize]);
            // A forced gap may only open a table; no cut opens cell 0.
            let may_cut = |c: usize| c > 0 && (!forced || self.kinds[c - 1] == Boundary::Table);
            let band = self.band(g);
            // The cell line `g + 1` must be in, if any (see `allowed`).
            match self.anchor.get(g + 1).copied().flatten() {
                None => {
                    if !forced {
                        stay_row[band.clone()].copy_from_slice(&stay_cost[band.clone()]);
                    }
                    let opened = band.start.max(1)..band.end;
                    let steps = cut_row[opened.clone()].iter_mut().zip(&term[opened.clone()]);
                    if forced {
                        let kinds = &self.kinds[opened.start - 1..opened.end - 1];
                        for ((step, term), kind) in steps.zip(kinds) {
                            if *kind == Boundary::Table {
                                *step = score + term;
                            }
                        }
                    } else {
                        steps.for_each(|(step, term)| *step = score + term);
                    }
                }
                Some(a) if band.contains(&a) => {
                    if !forced {
                        stay_row[a] = stay_cost[a];
                    }
                    if may_cut(a) {
                        cut_row[a] = score + term[a];
                    }
                }
                Some(_) => {}
            }
        }
        steps
    }

    /// The cells a step out of line `g` (into line `g + 1`) may step into
    /// on a reading that starts in cell 0 and ends in the last cell: up to
    /// cell `g + 1` (one cell a line at most), from the cell that leaves
    /// the lines after `g` enough for the cells after it, less one (the
    /// backward pass reads the steps out of line `g` from a cell of line
    /// `g`). The passes read no step outside it.
    pub(super) fn band(&self, g: usize) -> std::ops::Range<usize> {
        let (n, k) = (self.f.lines.len(), self.cells());
        (k + g).saturating_sub(n)..k.min(g + 2)
    }

    /// The stay and cut steps out of line `g` (indexed by the cell they
    /// step into), the pin applied: a pinned-out choice reads a row of
    /// `-inf`, which is what [`Lattice::stay`] and [`Lattice::cut`] give there.
    #[inline]
    pub(super) fn step_rows(&self, g: usize) -> (&[f32], &[f32]) {
        let k = self.cells();
        let (stay, cut) = (&self.steps.stay[g * k..(g + 1) * k], &self.steps.cut[g * k..(g + 1) * k]);
        match self.pin {
            Some((p, true)) if p == g => (&self.steps.never, cut),
            Some((p, false)) if p == g => (stay, &self.steps.never),
            _ => (stay, cut),
        }
    }

    /// Whether line `i` may be in cell `c`.
    pub(super) fn allowed(&self, i: usize, c: usize) -> bool {
        self.anchor.get(i).copied().flatten().is_none_or(|a| a == c)
    }

    /// This lattice with gap `g` pinned: cut there when `cut`, joined when
    /// not (a runner-up's reading, see `doubt`).
    pub(super) fn pinned(&self, g: usize, cut: bool) -> Lattice<'a> {
        Lattice { pin: Some((g, cut)), kinds: self.kinds.clone(), steps: self.steps.clone(), ..*self }
    }

    pub(super) fn cells(&self) -> usize {
        self.kinds.len() + 1
    }

    pub(super) fn forced(&self, g: usize) -> bool {
        self.force_headers && self.f.header[g]
    }

    /// Score of gap `g` staying inside cell `c`.
    #[inline]
    pub(super) fn stay(&self, g: usize, c: usize) -> f32 {
        if self.pin == Some((g, true)) {
            f32::NEG_INFINITY
        } else {
            self.steps.stay[g * self.cells() + c]
        }
    }

    /// Score of gap `g` opening cell `c` (`c >= 1`).
    #[inline]
    pub(super) fn cut(&self, g: usize, c: usize) -> f32 {
        if self.pin == Some((g, false)) {
            f32::NEG_INFINITY
        } else {
            self.steps.cut[g * self.cells() + c]
        }
    }

    /// A bound on the sum of the sizes of any reading's steps: per gap,
    /// the larger of what staying can cost (a side column's word that a
    /// row is one line tall) and what cutting can score (the gap's
    /// evidence and a boundary's blank-line term).
    pub(super) fn step_bound(&self) -> f32 {
        let stay = self.single.iter().fold(0.0f32, |m, s| m.max(s.abs()));
        let boundary = self.w.boundary_on_blank.abs().max(self.w.boundary_without_blank.abs());
        self.f.score.iter().map(|s| stay.max(s.abs() + boundary)).sum()
    }

    /// [`Lattice::stay`] but for the pin, a step at a time (the tests'
    /// reference for [`Lattice::unpinned_steps`]).
    #[cfg(test)]
    fn stay_unpinned(&self, g: usize, c: usize) -> f32 {
        if self.forced(g) || !self.allowed(g + 1, c) {
            f32::NEG_INFINITY
        } else {
            -self.single.get(c).copied().unwrap_or(0.0)
        }
    }

    /// [`Lattice::cut`] but for the pin (the tests' reference, likewise).
    #[cfg(test)]
    fn cut_unpinned(&self, g: usize, c: usize) -> f32 {
        let kind = self.kinds[c - 1];
        if (self.forced(g) && kind != Boundary::Table) || !self.allowed(g + 1, c) {
            return f32::NEG_INFINITY;
        }
        self.f.score[g] + boundary_term(self.w, kind, self.f.blank[g], self.blanks_used)
    }

    /// `fw[i * k + c]`: best score of lines `0..=i` with line `i` in cell
    /// `c`, for the cells from which the last line can still reach the last
    /// cell (`c >= k - (n - i)`); the others are left `-inf`. Nothing reads
    /// them but next to a backward score that is `-inf` there (the margins,
    /// [`Lattice::rivals_by_start`]), and the cells kept are computed from
    /// kept cells only, so with the same floats as a pass over every cell.
    /// On a table page the cells are nearly as many as the lines: the band
    /// is a small part of the square.
    pub(super) fn forward(&self) -> Vec<f32> {
        let (n, k) = (self.f.lines.len(), self.cells());
        let mut fw = vec![f32::NEG_INFINITY; n * k];
        fw[0] = if self.allowed(0, 0) { 0.0 } else { f32::NEG_INFINITY };
        self.forward_rows_to_end(&mut fw, 1);
        fw
    }

    /// [`Lattice::forward`] over every cell (the tests' reference).
    #[cfg(test)]
    pub(super) fn forward_every_cell(&self) -> Vec<f32> {
        let (n, k) = (self.f.lines.len(), self.cells());
        let mut fw = vec![f32::NEG_INFINITY; n * k];
        fw[0] = if self.allowed(0, 0) { 0.0 } else { f32::NEG_INFINITY };
        self.forward_rows(&mut fw, 1);
        fw
    }

    /// Fills the forward scores of lines `from..` in `fw`, whose rows
    /// before `from` hold this lattice's scores already (and whose cells
    /// past the diagonal, `c > i`, hold `-inf`, as [`Lattice::forward`] leaves them).
    #[cfg(test)]
    pub(super) fn forward_rows(&self, fw: &mut [f32], from: usize) {
        let (n, k) = (self.f.lines.len(), self.cells());
        for i in from..n {
            for c in 0..k.min(i + 1) {
                let stay = fw[(i - 1) * k + c] + self.stay(i - 1, c);
                let cut = if c == 0 { f32::NEG_INFINITY } else { fw[(i - 1) * k + c - 1] + self.cut(i - 1, c) };
                fw[i * k + c] = stay.max(cut);
            }
        }
    }

    /// [`Lattice::forward_rows`], but only the cells from which the last
    /// line can still reach the last cell (`c >= k - (n - i)`): the total
    /// and [`Lattice::trace`] read no other, and each of these is computed
    /// from two of them with the same sums, so the same floats. The cells
    /// below are left as they were (stale where `fw` held another
    /// lattice's rows). A runner-up's forward pass is most of what the
    /// doubt costs, and on a table page the cells are nearly as many as
    /// the lines.
    ///
    /// The steps are read row by row from [`Steps`] with the pin applied
    /// once per row (it can only be the steps out of one line), not per
    /// cell: the same values, summed in the same order.
    pub(super) fn forward_rows_to_end(&self, fw: &mut [f32], from: usize) {
        let (n, k) = (self.f.lines.len(), self.cells());
        for i in from..n {
            let (stay_row, cut_row) = self.step_rows(i - 1);
            let (done, rest) = fw.split_at_mut(i * k);
            let (prev, row) = (&done[(i - 1) * k..], &mut rest[..k]);
            let lo = (k + i).saturating_sub(n);
            let hi = k.min(i + 1);
            let mut c = lo;
            if c == 0 && c < hi {
                row[0] = (prev[0] + stay_row[0]).max(f32::NEG_INFINITY);
                c = 1;
            }
            // (Zipped slices: the same sums as cell by cell, without a bounds check each.)
            if c < hi {
                let steps = stay_row[c..hi].iter().zip(&cut_row[c..hi]);
                let from = prev[c..hi].iter().zip(&prev[c - 1..hi - 1]);
                for (to, ((stay, cut), (same, left))) in row[c..hi].iter_mut().zip(steps.zip(from)) {
                    *to = (same + stay).max(left + cut);
                }
            }
        }
    }

    /// `bw[i * k + c]`: best score of the lines after `i`, line `i` being in cell `c`,
    /// for the cells a reading from the first line can reach (`c <= i`).
    /// Below the band (`c < k - (n - i)`: too few lines left for the cells)
    /// it is `-inf`, as the pass over those cells would compute (from `-inf`
    /// only), so they are not visited. Above the diagonal (`c > i`) it is
    /// left `-inf`: nothing reads it (every reader starts from a cell a
    /// reading reaches), and each score kept is computed from kept scores
    /// only (`c <= i` reads `c` and `c + 1` of line `i + 1`), so with the
    /// same floats as a pass over every cell.
    pub(super) fn backward(&self) -> Vec<f32> {
        let (n, k) = (self.f.lines.len(), self.cells());
        let mut bw = vec![f32::NEG_INFINITY; n * k];
        bw[(n - 1) * k + k - 1] = 0.0;
        for i in (0..n - 1).rev() {
            let (stay_row, cut_row) = self.step_rows(i);
            let (head, tail) = bw.split_at_mut((i + 1) * k);
            let (row, next) = (&mut head[i * k..], &tail[..k]);
            let (lo, hi) = ((k + i).saturating_sub(n), (k - 1).min(i + 1));
            if lo < hi {
                // (Zipped slices, as in the forward pass.)
                let steps = stay_row[lo..hi].iter().zip(&cut_row[lo + 1..hi + 1]);
                let from = next[lo..hi].iter().zip(&next[lo + 1..hi + 1]);
                for (to, ((stay, cut), (same, right))) in row[lo..hi].iter_mut().zip(steps.zip(from)) {
                    *to = (same + stay).max(right + cut);
                }
            }
            if i + 1 >= k {
                row[k - 1] = (next[k - 1] + stay_row[k - 1]).max(f32::NEG_INFINITY);
            }
        }
        bw
    }

    pub(super) fn solve(&self) -> Option<Best> {
        let (n, k) = (self.f.lines.len(), self.cells());
        let (fw, bw) = (self.forward(), self.backward());
        let total = fw[(n - 1) * k + k - 1];
        if total == f32::NEG_INFINITY {
            return None;
        }
        let mut starts = vec![0; k];
        let mut margin = vec![f32::INFINITY; n.saturating_sub(1)];
        for g in 0..n - 1 {
            // Only the cells in both passes' bands: elsewhere `fw` (`c > g`)
            // or `bw` (`c < k - (n - g)`, or its `c + 1` one line on) is
            // `-inf`, and so the step through them, which the max ignores.
            let cells = (k + g).saturating_sub(n)..k.min(g + 1);
            let cells = cells.start.min(cells.end)..cells.end;
            let (stay_row, cut_row) = self.step_rows(g);
            let (here, next) = (&fw[g * k..(g + 1) * k], &bw[(g + 1) * k..(g + 2) * k]);
            // Slices zipped: the same sums and maxima in the same order as
            // cell by cell, without a bounds check each. A cut from the
            // last cell is none (its `-inf` leaves the max as it is). The
            // max keeps the first of equals where `f32::max` may take
            // either zero: only the sign of a zero can differ, which the
            // margin, `|cut - stay|`, drops; a NaN is passed over by both.
            let through = |cells: std::ops::Range<usize>, step: &[f32], to: usize| {
                let (here, next) = (&here[cells.clone()], &next[cells.start + to..]);
                let step = &step[cells.start + to..];
                let sums = here.iter().zip(step).zip(next).map(|((h, s), n)| h + s + n);
                sums.fold(f32::NEG_INFINITY, |most, sum| if sum > most { sum } else { most })
            };
            let stay = through(cells.clone(), stay_row, 0);
            let cut = through(cells.start..cells.end.min(k - 1).max(cells.start), cut_row, 1);
            margin[g] = (cut - stay).abs();
        }
        self.trace(&fw, &mut starts);
        Some(Best { starts, total, margin, fw, bw })
    }

    /// Follows the forward scores back from the last line to find the cuts.
    pub(super) fn trace(&self, fw: &[f32], starts: &mut [usize]) {
        self.trace_to(fw, self.f.lines.len().saturating_sub(1), self.cells() - 1, starts);
    }

    /// The best cuts of lines `0..=last` ending in cell `cell`, traced back
    /// from the forward scores.
    pub(super) fn trace_to(&self, fw: &[f32], last: usize, cell: usize, starts: &mut [usize]) {
        let mut c = cell;
        for i in (1..=last).rev() {
            if c == 0 {
                break;
            }
            if self.cut_into(fw, i, c) {
                starts[c] = i;
                c -= 1;
            }
        }
    }

    /// Whether, by the forward scores `fw`, the best way into line `i` as
    /// cell `c` cuts before the line (a tie stays, as the forward pass chose).
    #[inline]
    pub(super) fn cut_into(&self, fw: &[f32], i: usize, c: usize) -> bool {
        let k = self.cells();
        let stay = fw[(i - 1) * k + c] + self.stay(i - 1, c);
        let cut = fw[(i - 1) * k + c - 1] + self.cut(i - 1, c);
        cut > stay
    }
}

pub(super) fn boundary_term(w: &Weights, kind: Boundary, blank: bool, blanks_used: bool) -> f32 {
    match (kind, blank) {
        (Boundary::Row, _) => 0.0,
        (_, true) => w.boundary_on_blank,
        (_, false) if blanks_used => -w.boundary_without_blank,
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{flow_of, slots};
    use super::*;

    fn starts(f: &Flow, kinds: &[Boundary], single: &[f32]) -> Option<Vec<usize>> {
        Lattice::new(f, &slots(kinds), single, true, &[]).solve().map(|b| b.starts)
    }

    #[test]
    fn remembered_fits_are_indexed_by_class() {
        for (i, class) in category::Class::ALL.into_iter().enumerate() {
            assert_eq!(class as usize, i);
            let text = "出台《农村宅基地退出管理规定》";
            assert_eq!(category::fit_marks(class, category::marks(text)), category::fit(class, text));
        }
    }

    #[test]
    fn forward_to_the_end_gives_the_same_total_and_cuts() {
        // Nine lines, four cells; every gap pinned both ways in turn, the
        // cells no reading through the end uses full of stale values.
        let scores = [1.5, -0.7, 2.25, 0.1, -3.0, 0.6, 1.1, -0.2];
        let f = flow_of(&scores, &[false, true, false, false, true, false, false, false], &[false; 8]);
        let slots = slots(&[Boundary::Row, Boundary::Category, Boundary::Row]);
        let lattice = Lattice::new(&f, &slots, &[0.0, 0.4, 0.0, 0.9], true, &[]);
        let best = lattice.solve().unwrap();
        let (n, k) = (f.lines.len(), lattice.cells());
        for g in 0..n - 1 {
            for cut in [false, true] {
                let alt = lattice.pinned(g, cut);
                let full = alt.forward_every_cell();
                let mut banded: Vec<f32> = (0..n * k).map(|x| x as f32 * 7.5).collect();
                banded[..(g + 1) * k].copy_from_slice(&full[..(g + 1) * k]);
                for i in g + 1..n {
                    for c in i + 1..k {
                        banded[i * k + c] = f32::NEG_INFINITY;
                    }
                }
                alt.forward_rows_to_end(&mut banded, g + 1);
                assert_eq!(banded[n * k - 1].to_bits(), full[n * k - 1].to_bits(), "gap {g} cut {cut}");
                if full[n * k - 1] > f32::NEG_INFINITY {
                    let (mut a, mut b) = (vec![0; k], vec![0; k]);
                    alt.trace(&full, &mut a);
                    alt.trace(&banded, &mut b);
                    assert_eq!(a, b, "gap {g} cut {cut}");
                    // The pin holds; pinned against the best reading, it is another reading.
                    assert_eq!(a.contains(&(g + 1)), cut);
                    assert_eq!(a == best.starts, best.starts.contains(&(g + 1)) == cut);
                }
            }
        }
    }

    #[test]
    fn runners_up_are_the_pinned_readings_solved_afresh() {
        // Twelve lines, five cells, every gap close (reach 100): each
        // runner-up, computed over the rows the previous one left, is the
        // reading a fresh forward pass of its pinned lattice gives.
        let scores = [0.4, -0.3, 1.2, 0.2, -0.9, 0.8, 0.1, -0.5, 0.7, 0.3, -0.1];
        let blank = [false, false, true, false, false, false, true, false, false, false, false];
        let f = flow_of(&scores, &blank, &[false; 11]);
        let slots = slots(&[Boundary::Row, Boundary::Category, Boundary::Row, Boundary::Row]);
        let lattice = Lattice::new(&f, &slots, &[0.0, 0.3, 0.0, 0.6, 0.2], true, &[]);
        let best = lattice.solve().unwrap();
        let mut expected = vec![];
        for g in 0..scores.len() {
            let is_cut = best.starts.contains(&(g + 1));
            let alt = lattice.pinned(g, !is_cut);
            let fw = alt.forward_every_cell();
            let total = fw[fw.len() - 1];
            if total > f32::NEG_INFINITY {
                let mut starts = vec![0; lattice.cells()];
                alt.trace(&fw, &mut starts);
                expected.push((starts, total.to_bits()));
            }
        }
        let got: Vec<(Vec<usize>, u32)> = lattice
            .runners_up(&super::super::doubt::BestPath::new(&lattice, &best), 100.0)
            .into_iter()
            .map(|(st, t)| (st, t.to_bits()))
            .collect();
        assert_eq!(got, expected);
        assert!(got.len() > 5);
    }

    #[test]
    fn banded_passes_give_what_passes_over_every_cell_give() {
        // Eleven lines, seven cells, a category boundary and side-column
        // penalties: the best reading, its total and every margin, bit for
        // bit, from the band and from every cell.
        let scores = [0.9, -0.4, 1.3, -0.2, 0.5, -1.1, 0.6, 0.2, -0.3, 0.8];
        let blank = [false, true, false, false, false, true, false, false, false, false];
        let f = flow_of(&scores, &blank, &[false; 10]);
        let kinds = [Boundary::Row, Boundary::Row, Boundary::Category, Boundary::Row, Boundary::Row, Boundary::Row];
        let lattice = Lattice::new(&f, &slots(&kinds), &[0.0, 0.5, 0.0, 0.2, 0.0, 0.7, 0.1], true, &[]);
        let best = lattice.solve().unwrap();
        let (n, k) = (f.lines.len(), lattice.cells());
        let full = lattice.forward_every_cell();
        let mut every = vec![f32::NEG_INFINITY; n * k];
        every[n * k - 1] = 0.0;
        for i in (0..n - 1).rev() {
            for c in 0..k {
                let stay = every[(i + 1) * k + c] + lattice.stay(i, c);
                let cut =
                    if c + 1 < k { every[(i + 1) * k + c + 1] + lattice.cut(i, c + 1) } else { f32::NEG_INFINITY };
                every[i * k + c] = stay.max(cut);
            }
        }
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        // The backward scores a reading from the first line reaches (`c <= i`); the others are `-inf`.
        for i in 0..n {
            for c in 0..k {
                let expected = if c <= i { every[i * k + c] } else { f32::NEG_INFINITY };
                assert_eq!(best.bw[i * k + c].to_bits(), expected.to_bits(), "line {i} cell {c}");
            }
        }
        for i in 0..n {
            for c in (k + i).saturating_sub(n)..k {
                assert_eq!(best.fw[i * k + c].to_bits(), full[i * k + c].to_bits(), "line {i} cell {c}");
            }
        }
        let margin: Vec<f32> = (0..n - 1)
            .map(|g| {
                let over = |step: &dyn Fn(usize) -> f32| (0..k).map(step).fold(f32::NEG_INFINITY, f32::max);
                let stay = over(&|c| full[g * k + c] + lattice.stay(g, c) + every[(g + 1) * k + c]);
                let cut = over(&|c| {
                    if c + 1 < k {
                        full[g * k + c] + lattice.cut(g, c + 1) + every[(g + 1) * k + c + 1]
                    } else {
                        f32::NEG_INFINITY
                    }
                });
                (cut - stay).abs()
            })
            .collect();
        assert_eq!(bits(&best.margin), bits(&margin));
        assert_eq!(best.total.to_bits(), full[n * k - 1].to_bits());
        let mut starts = vec![0; k];
        lattice.trace(&full, &mut starts);
        assert_eq!(best.starts, starts);
    }

    #[test]
    fn steps_made_a_row_at_a_time_are_the_steps_one_at_a_time() {
        // Blank lines, a header (forced table boundary), every kind of
        // boundary, side-column costs for some cells only, and lines
        // anchored to rows.
        let scores = [0.9, -0.4, 1.3, -0.2, 0.5, -1.1, 0.6, 0.2, -0.3, 0.8];
        let blank = [false, true, false, false, false, true, false, true, false, false];
        let header = [false, false, false, false, false, true, false, false, false, false];
        let f = flow_of(&scores, &blank, &header);
        let kinds = [Boundary::Row, Boundary::Category, Boundary::Row, Boundary::Table, Boundary::Row];
        let anchor = [None, None, Some(1), None, Some(2), None, None, Some(4), None, None, None];
        let mut outside = 0;
        for (force, anchor) in [(true, &anchor[..]), (false, &anchor[..]), (true, &[][..])] {
            let lattice = Lattice::new(&f, &slots(&kinds), &[0.0, 0.5, 1.5, 0.2], force, anchor);
            let k = lattice.cells();
            for g in 0..scores.len() {
                // Within the band the passes read; outside it every step is `-inf`.
                for c in 0..k {
                    let inside = lattice.band(g).contains(&c);
                    let cut = if c == 0 || !inside { f32::NEG_INFINITY } else { lattice.cut_unpinned(g, c) };
                    let stay = if inside { lattice.stay_unpinned(g, c) } else { f32::NEG_INFINITY };
                    assert_eq!(lattice.steps.stay[g * k + c].to_bits(), stay.to_bits(), "gap {g} cell {c}");
                    assert_eq!(lattice.steps.cut[g * k + c].to_bits(), cut.to_bits(), "gap {g} cell {c}");
                }
                outside += k - lattice.band(g).len();
            }
        }
        assert!(outside > 20, "{outside} steps outside the band");
    }

    #[test]
    fn dp_takes_the_best_cuts_for_the_count() {
        let f = flow_of(&[3.0, -2.0, 1.0, -5.0], &[false; 4], &[false; 4]);
        assert_eq!(starts(&f, &[Boundary::Row, Boundary::Row], &[]), Some(vec![0, 1, 3]));
        assert_eq!(starts(&f, &[Boundary::Row], &[]), Some(vec![0, 1]));
    }

    #[test]
    fn dp_puts_category_boundaries_on_blank_lines() {
        let f = flow_of(&[1.0, 0.5, 0.2], &[false, false, true], &[false; 3]);
        assert_eq!(starts(&f, &[Boundary::Row, Boundary::Category], &[]), Some(vec![0, 1, 3]));
    }

    #[test]
    fn dp_respects_headers_as_table_boundaries() {
        let f = flow_of(&[5.0, -1.0, 0.0], &[false, false, true], &[false, false, true]);
        assert_eq!(starts(&f, &[Boundary::Row, Boundary::Table], &[]), Some(vec![0, 1, 3]));
        assert_eq!(starts(&f, &[Boundary::Table, Boundary::Row], &[]), None);
    }

    #[test]
    fn one_line_rows_from_the_side_columns_move_the_cut() {
        // Alone, the text evidence prefers cutting at gap 0; the number column
        // says the first row is one line tall, so the cut moves to gap 1.
        let f = flow_of(&[0.5, 0.3], &[false; 2], &[false; 2]);
        assert_eq!(starts(&f, &[Boundary::Row], &[]), Some(vec![0, 1]));
        assert_eq!(starts(&f, &[Boundary::Row], &[0.0, Weights::default().single_row]), Some(vec![0, 2]));
    }

    #[test]
    fn margins_measure_how_close_the_other_choice_was() {
        let f = flow_of(&[3.0, -2.0, 2.5], &[false; 3], &[false; 3]);
        let best = Lattice::new(&f, &slots(&[Boundary::Row, Boundary::Row]), &[], true, &[]).solve().unwrap();
        assert_eq!(best.starts, vec![0, 1, 3]);
        assert_eq!(best.total, 5.5);
        // Gap 2 against its best alternative (cut at gap 1 instead): 5.5 - 1.0.
        assert_eq!(best.margin, vec![5.0, 4.5, 4.5]);
    }
}
