//! One group of tables, end to end: its target column as one flow of
//! lines, lost rows placed, deadlines paired, targets cut, leftovers named.
//!
//! ```
//! use pledges::layout::skeleton::Group;
//! let trust = pledges::align::side::side_trust(&[]);
//! let (rows, left) = pledges::align::group::align_group("p.txt", &Group::default(), &[], trust);
//! assert!(rows.is_empty() && left.is_empty());
//! ```

use super::doubt::cut_targets;
use super::evidence::{line_step, tally_gap, LineFacts, Score, Tally};
use super::lost_rows::choose_slots;
use super::side::{SideReading, SideTrust};
use super::weights::Weights;
use crate::layout::skeleton::{deadline_spans, Group, Slot, Span};
use crate::lexicon::text::{trimmed, width};
use crate::model::{Flag, Flags, Geom, Line, LineNo};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// The leftover reason of a target line no row took.
pub const TARGET_WITHOUT_ROW: &str = "target line without a row";

/// A pledge row after alignment: its slot, its target lines, its deadline line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aligned {
    pub slot: Slot,
    pub target_lines: Vec<usize>,
    pub deadline_line: Option<usize>,
    pub flags: Flags,
}

/// Aligns one group of page `source`; returns its rows and the lines no
/// row could take.
pub fn align_group(
    source: &str,
    group: &Group,
    lines: &[Line],
    trust: SideTrust,
) -> (Vec<Aligned>, Vec<(usize, &'static str)>) {
    let mut leftovers = vec![];
    let mut f = flow(group, lines, trust);
    if *TRACE {
        f.source = source.to_owned();
    }
    let slots = choose_slots(group, &f);
    let mut rows: Vec<Aligned> = slots
        .into_iter()
        .map(|slot| Aligned { flags: slot.flags.clone(), slot, target_lines: vec![], deadline_line: None })
        .collect();
    pair_deadlines(&mut rows, group, &mut leftovers);
    let slots: Vec<Slot> = rows.iter().map(|r| r.slot.clone()).collect();
    let deadlines: Vec<Option<usize>> = rows.iter().map(|r| r.deadline_line).collect();
    let anchor = anchors(&f, &sides(&slots, &deadlines));
    let side = SideReading::new(&slots, group, f.trust);
    let (single, tall) = (side.single_rows(), side.tall_pairs());
    let cells = cut_targets(&f, &slots, &single, &tall, &anchor);
    for (row, cell) in rows.iter_mut().zip(cells.cells) {
        row.target_lines = cell.lines;
        row.flags.extend(cell.flags.iter());
    }
    leftovers.extend(cells.unplaced.into_iter().map(|l| (l, TARGET_WITHOUT_ROW)));
    (rows, leftovers)
}

/// Pairs rows with deadlines, each deadline column with the rows of its
/// tables. Where a column's count and its tables' rows differ, which row
/// lacks a deadline (or which deadline lacks a row) is unknown: every row
/// of those tables is flagged, and the rest of the group is not.
pub(super) fn pair_deadlines(rows: &mut [Aligned], group: &Group, leftovers: &mut Vec<(usize, &'static str)>) {
    let deadlines: Vec<usize> = group.deadlines.iter().flat_map(|c| c.lines.iter().copied()).collect();
    let slots: Vec<Slot> = rows.iter().map(|r| r.slot.clone()).collect();
    let matched = deadline_spans(&slots, &group.deadlines);
    // Columns that match no split of the tables leave every row in doubt.
    let unmatched = matched.is_none() && group.deadlines.len() > 1;
    let spans = matched.unwrap_or_else(|| vec![Span { slots: 0..rows.len(), deadlines: 0..deadlines.len() }]);
    for span in spans {
        let agree = span.slots.len() == span.deadlines.len() && !unmatched;
        for (i, row) in rows[span.slots.clone()].iter_mut().enumerate() {
            row.deadline_line = (i < span.deadlines.len()).then(|| deadlines[span.deadlines.start + i]);
            if !agree {
                row.flags.add(if row.deadline_line.is_none() {
                    Flag::DeadlineMissing
                } else {
                    Flag::DeadlineCountMismatch
                });
            }
        }
        let unpaired = span.deadlines.start + span.slots.len().min(span.deadlines.len())..span.deadlines.end;
        leftovers.extend(deadlines[unpaired].iter().map(|&l| (l, "deadline without a row")));
    }
}

/// The target lines of each row, and target lines left over.
pub(super) struct Cells {
    pub(super) cells: Vec<Cell>,
    pub(super) unplaced: Vec<usize>,
}

#[derive(Default, Clone)]
pub(super) struct Cell {
    pub(super) lines: Vec<usize>,
    pub(super) flags: Flags,
}

/// The flattened target column of a group: line indices and per-gap facts.
pub(super) struct Flow {
    pub(super) lines: Vec<usize>,
    /// For gap `g` (between `lines[g]` and `lines[g + 1]`): cut log-odds.
    pub(super) score: Vec<f32>,
    pub(super) blank: Vec<bool>,
    /// A column header stands in the gap: a table must end there.
    pub(super) header: Vec<bool>,
    /// The text of each line, for how well a cell fits its category.
    pub(super) text: LineTexts,
    /// Each gap's evidence, kept only for `PLEDGES_DEBUG`.
    pub(super) why: Vec<String>,
    /// Number and deadline lines printed on the same line as a target line
    /// (a table laid out one row per line, see `unfold`): their line index
    /// → that target line's place in the flow. Empty for column-by-column text.
    pub(super) beside: FxHashMap<usize, usize>,
    /// How far the page's side columns can be trusted.
    pub(super) trust: SideTrust,
    /// The page, named in the `PLEDGES_DEBUG` trace.
    pub(super) source: String,
}

impl Flow {
    /// Where cell `c` of the reading `starts` ends: one past its last line
    /// of the flow (the next cell's start, or the flow's end).
    pub(super) fn cell_end(&self, starts: &[usize], c: usize) -> usize {
        starts.get(c + 1).copied().unwrap_or(self.lines.len())
    }

    /// How many lines of the flow cell `c` of the reading `starts` holds.
    pub(super) fn cell_len(&self, starts: &[usize], c: usize) -> usize {
        self.cell_end(starts, c) - starts[c]
    }
}

/// The trimmed texts of a flow's lines, one after the other in one
/// `String`: the text of a run of lines (a cell's, its lines joined) is
/// then a slice of it, where a `String` per line cost an allocation per
/// line and a joined copy per cell weighed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct LineTexts {
    all: String,
    /// Where each line's text ends in `all`.
    ends: Vec<usize>,
}

impl LineTexts {
    pub(super) fn with_capacity(lines: usize, bytes: usize) -> Self {
        LineTexts { all: String::with_capacity(bytes), ends: Vec::with_capacity(lines) }
    }

    pub(super) fn push(&mut self, line: &str) {
        self.all.push_str(line);
        self.ends.push(self.all.len());
    }

    /// Lines `from..end` joined, as `concat` of their texts gives.
    pub(super) fn span(&self, from: usize, end: usize) -> &str {
        let start_of = |i: usize| if i == 0 { 0 } else { self.ends[i - 1] };
        &self.all[start_of(from)..start_of(end)]
    }
}

impl<S: AsRef<str>> FromIterator<S> for LineTexts {
    fn from_iter<I: IntoIterator<Item = S>>(lines: I) -> Self {
        let mut texts = LineTexts::default();
        lines.into_iter().for_each(|l| texts.push(l.as_ref()));
        texts
    }
}

pub(super) fn flow(group: &Group, lines: &[Line], trust: SideTrust) -> Flow {
    let count: usize = group.targets.iter().map(|c| c.lines.len()).sum();
    let bytes: usize = group.targets.iter().flat_map(|c| &c.lines).map(|&l| lines[l].text.len()).sum();
    let mut f = Flow {
        lines: Vec::with_capacity(count),
        score: Vec::with_capacity(count),
        blank: Vec::with_capacity(count),
        header: Vec::with_capacity(count),
        text: LineTexts::with_capacity(count, bytes),
        why: vec![],
        beside: FxHashMap::default(),
        trust,
        source: String::new(),
    };
    // The width of the column the line above a gap belongs to.
    let mut prev_width = 0.0;
    let weights = Weights::get();
    // The facts of the line above the gap, carried over from the gap
    // before, and of the line below it: the two are renewed in turn.
    let (mut prev_facts, mut facts) = (LineFacts::new(""), LineFacts::new(""));
    // Where the line above the gap stood (positioned pages only).
    let mut prev_geom: Option<Geom> = None;
    for (ci, col) in group.targets.iter().enumerate() {
        // `trimmed` is `str::trim` that tests the two ends first.
        let col_width = col.lines.iter().map(|&l| width(trimmed(&lines[l].text))).fold(0.0, f32::max);
        for (j, &l) in col.lines.iter().enumerate() {
            facts.renew(&lines[l].text);
            // Every line but the group's first has a gap above it.
            if !f.lines.is_empty() {
                let blank = j > 0 && col.blank_before[j];
                let header = j == 0 && ci > 0 && col.header.is_some();
                let step = lines[l].geom.zip(prev_geom).and_then(|(g, above)| g.step_from(&above));
                let gap = Gap { facts: [&prev_facts, &facts], col_width: prev_width, blank: blank || j == 0, step };
                f.score.push(if *TRACE {
                    let evidence = gap.tally(weights, Vec::with_capacity(9));
                    f.why.push(evidence.iter().map(|(k, v)| format!("{k} {v:+.2}")).collect::<Vec<_>>().join(", "));
                    evidence.iter().map(|(_, v)| v).sum()
                } else {
                    // The same sum, without the list of named pieces.
                    gap.tally(weights, Score::new()).0
                });
                f.blank.push(blank || j == 0);
                f.header.push(header);
            }
            f.lines.push(l);
            f.text.push(trimmed(&lines[l].text));
            std::mem::swap(&mut prev_facts, &mut facts);
            prev_geom = lines[l].geom;
            prev_width = col_width;
        }
    }
    f.beside = beside(group, lines, &f.lines);
    f
}

/// What the score of a gap is made of: the facts of the lines above and
/// below it, the width of the column above, a blank line between them,
/// and their step on a positioned page.
struct Gap<'a> {
    facts: [&'a LineFacts; 2],
    col_width: f32,
    blank: bool,
    step: Option<f32>,
}

impl Gap<'_> {
    /// The gap's evidence ([`tally_gap`]) and then its [`line_step`], into `e`.
    fn tally<T: Tally>(&self, weights: &Weights, mut e: T) -> T {
        tally_gap(weights, self.facts[0], self.facts[1], self.col_width, self.blank, &mut e);
        if let Some(v) = line_step(weights, self.step) {
            e.add("line_step", v);
        }
        e
    }
}

/// See [`Flow::beside`].
pub(super) fn beside(group: &Group, lines: &[Line], flow: &[usize]) -> FxHashMap<usize, usize> {
    // FxHash (here and in the page's per-row maps): small integer keys,
    // looked up only, never iterated, so the hasher changes no output.
    let by_no: FxHashMap<LineNo, usize> = flow.iter().enumerate().map(|(j, &l)| (lines[l].no, j)).collect();
    let numbers = group.slots.iter().filter_map(|s| s.number_line);
    let deadlines = group.deadlines.iter().flat_map(|c| c.lines.iter().copied());
    numbers.chain(deadlines).filter_map(|l| Some((l, *by_no.get(&lines[l].no)?))).collect()
}

/// For each flow line, the row it must belong to: the row whose number or
/// deadline was printed beside it. Empty when nothing was.
pub(super) fn anchors(f: &Flow, sides: &[[Option<usize>; 2]]) -> Vec<Option<usize>> {
    if f.beside.is_empty() {
        return vec![];
    }
    let mut anchor = vec![None; f.lines.len()];
    for (row, side) in sides.iter().enumerate() {
        for j in side.iter().flatten().filter_map(|l| f.beside.get(l)) {
            anchor[*j].get_or_insert(row);
        }
    }
    anchor
}

/// The number line (and deadline line, once paired) of each slot.
pub(super) fn sides(slots: &[Slot], deadlines: &[Option<usize>]) -> Vec<[Option<usize>; 2]> {
    slots.iter().enumerate().map(|(k, s)| [s.number_line, deadlines.get(k).copied().flatten()]).collect()
}

/// `PLEDGES_DEBUG=1` prints every gap's evidence and decision on stderr,
/// for whoever tunes the aligner.
pub(super) static TRACE: LazyLock<bool> = LazyLock::new(|| std::env::var_os("PLEDGES_DEBUG").is_some());

pub(super) fn trace(f: &Flow, starts: &[usize], margin: &[f32]) {
    for (g, m) in margin.iter().enumerate() {
        let cut = if starts.contains(&(g + 1)) { "cut" } else { "   " };
        let (a, b) = (f.lines[g] + 1, f.lines[g + 1] + 1);
        eprintln!("{}: gap {a}|{b} {cut} score {:6.2} margin {m:6.2}  {}", f.source, f.score[g], f.why[g]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_line_texts_is_their_concatenation() {
        let lines = ["新增学位5320个", "", "出台《实施意见》", "a b", "完成", "", "7万吨"];
        let texts: LineTexts = lines.iter().collect();
        for from in 0..=lines.len() {
            for end in from..=lines.len() {
                assert_eq!(texts.span(from, end), lines[from..end].concat(), "lines {from}..{end}");
            }
        }
        let mut pushed = LineTexts::with_capacity(2, 4);
        lines.iter().for_each(|l| pushed.push(l));
        assert_eq!(pushed, texts);
    }
}
