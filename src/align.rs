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
//! * a word that the break splits (jieba over the text around the break);
//! * punctuation: a line ending in `，` or an open `《`/`（`, or a line starting
//!   with a closing mark, goes on;
//! * a figure split from its measure word (`项目4` / `个以上`);
//! * category and table boundaries, which fall on blank lines.
//!
//! A dynamic program over (line, cell) then picks the cuts with the best
//! total score that give exactly the known number of cells, with the header
//! of each department's target column forcing a table boundary. Cells whose
//! cuts went against strong evidence are flagged, never silently trusted.
//!
//! ```
//! use pledges::align::gap_score;
//! // "...完成率 30%以" / "上，4个..." splits 以上: the cell goes on.
//! assert!(gap_score("一季度投资增长 16%以上，省“4+1”重大项目投资完成率 30%以", "上，4个第十二批省集中开工项目开工率100%", 28.5, false) < 0.0);
//! // A short line followed by a new pledge: a cut.
//! assert!(gap_score("召开服务业发展大会", "落地信用惠企便民场景10个", 28.5, false) > 0.0);
//! ```

use crate::decode::Line;
use crate::skeleton::{boundary_between, Boundary, Group, Slot};
use crate::text::{fold, is_closing, is_continuing, open_depth, width};
use jieba_rs::Jieba;
use std::sync::LazyLock;

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// A pledge row after alignment: its slot, its target lines, its deadline line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aligned {
    pub slot: Slot,
    pub target_lines: Vec<usize>,
    pub deadline_line: Option<usize>,
    pub flags: Vec<&'static str>,
}

/// Aligns one group; returns its rows and the lines no row could take.
pub fn align_group(group: &Group, lines: &[Line]) -> (Vec<Aligned>, Vec<(usize, &'static str)>) {
    let mut leftovers = vec![];
    let f = flow(group, lines);
    let deadlines: Vec<usize> = group.deadlines.iter().flat_map(|c| c.lines.iter().copied()).collect();
    let slots = choose_slots(group, &f, deadlines.len());
    let mut rows: Vec<Aligned> = slots
        .into_iter()
        .map(|slot| Aligned { flags: slot.flags.clone(), slot, target_lines: vec![], deadline_line: None })
        .collect();
    pair_deadlines(&mut rows, &deadlines, &mut leftovers);
    let slots: Vec<Slot> = rows.iter().map(|r| r.slot.clone()).collect();
    let cells = cut_targets(&f, &slots);
    for (row, cell) in rows.iter_mut().zip(cells.cells) {
        row.target_lines = cell.lines;
        row.flags.extend(cell.flags);
    }
    leftovers.extend(cells.unplaced.into_iter().map(|l| (l, "target line without a row")));
    (rows, leftovers)
}

/// Most rows OCR can lose at the end of a category and still be restored
/// from the deadline count.
const MAX_LOST_ROWS: usize = 3;

/// The group's slots; where the deadlines outnumber them, the rows whose
/// numbers OCR dropped at the end of a category are restored at the category
/// end where the target text fits them best.
fn choose_slots(group: &Group, f: &Flow, deadlines: usize) -> Vec<Slot> {
    let slots = reconcile_rows(group);
    let k = slots.len();
    if k == 0 || deadlines <= k || deadlines - k > MAX_LOST_ROWS || f.lines.len() < deadlines {
        return slots;
    }
    let lost = deadlines - k;
    let run_ends = (1..=k).filter(|&i| i == k || boundary_between(&slots[i - 1], &slots[i]) != Boundary::Row);
    run_ends
        .map(|end| with_rows_after(&slots, end, lost))
        .map(|cand| (cut_score(f, &cand), cand))
        .fold(None, |best: Option<(f32, Vec<Slot>)>, (score, cand)| match best {
            Some((b, _)) if b >= score => best,
            _ => Some((score, cand)),
        })
        .map(|(_, s)| s)
        .unwrap_or(slots)
}

/// `slots` with `n` rows added after position `end`, continuing its category.
fn with_rows_after(slots: &[Slot], end: usize, n: usize) -> Vec<Slot> {
    let last = &slots[end - 1];
    let added = (1..=n as u32).map(|i| Slot {
        seq: last.seq + i,
        number_line: None,
        flags: vec!["row_from_deadline_count"],
        ..last.clone()
    });
    let mut out = slots[..end].to_vec();
    out.extend(added);
    out.extend_from_slice(&slots[end..]);
    out
}

/// The group's slots, with rows added where a department's own deadline
/// column proves that OCR dropped its last row numbers.
fn reconcile_rows(group: &Group) -> Vec<Slot> {
    let mut slots = group.slots.clone();
    let tables = table_spans(&slots);
    let per_table = group.deadlines.len() == tables.len() && group.deadlines.iter().skip(1).all(|c| c.header.is_some());
    if !per_table {
        return slots;
    }
    for (t, col) in tables.iter().zip(&group.deadlines).rev() {
        let extra = col.lines.len().saturating_sub(t.1 - t.0);
        if extra > 0 && extra <= MAX_LOST_ROWS {
            slots = with_rows_after(&slots, t.1, extra);
        }
    }
    slots
}

/// `(start, end)` slot ranges of each table in the group, in order.
fn table_spans(slots: &[Slot]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = vec![];
    for (i, s) in slots.iter().enumerate() {
        match spans.last_mut() {
            Some(span) if slots[span.0].table == s.table => span.1 = i + 1,
            _ => spans.push((i, i + 1)),
        }
    }
    spans
}

fn pair_deadlines(rows: &mut [Aligned], deadlines: &[usize], leftovers: &mut Vec<(usize, &'static str)>) {
    let agree = rows.len() == deadlines.len();
    for (i, row) in rows.iter_mut().enumerate() {
        row.deadline_line = deadlines.get(i).copied();
        if !agree {
            row.flags.push(if row.deadline_line.is_none() { "deadline_missing" } else { "deadline_count_mismatch" });
        }
    }
    leftovers.extend(deadlines.iter().skip(rows.len()).map(|&l| (l, "deadline without a row")));
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
}

fn flow(group: &Group, lines: &[Line]) -> Flow {
    let mut f = Flow { lines: vec![], score: vec![], blank: vec![], header: vec![] };
    for (ci, col) in group.targets.iter().enumerate() {
        let col_width = col.lines.iter().map(|&l| width(lines[l].text.trim())).fold(0.0, f32::max);
        for (j, &l) in col.lines.iter().enumerate() {
            if let Some(&prev) = f.lines.last() {
                let blank = j > 0 && col.blank_before[j];
                let header = j == 0 && ci > 0 && col.header.is_some();
                let prev_width = if j == 0 { col_width } else { col_width };
                f.score.push(gap_score(&lines[prev].text, &lines[l].text, prev_width, blank || j == 0));
                f.blank.push(blank || j == 0);
                f.header.push(header);
            }
            f.lines.push(l);
        }
    }
    f
}

fn cut_targets(f: &Flow, slots: &[Slot]) -> Cells {
    let k = slots.len();
    if k == 0 {
        return Cells { cells: vec![], unplaced: f.lines.clone() };
    }
    if f.lines.len() < k {
        return too_few_lines(f, k);
    }
    let kinds: Vec<Boundary> = slots.windows(2).map(|w| boundary_between(&w[0], &w[1])).collect();
    let blanks_used = f.blank.iter().any(|b| *b);
    let (starts, extra) = best_cuts(f, &kinds, blanks_used, true)
        .map(|(s, _)| (s, vec![]))
        .or_else(|| best_cuts(f, &kinds, blanks_used, false).map(|(s, _)| (s, vec!["header_out_of_place"])))
        .expect("k <= lines, so an unforced cut always exists");
    Cells { cells: cells_from_starts(f, &starts, &extra), unplaced: vec![] }
}

/// The best total cut score for `slots`, headers forced or not.
fn cut_score(f: &Flow, slots: &[Slot]) -> f32 {
    let kinds: Vec<Boundary> = slots.windows(2).map(|w| boundary_between(&w[0], &w[1])).collect();
    let blanks_used = f.blank.iter().any(|b| *b);
    best_cuts(f, &kinds, blanks_used, true)
        .or_else(|| best_cuts(f, &kinds, blanks_used, false).map(|(s, score)| (s, score - 100.0)))
        .map_or(f32::NEG_INFINITY, |(_, score)| score)
}

/// One line per row while lines last; the rows after get no target.
fn too_few_lines(f: &Flow, k: usize) -> Cells {
    let mut cells: Vec<Cell> =
        f.lines.iter().map(|&l| Cell { lines: vec![l], flags: vec!["too_few_target_lines"] }).collect();
    cells.resize(k, Cell { lines: vec![], flags: vec!["target_missing"] });
    Cells { cells, unplaced: vec![] }
}

/// Evidence stronger than this that the DP overrode makes a cell doubtful.
const DOUBT: f32 = 2.5;

fn cells_from_starts(f: &Flow, starts: &[usize], extra: &[&'static str]) -> Vec<Cell> {
    let n = f.lines.len();
    (0..starts.len())
        .map(|c| {
            let (a, b) = (starts[c], starts.get(c + 1).copied().unwrap_or(n));
            let mut flags: Vec<&'static str> = extra.to_vec();
            let merged_against = (a..b - 1).any(|g| f.score[g] > DOUBT);
            let cut_against =
                [a.checked_sub(1), (b < n).then_some(b - 1)].into_iter().flatten().any(|g| f.score[g] < -DOUBT);
            if merged_against || cut_against {
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

/// The start line of each of `kinds.len() + 1` cells maximizing the total cut
/// score, or `None` when no cutting satisfies the constraints.
fn best_cuts(f: &Flow, kinds: &[Boundary], blanks_used: bool, force_headers: bool) -> Option<(Vec<usize>, f32)> {
    let n = f.lines.len();
    let k = kinds.len() + 1;
    let idx = |i: usize, c: usize| i * k + c;
    let mut dp = vec![f32::NEG_INFINITY; n * k];
    let mut cut_here = vec![false; n * k];
    dp[idx(0, 0)] = 0.0;
    for i in 1..n {
        let g = i - 1;
        let forced = force_headers && f.header[g];
        for c in 0..k.min(i + 1) {
            let stay = if forced { f32::NEG_INFINITY } else { dp[idx(i - 1, c)] };
            let cut = if c == 0 {
                f32::NEG_INFINITY
            } else {
                let kind = kinds[c - 1];
                if forced && kind != Boundary::Table {
                    f32::NEG_INFINITY
                } else {
                    dp[idx(i - 1, c - 1)] + f.score[g] + boundary_term(kind, f.blank[g], blanks_used)
                }
            };
            let (best, is_cut) = if cut > stay { (cut, true) } else { (stay, false) };
            dp[idx(i, c)] = best;
            cut_here[idx(i, c)] = is_cut;
        }
    }
    if dp[idx(n - 1, k - 1)] == f32::NEG_INFINITY {
        return None;
    }
    let total = dp[idx(n - 1, k - 1)];
    let mut starts = vec![0; k];
    let mut c = k - 1;
    for i in (1..n).rev() {
        if cut_here[idx(i, c)] {
            starts[c] = i;
            c -= 1;
        }
    }
    Some((starts, total))
}

fn boundary_term(kind: Boundary, blank: bool, blanks_used: bool) -> f32 {
    match (kind, blank) {
        (Boundary::Row, _) => 0.0,
        (_, true) => BOUNDARY_ON_BLANK,
        (_, false) if blanks_used => -BOUNDARY_WITHOUT_BLANK,
        _ => 0.0,
    }
}

/// Verbs that open most pledges; weak evidence that a line starts a cell.
const OPENERS: &[&str] = &[
    "新增", "完成", "开展", "实施", "出台", "推进", "建成", "创建", "举办", "组建", "争创", "开工", "启动", "制定",
    "培育", "引进", "深化", "落地", "谋划", "编制", "全面", "确保", "召开", "承办", "指导", "督促", "争取", "修订",
    "实现", "打造", "提升", "加快", "加强", "健全", "建立", "优化", "推动", "做好", "抓好", "申报", "扩大", "提高",
    "组织", "落实", "制订", "发布", "印发", "拟定", "整治", "淘汰", "新建", "改造", "开发",
];

/// Log-odds that a cell ends between `prev` and `next` (see the module doc).
/// `col_width` is the target column's width in em; `blank` whether a blank
/// line stands between them.
pub fn gap_score(prev: &str, next: &str, col_width: f32, blank: bool) -> f32 {
    let p = fold(prev.trim_end());
    let n = fold(next.trim_start());
    let (Some(last), Some(first)) = (p.chars().last(), n.chars().next()) else {
        return 0.0;
    };
    let mut s = if blank { 8.0 } else { 0.0 };
    s += fullness(prev.trim_end(), next.trim_start(), col_width);
    if is_continuing(last) {
        s -= 5.0;
    }
    if is_closing(first) {
        s -= 6.0;
    }
    if open_depth(&p) > 0 {
        s -= 4.0;
    }
    if matches!(last, '。' | '!' | '！') {
        s += 1.5;
    }
    if last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric() {
        s -= 3.0;
    }
    if last.is_ascii_digit() && starts_with_measure(&n) {
        s -= 3.0;
    }
    if first.is_ascii_digit() {
        s -= 1.0;
    }
    if splits_word(&p, &n) {
        s -= 2.5;
    }
    if OPENERS.iter().any(|o| n.starts_with(o)) {
        s += 0.7;
    }
    s
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

/// Whether jieba, reading across the break, finds a word that spans it.
fn splits_word(p: &str, n: &str) -> bool {
    let tail: String = p.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
    let head: String = n.chars().take(6).collect();
    let joined = format!("{tail}{head}");
    let join = tail.len();
    JIEBA
        .cut(&joined, false)
        .iter()
        .any(|t| t.byte_start < join && t.byte_end > join && t.word.chars().any(|c| !c.is_ascii()))
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
    fn blank_line_is_a_cut() {
        assert!(gap_score("全覆盖", "创建“清廉社区”1个", 28.0, true) > 6.0);
    }

    fn flow_of(scores: &[f32], blank: &[bool], header: &[bool]) -> Flow {
        Flow {
            lines: (0..=scores.len()).collect(),
            score: scores.to_vec(),
            blank: blank.to_vec(),
            header: header.to_vec(),
        }
    }

    #[test]
    fn dp_takes_the_best_cuts_for_the_count() {
        let f = flow_of(&[3.0, -2.0, 1.0, -5.0], &[false; 4], &[false; 4]);
        assert_eq!(best_cuts(&f, &[Boundary::Row, Boundary::Row], false, true).map(|c| c.0), Some(vec![0, 1, 3]));
        assert_eq!(best_cuts(&f, &[Boundary::Row], false, true).map(|c| c.0), Some(vec![0, 1]));
    }

    #[test]
    fn dp_puts_category_boundaries_on_blank_lines() {
        let f = flow_of(&[1.0, 0.5, 0.2], &[false, false, true], &[false; 3]);
        assert_eq!(best_cuts(&f, &[Boundary::Row, Boundary::Category], true, true).map(|c| c.0), Some(vec![0, 1, 3]));
    }

    #[test]
    fn dp_respects_headers_as_table_boundaries() {
        let f = flow_of(&[5.0, -1.0, 0.0], &[false, false, true], &[false, false, true]);
        assert_eq!(best_cuts(&f, &[Boundary::Row, Boundary::Table], false, true).map(|c| c.0), Some(vec![0, 1, 3]));
        assert!(best_cuts(&f, &[Boundary::Table, Boundary::Row], false, true).is_none());
    }
}
