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
//! `cut_uncertain`. Besides one runner-up per close gap, the best reading
//! that starts each row on another line is weighed (it may move two cuts far
//! apart), and a reading that moves a table boundary no `任务目标` header
//! pins is a rival when only the side columns' word that rows are one line
//! tall keeps it away.
//!
//! The doubt also weighs the target column's own blank-line habit: how
//! often, in the chosen reading, a blank line stands between two tall rows
//! and between any other two (on the real page 4 of 5 and 1 of 86). A
//! reading that puts two tall rows together without a blank line in a
//! column that separates them, or splits one row where the column prints no
//! blank between short rows, is that much less likely. Measured per column
//! from the chosen reading, so a column with no blank lines, or with blanks
//! everywhere, says nothing. Being read off the chosen reading, it only
//! counts against a rival (one it favours is weighed without it), and like
//! the category fit it never picks the reading. `PLEDGES_DEBUG=1` names every rival and the
//! lines of the rows it reads otherwise.
//!
//! ```
//! // Used through `align_group`; see the crate's tests of close readings.
//! ```

use super::group::{trace, TRACE};
use super::group::{Cell, Cells, Flow};
use super::lattice::{best_reading, cell_fit, content_fit_remembered, flat_rows, Best, Lattice, Loose, CLASSES};
use crate::fields::category::{fit_marks, Class};
use crate::layout::skeleton::{Boundary, Slot};
use crate::model::{Flag, Flags};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

pub(super) fn cut_targets(f: &Flow, slots: &[Slot], single: &[f32], tall: &[f32], anchor: &[Option<usize>]) -> Cells {
    weigh_readings(f, slots, single, tall, anchor, true)
}

/// [`cut_targets`]; `leave_far` says whether the readings that [`Far`]
/// shows no rival are left out (the tests weigh them all to compare).
fn weigh_readings(
    f: &Flow,
    slots: &[Slot],
    single: &[f32],
    tall: &[f32],
    anchor: &[Option<usize>],
    leave_far: bool,
) -> Cells {
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
        let one_line = |c: usize| f.cell_len(starts, c) == 1;
        (1..starts.len()).filter(|&c| one_line(c - 1) && one_line(c)).map(|c| tall[c]).sum()
    };
    let reach: f32 = tall.iter().sum::<f32>() + lattice.w.side_doubt_reach;
    // The best reading's path, shared by the runner-ups' and the rivals' traces.
    let path = BestPath::new(&lattice, &best);
    let runners_up = lattice.runners_up(&path, lattice.w.uncertain + reach);
    let best_value = (best.starts.as_slice(), best.total - penalty(&best.starts));
    // Where no weight is negative, a reading's penalty and what the habit
    // says against it are never in its favour: most readings are then
    // surely no rival (see `Far`), and a runner-up whose total is not
    // above the best reading's value (its total less its penalty) is not
    // chosen over it, its own value being no higher.
    let sure_signs = leave_far && !*TRACE && lattice.w.blank_habit >= 0.0 && tall.iter().all(|&t| t >= 0.0);
    let (chosen, _) = runners_up
        .iter()
        .filter(|(_, total)| !sure_signs || *total > best_value.1)
        .map(|(st, total)| (st.as_slice(), total - penalty(st)))
        .fold(best_value, |a, b| if b.1 > a.1 { b } else { a });
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
    // The runners-up above are one per close gap; a reading that moves two
    // cuts far apart (a row split in one table, two rows joined in the next,
    // the table boundary between them in its place) is none of them. Every
    // reading that starts some row elsewhere and scores within reach is
    // weighed too (the best of each, from the forward and backward passes).
    let weighed: Vec<&[usize]> =
        std::iter::once(best_value.0).chain(runners_up.iter().map(|(st, _)| st.as_slice())).collect();
    // Where each leaves the best reading, worked out once for `Kept` and `Far`.
    let runs: Vec<Option<(usize, usize)>> = weighed.iter().map(|st| moved_run(st, &best.starts)).collect();
    let by_start = lattice.rivals_by_start(&path, lattice.w.uncertain + reach, &weighed, &runs);
    let span = |st: &[usize], c: usize| (st[c], st.get(c + 1).copied());
    // Where a department's `任务目标` header was lost, nothing on the page
    // pins where its rows begin: when only the side columns' word that rows
    // are one line tall (which a tall row's blank line, dropped, also gives)
    // keeps a reading that moves that table boundary away, it is a rival.
    let flat_rows = |st: &[usize]| flat_rows(f, single, st);
    let floating: Vec<usize> =
        (1..k).filter(|&c| lattice.kinds[c - 1] == Boundary::Table && !lattice.f.header[chosen[c] - 1]).collect();
    // Beyond floating table boundaries, any reading that only the side
    // columns' one-line word keeps away is a rival too (held-out seed 9801
    // `narrow`: a two-line row printed with no blank line beside it in
    // either side column read one line tall, and four rows shifted,
    // unflagged), as far as `side_doubt_reach` searches.
    let sides_doubted = lattice.w.side_doubt_reach > 0.0;
    // (With the default weights every reading is so weighed.)
    let weighed_without_sides = |st: &[usize]| sides_doubted || floating.iter().any(|&c| st[c] != chosen[c]);
    let chosen_flat = flat_rows(chosen);
    let uncertain = lattice.w.uncertain;
    // The cells' fits, by span (see `content_fit_remembered`).
    let mut seen = FxHashMap::with_capacity_and_hasher(2 * k, Default::default());
    // The readings weighed: the best, the runners-up, the rivals by start
    // not among them; those that `Far` shows no rival are left out.
    let mut far =
        (sure_signs && chosen == best.starts.as_slice()).then(|| Far::new(f, slots, single, tall, &best, uncertain));
    let mut near = |st: &[usize], run: Option<(usize, usize)>, total: f32| {
        far.as_mut().is_none_or(|far| !far.is_far(st, run, total, weighed_without_sides(st), &mut seen))
    };
    let mut readings: Vec<(&[usize], f32)> = std::iter::once(best_value)
        .chain(
            runners_up
                .iter()
                .zip(&runs[1..])
                .filter(|((st, total), run)| near(st, **run, *total))
                .map(|((st, total), _)| (st.as_slice(), total - penalty(st))),
        )
        .collect();
    for Close { starts: st, total, run } in &by_start {
        if near(st, Some(*run), *total) {
            readings.push((st.as_slice(), total - penalty(st)));
        }
    }
    // The fit speaks only to a reading that gives some line another category
    // (or table) than the chosen one does: within one category it tells
    // nothing about where a cut goes (proptest seed 2 found a wrong row it had
    // cleared that way).
    // (Compared run by run of lines, see `same_labels`.)
    let relabels = |st: &[usize]| !same_labels(f, slots, st, chosen);
    // The column's blank lines between rows, by the rows' heights (see
    // `BlankHabit`): on narrow columns most close readings differ in where a
    // full one-line row ends, and that is what the habit tells.
    // It is read off the chosen reading, so it only ever counts against a
    // rival: one it favours is weighed as before.
    let habit = BlankHabit::of(f, &lattice.kinds, chosen);
    let chosen_habit = habit.score(f, &lattice.kinds, chosen);
    let against =
        |st: &[usize]| lattice.w.blank_habit * f32::min(habit.score(f, &lattice.kinds, st) - chosen_habit, 0.0);
    // Each reading's doubt total (below) is its total plus its fit, or the
    // chosen reading's fit where it gives no line another label, plus what
    // the habit says against it. In the gap
    // between two doubt totals the cells both readings cut alike weigh the
    // same on both sides: only the cells a reading cuts otherwise are fitted
    // here and the gaps weighed from them in f64, with what rounding the
    // f32 sums of the whole fits could bring bounded (`FIT_BOUND`,
    // `ROUNDING`). Only where that could decide a comparison are the whole
    // fits computed, as the doubt is defined (below), and for
    // `PLEDGES_DEBUG`, which prints the doubt totals.
    let without_fit: Option<Vec<Option<&[usize]>>> = (readings.len() > 1 && !*TRACE)
        .then(|| {
            let chosen_total = readings.iter().find(|(st, _)| *st == chosen).map_or(0.0, |(_, t)| *t);
            let fit_sum = k as f64 * *FIT_BOUND;
            readings
                .iter()
                .map(|&(st, total)| {
                    let (a, b) = (chosen_total as f64, total as f64);
                    let (gain, sums) = if relabels(st) {
                        let gain: f64 = (0..k)
                            .filter(|&c| span(st, c) != span(chosen, c))
                            .map(|c| {
                                cell_fit(f, slots, st, c, &mut seen) as f64
                                    - cell_fit(f, slots, chosen, c, &mut seen) as f64
                            })
                            .sum();
                        (gain, 2.0 * k as f64 * fit_sum)
                    } else {
                        (0.0, 0.0)
                    };
                    let against = against(st) as f64;
                    let gap = a - b - gain - against;
                    let error = (a.abs() + b.abs() + 2.0 * fit_sum + against.abs() + gap.abs() + sums) * ROUNDING;
                    let near = decide(gap, error, uncertain)?;
                    let floats = if weighed_without_sides(st) {
                        let flat = (flat_rows(st) - chosen_flat) as f64;
                        decide(gap - flat, error + (gap.abs() + flat.abs() + error) * ROUNDING, uncertain)?
                    } else {
                        false
                    };
                    Some((near || floats).then_some(st))
                })
                .collect::<Option<Vec<_>>>()
        })
        .flatten();
    let rivals: Vec<&[usize]> = match without_fit {
        Some(rivals) => rivals.into_iter().flatten().collect(),
        None => {
            // (With no runner-up there is nothing to weigh: the extractor of quantities is not run.)
            let mut fits =
                |st: &[usize]| if readings.len() > 1 { content_fit_remembered(f, slots, st, &mut seen) } else { 0.0 };
            let chosen_fit = fits(chosen);
            let doubt_total: Vec<f32> = readings
                .iter()
                .map(|(st, t)| t + if relabels(st) { fits(st) } else { chosen_fit } + against(st))
                .collect();
            let chosen_doubt =
                readings.iter().zip(&doubt_total).find(|((st, _), _)| *st == chosen).map_or(0.0, |(_, t)| *t);
            let rivals: Vec<&[usize]> = readings
                .iter()
                .zip(&doubt_total)
                .filter(|((st, _), t)| {
                    let gap = chosen_doubt - *t;
                    gap < uncertain || (weighed_without_sides(st) && gap - (flat_rows(st) - chosen_flat) < uncertain)
                })
                .map(|((st, _), _)| *st)
                .collect();
            if *TRACE {
                for ((st, _), t) in readings.iter().zip(&doubt_total) {
                    if rivals.contains(st) && *st != chosen {
                        let cells: Vec<String> = (0..k)
                            .filter(|&c| span(st, c) != span(chosen, c))
                            .map(|c| {
                                let end = f.cell_end(st, c);
                                format!("{}-{}", f.lines[st[c]] + 1, f.lines[end - 1] + 1)
                            })
                            .collect();
                        eprintln!("{}: rival by {:.2}: {}", f.source, chosen_doubt - t, cells.join(" "));
                    }
                }
            }
            rivals
        }
    };
    let doubtful: Vec<bool> = (0..k).map(|c| rivals.iter().any(|st| span(st, c) != span(chosen, c))).collect();
    Cells { cells: cells_from(f, chosen, &doubtful, &extra), unplaced: vec![] }
}

/// A sure answer, for most close readings, that a reading is no rival of
/// the chosen one, read off the few cells where it differs from the best
/// reading (which must be the chosen one) instead of its every cell.
///
/// A reading's doubt total (see `cut_targets`) is its total, less its
/// penalty, plus its fit (the chosen reading's, when it gives no line
/// another label), plus what the blank-line habit says against it (never
/// positive). Leaving that last term out can only bring the reading closer
/// (f32 rounding is monotone), and the rest of the gap to the chosen
/// reading is, in exact sums, the gap of the totals, plus the penalties'
/// difference and less the fits' difference, each summed over the cells
/// that differ (the fits' difference bounded first by each class's best
/// fit, then, if that does not tell, fitted). The f32 sums the doubt makes
/// stray from the exact ones by under [`Far::error`]. A reading whose gap
/// less that error is at least `uncertain`, and, where the side columns'
/// word is left out of its weighing, whose gap without that word is too,
/// is no rival: it is not weighed at all.
struct Far<'a> {
    f: &'a Flow,
    slots: &'a [Slot],
    tall: &'a [f32],
    best: &'a Best,
    uncertain: f64,
    /// The sizes the doubt's f32 sums add, but for the reading's total:
    /// the best reading's total, two penalties, two fits, two sums of the
    /// side columns' one-line word.
    sizes: f64,
    /// How far, relative to `sizes`, the f32 sums may stray.
    rounding: f64,
    /// The best reading's fit of each cell, once asked (each close
    /// reading's moved cells ask for theirs, and the readings overlap).
    best_fits: Vec<Option<f32>>,
    /// Per cell of the best reading, what [`Far::penalties_and_flat`]
    /// reads of it for every reading it weighs (the moved runs are long:
    /// one moved cut shifts every row up to the next).
    best_cells: Vec<BestCell>,
}

/// What the best reading's cell `c` adds to [`Far::penalties_and_flat`]:
/// its height, the penalty of its pair with cell `c - 1` (0 for cell 0)
/// and its side columns' one-line weight, as the sums read them.
#[derive(Clone, Copy)]
struct BestCell {
    len: f64,
    pair: f64,
    single: f64,
}

impl<'a> Far<'a> {
    fn new(f: &'a Flow, slots: &'a [Slot], single: &'a [f32], tall: &'a [f32], best: &'a Best, uncertain: f32) -> Self {
        let (n, k) = (f.lines.len() as f64, slots.len() as f64);
        let tall_sum: f64 = tall.iter().map(|&t| t as f64).sum();
        let most_single = single.iter().fold(0.0f64, |m, &s| m.max((s as f64).abs()));
        let sizes = (best.total as f64).abs() + 2.0 * tall_sum + 2.0 * k * *FIT_BOUND + 2.0 * n * most_single;
        // A sum of up to `k` f32 terms strays by under `k` rounding units
        // of its terms' sizes, a few more roundings combine them: 16 units
        // per line and cell is far more than that.
        let rounding = (n + k + 8.0) * ROUNDING;
        let best_fits = vec![None; slots.len()];
        let st = best.starts.as_slice();
        let one_line = |c: usize| f.cell_len(st, c) == 1;
        let best_cells = (0..st.len())
            .map(|c| BestCell {
                len: f.cell_len(st, c) as f64,
                pair: if c > 0 && one_line(c - 1) && one_line(c) { tall[c] as f64 } else { 0.0 },
                single: single.get(c).copied().unwrap_or(0.0) as f64,
            })
            .collect();
        Far { f, slots, tall, best, uncertain: uncertain as f64, sizes, rounding, best_fits, best_cells }
    }

    /// How far the doubt's f32 sums for a reading of this `total` may stray from the exact ones.
    fn error(&self, total: f32) -> f64 {
        (self.sizes + (total as f64).abs()) * self.rounding
    }

    /// Whether the reading `st` of this total is surely no rival
    /// (`without_sides`: whether it is also weighed without the side
    /// columns' one-line word, see `cut_targets`); `run` is where it
    /// leaves the best reading ([`moved_run`], known to the callers). The
    /// fits of the spans are remembered in `seen`.
    fn is_far(
        &mut self,
        st: &[usize],
        run: Option<(usize, usize)>,
        total: f32,
        without_sides: bool,
        seen: &mut FxHashMap<(usize, usize), [f32; CLASSES]>,
    ) -> bool {
        let (best, f) = (self.best.starts.as_slice(), self.f);
        debug_assert_eq!(run, moved_run(st, best));
        let Some((lo, hi)) = run else { return false };
        // Cells `lo - 1..hi` may hold other lines (cell 0 starts every reading: `lo >= 1`).
        let cells = lo - 1..hi;
        let (penalties, flat) = self.penalties_and_flat(st, lo, hi);
        let gap = (self.best.total as f64 - total as f64) + penalties;
        let error = self.error(total);
        let sure = |fits: f64| {
            let gap = gap - fits - error;
            gap >= self.uncertain && (!without_sides || gap - flat >= self.uncertain)
        };
        let span = |s: &[usize], c: usize| (s[c], s.get(c + 1).copied());
        let moved = || cells.clone().filter(|&c| span(st, c) != span(best, c));
        // For a reading that gives no line another label, with the fits
        // left out (sure however they fit, then sure without them: the
        // second alone, as the bound on the fits is never below 0).
        if !relabels_within(f, self.slots, st, best, lo, hi) {
            return sure(0.0);
        }
        // However the cells fit (no text read).
        let class = |c: usize| self.slots[c].class as usize;
        if sure(moved().map(|c| BEST_FIT[class(c)] - WORST_FIT[class(c)]).sum()) {
            return true;
        }
        let slots = self.slots;
        let best_fits = &mut self.best_fits;
        let mut chosen_fit =
            |c: usize, seen: &mut _| *best_fits[c].get_or_insert_with(|| cell_fit(f, slots, best, c, seen)) as f64;
        let most: f64 = moved().map(|c| BEST_FIT[class(c)] - chosen_fit(c, seen)).sum();
        if sure(most) {
            return true;
        }
        let fits: f64 = moved().map(|c| cell_fit(f, slots, st, c, seen) as f64 - chosen_fit(c, seen)).sum();
        sure(fits)
    }
}

impl Far<'_> {
    /// For a reading `st` that leaves the best one in cells `lo..hi`: the
    /// penalties (side columns' blank lines) it has less the best
    /// reading's, over the pairs of cells `lo - 1..=hi` (cell 0 pairs with
    /// none), and its lines past each cell's first less the best
    /// reading's, weighed by `single`, over cells `lo - 1..hi`. Each
    /// cell's height is read once for both sums, which add their terms in
    /// the order of the cells.
    fn penalties_and_flat(&self, st: &[usize], lo: usize, hi: usize) -> (f64, f64) {
        let (f, k) = (self.f, st.len());
        let (mut penalties, mut flat) = (-0.0f64, -0.0f64);
        // The height of `st`'s cell before, for the pair it makes with the next.
        let mut before = (lo >= 2).then(|| f.cell_len(st, lo - 2));
        for c in lo - 1..(hi + 1).min(k) {
            let (here, best) = (f.cell_len(st, c), self.best_cells[c]);
            if let Some(st_before) = before {
                let pair = if st_before == 1 && here == 1 { self.tall[c] as f64 } else { 0.0 };
                penalties += pair - best.pair;
            }
            if c < hi {
                flat += (here as f64 - best.len) * best.single;
            }
            before = Some(here);
        }
        (penalties, flat)
    }
}

/// The first and past the last cell where the reading `st` starts a cell
/// elsewhere than `best` does; `None` when it is `best`.
fn moved_run(st: &[usize], best: &[usize]) -> Option<(usize, usize)> {
    let lo = st.iter().zip(best).position(|(a, b)| a != b)?;
    let hi = st.iter().zip(best).rposition(|(a, b)| a != b).map_or(lo, |c| c + 1);
    Some((lo, hi))
}

/// Whether the readings `a` and `b`, whose starts differ in cells
/// `lo..hi` only (`lo >= 1`), give some line another table or category:
/// [`same_labels`] over the lines those cells can hold.
fn relabels_within(f: &Flow, slots: &[Slot], a: &[usize], b: &[usize], lo: usize, hi: usize) -> bool {
    let label = |c: usize| (slots[c].table, slots[c].category);
    // Those lines lie in cells `lo - 1..hi` of both: cells of one label give every line the same.
    if (lo..hi).all(|c| label(c) == label(lo - 1)) {
        return false;
    }
    let (first, end) = (a[lo].min(b[lo]), f.cell_end(a, hi - 1));
    let (mut ca, mut cb) = (lo - 1, lo - 1);
    for line in first..end {
        while ca + 1 < a.len() && a[ca + 1] <= line {
            ca += 1;
        }
        while cb + 1 < b.len() && b[cb + 1] <= line {
            cb += 1;
        }
        if label(ca) != label(cb) {
            return true;
        }
    }
    false
}

/// Each class's best fit, whatever the marks (index: `Class as usize`).
static BEST_FIT: LazyLock<[f64; CLASSES]> = LazyLock::new(|| fits_by_class(f64::max));

/// Each class's worst fit, whatever the marks.
static WORST_FIT: LazyLock<[f64; CLASSES]> = LazyLock::new(|| fits_by_class(f64::min));

/// Each class's fits for the eight sets of marks, folded by `pick`.
fn fits_by_class(pick: fn(f64, f64) -> f64) -> [f64; CLASSES] {
    let fits = |class| (0..8).map(move |m| fit_marks(class, [m & 1 != 0, m & 2 != 0, m & 4 != 0]) as f64);
    Class::ALL.map(|class| fits(class).reduce(pick).expect("eight sets of marks"))
}

/// The largest size of one cell's fit, whatever its class and marks: a
/// reading's fit, a sum over its cells, is within `cells * FIT_BOUND` of 0.
static FIT_BOUND: LazyLock<f64> = LazyLock::new(|| {
    let marks = (0..8).map(|m| [m & 1 != 0, m & 2 != 0, m & 4 != 0]);
    marks.flat_map(|m| Class::ALL.map(|class| fit_marks(class, m).abs() as f64)).fold(0.0, f64::max)
});

/// How far, relative to the sizes of the terms, the f32 sums of a doubt
/// total and its gap to the chosen one's can stray from the same sums made
/// exactly: 16 times f32's rounding unit, wide enough for the few
/// roundings each makes and for the f64 arithmetic that checks them (a
/// fit, a sum of `k` cells, strays by under `k` units of its terms' sizes,
/// hence the `2 k * cells * FIT_BOUND` added for two of them).
const ROUNDING: f64 = 1.0 / (1u64 << 20) as f64;

/// Whether `gap < uncertain`, for a gap known within `error`; `None` when
/// the error could decide it.
fn decide(gap: f64, error: f64, uncertain: f32) -> Option<bool> {
    let uncertain = uncertain as f64;
    if gap + error < uncertain {
        Some(true)
    } else if gap - error >= uncertain {
        Some(false)
    } else {
        None
    }
}

/// Whether the readings `a` and `b` give every line the same table and
/// category: [`labels`] of both compared, a stretch of lines under one cell
/// of each at a time instead of line by line (a rival is compared with the
/// chosen reading for every close reading of every group).
fn same_labels(f: &Flow, slots: &[Slot], a: &[usize], b: &[usize]) -> bool {
    let label = |c: usize| (slots[c].table, slots[c].category);
    // The next cell from `c` on that holds a line, and how many it holds.
    let next = |st: &[usize], mut c: usize| {
        while c < st.len() && f.cell_len(st, c) == 0 {
            c += 1;
        }
        (c, if c < st.len() { f.cell_len(st, c) } else { 0 })
    };
    let ((mut ca, mut left_a), (mut cb, mut left_b)) = (next(a, 0), next(b, 0));
    loop {
        match (ca < a.len(), cb < b.len()) {
            (false, false) => return true,
            (true, true) if label(ca) == label(cb) => {}
            _ => return false,
        }
        let both = left_a.min(left_b);
        (left_a, left_b) = (left_a - both, left_b - both);
        if left_a == 0 {
            (ca, left_a) = next(a, ca + 1);
        }
        if left_b == 0 {
            (cb, left_b) = next(b, cb + 1);
        }
    }
}

/// The table and category a reading's cells `starts` give each line of the flow, in order.
#[cfg(test)]
fn labels<'a>(f: &'a Flow, slots: &'a [Slot], starts: &'a [usize]) -> impl Iterator<Item = (usize, usize)> + 'a {
    (0..starts.len()).flat_map(move |c| {
        let end = f.cell_end(starts, c);
        std::iter::repeat_n((slots[c].table, slots[c].category), end - starts[c])
    })
}

/// How the target column's blank lines between two rows of a category
/// follow the rows' heights, as the chosen reading shows them: what a blank
/// line (or none) between two rows says for their heights, as log-odds
/// against the column's blank lines taken regardless of heights.
struct BlankHabit {
    /// `[tall pair][blank]`: between two tall rows or any other two, with a
    /// blank line or without.
    odds: [[f32; 2]; 2],
}

impl BlankHabit {
    /// For each row boundary within a category of reading `st`: whether
    /// both rows are taller than one line, and whether a blank line stands
    /// between them.
    fn pairs<'a>(f: &'a Flow, kinds: &'a [Boundary], st: &'a [usize]) -> impl Iterator<Item = (bool, bool)> + 'a {
        let len = move |c: usize| f.cell_len(st, c);
        (1..st.len())
            .filter(move |&c| kinds[c - 1] == Boundary::Row)
            .map(move |c| (len(c - 1) > 1 && len(c) > 1, f.blank[st[c] - 1]))
    }

    fn of(f: &Flow, kinds: &[Boundary], chosen: &[usize]) -> Self {
        // [tall pair] -> (boundaries, with a blank line)
        let mut n = [[0u32; 2]; 2];
        for (tall, blank) in Self::pairs(f, kinds, chosen) {
            n[tall as usize][0] += 1;
            n[tall as usize][1] += blank as u32;
        }
        // Shares with one boundary of each kind added (a column of a few
        // rows says little), over all and for each kind of pair.
        let share = |total: u32, blank: u32| (blank as f32 + 1.0) / (total as f32 + 2.0);
        let all = share(n[0][0] + n[1][0], n[0][1] + n[1][1]);
        let odds = n.map(|[total, blank]| {
            let p = share(total, blank);
            [((1.0 - p) / (1.0 - all)).ln(), (p / all).ln()]
        });
        BlankHabit { odds }
    }

    fn score(&self, f: &Flow, kinds: &[Boundary], st: &[usize]) -> f32 {
        Self::pairs(f, kinds, st).map(|(tall, blank)| self.odds[tall as usize][blank as usize]).sum()
    }
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
    /// For every cell `c` and every line `i` other than its start in the
    /// best reading (`path`'s), the best reading that starts cell `c` on
    /// line `i`, when it scores within `reach` of the best (its cell starts
    /// and total), each once, in the order first found, leaving out the
    /// readings `known` already holds (`runs`: where each leaves the best
    /// reading, [`moved_run`]).
    pub(super) fn rivals_by_start(
        &self,
        path: &BestPath,
        reach: f32,
        known: &[&[usize]],
        runs: &[Option<(usize, usize)>],
    ) -> Vec<Close> {
        let (n, k) = (self.f.lines.len(), self.cells());
        let best = path.best;
        let (fw, bw) = (&best.fw, &best.bw);
        let mut out: Vec<Close> = vec![];
        // Many starts lead to one reading: each start is traced into one
        // buffer, and only a reading neither known nor found before is
        // copied out.
        let mut kept = Kept::new(known, runs);
        let mut starts = vec![0; k];
        // The steps are read straight off the unpinned ones (`Lattice::cut`
        // without the pin), a column of the band at a time.
        assert!(self.pin.is_none(), "rivals by start are read off the unpinned lattice");
        let floor = best.total - reach;
        for c in 1..k {
            // Past `n - k + c` too few lines are left for the cells after
            // `c`: `bw` is `-inf` there, and so the total.
            let end = n.min(n + c + 1 - k);
            if end <= c {
                continue;
            }
            // Into line `i` as cell `c`: the forward score of line `i - 1`
            // in cell `c - 1`, the cut, the backward score from there on.
            let (cuts, first) = (&self.steps.cut, best.starts[c]);
            for i in c..end {
                if i == first {
                    continue;
                }
                let at = (i - 1) * k + c;
                let total = fw[at - 1] + cuts[at] + bw[at + k];
                if !(total > floor) {
                    continue;
                }
                starts.fill(0);
                starts[c] = i;
                // Cells up to the one the trace back met the best reading
                // on are the best reading's; the cells it set differ from
                // them (each line it set as a start lies in another cell
                // of the best reading), and so does cell `c`.
                let lo = path.trace_to(self, i - 1, c - 1, &mut starts) + 1;
                let (_, met) = path.trace_from_met(self, i, c, &mut starts);
                // Past the cell the trace on met the best reading on, its cells.
                let hi = (c..=met).rfind(|&x| starts[x] != best.starts[x]).map_or(c, |x| x) + 1;
                if kept.insert(&starts, lo, hi, known, &out) {
                    out.push(Close { starts: starts.clone(), total, run: (lo, hi) });
                }
            }
        }
        out
    }

    /// The best cuts of the lines from `first` on, line `first` in cell
    /// `cell`, followed from the backward scores; returns by how much the
    /// closest of its choices was made (infinite with none to make).
    /// (The tests' reference for [`BestPath::trace_from`].)
    #[cfg(test)]
    fn trace_from(&self, bw: &[f32], first: usize, cell: usize, starts: &mut [usize]) -> f32 {
        let (n, k) = (self.f.lines.len(), self.cells());
        let mut c = cell;
        let mut closest = f32::INFINITY;
        for i in first..n - 1 {
            if c + 1 == k {
                break;
            }
            let (next, by) = self.step_from(bw, i, c);
            closest = closer(closest, by);
            if next > c {
                c = next;
                starts[c] = i + 1;
            }
        }
        closest
    }

    /// The choice at gap `i` of a trace from the backward scores, line `i`
    /// in cell `c` (`c + 1 < k`): the cell of line `i + 1`, and by how much
    /// it was chosen (NaN, from two `-inf`, off any finite reading).
    #[inline]
    fn step_from(&self, bw: &[f32], i: usize, c: usize) -> (usize, f32) {
        let k = self.cells();
        let stay = bw[(i + 1) * k + c] + self.stay(i, c);
        let cut = bw[(i + 1) * k + c + 1] + self.cut(i, c + 1);
        (if cut > stay { c + 1 } else { c }, (cut - stay).abs())
    }

    /// For every close gap, the best reading that decides it the other way
    /// (its cell starts and total). The rows such a reading gives other
    /// lines are in doubt: the gap itself may be far from them, since one
    /// moved cut shifts every row up to the next moved cut.
    ///
    /// Each is what a forward pass of the lattice pinned at that gap, and
    /// its trace, give. Most are read off the best reading's forward and
    /// backward passes joined at the gap ([`Lattice::joined_at`]), with no
    /// pass of their own; the pinned pass is run only where that reading
    /// could be another by the floats' rounding (a near tie).
    pub(super) fn runners_up(&self, path: &BestPath, reach: f32) -> Vec<(Vec<usize>, f32)> {
        let best = path.best;
        let margin = &best.margin;
        let tie = self.near_tie();
        let mut pinned = PinnedPasses::new(best);
        let mut out = vec![];
        for g in (0..margin.len()).filter(|&g| margin[g] < reach) {
            // (No cell of a lattice's reading is empty: the best reading cuts at `g` where its cell changes.)
            let cut = path.cell[g] == path.cell[g + 1];
            let found = match self.joined_at(best, path, g, cut, tie) {
                Joined::Sure(found) => found,
                Joined::NearTie => pinned.run(self, g, cut),
            };
            out.extend(found);
        }
        out
    }

    /// The best reading with gap `g` pinned (cut there when `cut`), from
    /// the best reading's passes: the best prefix into line `g` (its
    /// forward scores, which the pin leaves alone), the pinned step, the
    /// best rest from line `g + 1` on (its backward scores, likewise).
    ///
    /// The pinned forward pass finds the reading whose float sum is
    /// highest; this one is the highest in exact sums. They are one
    /// reading when every other is worse in exact sums by more than the
    /// floats can stray: when at the pinned gap and at every choice of the
    /// rest the runner-up choice is worse by more than `tie` (else
    /// [`Joined::NearTie`]). The prefix is traced from the same forward
    /// scores either way, and the total is the reading's steps summed in
    /// the forward pass's order, so the same float.
    fn joined_at(&self, best: &Best, path: &BestPath, g: usize, cut: bool, tie: f32) -> Joined {
        let (n, k) = (self.f.lines.len(), self.cells());
        let (fw, bw) = (&best.fw, &best.bw);
        // Through cell `c` at line `g`: the cell it steps into at line `g + 1`, and the total.
        let through = |c: usize| {
            let (next, step) = if cut { (c + 1, self.cut(g, c + 1)) } else { (c, self.stay(g, c)) };
            (next, fw[g * k + c] + step + bw[(g + 1) * k + next])
        };
        // Cells in both passes' bands (as for the margins); a cut from the last cell is none.
        let last = if cut { k - 1 } else { k };
        let cells = (k + g).saturating_sub(n)..last.min(g + 1);
        let (mut first, mut second) = (None, f32::NEG_INFINITY);
        for c in cells {
            let (next, total) = through(c);
            match first {
                Some((_, _, top)) if total <= top => second = second.max(total),
                _ => {
                    second = second.max(first.map_or(f32::NEG_INFINITY, |(_, _, top)| top));
                    first = Some((c, next, total));
                }
            }
        }
        let Some((c, next, total)) = first.filter(|&(_, _, total)| total > f32::NEG_INFINITY) else {
            return Joined::Sure(None);
        };
        if !(total - second > tie) {
            return Joined::NearTie;
        }
        let mut starts = vec![0; k];
        path.trace_to(self, g, c, &mut starts);
        if cut {
            starts[next] = g + 1;
        }
        if !(path.trace_from(self, g + 1, next, &mut starts) > tie) {
            return Joined::NearTie;
        }
        // The prefix traced from `fw[g * k + c]` sums to it (each forward
        // score is its best predecessor's plus the step, and the trace
        // follows those), so the forward sum goes on from there.
        let total = self.sum_forward_from(fw[g * k + c], g, c, &starts);
        Joined::Sure(Some((starts, total)))
    }

    /// A reading's total as the forward pass sums it, its steps one at a
    /// time, from gap `from` on: line `from` is in cell `cell`, and `total`
    /// is the sum of the steps before (the forward score there, when the
    /// reading's cells before it are traced from it).
    ///
    /// The steps are read off the unpinned rows of [`Steps`](super::lattice::Steps)
    /// a gap at a time (the runners-up are joined on the unpinned lattice),
    /// without [`Lattice::stay`]'s and [`Lattice::cut`]'s pin check and
    /// index per step: the same values added in the same order. Every
    /// runner-up sums the gaps from its own to the last.
    fn sum_forward_from(&self, mut total: f32, from: usize, cell: usize, starts: &[usize]) -> f32 {
        assert!(self.pin.is_none(), "runners-up are summed on the unpinned lattice");
        let k = self.cells();
        let (stay, cut) = (&self.steps.stay[from * k..], &self.steps.cut[from * k..]);
        let mut c = cell;
        // The line that opens the cell after `c` (none after the last).
        let opens_next = |c: usize| starts.get(c + 1).copied().unwrap_or(usize::MAX);
        let mut next = opens_next(c);
        for (g, (stay, cut)) in (from..).zip(stay.chunks_exact(k).zip(cut.chunks_exact(k))) {
            if next == g + 1 {
                c += 1;
                next = opens_next(c);
                total += cut[c];
            } else {
                total += stay[c];
            }
        }
        total
    }

    /// How close two readings' totals, as the passes sum them, may come
    /// for their exact sums to be in another order (see
    /// [`Lattice::joined_at`]): a sum of up to `n` steps in f32 strays
    /// from the exact one by less than `n` rounding units (2^-24) of the
    /// sum of the steps' sizes, bounded by [`Lattice::step_bound`]; the
    /// readings compared are sums of such sums, so 32 times that, and a
    /// little more for the sums themselves.
    fn near_tie(&self) -> f32 {
        let n = self.f.lines.len() as f32;
        32.0 * n * self.step_bound() * f32::EPSILON / 2.0 + f32::MIN_POSITIVE
    }
}

/// What the best reading's passes, joined at a pinned gap, tell.
enum Joined {
    /// The pinned reading (none when no reading decides the gap that way).
    Sure(Option<(Vec<usize>, f32)>),
    /// Two readings close enough that the floats' rounding may take either.
    NearTie,
}

/// The running minimum of a trace's margins: NaN (a choice between two
/// `-inf`) counts as a tie.
#[inline]
fn closer(closest: f32, by: f32) -> f32 {
    if by >= closest {
        closest
    } else if by.is_nan() {
        0.0
    } else {
        by
    }
}

/// The best reading line by line, for the traces of the readings close to
/// it (runner-ups, rivals by start), which mostly leave it for a few rows
/// only: a trace that reaches a (line, cell) of the best reading goes on
/// as the best reading's own trace does from there, so it stops and takes
/// the best reading's cells for the rest (same cells, same margins).
pub(super) struct BestPath<'b> {
    best: &'b Best,
    /// The best reading's cell of each line.
    cell: Vec<usize>,
    /// From line `i` in `cell[i]`, a trace from the backward scores
    /// ([`Lattice::trace_from`]) makes the best reading's choices to the
    /// end: the closest of them (infinite with none); `None` where it
    /// takes another way (the best reading is traced from the forward
    /// scores, so a near tie may go the other way).
    rest: Vec<Option<f32>>,
}

impl<'b> BestPath<'b> {
    pub(super) fn new(lattice: &Lattice, best: &'b Best) -> Self {
        let (n, k) = (lattice.f.lines.len(), lattice.cells());
        let mut cell = vec![0; n];
        for c in 0..k {
            let end = lattice.f.cell_end(&best.starts, c);
            cell[best.starts[c]..end].fill(c);
        }
        let mut rest = vec![Some(f32::INFINITY); n];
        for i in (0..n.saturating_sub(1)).rev() {
            let c = cell[i];
            if c + 1 == k {
                continue;
            }
            let (next, by) = lattice.step_from(&best.bw, i, c);
            rest[i] = rest[i + 1].filter(|_| next == cell[i + 1]).map(|closest| closer(closest, by));
        }
        BestPath { best, cell, rest }
    }

    /// [`Lattice::trace_to`] over the best reading's forward scores,
    /// stopping where it meets the best reading's trace; returns the cell
    /// it met it in (up to which the cells are the best reading's), 0 when
    /// it met it nowhere.
    fn trace_to(&self, lattice: &Lattice, last: usize, cell: usize, starts: &mut [usize]) -> usize {
        let fw = &self.best.fw;
        let mut c = cell;
        for i in (1..=last).rev() {
            if c == 0 {
                break;
            }
            if c == self.cell[i] {
                starts[1..=c].copy_from_slice(&self.best.starts[1..=c]);
                return c;
            }
            if lattice.cut_into(fw, i, c) {
                starts[c] = i;
                c -= 1;
            }
        }
        0
    }

    /// [`Lattice::trace_from`] over the best reading's backward scores,
    /// stopping where it meets a line of the best reading whose trace goes
    /// on as the best reading does.
    fn trace_from(&self, lattice: &Lattice, first: usize, cell: usize, starts: &mut [usize]) -> f32 {
        self.trace_from_met(lattice, first, cell, starts).0
    }

    /// [`BestPath::trace_from`], and the cell it met the best reading in
    /// (past which the cells are the best reading's; the last cell when it
    /// met it nowhere).
    fn trace_from_met(&self, lattice: &Lattice, first: usize, cell: usize, starts: &mut [usize]) -> (f32, usize) {
        let (n, k) = (lattice.f.lines.len(), lattice.cells());
        let mut c = cell;
        let mut closest = f32::INFINITY;
        for i in first..n - 1 {
            if c + 1 == k {
                break;
            }
            if c == self.cell[i] {
                if let Some(rest) = self.rest[i] {
                    starts[c + 1..].copy_from_slice(&self.best.starts[c + 1..]);
                    return (closer(closest, rest), c);
                }
            }
            let (next, by) = lattice.step_from(&self.best.bw, i, c);
            closest = closer(closest, by);
            if next > c {
                c = next;
                starts[c] = i + 1;
            }
        }
        (closest, k - 1)
    }
}

/// A reading [`Lattice::rivals_by_start`] found: its cell starts, its
/// total, and the run of cells where it leaves the best reading (as
/// [`moved_run`] gives it: the traces that found it know it).
pub(super) struct Close {
    starts: Vec<usize>,
    total: f32,
    run: (usize, usize),
}

/// The readings [`Lattice::rivals_by_start`] has met, each known by the
/// run of cells `lo..hi` where it leaves the best reading (first and last
/// cell that differ): on a table page a group has about a hundred cells,
/// most readings met are met again, and a set of whole readings hashed and
/// compared every cell of each.
struct Kept {
    /// A run's hash (with `lo`) → which reading: `Ok` an index into the
    /// known readings, `Err` one into those found.
    by_run: FxHashMap<u64, Result<usize, usize>>,
}

impl Kept {
    /// `runs[j]`: where `known[j]` leaves the best reading ([`moved_run`]).
    fn new(known: &[&[usize]], runs: &[Option<(usize, usize)>]) -> Self {
        let mut by_run = FxHashMap::with_capacity_and_hasher(2 * known.len(), Default::default());
        for (j, (st, run)) in known.iter().zip(runs).enumerate() {
            let (lo, hi) = run.unwrap_or((0, 0));
            by_run.entry(Self::hash(st, lo, hi)).or_insert(Ok(j));
        }
        Kept { by_run }
    }

    fn hash(st: &[usize], lo: usize, hi: usize) -> u64 {
        use std::hash::{BuildHasher, Hash, Hasher};
        let mut h = rustc_hash::FxBuildHasher.build_hasher();
        (lo, &st[lo..hi]).hash(&mut h);
        h.finish()
    }

    /// Whether `st`, which leaves the best reading in cells `lo..hi`, is
    /// neither among `known` nor among `found` (then it is kept, as the
    /// next of `found`).
    fn insert(&mut self, st: &[usize], lo: usize, hi: usize, known: &[&[usize]], found: &[Close]) -> bool {
        let reading = |at: Result<usize, usize>| match at {
            Ok(j) => known[j],
            Err(j) => found[j].starts.as_slice(),
        };
        match self.by_run.entry(Self::hash(st, lo, hi)) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(Err(found.len()));
                true
            }
            // Another reading of the same hash: every reading compared.
            std::collections::hash_map::Entry::Occupied(e) if reading(*e.get()) != st => {
                !known.contains(&st) && !found.iter().any(|f| f.starts == st)
            }
            std::collections::hash_map::Entry::Occupied(_) => false,
        }
    }
}

/// Forward passes of the lattice pinned at one gap after another, over
/// one table of scores: lines up to the gap score as in the best
/// reading's forward pass (restored over an earlier gap's), so only the
/// lines after are computed again, with the same sums, so the same floats,
/// and of those only the cells the total and the trace read.
struct PinnedPasses<'b> {
    best: &'b Best,
    /// The scores, made on the first pass.
    fw: Vec<f32>,
    /// Rows of `fw` an earlier pass overwrote start here.
    dirty_from: usize,
}

impl<'b> PinnedPasses<'b> {
    fn new(best: &'b Best) -> Self {
        PinnedPasses { best, fw: vec![], dirty_from: 0 }
    }

    /// The best reading of `lattice` with gap `g` pinned (cut there when
    /// `cut`); gaps come in increasing order.
    fn run(&mut self, lattice: &Lattice, g: usize, cut: bool) -> Option<(Vec<usize>, f32)> {
        let k = lattice.cells();
        if self.fw.is_empty() {
            self.fw = self.best.fw.clone();
            self.dirty_from = self.fw.len();
        }
        let alt = lattice.pinned(g, cut);
        let restore = self.dirty_from.min((g + 1) * k)..(g + 1) * k;
        self.fw[restore.clone()].copy_from_slice(&self.best.fw[restore]);
        alt.forward_rows_to_end(&mut self.fw, g + 1);
        self.dirty_from = (g + 1) * k;
        let total = self.fw[self.fw.len() - 1];
        if total == f32::NEG_INFINITY {
            return None;
        }
        let mut starts = vec![0; k];
        alt.trace(&self.fw, &mut starts);
        Some((starts, total))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{flow_of, random_cuts, slots, Draw};
    use super::*;
    use rustc_hash::FxHashSet;

    #[test]
    fn same_labels_is_labels_compared_line_by_line() {
        use Boundary::{Category, Row, Table};
        let f = flow_of(&[0.0; 7], &[false; 7], &[false; 7]);
        let s = slots(&[Row, Category, Row, Table, Row]);
        // Readings of 8 lines into 6 cells, empty cells and all.
        let readings: Vec<Vec<usize>> = vec![
            vec![0, 1, 2, 3, 4, 5],
            vec![0, 2, 3, 5, 6, 7],
            vec![0, 0, 3, 3, 6, 8],
            vec![0, 1, 1, 4, 4, 8],
            vec![0, 2, 2, 2, 2, 8],
            vec![0, 8, 8, 8, 8, 8],
            vec![0, 3, 3, 5, 5, 7],
            vec![0, 1, 3, 5, 5, 7],
            vec![0, 3, 4, 5, 7, 7],
            vec![0, 2, 3, 5, 7, 7],
        ];
        let mut differ = 0;
        for a in &readings {
            for b in &readings {
                let slow = labels(&f, &s, a).eq(labels(&f, &s, b));
                assert_eq!(same_labels(&f, &s, a, b), slow, "{a:?} / {b:?}");
                differ += usize::from(!slow);
            }
        }
        assert!(differ > 0 && differ < readings.len() * readings.len() - readings.len());
    }

    /// Five rows: two lines, two lines, two lines, one line, three lines.
    /// The cut between the one-line row and the three-line one is a coin
    /// toss by the gaps alone (1.0 against reading the fourth row two lines
    /// tall and the fifth two lines tall); `blanks` says whether the column
    /// puts a blank line between its tall rows.
    fn flagged(blanks: bool) -> Vec<bool> {
        let scores = [-5.0, 8.0, -5.0, 8.0, -5.0, 5.0, 0.5, -0.5, -5.0];
        let blank = [false, blanks, false, blanks, false, false, false, false, false];
        let f = flow_of(&scores, &blank, &[false; 9]);
        let slots = slots(&[Boundary::Row; 4]);
        let cells = cut_targets(&f, &slots, &[], &[0.0; 5], &[]);
        let starts: Vec<usize> = cells.cells.iter().map(|c| c.lines[0]).collect();
        assert_eq!(starts, [0, 2, 4, 6, 7]);
        cells.cells.iter().map(|c| c.flags.contains(Flag::CutUncertain)).collect()
    }

    #[test]
    fn a_rival_against_the_columns_blank_line_habit_is_no_rival() {
        // Where every two tall rows have a blank line between them, a reading
        // that puts two tall rows together with none is far less likely.
        assert_eq!(flagged(true), [false; 5]);
        // Where the column prints no blank lines at all, the habit says
        // nothing and the coin toss stays in doubt.
        assert_eq!(flagged(false), [false, false, false, true, true]);
    }

    #[test]
    fn every_fit_is_within_the_bound() {
        for m in 0..8 {
            let marks = [m & 1 != 0, m & 2 != 0, m & 4 != 0];
            for class in Class::ALL {
                let fit = fit_marks(class, marks);
                assert!(fit.is_finite() && (fit.abs() as f64) <= *FIT_BOUND, "{class:?} {marks:?}");
            }
        }
        assert!(*FIT_BOUND > 1.0 && *FIT_BOUND < 20.0);
    }

    /// Random groups for tests of ties: `cases` flows of 3 to `max_lines + 2`
    /// lines whose gap scores come from few values, so that readings tie
    /// exactly or within rounding (0.1 + 0.2 != 0.3), with their slots and
    /// side-column weights.
    fn tying_groups(seed: u64, cases: usize, max_lines: usize) -> Vec<(Flow, Vec<Slot>, Vec<f32>)> {
        let mut draw = Draw(seed);
        let values = [-3.0, -1.0, -0.5, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 0.7, 1e-7];
        let group = |_| {
            let n = 3 + draw.below(max_lines);
            let k = 2 + draw.below(n - 1);
            let (scores, blank, kinds) = random_cuts(&mut draw, n, k, &values, 4);
            let single: Vec<f32> = (0..k).map(|_| [0.0, 0.0, 0.3, 1.5][draw.below(4)]).collect();
            (flow_of(&scores, &blank, &vec![false; n - 1]), slots(&kinds), single)
        };
        (0..cases).map(group).collect()
    }

    #[test]
    fn penalties_and_flat_rows_read_once_are_those_read_cell_by_cell() {
        // Random lattices, their runners-up and random readings, with
        // side-column weights on every cell: the two sums, read off each
        // cell's height once, are the sums of the terms cell by cell.
        let mut draw = Draw(0x3c6e_f372_fe94_f82b);
        let mut compared = 0;
        for (f, s, single) in tying_groups(0xa54f_f53a_5f1d_36f1, 300, 20) {
            let (n, k) = (f.lines.len(), s.len());
            let lattice = Lattice::new(&f, &s, &single, true, &[]);
            let Some(best) = lattice.solve() else { continue };
            let tall: Vec<f32> = (0..k).map(|c| if c > 0 { [0.0, 0.75, 1.5][draw.below(3)] } else { 0.0 }).collect();
            let far = Far::new(&f, &s, &single, &tall, &best, 2.5);
            let mut readings: Vec<Vec<usize>> =
                lattice.runners_up(&BestPath::new(&lattice, &best), 100.0).into_iter().map(|(st, _)| st).collect();
            for _ in 0..5 {
                readings.push(draw.reading(n, k));
            }
            for st in &readings {
                let Some((lo, hi)) = moved_run(st, &best.starts) else { continue };
                let len = |r: &[usize], c: usize| f.cell_len(r, c);
                let pair =
                    |r: &[usize], c: usize| if len(r, c - 1) == 1 && len(r, c) == 1 { tall[c] as f64 } else { 0.0 };
                let penalties: f64 =
                    (lo.saturating_sub(1).max(1)..(hi + 1).min(k)).map(|c| pair(st, c) - pair(&best.starts, c)).sum();
                let weight = |c: usize| single.get(c).copied().unwrap_or(0.0) as f64;
                let flat: f64 =
                    (lo - 1..hi).map(|c| (len(st, c) as f64 - len(&best.starts, c) as f64) * weight(c)).sum();
                assert_eq!(far.penalties_and_flat(st, lo, hi), (penalties, flat), "{st:?} / {:?}", best.starts);
                compared += 1;
            }
        }
        assert!(compared > 1500, "{compared} readings");
    }

    #[test]
    fn sums_forward_read_off_the_rows_are_the_sums_step_by_step() {
        // Random lattices and random readings, summed from every gap on
        // from a random start: the rows of steps read a gap at a time give
        // the total, bit for bit, of `stay` and `cut` added one at a time.
        let mut draw = Draw(0x6a09_e667_f3bc_c908);
        let mut compared = 0;
        for (f, s, single) in tying_groups(0xbb67_ae85_84ca_a73b, 300, 20) {
            let (n, k) = (f.lines.len(), s.len());
            let lattice = Lattice::new(&f, &s, &single, true, &[]);
            let st = draw.reading(n, k);
            for from in 0..n - 1 {
                let cell = (0..k).rfind(|&c| st[c] <= from).expect("cell 0 starts on line 0");
                let start = [0.0, 1.5, -0.1][draw.below(3)];
                let (mut c, mut expected) = (cell, start);
                for g in from..n - 1 {
                    if c + 1 < k && st[c + 1] == g + 1 {
                        c += 1;
                        expected += lattice.cut(g, c);
                    } else {
                        expected += lattice.stay(g, c);
                    }
                }
                let got = lattice.sum_forward_from(start, from, cell, &st);
                assert_eq!(got.to_bits(), expected.to_bits(), "{st:?} from {from}");
                compared += 1;
            }
        }
        assert!(compared > 2000, "{compared} sums");
    }

    #[test]
    fn joined_passes_give_the_pinned_passes_readings() {
        // Random lattices, their gap scores drawn from few values so that
        // readings tie exactly or within rounding (0.1 + 0.2 != 0.3): every
        // runner-up, joined or run, is the reading and the total (bit for
        // bit) that a fresh forward pass over every cell of its pinned
        // lattice gives.
        let (mut sure, mut near) = (0, 0);
        for (f, s, single) in tying_groups(0x2545_f491_4f6c_dd1d, 400, 14) {
            let (n, k) = (f.lines.len(), s.len());
            let lattice = Lattice::new(&f, &s, &single, true, &[]);
            let Some(best) = lattice.solve() else { continue };
            let mut expected = vec![];
            for g in (0..n - 1).filter(|&g| best.margin[g] < 100.0) {
                let cut = !best.starts.contains(&(g + 1));
                match lattice.joined_at(&best, &BestPath::new(&lattice, &best), g, cut, lattice.near_tie()) {
                    Joined::Sure(_) => sure += 1,
                    Joined::NearTie => near += 1,
                }
                let alt = lattice.pinned(g, cut);
                let fw = alt.forward_every_cell();
                let total = fw[fw.len() - 1];
                if total > f32::NEG_INFINITY {
                    let mut starts = vec![0; k];
                    alt.trace(&fw, &mut starts);
                    expected.push((starts, total.to_bits()));
                }
            }
            let got: Vec<(Vec<usize>, u32)> = lattice
                .runners_up(&BestPath::new(&lattice, &best), 100.0)
                .into_iter()
                .map(|(st, t)| (st, t.to_bits()))
                .collect();
            assert_eq!(got, expected, "scores {:?} blank {:?} single {single:?}", f.score, f.blank);
        }
        assert!(sure > 1000 && near > 50, "joined {sure}, run {near}");
    }

    #[test]
    fn traces_that_meet_the_best_reading_end_as_full_traces_do() {
        // Random lattices with few distinct gap scores (ties, and near ties
        // by rounding): from every (line, cell) of the band, the traces that
        // stop on the best reading give the cells, and the closest choice
        // bit for bit, of the traces that run to the end.
        let (mut joined, mut left) = (0, 0);
        for (f, s, single) in tying_groups(0x9e37_79b9_7f4a_7c15, 300, 20) {
            let (n, k) = (f.lines.len(), s.len());
            let lattice = Lattice::new(&f, &s, &single, true, &[]);
            let Some(best) = lattice.solve() else { continue };
            let path = BestPath::new(&lattice, &best);
            left += path.rest.iter().filter(|r| r.is_none()).count();
            for i in 0..n {
                for c in (k + i).saturating_sub(n)..k.min(i + 1) {
                    let (mut full, mut short) = (vec![0; k], vec![0; k]);
                    lattice.trace_to(&best.fw, i, c, &mut full);
                    path.trace_to(&lattice, i, c, &mut short);
                    assert_eq!(full, short, "to line {i} cell {c}, scores {:?}", f.score);
                    let (mut full, mut short) = (vec![0; k], vec![0; k]);
                    let a = lattice.trace_from(&best.bw, i, c, &mut full);
                    let b = path.trace_from(&lattice, i, c, &mut short);
                    assert_eq!((full, a.to_bits()), (short, b.to_bits()), "from line {i} cell {c}");
                    joined += usize::from(c == path.cell[i]);
                }
            }
        }
        assert!(joined > 1000 && left > 10, "on the best reading {joined}, leaving it {left}");
    }

    #[test]
    fn rivals_by_start_are_the_full_traces_kept_once() {
        // Random lattices with ties: the readings kept by the cells where
        // they leave the best reading are those that full traces from every
        // start, kept once in a set of whole readings and leaving out the
        // best reading and the runner-ups, give, in the same order, with the
        // same totals bit for bit.
        let (mut kept, mut again) = (0, 0);
        for (f, s, single) in tying_groups(0x5851_f42d_4c95_7f2d, 300, 20) {
            let (n, k) = (f.lines.len(), s.len());
            let lattice = Lattice::new(&f, &s, &single, true, &[]);
            let Some(best) = lattice.solve() else { continue };
            let path = BestPath::new(&lattice, &best);
            let runners_up = lattice.runners_up(&path, 100.0);
            let known: Vec<&[usize]> =
                std::iter::once(best.starts.as_slice()).chain(runners_up.iter().map(|(st, _)| st.as_slice())).collect();
            let mut found: FxHashSet<Vec<usize>> = known.iter().map(|st| st.to_vec()).collect();
            let mut expected = vec![];
            for c in 1..k {
                for i in c..n.min(n + c + 1 - k) {
                    let total = best.fw[(i - 1) * k + c - 1] + lattice.cut(i - 1, c) + best.bw[i * k + c];
                    if i == best.starts[c] || !(total > best.total - 100.0) {
                        continue;
                    }
                    let mut starts = vec![0; k];
                    starts[c] = i;
                    lattice.trace_to(&best.fw, i - 1, c - 1, &mut starts);
                    lattice.trace_from(&best.bw, i, c, &mut starts);
                    if found.insert(starts.clone()) {
                        expected.push((starts, total.to_bits()));
                    } else {
                        again += 1;
                    }
                }
            }
            let runs: Vec<_> = known.iter().map(|st| moved_run(st, &best.starts)).collect();
            let found = lattice.rivals_by_start(&path, 100.0, &known, &runs);
            for r in &found {
                assert_eq!(Some(r.run), moved_run(&r.starts, &best.starts), "{:?}", r.starts);
            }
            let got: Vec<(Vec<usize>, u32)> = found.into_iter().map(|r| (r.starts, r.total.to_bits())).collect();
            kept += got.len();
            assert_eq!(got, expected, "scores {:?} blank {:?} single {single:?}", f.score, f.blank);
        }
        assert!(kept > 500 && again > 500, "kept {kept}, met again {again}");
    }

    #[test]
    fn a_reading_whose_run_hashes_as_another_ones_is_still_kept_once() {
        let best = [0, 2, 4, 6];
        let (a, b) = (vec![0, 3, 4, 6], vec![0, 2, 5, 6]);
        let known: Vec<&[usize]> = vec![&best, &a];
        let runs: Vec<_> = known.iter().map(|st| moved_run(st, &best)).collect();
        let mut kept = Kept::new(&known, &runs);
        // As if `b`'s run hashed as `a`'s does: its entry names `a`.
        kept.by_run.insert(Kept::hash(&b, 2, 3), Ok(1));
        let mut found = vec![];
        assert!(kept.insert(&b, 2, 3, &known, &found));
        found.push(Close { starts: b.clone(), total: 0.0, run: (2, 3) });
        assert!(!kept.insert(&b, 2, 3, &known, &found));
        assert!(!kept.insert(&a, 1, 2, &known, &found));
        assert!(kept.insert(&[0, 1, 4, 6], 1, 2, &known, &found));
    }

    #[test]
    fn labels_compared_within_the_moved_cells_are_labels_compared_everywhere() {
        use Boundary::{Category, Row, Table};
        let f = flow_of(&[0.0; 9], &[false; 9], &[false; 9]);
        let s = slots(&[Row, Category, Row, Table, Row, Category]);
        let readings: Vec<Vec<usize>> = vec![
            vec![0, 1, 2, 3, 4, 5, 6],
            vec![0, 2, 3, 5, 6, 7, 9],
            vec![0, 1, 3, 5, 6, 7, 9],
            vec![0, 1, 2, 4, 6, 8, 9],
            vec![0, 2, 3, 4, 5, 6, 7],
            vec![0, 1, 2, 3, 5, 6, 8],
            vec![0, 3, 4, 5, 6, 7, 8],
            vec![0, 1, 2, 3, 4, 5, 9],
        ];
        for a in &readings {
            for b in &readings {
                let Some(lo) = (0..a.len()).find(|&c| a[c] != b[c]) else { continue };
                let hi = (0..a.len()).rfind(|&c| a[c] != b[c]).unwrap() + 1;
                assert_eq!(relabels_within(&f, &s, a, b, lo, hi), !same_labels(&f, &s, a, b), "{a:?} / {b:?}");
            }
        }
    }

    #[test]
    fn readings_left_out_as_far_change_no_cut_and_no_flag() {
        // Random groups (gap scores, blank lines, categories of every
        // class, texts with and without a figure, a project or a policy
        // word, side-column weights): cutting with the far readings left
        // out gives every row the lines and flags that weighing every
        // reading gives; and most readings are left out.
        let mut draw = Draw(0x243f_6a88_85a3_08d3_u64);
        let texts =
            ["新增学位5320个", "出台实施意见", "启动林业大楼迁建工程", "完成", "", "腾出用能空间7万吨标煤", "制定方案"];
        let values = [-6.0, -3.0, -1.5, -0.5, -0.2, 0.0, 0.3, 0.8, 1.5, 3.0, 6.0, 2.2];
        let (mut flagged, mut left_out, mut readings) = (0, 0, 0);
        for _ in 0..400 {
            let n = 4 + draw.below(30);
            let k = 2 + draw.below(n - 2);
            let scores: Vec<f32> = (0..n - 1).map(|_| values[draw.below(values.len())]).collect();
            let blank: Vec<bool> = (0..n - 1).map(|_| draw.below(3) == 0).collect();
            let mut f = flow_of(&scores, &blank, &vec![false; n - 1]);
            f.text = (0..n).map(|_| texts[draw.below(texts.len())].to_string()).collect();
            let kinds: Vec<Boundary> =
                (0..k - 1).map(|_| [Boundary::Row, Boundary::Row, Boundary::Category][draw.below(3)]).collect();
            let mut s = slots(&kinds);
            let classes = Class::ALL;
            let mut class = classes[draw.below(classes.len())];
            for (c, slot) in s.iter_mut().enumerate() {
                if c > 0 && kinds[c - 1] != Boundary::Row {
                    class = classes[draw.below(classes.len())];
                }
                slot.class = class;
            }
            let single: Vec<f32> = (0..k).map(|_| [0.0, 0.0, 0.75, 1.5][draw.below(4)]).collect();
            let tall: Vec<f32> =
                (0..k).map(|c| if c > 0 { [0.0, 0.0, 0.75, 1.5][draw.below(4)] } else { 0.0 }).collect();
            let cut = |leave_far| {
                let cells = weigh_readings(&f, &s, &single, &tall, &[], leave_far);
                cells.cells.into_iter().map(|c| (c.lines, c.flags.contains(Flag::CutUncertain))).collect::<Vec<_>>()
            };
            let all = cut(false);
            assert_eq!(cut(true), all, "scores {scores:?} blank {blank:?} kinds {kinds:?}");
            flagged += all.iter().filter(|(_, doubt)| *doubt).count();
            let (lattice, best, _) = best_reading(&f, &s, &single, &[]).unwrap();
            let mut far = Far::new(&f, &s, &single, &tall, &best, lattice.w.uncertain);
            for (st, total) in lattice.runners_up(&BestPath::new(&lattice, &best), 20.0) {
                left_out +=
                    usize::from(far.is_far(&st, moved_run(&st, &best.starts), total, true, &mut FxHashMap::default()));
                readings += 1;
            }
        }
        assert!(flagged > 50 && left_out * 2 > readings, "{flagged} rows flagged, {left_out} of {readings} left out");
    }

    #[test]
    fn labels_compared_within_random_moved_cells_are_labels_compared_everywhere() {
        // Random readings of random lines into cells of few labels (long
        // runs of one category, where the moved cells share one label).
        let mut draw = Draw(0x1319_8a2e_0370_7344);
        let (mut uniform, mut differ) = (0, 0);
        for _ in 0..2000 {
            let k = 2 + draw.below(12);
            let n = k + draw.below(6);
            let f = flow_of(&vec![0.0; n - 1], &vec![false; n - 1], &vec![false; n - 1]);
            let kinds: Vec<Boundary> = (0..k - 1)
                .map(|_| [Boundary::Row, Boundary::Row, Boundary::Row, Boundary::Category][draw.below(4)])
                .collect();
            let s = slots(&kinds);
            let (a, b) = (draw.reading(n, k), draw.reading(n, k));
            let Some(lo) = (0..k).find(|&c| a[c] != b[c]) else { continue };
            let hi = (0..k).rfind(|&c| a[c] != b[c]).unwrap() + 1;
            let same = same_labels(&f, &s, &a, &b);
            assert_eq!(relabels_within(&f, &s, &a, &b, lo, hi), !same, "{a:?} / {b:?} kinds {kinds:?}");
            uniform +=
                usize::from((lo..hi).all(|c| (s[c].table, s[c].category) == (s[lo - 1].table, s[lo - 1].category)));
            differ += usize::from(!same);
        }
        assert!(uniform > 200 && differ > 200, "one label {uniform}, relabelled {differ}");
    }

    #[test]
    fn the_moved_run_is_the_first_and_past_the_last_cell_that_differ() {
        let best = [0, 2, 4, 6, 8];
        assert_eq!(moved_run(&best, &best), None);
        assert_eq!(moved_run(&[0, 3, 4, 6, 8], &best), Some((1, 2)));
        assert_eq!(moved_run(&[0, 1, 4, 7, 8], &best), Some((1, 4)));
        assert_eq!(moved_run(&[0, 2, 4, 6, 9], &best), Some((4, 5)));
    }

    #[test]
    fn a_gap_is_decided_only_beyond_its_error() {
        assert_eq!(decide(1.0, 0.01, 2.5), Some(true));
        assert_eq!(decide(3.0, 0.01, 2.5), Some(false));
        assert_eq!(decide(2.5, 0.0, 2.5), Some(false));
        assert_eq!(decide(2.495, 0.01, 2.5), None);
        assert_eq!(decide(2.505, 0.01, 2.5), None);
    }
}
