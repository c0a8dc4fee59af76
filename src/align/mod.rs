//! Stage 5: the aligner — cut target lines into exactly as many cells as the
//! table has rows, and pair rows with deadlines.
//!
//! The number and deadline columns fix how many rows a group of tables has;
//! the target column only says where lines break. Every gap between two
//! target lines gets a score, the log-odds that a cell ends there, from all
//! the evidence at once:
//!
//! * a blank line (pdftotext never puts one inside a cell);
//! * how full the line above is: a line ends short only where its cell ends,
//!   because the next line's first word would otherwise have fit;
//! * a word that the break splits (jieba over the text around the break), a
//!   figure split from its unit (`7万吨` / `标煤`, `项目4` / `个以上`);
//! * punctuation: a line ending in `，` or an open `《`/`（`, a line starting
//!   with a closing mark or a joiner (`和…`), a short clause cut off after a
//!   comma (`，建立规上`) go on; a line ending on its figure (`…2.66%`) or a
//!   next line opening on a verb leans to a cut;
//! * category and table boundaries, which fall on blank lines (in the target
//!   and the deadline column), and rows that the number and deadline columns
//!   show to be one line tall.
//!
//! A dynamic program over (line, cell) then picks the cuts with the best
//! total score that give exactly the known number of cells, with the header
//! of each department's target column forcing a table boundary. Where the
//! deadlines outnumber the rows, the rows OCR lost are placed at the category
//! ends where the text fits best. A backward pass gives every gap its margin
//! to the best reading that decides it the other way; where the margin is
//! small, the rows that reading would change are flagged `cut_uncertain`.
//!
//! ```
//! use pledges::align::gap_score;
//! // "...完成率 30%以" / "上，4个..." splits 以上: the cell goes on.
//! assert!(gap_score("一季度投资增长 16%以上，省“4+1”重大项目投资完成率 30%以", "上，4个第十二批省集中开工项目开工率100%", 28.5, false) < 0.0);
//! // A short line followed by a new pledge: a cut.
//! assert!(gap_score("召开服务业发展大会", "落地信用惠企便民场景10个", 28.5, false) > 0.0);
//! ```

use crate::fields::category;
use crate::model::{Line, LineNo};
use crate::layout::skeleton::{boundary_between, deadline_rows, deadline_spans, with_rows_after, Boundary, Group, Slot, Span};
use crate::lexicon::text::{fold, is_closing, is_continuing, unbalanced, width};
use jieba_rs::Jieba;
use std::collections::HashMap;
use std::sync::LazyLock;

/// jieba with its general dictionary plus the words of government work
/// reports it would split (`src/words.txt`, shipped in the binary).
static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    for word in include_str!("../lexicon/words.txt").lines().map(str::trim).filter(|w| !w.is_empty() && !w.starts_with('#')) {
        jieba.add_word(word, None, None);
    }
    jieba
});

/// Loads jieba's dictionary (about 0.3 s) now, e.g. on a thread of its own
/// while the first pages are read, rather than inside the first table page.
pub fn warm_up() {
    LazyLock::force(&JIEBA);
}

/// A pledge row after alignment: its slot, its target lines, its deadline line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aligned {
    pub slot: Slot,
    pub target_lines: Vec<usize>,
    pub deadline_line: Option<usize>,
    pub flags: Vec<&'static str>,
}

/// Aligns one group; returns its rows and the lines no row could take.
pub fn align_group(group: &Group, lines: &[Line], trust: SideTrust) -> (Vec<Aligned>, Vec<(usize, &'static str)>) {
    let mut leftovers = vec![];
    let f = flow(group, lines, trust);
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
        row.flags.extend(cell.flags);
    }
    leftovers.extend(cells.unplaced.into_iter().map(|l| (l, "target line without a row")));
    (rows, leftovers)
}

/// Two placements of lost rows whose scores differ by less than this are
/// a coin toss: the rows between them are flagged. It is a little more
/// than what one blank line of the deadline column at a category boundary
/// is worth (2 + 4), since pdftotext sometimes drops one.
const CLOSE_PLACEMENT: f32 = 6.5;

/// The group's slots; where a deadline column outnumbers the rows of its
/// tables, the rows whose numbers OCR dropped at the end of a category are
/// restored at the category end of those tables where the target text fits
/// them best.
fn choose_slots(group: &Group, f: &Flow) -> Vec<Slot> {
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
    let scored: Vec<(f32, Vec<usize>)> = short
        .iter()
        .fold(vec![vec![]], |acc: Vec<Vec<usize>>, (ends, n)| {
            let options = placements(ends, *n);
            acc.iter().flat_map(|a| options.iter().map(move |o| [a.as_slice(), o].concat())).collect()
        })
        .into_iter()
        .map(|ends| {
            let cand = with_rows_at(&slots, &ends, group.before.as_ref());
            (cut_score(f, &cand, &single_rows(&cand, group, f.trust), &deadline_gaps(group, cand.len())), ends)
        })
        .collect();
    let Some((best, ends)) = scored.iter().max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1))) else {
        return slots;
    };
    let mut chosen = with_rows_at(&slots, ends, group.before.as_ref());
    // Rows between the places where close placements put lost rows are in
    // doubt, from the start of the first category that might lose a row:
    // one cell more or less there may move every cut of that category.
    let close: Vec<&Vec<usize>> = scored.iter().filter(|(s, _)| best - s < CLOSE_PLACEMENT).map(|(_, e)| e).collect();
    if close.len() > 1 {
        let lo = close.iter().flat_map(|e| e.iter()).min().copied().unwrap_or(0);
        let hi = close.iter().flat_map(|e| e.iter()).max().copied().unwrap_or(0);
        let first = (1..lo).rev().find(|&i| boundary_between(&slots[i - 1], &slots[i]) != Boundary::Row).unwrap_or(0);
        for s in &mut chosen[first..(hi + lost).min(k + lost)] {
            s.flags.push("rows_uncertain");
        }
    }
    chosen
}

/// The category-run ends where lost rows may go and how many rows are
/// lost there, for each deadline column with more deadlines than its
/// tables have rows (or for the whole group, when the columns cannot be
/// matched to tables).
fn short_spans(group: &Group) -> Vec<(Vec<usize>, usize)> {
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
const MAX_PLACEMENTS: usize = 600;

/// How many multisets of `lost` run ends there are among `ends`.
fn placement_count(ends: usize, lost: usize) -> usize {
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
fn placements(run_ends: &[usize], lost: usize) -> Vec<Vec<usize>> {
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
fn with_rows_at(slots: &[Slot], ends: &[usize], before: Option<&Slot>) -> Vec<Slot> {
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

/// For each row, the penalty for each extra line beyond one: how surely the
/// number and deadline columns show the row to be one line tall.
///
/// pdftotext leaves a blank line between two row numbers (or deadlines)
/// exactly when one of the two rows is taller than a line, since each sits
/// in the middle of its row. So where a column that uses blank lines at all
/// shows none between two rows, both rows are one line tall. The evidence
/// counts in full only when the two columns agree with each other, which is
/// what a real page's geometry gives.
fn single_rows(slots: &[Slot], group: &Group, page: SideTrust) -> Vec<f32> {
    SideReading::new(slots, group, page).single_rows()
}

/// What a group's side columns say about the gaps between its rows, and how
/// far to believe them.
struct SideReading {
    numbers: Vec<Option<bool>>,
    deadlines: Vec<Option<bool>>,
    weight: f32,
    most: f32,
}

impl SideReading {
    fn new(slots: &[Slot], group: &Group, page: SideTrust) -> Self {
        let (mut numbers, mut deadlines) = side_gaps(slots, group);
        // The group's own columns judge themselves when they can, but are never
        // trusted more than the page's; a group too small to judge takes the page's word.
        let (agree, compared) = agreement(&numbers, &deadlines);
        let SideTrust { weight, most } = if compared >= 3 {
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
    fn single_rows(&self) -> Vec<f32> {
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
    fn tall_pairs(&self) -> Vec<f32> {
        (0..self.numbers.len()).map(|k| if k > 0 { self.weight * self.shows(k, true) } else { 0.0 }).collect()
    }

    /// How surely the gap before row `k` shows `blank` (a blank line, or
    /// none): in full when both columns show it, half when one column
    /// tells, not at all when they disagree or a category boundary
    /// explains a blank.
    fn shows(&self, k: usize, blank: bool) -> f32 {
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
fn side_gaps(slots: &[Slot], group: &Group) -> (Vec<Option<bool>>, Vec<Option<bool>>) {
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
    weight: f32,
    most: f32,
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
fn agreement(numbers: &[Option<bool>], deadlines: &[Option<bool>]) -> (usize, usize) {
    let both: Vec<bool> = numbers.iter().zip(deadlines).filter_map(|(a, b)| Some(a.as_ref()? == b.as_ref()?)).collect();
    (both.iter().filter(|x| **x).count(), both.len())
}

fn side_weight(agree: usize, compared: usize) -> SideTrust {
    if compared < 3 {
        return SideTrust { weight: SINGLE_ROW, most: 0.5 };
    }
    let share = agree as f32 / compared as f32;
    let weight = if share >= 0.9 {
        SINGLE_ROW
    } else if share >= SIDE_AGREEMENT {
        SINGLE_ROW / 2.0
    } else {
        0.0
    };
    SideTrust { weight, most: 1.0 }
}

/// For each row, whether a blank line stood between its deadline and the
/// previous row's in the same column; unknown when counts disagree.
fn deadline_gaps(group: &Group, rows: usize) -> Vec<Option<bool>> {
    let mut gaps = vec![];
    for col in &group.deadlines {
        gaps.extend(col.blank_before.iter().enumerate().map(|(j, b)| (j > 0).then_some(*b)));
    }
    if gaps.len() != rows {
        return vec![None; rows];
    }
    gaps
}

/// Pairs rows with deadlines, each deadline column with the rows of its
/// tables. Where a column's count and its tables' rows differ, which row
/// lacks a deadline (or which deadline lacks a row) is unknown: every row
/// of those tables is flagged, and the rest of the group is not.
fn pair_deadlines(rows: &mut [Aligned], group: &Group, leftovers: &mut Vec<(usize, &'static str)>) {
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
                row.flags.push(if row.deadline_line.is_none() {
                    "deadline_missing"
                } else {
                    "deadline_count_mismatch"
                });
            }
        }
        let unpaired = span.deadlines.start + span.slots.len().min(span.deadlines.len())..span.deadlines.end;
        leftovers.extend(deadlines[unpaired].iter().map(|&l| (l, "deadline without a row")));
    }
}

/// The target lines of each row, and target lines left over.
struct Cells {
    cells: Vec<Cell>,
    unplaced: Vec<usize>,
}

#[derive(Default, Clone)]
struct Cell {
    lines: Vec<usize>,
    flags: Vec<&'static str>,
}

/// The flattened target column of a group: line indices and per-gap facts.
struct Flow {
    lines: Vec<usize>,
    /// For gap `g` (between `lines[g]` and `lines[g + 1]`): cut log-odds.
    score: Vec<f32>,
    blank: Vec<bool>,
    /// A column header stands in the gap: a table must end there.
    header: Vec<bool>,
    /// The text of each line, for how well a cell fits its category.
    text: Vec<String>,
    /// Each gap's evidence, kept only for `PLEDGES_DEBUG`.
    why: Vec<String>,
    /// Number and deadline lines printed on the same line as a target line
    /// (a table laid out one row per line, see `unfold`): their line index
    /// → that target line's place in the flow. Empty for column-by-column text.
    beside: HashMap<usize, usize>,
    /// How far the page's side columns can be trusted.
    trust: SideTrust,
}

fn flow(group: &Group, lines: &[Line], trust: SideTrust) -> Flow {
    let mut f = Flow {
        lines: vec![],
        score: vec![],
        blank: vec![],
        header: vec![],
        text: vec![],
        why: vec![],
        beside: HashMap::new(),
        trust,
    };
    // The width of the column the line above a gap belongs to.
    let mut prev_width = 0.0;
    for (ci, col) in group.targets.iter().enumerate() {
        let col_width = col.lines.iter().map(|&l| width(lines[l].text.trim())).fold(0.0, f32::max);
        for (j, &l) in col.lines.iter().enumerate() {
            if let Some(&prev) = f.lines.last() {
                let blank = j > 0 && col.blank_before[j];
                let header = j == 0 && ci > 0 && col.header.is_some();
                let evidence = gap_evidence(&lines[prev].text, &lines[l].text, prev_width, blank || j == 0);
                f.score.push(evidence.iter().map(|(_, v)| v).sum());
                if *TRACE {
                    f.why.push(evidence.iter().map(|(k, v)| format!("{k} {v:+.2}")).collect::<Vec<_>>().join(", "));
                }
                f.blank.push(blank || j == 0);
                f.header.push(header);
            }
            f.lines.push(l);
            f.text.push(lines[l].text.trim().to_string());
            prev_width = col_width;
        }
    }
    f.beside = beside(group, lines, &f.lines);
    f
}

/// See [`Flow::beside`].
fn beside(group: &Group, lines: &[Line], flow: &[usize]) -> HashMap<usize, usize> {
    let by_no: HashMap<LineNo, usize> = flow.iter().enumerate().map(|(j, &l)| (lines[l].no, j)).collect();
    let numbers = group.slots.iter().filter_map(|s| s.number_line);
    let deadlines = group.deadlines.iter().flat_map(|c| c.lines.iter().copied());
    numbers.chain(deadlines).filter_map(|l| Some((l, *by_no.get(&lines[l].no)?))).collect()
}

/// For each flow line, the row it must belong to: the row whose number or
/// deadline was printed beside it. Empty when nothing was.
fn anchors(f: &Flow, sides: &[[Option<usize>; 2]]) -> Vec<Option<usize>> {
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
fn sides(slots: &[Slot], deadlines: &[Option<usize>]) -> Vec<[Option<usize>; 2]> {
    slots.iter().enumerate().map(|(k, s)| [s.number_line, deadlines.get(k).copied().flatten()]).collect()
}

fn cut_targets(f: &Flow, slots: &[Slot], single: &[f32], tall: &[f32], anchor: &[Option<usize>]) -> Cells {
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
        Loose::Headers => vec!["header_out_of_place"],
        Loose::Beside => vec!["row_layout_conflict"],
    };
    let runners_up = lattice.runners_up(&best.starts, &best.margin);
    // Of the close readings, the side columns' blank lines pick the one that
    // does not read two rows one line tall where a blank line stands between them.
    let penalty = |starts: &[usize]| -> f32 {
        let one_line = |c: usize| starts.get(c + 1).copied().unwrap_or(f.lines.len()) - starts[c] == 1;
        (1..starts.len()).filter(|&c| one_line(c - 1) && one_line(c)).map(|c| tall[c]).sum()
    };
    let chosen = runners_up
        .iter()
        .map(|(st, total)| (st.as_slice(), total - penalty(st)))
        .fold((best.starts.as_slice(), best.total - penalty(&best.starts)), |a, b| if b.1 > a.1 { b } else { a })
        .0;
    if *TRACE {
        trace(f, chosen, &best.margin);
    }
    let span = |st: &[usize], c: usize| (st[c], st.get(c + 1).copied());
    let doubtful: Vec<bool> =
        (0..k).map(|c| runners_up.iter().any(|(st, _)| span(st, c) != span(&best.starts, c))).collect();
    Cells { cells: cells_from(f, chosen, &doubtful, &extra), unplaced: vec![] }
}

/// What a reading had to give up to exist at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Loose {
    No,
    /// A `任务目标` header is not on a table boundary.
    Headers,
    /// A target line is not in the row whose number or deadline was printed beside it.
    Beside,
}

/// The best cutting with every `任务目标` header on a table boundary and
/// every line in the row printed beside it; when no cutting allows that,
/// the best without the headers, then without either.
fn best_reading<'a>(
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

/// The best total cut score for `slots`, headers forced or not, plus how
/// well their category boundaries sit on the deadline column's blank lines
/// and how well the cells of that reading fit their categories.
fn cut_score(f: &Flow, slots: &[Slot], single: &[f32], deadline_gaps: &[Option<bool>]) -> f32 {
    let anchor = anchors(f, &sides(slots, &[]));
    let Some((_, best, loose)) = best_reading(f, slots, single, &anchor) else {
        return f32::NEG_INFINITY;
    };
    let text = if loose == Loose::No { best.total } else { best.total - 100.0 };
    let blanks_used = deadline_gaps.contains(&Some(true));
    let side: f32 = (1..slots.len())
        .filter(|&k| boundary_between(&slots[k - 1], &slots[k]) != Boundary::Row)
        .map(|k| match deadline_gaps.get(k).copied().flatten() {
            Some(true) => BOUNDARY_ON_BLANK,
            Some(false) if blanks_used => -BOUNDARY_WITHOUT_BLANK,
            _ => 0.0,
        })
        .sum();
    text + side + content_fit(f, slots, &best.starts)
}

/// How well each cell of a reading fits its row's category.
fn content_fit(f: &Flow, slots: &[Slot], starts: &[usize]) -> f32 {
    (0..starts.len())
        .map(|c| {
            let end = starts.get(c + 1).copied().unwrap_or(f.lines.len());
            category::fit(slots[c].class, &f.text[starts[c]..end].concat())
        })
        .sum()
}

/// `PLEDGES_DEBUG=1` prints every gap's evidence and decision on stderr,
/// for whoever tunes the aligner.
static TRACE: LazyLock<bool> = LazyLock::new(|| std::env::var_os("PLEDGES_DEBUG").is_some());

thread_local! {
    /// The page being aligned on this thread, named in the trace (a page is
    /// aligned on one thread from start to end).
    static TRACE_PAGE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Names the page whose gaps the trace prints next on this thread.
pub fn trace_page(source: &str) {
    if *TRACE {
        TRACE_PAGE.with(|p| source.clone_into(&mut p.borrow_mut()));
    }
}

fn trace(f: &Flow, starts: &[usize], margin: &[f32]) {
    TRACE_PAGE.with(|page| {
        let page = page.borrow();
        for (g, m) in margin.iter().enumerate() {
            let cut = if starts.contains(&(g + 1)) { "cut" } else { "   " };
            let (a, b) = (f.lines[g] + 1, f.lines[g + 1] + 1);
            eprintln!("{page}: gap {a}|{b} {cut} score {:6.2} margin {m:6.2}  {}", f.score[g], f.why[g]);
        }
    });
}

/// One line per row while lines last; the rows after get no target.
fn too_few_lines(f: &Flow, k: usize) -> Cells {
    let mut cells: Vec<Cell> =
        f.lines.iter().map(|&l| Cell { lines: vec![l], flags: vec!["too_few_target_lines"] }).collect();
    cells.resize(k, Cell { lines: vec![], flags: vec!["target_missing"] });
    Cells { cells, unplaced: vec![] }
}

/// A gap whose best cutting beats the best other choice by less than this
/// is a coin toss: the cells beside it are flagged. In log-odds, odds of
/// about 12 to 1; below that, narrow columns (12–15 em, where every line
/// is full) gave wrong cuts often enough to be worth a flag.
const UNCERTAIN: f32 = 2.5;

fn cells_from(f: &Flow, starts: &[usize], doubtful: &[bool], extra: &[&'static str]) -> Vec<Cell> {
    let n = f.lines.len();
    (0..starts.len())
        .map(|c| {
            let (a, b) = (starts[c], starts.get(c + 1).copied().unwrap_or(n));
            let mut flags: Vec<&'static str> = extra.to_vec();
            if doubtful[c] {
                flags.push("cut_uncertain");
            }
            Cell { lines: f.lines[a..b].to_vec(), flags }
        })
        .collect()
}

/// Bonus for a category or table boundary on a blank line, and the penalty
/// for one that falls between lines printed without a gap.
const BOUNDARY_ON_BLANK: f32 = 2.0;
const BOUNDARY_WITHOUT_BLANK: f32 = 4.0;
/// Penalty for each extra line of a row that the number and deadline
/// columns agree is one line tall.
const SINGLE_ROW: f32 = 1.5;
/// Below this share of gaps on which the number and deadline columns agree,
/// their blank lines do not follow the rows' heights: they are ignored.
const SIDE_AGREEMENT: f32 = 0.75;

/// The DP over (line, cell): line `i` in cell `c`, moving to line `i + 1`
/// either in the same cell (stay) or opening cell `c + 1` (cut).
struct Lattice<'a> {
    f: &'a Flow,
    kinds: Vec<Boundary>,
    single: &'a [f32],
    blanks_used: bool,
    force_headers: bool,
    /// A gap decided in advance (`true`: cut there), to find the best
    /// reading that differs from the chosen one at that gap.
    pin: Option<(usize, bool)>,
    /// Per line, the cell it must be in (see [`anchors`]); empty: none.
    anchor: &'a [Option<usize>],
}

/// The best cutting: where each cell starts, its score, and for every gap
/// how much worse the best cutting that decides that gap the other way is.
struct Best {
    starts: Vec<usize>,
    total: f32,
    margin: Vec<f32>,
}

impl<'a> Lattice<'a> {
    fn new(f: &'a Flow, slots: &[Slot], single: &'a [f32], force_headers: bool, anchor: &'a [Option<usize>]) -> Self {
        let kinds = slots.windows(2).map(|w| boundary_between(&w[0], &w[1])).collect();
        Lattice { f, kinds, single, blanks_used: f.blank.iter().any(|b| *b), force_headers, pin: None, anchor }
    }

    /// Whether line `i` may be in cell `c`.
    fn allowed(&self, i: usize, c: usize) -> bool {
        self.anchor.get(i).copied().flatten().is_none_or(|a| a == c)
    }

    fn cells(&self) -> usize {
        self.kinds.len() + 1
    }

    fn forced(&self, g: usize) -> bool {
        self.force_headers && self.f.header[g]
    }

    /// Score of gap `g` staying inside cell `c`.
    fn stay(&self, g: usize, c: usize) -> f32 {
        if self.forced(g) || self.pin == Some((g, true)) || !self.allowed(g + 1, c) {
            f32::NEG_INFINITY
        } else {
            -self.single.get(c).copied().unwrap_or(0.0)
        }
    }

    /// Score of gap `g` opening cell `c` (`c >= 1`).
    fn cut(&self, g: usize, c: usize) -> f32 {
        let kind = self.kinds[c - 1];
        if (self.forced(g) && kind != Boundary::Table) || self.pin == Some((g, false)) || !self.allowed(g + 1, c) {
            return f32::NEG_INFINITY;
        }
        self.f.score[g] + boundary_term(kind, self.f.blank[g], self.blanks_used)
    }

    /// `fw[i * k + c]`: best score of lines `0..=i` with line `i` in cell `c`.
    fn forward(&self) -> Vec<f32> {
        let (n, k) = (self.f.lines.len(), self.cells());
        let mut fw = vec![f32::NEG_INFINITY; n * k];
        fw[0] = if self.allowed(0, 0) { 0.0 } else { f32::NEG_INFINITY };
        for i in 1..n {
            for c in 0..k.min(i + 1) {
                let stay = fw[(i - 1) * k + c] + self.stay(i - 1, c);
                let cut = if c == 0 { f32::NEG_INFINITY } else { fw[(i - 1) * k + c - 1] + self.cut(i - 1, c) };
                fw[i * k + c] = stay.max(cut);
            }
        }
        fw
    }

    /// `bw[i * k + c]`: best score of the lines after `i`, line `i` being in cell `c`.
    fn backward(&self) -> Vec<f32> {
        let (n, k) = (self.f.lines.len(), self.cells());
        let mut bw = vec![f32::NEG_INFINITY; n * k];
        bw[(n - 1) * k + k - 1] = 0.0;
        for i in (0..n - 1).rev() {
            for c in 0..k {
                let stay = bw[(i + 1) * k + c] + self.stay(i, c);
                let cut = if c + 1 < k { bw[(i + 1) * k + c + 1] + self.cut(i, c + 1) } else { f32::NEG_INFINITY };
                bw[i * k + c] = stay.max(cut);
            }
        }
        bw
    }

    fn solve(&self) -> Option<Best> {
        let (n, k) = (self.f.lines.len(), self.cells());
        let (fw, bw) = (self.forward(), self.backward());
        let total = fw[(n - 1) * k + k - 1];
        if total == f32::NEG_INFINITY {
            return None;
        }
        let mut starts = vec![0; k];
        let mut margin = vec![f32::INFINITY; n.saturating_sub(1)];
        for g in 0..n - 1 {
            let over = |step: &dyn Fn(usize) -> f32| (0..k).map(step).fold(f32::NEG_INFINITY, f32::max);
            let stay = over(&|c| fw[g * k + c] + self.stay(g, c) + bw[(g + 1) * k + c]);
            let cut = over(&|c| {
                if c + 1 < k {
                    fw[g * k + c] + self.cut(g, c + 1) + bw[(g + 1) * k + c + 1]
                } else {
                    f32::NEG_INFINITY
                }
            });
            margin[g] = (cut - stay).abs();
        }
        self.trace(&fw, &mut starts);
        Some(Best { starts, total, margin })
    }

    /// For every close gap, the best reading that decides it the other way
    /// (its cell starts and total). The rows such a reading gives other
    /// lines are in doubt: the gap itself may be far from them, since one
    /// moved cut shifts every row up to the next moved cut.
    fn runners_up(&self, starts: &[usize], margin: &[f32]) -> Vec<(Vec<usize>, f32)> {
        let mut out = vec![];
        for g in (0..margin.len()).filter(|&g| margin[g] < UNCERTAIN) {
            let is_cut = starts.contains(&(g + 1));
            let alt = Lattice { pin: Some((g, !is_cut)), kinds: self.kinds.clone(), ..*self };
            let mut alt_starts = vec![0; starts.len()];
            let fw = alt.forward();
            let total = fw[fw.len() - 1];
            if total == f32::NEG_INFINITY {
                continue;
            }
            alt.trace(&fw, &mut alt_starts);
            out.push((alt_starts, total));
        }
        out
    }

    /// Follows the forward scores back from the last line to find the cuts.
    fn trace(&self, fw: &[f32], starts: &mut [usize]) {
        let (n, k) = (self.f.lines.len(), self.cells());
        let mut c = k - 1;
        for i in (1..n).rev() {
            if c == 0 {
                break;
            }
            let stay = fw[(i - 1) * k + c] + self.stay(i - 1, c);
            let cut = fw[(i - 1) * k + c - 1] + self.cut(i - 1, c);
            if cut > stay {
                starts[c] = i;
                c -= 1;
            }
        }
    }
}

fn boundary_term(kind: Boundary, blank: bool, blanks_used: bool) -> f32 {
    match (kind, blank) {
        (Boundary::Row, _) => 0.0,
        (_, true) => BOUNDARY_ON_BLANK,
        (_, false) if blanks_used => -BOUNDARY_WITHOUT_BLANK,
        _ => 0.0,
    }
}

/// Characters that cannot end a clause: a line ending in one goes on.
const DANGLING: &str = "的和及与对在为了把被向从将并或其之由按于至同到";

/// Characters that do not open a pledge but go on with the line above
/// (`和资金补助办法等`). Not `与`: `与团市委联合建立…` opens one.
const LEADING_JOINERS: &str = "和及等的或并之";
/// Words that bound a figure (`不少于1000小时`, `以上`): they follow what they bound.
const BOUNDS: &[&str] = &["不少于", "不低于", "不超过", "不高于", "不多于", "以上", "以下", "以内", "左右"];

/// Whether the text around the break holds a quantity that the break cuts.
fn splits_quantity(p: &str, n: &str) -> bool {
    let tail: String = p.chars().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect();
    let head: String = n.chars().take(6).collect();
    let joined = format!("{tail}{head}");
    let join = tail.chars().count();
    let last_digit = tail.chars().rev().position(|c| c.is_ascii_digit());
    // Only a figure near the end of the line above can run across the break.
    if last_digit.is_none_or(|d| d > 3) {
        return false;
    }
    crate::fields::quantity::extract(&joined).iter().any(|q| {
        joined.find(q.text.as_str()).is_some_and(|start| {
            let start = joined[..start].chars().count();
            start < join && start + q.text.chars().count() > join
        })
    })
}

/// The line's last clause (after its last comma or semicolon) is a few
/// characters without a figure: `，建立规上` and `；全市` are cut off,
/// `，落地3个` may be whole. Not after `、`: the last item of a list
/// (`、工业设计展`) is often short.
fn short_last_clause(p: &str) -> bool {
    let Some((_, last)) = p.rsplit_once(['，', ',', '；', ';']) else { return false };
    let len = last.chars().count();
    (1..=5).contains(&len) && !last.chars().any(|c| c.is_ascii_digit())
}

/// The line ends two characters or fewer after a joining word (`…特色工程和名校`
/// / `培育工程`): the second of two joined things is seldom that short.
fn short_last_conjunct(p: &str) -> bool {
    let tail: Vec<char> = p.chars().rev().take(3).collect();
    tail.iter().skip(1).take(2).any(|c| "和及与并".contains(*c))
        && tail.iter().all(|c| !c.is_ascii() && !is_closing(*c))
}

/// The line ends on one character after `、` (`（一期）、花` / `川小学`):
/// no item of a list is one character long, so the item goes on.
fn lone_last_item(p: &str) -> bool {
    let mut rev = p.chars().rev();
    matches!((rev.next(), rev.next()), (Some(c), Some('、')) if !c.is_ascii() && !is_closing(c))
}

/// The line ends with a figure and its unit (`2.66%`, `5320个`).
fn ends_with_figure(p: &str) -> bool {
    let mut rev = p.chars().rev();
    match rev.next() {
        Some('%') => true,
        Some(c) if "个家人名项所亩元吨次座条户套台辆件场批张".contains(c) => {
            rev.next().is_some_and(|d| d.is_ascii_digit())
        }
        _ => false,
    }
}

/// Verbs that open most pledges. A line starting with one likely starts a
/// cell: on generated pages 57% of cells open so and 2% of wrapped lines
/// (`…工业连片` / `开发区域`, `…年标准` / `提高到` are why 开发 and 提高 are not).
const OPENERS: &[&str] = &[
    "新增", "完成", "开展", "实施", "出台", "推进", "建成", "创建", "举办", "组建", "争创", "开工", "启动", "制定",
    "培育", "引进", "深化", "落地", "谋划", "编制", "全面", "确保", "召开", "承办", "指导", "督促", "争取", "修订",
    "实现", "打造", "提升", "加快", "加强", "健全", "建立", "优化", "推动", "做好", "抓好", "申报", "扩大", "组织",
    "落实", "制订", "发布", "印发", "拟定", "整治", "淘汰", "新建", "改造", "力争", "深入", "统筹", "培养", "盘活",
    "招引", "补充", "储备", "净增",
];

/// Log-odds that a cell ends between `prev` and `next` (see the module doc).
/// `col_width` is the target column's width in em; `blank` whether a blank
/// line stands between them.
pub fn gap_score(prev: &str, next: &str, col_width: f32, blank: bool) -> f32 {
    gap_evidence(prev, next, col_width, blank).iter().map(|(_, v)| v).sum()
}

/// The pieces of evidence that [`gap_score`] adds up, each with its name,
/// for whoever tunes the aligner (`PLEDGES_DEBUG=1` prints them).
pub fn gap_evidence(prev: &str, next: &str, col_width: f32, blank: bool) -> Vec<(&'static str, f32)> {
    let p = fold(prev.trim_end());
    let n = fold(next.trim_start());
    let (Some(last), Some(first)) = (p.chars().last(), n.chars().next()) else {
        return vec![];
    };
    let mut e: Vec<(&'static str, f32)> = Vec::with_capacity(8);
    let mut add = |name: &'static str, on: bool, value: f32| {
        if on {
            e.push((name, value));
        }
    };
    add("blank", blank, 8.0);
    let full = fullness(prev.trim_end(), next.trim_start(), col_width);
    add("fullness", full != 0.0, full);
    add("continuing_mark", is_continuing(last), -5.0);
    // `，…` or `版），…`: kinsoku carries one character down with a closing mark.
    add("opens_on_closing", is_closing(first), -6.0);
    add("closing_second", !is_closing(first) && n.chars().nth(1).is_some_and(is_closing) && !first.is_ascii(), -2.0);
    add("short_last_clause", short_last_clause(&p), -1.5);
    add("lone_last_item", lone_last_item(&p), -2.0);
    add("short_last_conjunct", short_last_conjunct(&p), -1.0);
    add("left_open", unbalanced(&p).1 > 0, -4.0);
    // `…《加强` / `管理的意见》`: the title opened on the line above.
    add("closes_above", !is_closing(first) && unbalanced(&n).0 > 0, -4.0);
    add("full_stop", matches!(last, '。' | '!' | '！'), 1.5);
    add("splits_ascii", last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric(), -3.0);
    add("figure_then_measure", last.is_ascii_digit() && starts_with_measure(&n), -3.0);
    // Pledges open with a verb, hardly ever with a figure.
    add("opens_on_figure", first.is_ascii_digit(), -2.0);
    add("dangling", DANGLING.contains(last), -3.0);
    // A scrap of a few characters after a full line is the tail of its cell.
    add("short_tail", width(next.trim()) < 5.0 && full < 0.0, -2.0);
    add("splits_word", splits_word(&p, &n), -2.5);
    // `7万吨` / `标煤`: a figure and its unit belong to one cell.
    add("splits_quantity", splits_quantity(&p, &n), -3.0);
    add("leading_joiner", LEADING_JOINERS.contains(first), -2.5);
    // `…全年服务` / `不少于1000小时`: a bound qualifies a figure, it opens no pledge.
    add("opens_on_bound", BOUNDS.iter().any(|b| n.starts_with(b)), -2.5);
    // A pledge usually ends on its figure: `…达2.66%`, `…5320个`.
    add("ends_on_figure", ends_with_figure(&p), 0.5);
    let opener = OPENERS.iter().any(|o| n.starts_with(o));
    add("opener", opener, 1.5);
    let pos = if opener { 0.0 } else { opener_pos(&n) };
    add("first_word_pos", pos != 0.0, pos);
    e
}

/// Positive when the next line's first unbreakable piece would have fit on
/// this line, i.e. the line ended early on purpose.
fn fullness(p: &str, n: &str, col_width: f32) -> f32 {
    let slack = col_width - width(p);
    1.5 * (slack - first_unit_width(n)).clamp(-2.0, 3.0)
}

/// Width of what a typesetter moves as one piece: an ASCII run, or a
/// character together with the closing marks that may not start a line.
fn first_unit_width(n: &str) -> f32 {
    let mut chars = n.chars().peekable();
    let Some(first) = chars.next() else {
        return 0.0;
    };
    if first.is_ascii_alphanumeric() {
        let run: String = n.chars().take_while(|c| c.is_ascii_alphanumeric() || ".%+&-".contains(*c)).collect();
        return width(&run);
    }
    let closers: String = chars.take_while(|c| is_closing(*c)).collect();
    width(&first.to_string()) + width(&closers)
}

fn starts_with_measure(n: &str) -> bool {
    n.chars()
        .next()
        .is_some_and(|c| "个家人名项所张次万亿千百元亩吨兆瓦公里平方小时天条座户套台辆件批场倍以多余".contains(c))
}

/// Pledges open with a verb: a line whose first word jieba tags as a verb
/// leans to a new cell, one opening on a noun, numeral or measure word to
/// the cell above.
fn opener_pos(n: &str) -> f32 {
    let head: String = n.chars().take(6).collect();
    let tags = JIEBA.tag(&head, false);
    match tags.first().map(|t| t.tag) {
        Some(t) if t.starts_with('v') => 0.4,
        Some(t) if t.starts_with('n') || t.starts_with('m') || t.starts_with('q') || t.starts_with('u') => -0.4,
        _ => 0.0,
    }
}

/// Whether jieba, reading across the break, finds a word that spans it.
fn splits_word(p: &str, n: &str) -> bool {
    let tail: String = p.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
    let head: String = n.chars().take(6).collect();
    let joined = format!("{tail}{head}");
    let join = tail.len();
    JIEBA.cut(&joined, false).iter().any(|t| t.byte_start < join && t.byte_end > join && !t.word.is_ascii())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_words_are_found() {
        assert!(splits_word("争取省级重点科技专", "项1项"));
        assert!(splits_word("开工建设长三角五金研", "究院"));
        assert!(!splits_word("召开服务业发展大会", "落地信用惠企便民场景10个"));
    }

    #[test]
    fn punctuation_keeps_a_cell_together() {
        let comma = gap_score(
            "新增城镇就业人数1.6万人，城镇登记失业率控制在3%以内，",
            "打造就业创业示范工作站2家以上",
            28.0,
            false,
        );
        let none = gap_score(
            "新增城镇就业人数1.6万人，城镇登记失业率控制在3%以内",
            "打造就业创业示范工作站2家以上",
            28.0,
            false,
        );
        assert!(comma <= none - 5.0, "{comma} vs {none}");
        assert!(
            gap_score(
                "拟定《加强政府投资项目全流程管理的实施意见》《重大产业招商",
                "项目落地服务工作机制》",
                28.0,
                false
            ) < -3.0
        );
        assert!(gap_score("实施水库移民后扶项目40个，其中150万元以上创业致富项目4", "个以上", 28.0, false) <= -3.0);
    }

    #[test]
    fn figures_split_from_their_units_are_found() {
        assert!(splits_quantity("4%；全市腾出用能空间7万吨", "标煤，新增光伏装机容量40兆"));
        assert!(splits_quantity("标煤，新增光伏装机容量40兆", "瓦"));
        assert!(!splits_quantity("R&D经费支出占GDP比重达2.66%", "新增学位5320个"));
        assert!(ends_with_figure("R&D经费支出占GDP比重达2.66%") && ends_with_figure("新增学位5320个"));
        assert!(!ends_with_figure("完成城市总体设计"));
        assert!(short_last_clause("组建R&D工作专班，建立规上"));
        assert!(!short_last_clause("谋划盯引省市县长项目6个，落地3个"));
        // Regression: the last item of a `、` list ends a cell.
        assert!(!short_last_clause("举办高新技术成果展、工业设计展"));
    }

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

    #[test]
    fn cut_off_clauses_and_conjuncts_go_on() {
        let evidence = |p: &str, n: &str| -> Vec<&'static str> {
            gap_evidence(p, n, 16.0, false).into_iter().map(|(name, _)| name).collect()
        };
        assert!(evidence("能耗下降3.3%，其中规上工业增加值能耗下降4%；全市", "腾出用能空间7万吨标煤")
            .contains(&"short_last_clause"));
        assert!(evidence("深入实施“一校一品”特色工程和名校", "培育工程").contains(&"short_last_conjunct"));
        assert!(!evidence("承办世界五金发展大会、民营企业家节", "推进集团化办学").contains(&"short_last_conjunct"));
    }

    #[test]
    fn blank_line_is_a_cut() {
        assert!(gap_score("全覆盖", "创建“清廉社区”1个", 28.0, true) > 6.0);
    }

    fn flow_of(scores: &[f32], blank: &[bool], header: &[bool]) -> Flow {
        Flow {
            lines: (0..=scores.len()).collect(),
            score: scores.to_vec(),
            blank: blank.to_vec(),
            header: header.to_vec(),
            text: vec![String::new(); scores.len() + 1],
            why: vec![],
            beside: HashMap::new(),
            trust: side_weight(0, 0),
        }
    }

    fn slots(kinds: &[Boundary]) -> Vec<Slot> {
        let mut out = vec![Slot {
            table: 0,
            category: 0,
            seq: 1,
            number_line: None,
            gap_before: None,
            class: crate::fields::category::Class::Unknown,
            flags: vec![],
        }];
        for k in kinds {
            let mut s = out.last().unwrap().clone();
            match k {
                Boundary::Row => s.seq += 1,
                Boundary::Category => (s.category, s.seq) = (s.category + 1, 1),
                Boundary::Table => (s.table, s.category, s.seq) = (s.table + 1, 0, 1),
            }
            out.push(s);
        }
        out
    }

    fn starts(f: &Flow, kinds: &[Boundary], single: &[f32]) -> Option<Vec<usize>> {
        Lattice::new(f, &slots(kinds), single, true, &[]).solve().map(|b| b.starts)
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
        assert_eq!(starts(&f, &[Boundary::Row], &[0.0, SINGLE_ROW]), Some(vec![0, 2]));
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
