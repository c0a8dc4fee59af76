//! Gap evidence: how likely a cell ends between two lines of the target
//! column, from the two lines' text and the column's width.
//!
//! Each piece of evidence is named after its weight in [`Weights`], and
//! [`gap_evidence`] keeps the names for `PLEDGES_DEBUG`. The pieces:
//! a blank line, how full the line above is, words and figures the break
//! would split (jieba; `7万吨` / `标煤`), punctuation that goes on or
//! closes, and how the next line opens (a pledge verb, a figure, a joiner);
//! on a positioned page also the step between the two lines ([`line_step`]).
//!
//! ```
//! use pledges::align::evidence::gap_score;
//! // "...完成率 30%以" / "上，4个..." splits 以上: the cell goes on.
//! assert!(gap_score("一季度投资增长 16%以上，省“4+1”重大项目投资完成率 30%以", "上，4个第十二批省集中开工项目开工率100%", 28.5, false) < 0.0);
//! // A short line followed by a new pledge: a cut.
//! assert!(gap_score("召开服务业发展大会", "落地信用惠企便民场景10个", 28.5, false) > 0.0);
//! ```

use super::weights::Weights;
use crate::lexicon::measure::{
    ENDS_A_FIGURE, FOLLOWS_A_FIGURE, MAGNITUDES, MEASURE_NAMES, SIZES_END_A_FIGURE, VALUE_VERBS,
};
use crate::lexicon::particles::{CONJUNCTIONS, DANGLING, LEADING_BOUNDS, LEADING_JOINERS, TRAILING_BOUNDS};
use crate::lexicon::text::{
    fold_into, fold_scan, half_ems, is_closing, is_continuing, is_han, trimmed_end, trimmed_start, width,
    width_of_half_ems, CharSet,
};
use crate::lexicon::verbs::opens_with_pledge_verb;
use std::sync::LazyLock;

// The aligner's segmenter: jieba's cut, with the words of work reports.
use crate::lexicon::segment::{is_block_char, WITH_REPORT_WORDS as JIEBA};

// The word lists the evidence asks of one char at a time, as sets.
static CONJUNCTION: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(CONJUNCTIONS));
static ENDS_FIGURE: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(ENDS_A_FIGURE));
static FOLLOWS_FIGURE: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(FOLLOWS_A_FIGURE));
static MAGNITUDE: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(MAGNITUDES));
static DANGLES: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(DANGLING));
static LEADING_JOINER: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(LEADING_JOINERS));
// The chars the words of a list open (or end) on: a line whose first (last)
// char is none of them opens (ends) on none of the words, which spares
// comparing it with each.
static MEASURE_NAME_END: LazyLock<CharSet> = LazyLock::new(|| last_chars_of(MEASURE_NAMES));
static BOUND_FIRST: LazyLock<CharSet> = LazyLock::new(|| first_chars_of(&[LEADING_BOUNDS, TRAILING_BOUNDS].concat()));
static VALUE_VERB_FIRST: LazyLock<CharSet> = LazyLock::new(|| first_chars_of(VALUE_VERBS));
static BOUND_LAST: LazyLock<CharSet> = LazyLock::new(|| last_chars_of(TRAILING_BOUNDS));
static SIZE_LAST: LazyLock<CharSet> = LazyLock::new(|| last_chars_of(SIZES_END_A_FIGURE));

/// The set of the first chars of `words`.
fn first_chars_of(words: &[&str]) -> CharSet {
    CharSet::new(&words.iter().filter_map(|w| w.chars().next()).collect::<String>())
}

/// The set of the last chars of `words`.
fn last_chars_of(words: &[&str]) -> CharSet {
    CharSet::new(&words.iter().filter_map(|w| w.chars().next_back()).collect::<String>())
}

/// Whether the text around the break holds a quantity that the break cuts.
pub(super) fn splits_quantity(p: &str, n: &str) -> bool {
    let (tail, head) = (last_chars(p, 8), first_chars(n, 6));
    let joined = [tail, head].concat();
    let join = tail.chars().count();
    let last_digit = tail.chars().rev().position(|c| c.is_ascii_digit());
    // Only a figure near the end of the line above can run across the break.
    if last_digit.is_none_or(|d| d > 3) {
        return false;
    }
    // The scanner alone rules most gaps out; the whole extractor (with its
    // jieba cut) runs only when some quantity reaches past the break.
    if !crate::fields::quantity::ends_after(&joined, join) {
        return false;
    }
    crate::fields::quantity::extract(&joined).iter().any(|q| {
        joined.find(q.text.as_str()).is_some_and(|start| {
            let start = joined[..start].chars().count();
            start < join && start + q.text.chars().count() > join
        })
    })
}

/// [`short_last_clause_of`] the line `p`.
#[cfg(test)]
pub(super) fn short_last_clause(p: &str) -> bool {
    short_last_clause_of(last_clause(p))
}

/// The line's last clause `last` (after its last comma or semicolon, see
/// [`last_clause`]) is a few characters without a figure: `，建立规上` and
/// `；全市` are cut off, `，落地3个` may be whole. Not after `、`: the last
/// item of a list (`、工业设计展`) is often short.
fn short_last_clause_of(last: Option<&str>) -> bool {
    let Some(last) = last else { return false };
    // Counted no further than one past the longest short clause.
    let len = last.chars().take(6).count();
    (1..=5).contains(&len) && !last.bytes().any(|b| b.is_ascii_digit())
}

/// What follows the line's last comma, semicolon or colon (full-width or
/// not): `p.rsplit_once(['，', ',', '；', ';', '：', ':'])`'s second part.
/// (The facts of a line find it as they fold it, [`fold_scan`].)
#[cfg(test)]
pub(super) fn last_clause(p: &str) -> Option<&str> {
    // Searched on the bytes: `,;:` are ASCII, and `，；：` are EF BC 8C,
    // EF BC 9B and EF BC 9A, whose last byte only ends a char.
    let bytes = p.as_bytes();
    let mut end = bytes.len();
    while let Some(i) = bytes[..end].iter().rposition(|&b| matches!(b, b',' | b';' | b':' | 0x8C | 0x9A | 0x9B)) {
        if bytes[i].is_ascii() || (i >= 2 && bytes[i - 2] == 0xEF && bytes[i - 1] == 0xBC) {
            return Some(&p[i + 1..]);
        }
        end = i;
    }
    None
}

/// The line ends two characters or fewer after a joining word (`…特色工程和名校`
/// / `培育工程`): the second of two joined things is seldom that short.
pub(super) fn short_last_conjunct(p: &str) -> bool {
    // The last three chars, last first (fewer on a shorter line), read
    // without collecting them: this runs for every line.
    let mut rev = p.chars().rev();
    let tail = [rev.next(), rev.next(), rev.next()];
    tail[1..].iter().flatten().any(|c| CONJUNCTION.contains(*c))
        && tail.iter().flatten().all(|c| !c.is_ascii() && !is_closing(*c))
}

/// The line above's last clause is a list of `、` items and the next line's
/// first item is a few characters followed by `、`: the list, and the item
/// the break cut (`…公共服务、乡村` / `振兴、精神文明…`), goes on.
#[cfg(test)]
pub(super) fn list_runs_on(p: &str, n: &str) -> bool {
    list_item_head(n) && list_in_last_clause(p)
}

/// The line opens on a list item of a few characters followed by `、`.
fn list_item_head(n: &str) -> bool {
    // A head of four chars or fewer ends on a `、` among the first five
    // chars: the rest of the line is not searched.
    let Some((end, _)) = n.char_indices().take(5).find(|&(_, c)| c == '、') else { return false };
    let head = &n[..end];
    !head.is_empty() && !head.contains([',', ';', ':', '('])
}

/// The line's last clause is a list of `、` items.
#[cfg(test)]
fn list_in_last_clause(p: &str) -> bool {
    last_clause(p).unwrap_or(p).contains('、')
}

/// The line opens on a name that starts with digits rather than on a
/// quantity: a year (`2022年省运会`), digits with letters (`5G基站`), or a
/// run of four or more digits with no unit after it (`12345热线`).
pub(super) fn opens_on_name(n: &str) -> bool {
    let run: String = n.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.').collect();
    let digits = run.chars().filter(char::is_ascii_digit).count();
    let after = n[run.len()..].chars().next();
    let year = digits == 4 && run.len() == 4 && (run.starts_with("19") || run.starts_with("20")) && after == Some('年');
    let lettered = run.chars().any(|c| c.is_ascii_alphabetic());
    let long_bare = digits >= 4
        && run.len() == digits
        && after.is_some_and(|c| !starts_with_measure(&c.to_string()) && !"%年月日".contains(c));
    year || lettered || long_bare
}

/// The line opens on a label and its colon (`农村供水工程：新建水厂1座`,
/// `“放管服”改革：制定…`, `城区：完成…`): a pledge that names its project
/// or its field first. `n` is folded (the colon is `:`). Within a cell such
/// a label follows a `；` (`…60台；镇街：完成…`), which the line above
/// would end on.
pub(super) fn opens_on_label(n: &str) -> bool {
    let Some((head, _)) = n.split_once(':') else { return false };
    (2..=12).contains(&head.chars().count()) && head.chars().all(|c| is_han(c) || matches!(c, '“' | '”'))
}

/// [`names_a_measure_in`] the last clause of the line `p`.
#[cfg(test)]
pub(super) fn names_a_measure(p: &str) -> bool {
    names_a_measure_in(last_clause(p).unwrap_or(p))
}

/// The line's last clause `last` (after its last comma or semicolon; the
/// whole line without one) ends on the name of a measured quantity
/// (`…参保人数`, `…覆盖率`, `…年保障标准`) and holds no figure: its value
/// has not been given yet.
fn names_a_measure_in(last: &str) -> bool {
    // Only a clause ending on the last char of some name can end on the name.
    last.chars().next_back().is_some_and(|c| MEASURE_NAME_END.contains(c))
        && MEASURE_NAMES.iter().any(|m| last.ends_with(m))
        && !last.bytes().any(|b| b.is_ascii_digit())
}

/// The line ends on one character after `、` (`（一期）、花` / `川小学`):
/// no item of a list is one character long, so the item goes on.
pub(super) fn lone_last_item(p: &str) -> bool {
    let mut rev = p.chars().rev();
    matches!((rev.next(), rev.next()), (Some(c), Some('、')) if !c.is_ascii() && !is_closing(c))
}

/// The line ends with a figure and its unit (`2.66%`, `5320个`, `160亿元`,
/// `20公里`), or with that and the bound after it (`8%以上`, `4个以上`,
/// `3%以内`): a bound closes its figure as surely as the unit does. A
/// length or an area counts without a bound only (see
/// [`SIZES_END_A_FIGURE`]).
pub(super) fn ends_with_figure(p: &str) -> bool {
    // Only a line ending on the last char of a bound (of a size) can end
    // on one: the rest are not compared with each (this runs for every line).
    let on_bound = p.chars().next_back().is_some_and(|c| BOUND_LAST.contains(c));
    let bound = if on_bound { TRAILING_BOUNDS.iter().find_map(|b| p.strip_suffix(b)) } else { None };
    let p = bound.unwrap_or(p);
    // A digit, or one magnitude after a digit (`160亿`), ends `head`.
    let figure_before = |head: &str| {
        let mut rev = head.chars().rev();
        let last = rev.next().filter(|c| !MAGNITUDE.contains(*c)).or_else(|| rev.next());
        last.is_some_and(|d| d.is_ascii_digit())
    };
    let mut rev = p.chars().rev();
    match rev.next() {
        Some('%') => true,
        Some(c) if ENDS_FIGURE.contains(c) => figure_before(&p[..p.len() - c.len_utf8()]),
        Some(c) if bound.is_none() && SIZE_LAST.contains(c) => {
            SIZES_END_A_FIGURE.iter().find_map(|u| p.strip_suffix(u)).is_some_and(figure_before)
        }
        _ => false,
    }
}

/// Log-odds that a cell ends between `prev` and `next` (see the module doc).
/// `col_width` is the target column's width in em; `blank` whether a blank
/// line stands between them.
pub fn gap_score(prev: &str, next: &str, col_width: f32, blank: bool) -> f32 {
    gap_score_with(Weights::get(), prev, next, col_width, blank)
}

/// [`gap_score`] with the weights `w`.
pub fn gap_score_with(w: &Weights, prev: &str, next: &str, col_width: f32, blank: bool) -> f32 {
    gap_evidence_with(w, prev, next, col_width, blank).iter().map(|(_, v)| v).sum()
}

/// The pieces of evidence that [`gap_score`] adds up, each with its name,
/// for whoever tunes the aligner (`PLEDGES_DEBUG=1` prints them).
pub fn gap_evidence(prev: &str, next: &str, col_width: f32, blank: bool) -> Vec<(&'static str, f32)> {
    gap_evidence_with(Weights::get(), prev, next, col_width, blank)
}

/// [`gap_evidence`] with the weights `w`; each piece is named after its weight.
pub fn gap_evidence_with(w: &Weights, prev: &str, next: &str, col_width: f32, blank: bool) -> Vec<(&'static str, f32)> {
    gap_evidence_of(w, &LineFacts::new(prev), &LineFacts::new(next), col_width, blank)
}

/// What the evidence asks of one line alone, worked out once per line: a
/// line stands below one gap and above the next, and folding it, measuring
/// it and reading its ends twice per gap cost the aligner a tenth of its time.
///
/// ```
/// use pledges::align::evidence::{gap_evidence_of, gap_evidence, LineFacts};
/// use pledges::align::weights::Weights;
/// let (p, n) = ("召开服务业发展大会", "落地信用惠企便民场景10个");
/// let once = gap_evidence_of(Weights::get(), &LineFacts::new(p), &LineFacts::new(n), 28.5, false);
/// assert_eq!(once, gap_evidence(p, n, 28.5, false));
/// ```
#[derive(Debug, PartialEq)]
pub struct LineFacts {
    /// The line folded, as the line above a gap (trailing blanks trimmed).
    above: String,
    /// The line folded, as the line below a gap (leading blanks trimmed),
    /// when that differs from `above` (`below_differs`); else empty. Both
    /// buffers are kept when the facts are [renewed](LineFacts::renew).
    below: String,
    below_differs: bool,
    // As the line above a gap.
    last: Option<char>,
    end_width: f32,
    short_last_clause: bool,
    lone_last_item: bool,
    short_last_conjunct: bool,
    left_open: bool,
    ends_on_figure: bool,
    /// A digit among the last four characters: only then can a figure run
    /// across the break ([`splits_quantity`]).
    figure_near_end: bool,
    list_in_last_clause: bool,
    /// The last clause names a measured quantity and gives no figure
    /// (`…参保人数`, `…保障标准`): see [`names_a_measure_in`].
    names_a_measure: bool,
    // As the line below a gap.
    first: Option<char>,
    closing_second: bool,
    closes_above: bool,
    opens_on_name: bool,
    starts_with_measure: bool,
    first_unit_width: f32,
    trimmed_width: f32,
    opens_on_bound: bool,
    opener: bool,
    /// The line opens on a label and its colon ([`opens_on_label`]).
    label: bool,
    first_word: WordKind,
    list_item_head: bool,
    /// The line opens on a verb that gives a measure its value (`达到`, `提高到`, `净增`).
    opens_on_value: bool,
    /// Where the line's [`word_tail`] starts in `above`, and how long its
    /// [`word_head`] in `below` is: a line is read by [`splits_word`] from
    /// both sides, so its ends are found once.
    word_tail: usize,
    word_head: usize,
}

/// What jieba tags the first word of a line as (see [`first_word_kind`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum WordKind {
    Verb,
    NounLike,
    Other,
}

impl LineFacts {
    /// The facts of the line `text` (as printed, blanks and all).
    pub fn new(text: &str) -> LineFacts {
        LineFacts::folding_into(text, String::new(), String::new())
    }

    /// Makes these the facts of the line `text`, as [`LineFacts::new`]
    /// would, folding it into the buffers these facts hold: the aligner
    /// renews two facts in turn for every line of a flow, which then
    /// allocates nothing.
    pub fn renew(&mut self, text: &str) {
        let (above, below) = (std::mem::take(&mut self.above), std::mem::take(&mut self.below));
        *self = LineFacts::folding_into(text, above, below);
    }

    /// [`LineFacts::new`], folding into the buffers `above` and `below`.
    fn folding_into(text: &str, mut above: String, mut below: String) -> LineFacts {
        let (end, start) = (trimmed_end(text), trimmed_start(text));
        above.clear();
        below.clear();
        let scan = fold_scan(end, &mut above);
        // Mostly the same slice (a line without blanks at its ends): then
        // the texts are not compared.
        let same_slice = (start.as_ptr(), start.len()) == (end.as_ptr(), end.len());
        let below_differs = !same_slice && start != end;
        if below_differs {
            fold_into(start, &mut below);
        }
        let n = if below_differs { below.as_str() } else { above.as_str() };
        let p = above.as_str();
        let first = n.chars().next();
        let opener = opens_with_pledge_verb(n);
        let label = !opener && opens_on_label(n);
        // Blanks are no brackets, so the line reads the same as the line
        // above a gap and as the line below one.
        let (unopened, open) = scan.unbalanced;
        // The trimmed line is `end` without its leading blanks: its width
        // is had from `end`'s, in exact half-ems, without a second pass.
        let end_half_ems = scan.half_ems;
        let trimmed = trimmed_start(end);
        let trimmed_half_ems = end_half_ems - half_ems(&end[..end.len() - trimmed.len()]);
        let first_closing = first.is_some_and(is_closing);
        // `p` is folded: its separators are ASCII, the last one `last_clause` finds.
        let clause = scan.last_separator.map(|i| &p[i + 1..]);
        // The last clause holds a `、`: the last one stands after the last separator.
        let list_in_last_clause = scan.last_list_mark > scan.last_separator;
        let head = word_head(n);
        let opens_on = |set: &CharSet, words: &[&str]| {
            first.is_some_and(|c| set.contains(c)) && words.iter().any(|w| n.starts_with(w))
        };
        LineFacts {
            last: p.chars().next_back(),
            end_width: width_of_half_ems(end_half_ems),
            short_last_clause: short_last_clause_of(clause),
            lone_last_item: lone_last_item(p),
            short_last_conjunct: short_last_conjunct(p),
            left_open: open > 0,
            ends_on_figure: ends_with_figure(p),
            figure_near_end: p.chars().rev().take(4).any(|c| c.is_ascii_digit()),
            list_in_last_clause,
            names_a_measure: names_a_measure_in(clause.unwrap_or(p)),
            first,
            closing_second: first.is_some_and(|f| !first_closing && !f.is_ascii())
                && n.chars().nth(1).is_some_and(is_closing),
            closes_above: !first_closing && unopened > 0,
            opens_on_name: first.is_some_and(|c| c.is_ascii_digit()) && opens_on_name(n),
            starts_with_measure: starts_with_measure(n),
            first_unit_width: first_unit_width(start),
            trimmed_width: width_of_half_ems(trimmed_half_ems),
            opens_on_bound: opens_on(&BOUND_FIRST, LEADING_BOUNDS) || opens_on(&BOUND_FIRST, TRAILING_BOUNDS),
            opener,
            label,
            first_word: if opener || label || first.is_none() { WordKind::Other } else { first_word_kind(n, head) },
            list_item_head: list_item_head(n),
            opens_on_value: opens_on(&VALUE_VERB_FIRST, VALUE_VERBS),
            word_tail: p.len() - word_tail(p).len(),
            word_head: head.len(),
            above,
            below,
            below_differs,
        }
    }

    /// The line folded as the line below a gap.
    fn below(&self) -> &str {
        if self.below_differs {
            &self.below
        } else {
            &self.above
        }
    }
}

/// Where the pieces of the evidence of a gap go, in the order they are
/// found: into a list with their names (for the trace), or only into
/// their sum ([`Score`]), which is all the aligner needs.
pub trait Tally {
    /// Takes the piece of evidence named `name`, of log-odds `value`.
    fn add(&mut self, name: &'static str, value: f32);
}

impl Tally for Vec<(&'static str, f32)> {
    fn add(&mut self, name: &'static str, value: f32) {
        self.push((name, value));
    }
}

/// The sum of the pieces of evidence, added in the order they come: the
/// same f32 additions, in the same order, from the same start, as
/// `iter().sum()` over the list of them (f32 addition is not associative).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score(pub f32);

impl Score {
    /// No evidence yet: the sum of nothing.
    pub fn new() -> Score {
        Score(std::iter::empty::<f32>().sum())
    }
}

impl Default for Score {
    fn default() -> Self {
        Score::new()
    }
}

impl Tally for Score {
    fn add(&mut self, _: &'static str, value: f32) {
        self.0 += value;
    }
}

/// [`gap_evidence`] of the gap between the lines whose facts are `prev` and `next`.
pub fn gap_evidence_of(
    w: &Weights,
    prev: &LineFacts,
    next: &LineFacts,
    col_width: f32,
    blank: bool,
) -> Vec<(&'static str, f32)> {
    let mut e = Vec::with_capacity(8);
    tally_gap(w, prev, next, col_width, blank, &mut e);
    e
}

/// [`gap_evidence_of`], each piece handed to `e` as it is found.
pub fn tally_gap(w: &Weights, prev: &LineFacts, next: &LineFacts, col_width: f32, blank: bool, e: &mut impl Tally) {
    let (p, n) = (prev.above.as_str(), next.below());
    let (Some(last), Some(first)) = (prev.last, next.first) else {
        return;
    };
    let mut add = |name: &'static str, on: bool, value: f32| {
        if on {
            e.add(name, value);
        }
    };
    add("blank", blank, w.blank);
    let full = fullness_of(w, prev.end_width, next.first_unit_width, col_width);
    add("fullness", full != 0.0, full);
    add("continuing_mark", is_continuing(last), w.continuing_mark);
    // `，…` or `版），…`: kinsoku carries one character down with a closing mark.
    add("opens_on_closing", is_closing(first), w.opens_on_closing);
    add("closing_second", next.closing_second, w.closing_second);
    add("short_last_clause", prev.short_last_clause, w.short_last_clause);
    add("lone_last_item", prev.lone_last_item, w.lone_last_item);
    add("short_last_conjunct", prev.short_last_conjunct, w.short_last_conjunct);
    add("left_open", prev.left_open, w.left_open);
    // `…《加强` / `管理的意见》`: the title opened on the line above.
    add("closes_above", next.closes_above, w.closes_above);
    add("full_stop", matches!(last, '。' | '!' | '！'), w.full_stop);
    add("splits_ascii", last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric(), w.splits_ascii);
    add("figure_then_measure", last.is_ascii_digit() && next.starts_with_measure, w.figure_then_measure);
    // Pledges open with a verb, hardly ever with a figure.
    add("opens_on_figure", first.is_ascii_digit() && !next.opens_on_name, w.opens_on_figure);
    add("dangling", DANGLES.contains(last), w.dangling);
    // A scrap of a few characters after a full line is the tail of its cell.
    add("short_tail", next.trimmed_width < w.short_tail_width && full < 0.0, w.short_tail);
    let splits_word = splits_word_between(&p[prev.word_tail..], &n[..next.word_head]);
    add("splits_word", splits_word, w.splits_word);
    // `7万吨` / `标煤`: a figure and its unit belong to one cell.
    add("splits_quantity", prev.figure_near_end && splits_quantity(p, n), w.splits_quantity);
    add("leading_joiner", LEADING_JOINER.contains(first), w.leading_joiner);
    // `…滨江幼儿园` / `（12个班），…`: a bracketed note belongs to what precedes it.
    add("opens_on_bracket", matches!(first, '(' | '（'), w.opens_on_bracket);
    add("list_runs_on", next.list_item_head && prev.list_in_last_clause, w.list_runs_on);
    // `…全年服务` / `不少于1000小时`: a bound qualifies a figure, it opens no pledge.
    add("opens_on_bound", next.opens_on_bound, w.opens_on_bound);
    // A pledge usually ends on its figure: `…达2.66%`, `…5320个`.
    add("ends_on_figure", prev.ends_on_figure, w.ends_on_figure);
    // `…基本养老保险参保人数` / `净增1.5万人`: the measure named above gets
    // its value below; on narrow columns the name often fills a line.
    add("measure_then_value", prev.names_a_measure && next.opens_on_value, w.measure_then_value);
    add("opener", next.opener, w.opener);
    add("opens_on_label", next.label, w.opens_on_label);
    let pos = match next.first_word {
        WordKind::Verb => w.first_word_pos,
        WordKind::NounLike => -w.first_word_pos,
        WordKind::Other => 0.0,
    };
    add("first_word_pos", pos != 0.0, pos);
}

/// The log-odds a cell ends between two lines of a positioned page that
/// stand `step` line pitches apart (see [`Weights::line_step`]); nothing
/// without a step (text input, lines of two columns).
pub fn line_step(w: &Weights, step: Option<f32>) -> Option<f32> {
    let excess = (step? - 1.0).clamp(w.line_step_floor, w.line_step_ceiling);
    (excess != 0.0).then_some(w.line_step * excess)
}

/// Positive when the next line's first unbreakable piece would have fit on
/// this line, i.e. the line ended early on purpose: from the line's width
/// and the width of the next line's first piece ([`first_unit_width`]).
fn fullness_of(w: &Weights, p_width: f32, n_first_unit: f32, col_width: f32) -> f32 {
    let slack = col_width - p_width;
    w.fullness * (slack - n_first_unit).clamp(w.fullness_floor, w.fullness_ceiling)
}

/// Width of what a typesetter moves as one piece: an ASCII run, or a
/// character together with the closing marks that may not start a line.
pub(super) fn first_unit_width(n: &str) -> f32 {
    let mut chars = n.chars();
    let Some(first) = chars.next() else {
        return 0.0;
    };
    // The pieces are measured where they stand in `n`, not copied out.
    if first.is_ascii_alphanumeric() {
        let rest = n.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || ".%+&-".contains(c));
        return width(&n[..n.len() - rest.len()]);
    }
    let after = chars.as_str();
    let closers = &after[..after.len() - after.trim_start_matches(is_closing).len()];
    width(&n[..first.len_utf8()]) + width(closers)
}

pub(super) fn starts_with_measure(n: &str) -> bool {
    n.chars().next().is_some_and(|c| FOLLOWS_FIGURE.contains(c))
}

/// Pledges open with a verb: a line whose first word jieba tags as a verb
/// leans to a new cell, one opening on a noun, numeral or measure word to
/// the cell above (`first_word_pos`).
/// `head` is the line's [`word_head`].
fn first_word_kind(n: &str, head: &str) -> WordKind {
    // jieba tags each block of its chars on its own (see [`word_tail`]):
    // the first word of a line that opens on one lies in that first block,
    // so the rest of the six chars need not be cut.
    let tag = match head {
        "" => JIEBA.first_tag(first_chars(n, 6)),
        block => JIEBA.first_block_tag(block),
    };
    match tag {
        Some(t) if t.starts_with('v') => WordKind::Verb,
        Some(t) if t.starts_with('n') || t.starts_with('m') || t.starts_with('q') || t.starts_with('u') => {
            WordKind::NounLike
        }
        _ => WordKind::Other,
    }
}

/// Whether jieba, reading across the break, finds a word that spans it.
#[cfg(test)]
pub(super) fn splits_word(p: &str, n: &str) -> bool {
    splits_word_between(word_tail(p), word_head(n))
}

/// The end of the line above that [`splits_word`] reads: of its last six
/// chars, the run of chars jieba segments as a block (see
/// [`is_block_char`]) that ends the line; empty when the line ends on any
/// other char.
///
/// jieba cuts a text first into blocks of the chars its dictionary words
/// are made of, each on its own, and each char outside them is a token of
/// its own: so a token spanning the break lies in the block the break falls
/// in, and cutting that block alone finds the tokens of the whole window's
/// cut there. The rest of the window need not be read.
fn word_tail(p: &str) -> &str {
    // Read from the end once, six chars at most.
    let block = p.char_indices().rev().take(6).take_while(|&(_, c)| is_block_char(c));
    &p[block.last().map_or(p.len(), |(i, _)| i)..]
}

/// The start of the line below that [`splits_word`] reads: of its first
/// six chars, the run of chars jieba segments as a block that opens the
/// line (see [`word_tail`]).
fn word_head(n: &str) -> &str {
    // Read from the start once, six chars at most.
    let block = n.char_indices().take(6).take_while(|&(_, c)| is_block_char(c));
    &n[..block.last().map_or(0, |(i, c)| i + c.len_utf8())]
}

/// Whether jieba, cutting `tail` and `head` joined (a [`word_tail`] and a
/// [`word_head`]), finds a word other than ASCII that spans the join.
fn splits_word_between(tail: &str, head: &str) -> bool {
    // Either side empty: the char at the break is no block char, a token of
    // its own, so nothing spans the break.
    if tail.is_empty() || head.is_empty() {
        return false;
    }
    // Both are block chars: one block, cut without joining them.
    JIEBA.splits_block_at(tail, head)
}

/// The last `k` chars of `s` (all of it when shorter).
fn last_chars(s: &str, k: usize) -> &str {
    let start = if k == 0 { s.len() } else { s.char_indices().rev().nth(k - 1).map_or(0, |(i, _)| i) };
    &s[start..]
}

/// The first `k` chars of `s` (all of it when shorter).
fn first_chars(s: &str, k: usize) -> &str {
    &s[..s.char_indices().nth(k).map_or(s.len(), |(i, _)| i)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::text::{fold, unbalanced};

    /// The lines of generated pages (seeds `seeds`, every preset), each
    /// whole and each piece between runs of blanks, as printed and folded
    /// both ways the evidence folds them: what the shortcuts are checked on.
    fn generated_lines(seeds: std::ops::Range<u64>) -> Vec<String> {
        let mut lines = vec![];
        for (_, knobs) in crate::gen::knob_presets() {
            for seed in seeds.clone() {
                for page in crate::gen::generate(seed, &knobs) {
                    for line in page.text.lines() {
                        let pieces = line.split("  ").filter(|s| !s.trim().is_empty());
                        for piece in std::iter::once(line).chain(pieces) {
                            lines.extend([piece.to_string(), fold(piece.trim_end()), fold(piece.trim_start())]);
                        }
                    }
                }
            }
        }
        lines
    }

    /// [`ends_with_figure`] as it was, comparing every line's end with
    /// every bound and every size.
    fn ends_with_figure_compared(p: &str) -> bool {
        let bound = TRAILING_BOUNDS.iter().find_map(|b| p.strip_suffix(b));
        let p = bound.unwrap_or(p);
        let figure_before = |head: &str| {
            let mut rev = head.chars().rev();
            let last = rev.next().filter(|c| !MAGNITUDE.contains(*c)).or_else(|| rev.next());
            last.is_some_and(|d| d.is_ascii_digit())
        };
        match p.chars().next_back() {
            Some('%') => true,
            Some(c) if ENDS_FIGURE.contains(c) => figure_before(&p[..p.len() - c.len_utf8()]),
            _ if bound.is_none() => {
                SIZES_END_A_FIGURE.iter().find_map(|u| p.strip_suffix(u)).is_some_and(figure_before)
            }
            _ => false,
        }
    }

    #[test]
    fn line_facts_shortcuts_answer_what_the_plain_tests_answer() {
        let mut lines = generated_lines(1..8);
        lines.extend(
            ["", ",", "率", "a，b", "x：", "；全市", "参保人数", "提高到", "不少于3个", "以上"].map(String::from),
        );
        lines.extend(["5米", "3公顷以上", "20平方公里", "8%以上", "4个以内", "米", "1亿元左右"].map(String::from));
        let (mut clauses, mut measures, mut values, mut figures) = (0, 0, 0, 0);
        for line in &lines {
            let p = line.as_str();
            let plain = p.rsplit_once(['，', ',', '；', ';', '：', ':']).map(|(_, c)| c);
            assert_eq!(last_clause(p), plain, "{p:?}");
            let short =
                plain.is_some_and(|c| (1..=5).contains(&c.chars().count()) && !c.chars().any(|c| c.is_ascii_digit()));
            assert_eq!(short_last_clause(p), short, "{p:?}");
            let last = plain.unwrap_or(p);
            let measure = MEASURE_NAMES.iter().any(|m| last.ends_with(m)) && !last.chars().any(|c| c.is_ascii_digit());
            assert_eq!(names_a_measure(p), measure, "{p:?}");
            assert_eq!(ends_with_figure(p), ends_with_figure_compared(p), "{p:?}");
            figures += usize::from(ends_with_figure_compared(p));
            let facts = LineFacts::new(p);
            let n = facts.below();
            let bound = LEADING_BOUNDS.iter().chain(TRAILING_BOUNDS).any(|b| n.starts_with(b));
            let value = VALUE_VERBS.iter().any(|v| n.starts_with(v));
            assert_eq!((facts.opens_on_bound, facts.opens_on_value), (bound, value), "{p:?}");
            assert_eq!(facts.list_in_last_clause, list_in_last_clause(facts.above.as_str()), "{p:?}");
            (clauses, measures, values) =
                (clauses + usize::from(short), measures + usize::from(measure), values + usize::from(value));
        }
        assert!(
            clauses > 10 && measures > 10 && values > 10 && figures > 10,
            "{clauses} {measures} {values} {figures}"
        );
    }

    /// jieba's cut of the whole window [`splits_word`] reads (six chars
    /// each side), as the aligner made it before it cut the break's block
    /// alone: the oracle of [`splits_word`].
    fn window_cut_splits_word(p: &str, n: &str) -> bool {
        let (tail, head) = (last_chars(p, 6), first_chars(n, 6));
        let joined = [tail, head].concat();
        let join = tail.len();
        JIEBA.cut(&joined).iter().any(|t| t.byte_start < join && t.byte_end > join && !t.word.is_ascii())
    }

    #[test]
    fn one_pass_facts_answer_what_the_passes_over_the_line_answer() {
        let mut lines = generated_lines(1..6);
        lines.extend(
            ["", " ", "、", "a、b", "，新、增", "新增、", "一二三四、", "一二三四五、", "“一”、(二", "x（"]
                .map(String::from),
        );
        let mut renewed = LineFacts::new("");
        let (mut heads, mut lists) = (0, 0);
        for text in &lines {
            let facts = LineFacts::new(text);
            let (p, n) = (facts.above.as_str(), facts.below());
            assert_eq!((p, n), (fold(text.trim_end()).as_str(), fold(text.trim_start()).as_str()));
            // The widths, as measured on the line's two ends.
            assert_eq!(facts.end_width.to_bits(), width(text.trim_end()).to_bits(), "{text:?}");
            assert_eq!(facts.trimmed_width.to_bits(), width(text.trim()).to_bits(), "{text:?}");
            // The last clause and the brackets, as the folded line's own passes find them.
            assert_eq!(facts.short_last_clause, short_last_clause(p), "{text:?}");
            assert_eq!(facts.names_a_measure, names_a_measure(p), "{text:?}");
            assert_eq!(facts.list_in_last_clause, list_in_last_clause(p), "{text:?}");
            let first_closing = n.chars().next().is_some_and(is_closing);
            let (unopened, open) = (unbalanced(p), unbalanced(n));
            assert_eq!((facts.left_open, facts.closes_above), (open.1 > 0, !first_closing && unopened.0 > 0));
            // The block ends read once, as the six chars cut off and trimmed.
            let tail = last_chars(p, 6);
            assert_eq!(word_tail(p), &tail[tail.trim_end_matches(is_block_char).len()..], "{text:?}");
            let head = first_chars(n, 6);
            assert_eq!(word_head(n), &head[..head.len() - head.trim_start_matches(is_block_char).len()]);
            // The list item's head, as the whole line split at its first `、`.
            let split = n.split_once('、').is_some_and(|(head, _)| {
                (1..=4).contains(&head.chars().count()) && !head.contains([',', ';', ':', '('])
            });
            assert_eq!(list_item_head(n), split, "{text:?}");
            // Renewed facts are new facts.
            renewed.renew(text);
            assert_eq!(renewed, facts, "{text:?}");
            (heads, lists) = (heads + usize::from(split), lists + usize::from(facts.list_in_last_clause));
        }
        assert!(heads > 10 && lists > 10, "{heads} {lists}");
    }

    #[test]
    fn the_score_adds_what_the_named_list_adds() {
        let lines = generated_lines(1..4);
        let extra = ["", " ", "，", "新增5家"].map(String::from);
        let (w, mut empty) = (Weights::get(), 0);
        for (i, p) in lines.iter().chain(&extra).enumerate() {
            for n in [1, 5].iter().filter_map(|k| lines.get(i + k)).chain(&extra) {
                let (above, below) = (LineFacts::new(p), LineFacts::new(n));
                for (width, blank) in [(28.5, false), (14.0, true)] {
                    let named = gap_evidence_of(w, &above, &below, width, blank);
                    let mut score = Score::new();
                    tally_gap(w, &above, &below, width, blank, &mut score);
                    let sum: f32 = named.iter().map(|(_, v)| v).sum();
                    assert_eq!(score.0.to_bits(), sum.to_bits(), "{p:?} / {n:?}");
                    empty += usize::from(named.is_empty());
                }
            }
        }
        assert!(empty > 0 && Score::new().0.to_bits() == std::iter::empty::<f32>().sum::<f32>().to_bits());
    }

    #[test]
    fn cutting_the_break_s_block_alone_answers_what_the_window_s_cut_answers() {
        let lines = generated_lines(1..6);
        let (mut pairs, mut split) = (0, 0);
        for (i, p) in lines.iter().enumerate() {
            // The next line, and lines further on for pairs that never meet on a page.
            for n in [1, 7, 40].iter().filter_map(|k| lines.get(i + k)) {
                let slow = window_cut_splits_word(p, n);
                assert_eq!(splits_word(p, n), slow, "{p:?} / {n:?}");
                let (above, below) = (LineFacts::new(p), LineFacts::new(n));
                let facts = splits_word_between(&above.above[above.word_tail..], &below.below()[..below.word_head]);
                assert_eq!(facts, window_cut_splits_word(&above.above, below.below()), "{p:?} / {n:?}");
                (pairs, split) = (pairs + 1, split + usize::from(slow));
            }
        }
        assert!(split > 100 && pairs > split * 2, "{split} of {pairs}");
    }

    #[test]
    fn the_first_word_is_tagged_from_the_first_block_as_from_six_chars() {
        // The tag of the first word of the first six chars, as it was taken.
        let six_chars = |n: &str| JIEBA.tag(first_chars(n, 6)).first().map(|t| t.tag.to_string());
        let lines = generated_lines(1..6);
        let mut kinds = [0; 3];
        for n in lines
            .iter()
            .map(|l| fold(l.trim_start()))
            .chain(["", "，全市", "5G基站", "R&D经费", "（一）"].map(String::from))
        {
            let fast = JIEBA.tag(match word_head(&n) {
                "" => first_chars(&n, 6),
                head => head,
            });
            assert_eq!(fast.first().map(|t| t.tag.to_string()), six_chars(&n), "{n:?}");
            let kind = first_word_kind(&n, word_head(&n));
            kinds[kind as usize] += 1;
        }
        assert!(kinds.iter().all(|&k| k > 50), "{kinds:?}");
    }

    #[test]
    fn short_last_conjunct_answers_what_the_collected_tail_answered() {
        let collected = |p: &str| {
            let tail: Vec<char> = p.chars().rev().take(3).collect();
            tail.iter().skip(1).take(2).any(|c| CONJUNCTION.contains(*c))
                && tail.iter().all(|c| !c.is_ascii() && !is_closing(*c))
        };
        let mut lines = generated_lines(1..4);
        lines.extend(["", "和", "和名", "名和", "工程和名校", "和a", "及，"].map(String::from));
        let mut found = 0;
        for p in &lines {
            assert_eq!(short_last_conjunct(p), collected(p), "{p:?}");
            found += usize::from(collected(p));
        }
        assert!(found > 5, "{found}");
    }

    #[test]
    fn first_unit_width_measures_what_the_copied_pieces_measured() {
        // The pieces as they were measured: copied out into Strings.
        let copied = |n: &str| -> f32 {
            let mut chars = n.chars().peekable();
            let Some(first) = chars.next() else { return 0.0 };
            if first.is_ascii_alphanumeric() {
                let run: String = n.chars().take_while(|c| c.is_ascii_alphanumeric() || ".%+&-".contains(*c)).collect();
                return width(&run);
            }
            let closers: String = chars.take_while(|c| is_closing(*c)).collect();
            width(&first.to_string()) + width(&closers)
        };
        let mut lines = generated_lines(1..4);
        lines.extend(["", "a", "5G基站", "2.5%以上", "，）。", "）", "中"].map(String::from));
        for n in &lines {
            assert_eq!(first_unit_width(n).to_bits(), copied(n).to_bits(), "{n:?}");
        }
    }

    #[test]
    fn ends_and_starts_of_lines() {
        assert_eq!((last_chars("一二三4", 2), last_chars("一二", 6), last_chars("ab", 0)), ("三4", "一二", ""));
        assert_eq!((first_chars("一二三4", 2), first_chars("一二", 6), first_chars("ab", 0)), ("一二", "一二", ""));
    }

    #[test]
    fn split_words_are_found() {
        assert!(splits_word("争取省级重点科技专", "项1项"));
        assert!(splits_word("开工建设长三角五金研", "究院"));
        assert!(!splits_word("召开服务业发展大会", "落地信用惠企便民场景10个"));
    }

    #[test]
    fn splits_word_skips_the_cut_only_where_the_cut_finds_nothing() {
        // The cut made for every pair, against the answer with the pre-check.
        let cut = |p: &str, n: &str| {
            let (tail, head) = (last_chars(p, 6), first_chars(n, 6));
            let joined = [tail, head].concat();
            let join = tail.len();
            JIEBA.cut(&joined).iter().any(|t| t.byte_start < join && t.byte_end > join && !t.word.is_ascii())
        };
        let lines = [
            "争取省级重点科技专",
            "项1项",
            "开工建设长三角五金研",
            "究院",
            "召开服务业发展大会，",
            "，落地信用惠企便民场景10个",
            "（12个班）",
            "新建城东小学（36个班）、滨江幼儿园",
            "R&D经费",
            "GDP比重达2.66%",
            "5G基站",
            "“一校一品”",
            "全市 ",
            " 腾出用能空间",
            "\u{3000}标煤",
            "制定收入分配、公共服务、乡村",
            "振兴、精神文明",
            "㐀㐁",
            "豈更",
            "ab",
            "c_d",
            "PM2.5",
            "-",
            "《加强",
            "管理的意见》",
            "",
        ];
        for p in lines {
            for n in lines {
                assert_eq!(splits_word(p, n), cut(p, n), "{p:?} / {n:?}");
            }
        }
        assert!(is_block_char('中') && is_block_char('%') && is_block_char('㐀') && is_block_char('𠀀'));
        assert!(!is_block_char('，') && !is_block_char(' ') && !is_block_char('\u{3000}') && !is_block_char('（'));
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
    fn notes_colon_clauses_and_lists_go_on() {
        // Lines of the other-wording bank (src/gen/texts) that were once cut.
        assert!(gap_score("新建城东小学（36个班）、滨江幼儿园", "（12个班），改扩建实验中学", 17.0, false) < 0.0);
        assert!(short_last_clause("茶产业全产业链提升工程：新建"));
        assert!(list_runs_on("制定收入分配、公共服务、乡村", "振兴、精神文明等领域专项政策"));
        assert!(!list_runs_on("新增家庭农场80家、农民专业", "合作社示范社15家"));
        assert!(!list_runs_on("召开服务业发展大会", "建设区域医学影像、心电、检验"));
        assert!(opens_on_name("2022年省运会场馆保障") && opens_on_name("5G基站") && opens_on_name("12345热线"));
        assert!(!opens_on_name("30%以上") && !opens_on_name("1000家") && !opens_on_name("2000亩"));
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
    fn facts_of_a_padded_line_read_each_end_trimmed() {
        // Trailing blanks do not hide the figure above; leading blanks and a
        // full-width `５` do not hide the name below (`５G基站`, not a figure).
        let names = |p: &str, n: &str| -> Vec<&'static str> {
            let (p, n) = (LineFacts::new(p), LineFacts::new(n));
            gap_evidence_of(Weights::get(), &p, &n, 16.0, false).into_iter().map(|(name, _)| name).collect()
        };
        let padded = names("新增学位5320个\u{3000} ", "\u{3000}５G基站建设 ");
        assert!(padded.contains(&"ends_on_figure") && !padded.contains(&"opens_on_figure"), "{padded:?}");
        assert_eq!(names("\u{3000}", "新增学位"), Vec::<&str>::new());
        assert!(!names("7万吨  ", "  标煤").contains(&"figure_then_measure"));
        assert!(names("容量40", "  兆瓦").contains(&"figure_then_measure"));
    }

    #[test]
    fn a_figure_ends_after_its_magnitude_or_on_a_length() {
        // Narrow columns in other cities' wording (issue 13, item 8): `…20公里`
        // and `…8.6亿元` followed by a pledge opening on a noun were doubted.
        assert!(ends_with_figure("技术交易总额达到8.6亿元") && ends_with_figure("惠及居民1.2万户"));
        assert!(ends_with_figure("点15处，新建雨水管网20公里") && ends_with_figure("治理水土流失面积18平方公里"));
        assert!(ends_with_figure("清理违法建筑50万平方米") && !ends_with_figure("启动1平方公里以上"));
        assert!(
            !ends_with_figure("新增千百元")
                && !ends_with_figure("全市万亿")
                && !ends_with_figure("公交站点500米覆盖率")
        );
    }

    #[test]
    fn a_line_opening_on_a_label_leans_to_a_cut() {
        assert!(opens_on_label("农村供水工程:新建水厂1座,") && opens_on_label("城区:完成20个老旧小区加装"));
        assert!(opens_on_label("“放管服”改革:制定行政许可事项清单"));
        // One character (`…；镇` / `街：…`), a clause or a figure before the colon is no label.
        assert!(!opens_on_label("街:完成既有住") && !opens_on_label("完成3个,其中:新建") && !opens_on_label("2024年:"));
        let names = |p: &str, n: &str| -> Vec<&'static str> {
            gap_evidence(p, n, 14.0, false).into_iter().map(|(name, _)| name).collect()
        };
        let label = names("现代农业园区数字化改造项目", "城区：完成20个老旧小区加装");
        assert!(label.contains(&"opens_on_label") && !label.contains(&"first_word_pos"), "{label:?}");
    }

    #[test]
    fn a_full_line_ending_on_a_bounded_figure_or_a_measure_s_name() {
        // Narrow columns (issue 13, item 8): a bound closes its figure as the unit does.
        assert!(ends_with_figure("规模以上工业增加值增长8%以上") && ends_with_figure("创业致富项目4个以上"));
        assert!(ends_with_figure("不良贷款率控制在1%以内") && !ends_with_figure("创业致富项目4个以"));
        assert!(!ends_with_figure("启动1平方公里以上"));
        let names = |p: &str, n: &str| -> Vec<&'static str> {
            gap_evidence(p, n, 14.0, false).into_iter().map(|(name, _)| name).collect()
        };
        // A measure named above gets its value below.
        assert!(names("企业职工基本养老保险参保人数", "净增1.5万人").contains(&"measure_then_value"));
        assert!(names("每万人拥有公共文化设施面积", "达到3000平方米").contains(&"measure_then_value"));
        assert!(names("提高到11000元，孤困儿童年保障标准", "达21000元以上").contains(&"measure_then_value"));
        // Not when the clause has its figure, nor before a new pledge.
        assert!(!names("覆盖率达到95%，参保人数", "新增学位5320个").contains(&"measure_then_value"));
        assert!(!names("不良贷款率1%，新增参保人数3万", "达到").contains(&"measure_then_value"));
        assert!(!names("制定物业服务收费指导标准", "建立政务服务“好差评”制度").contains(&"measure_then_value"));
    }

    #[test]
    fn a_taller_step_leans_to_a_cut_graded_and_bounded() {
        let w = Weights::default();
        // Text input and lines of two columns have no step: no evidence.
        assert_eq!(line_step(&w, None), None);
        assert_eq!(line_step(&w, Some(1.0)), None);
        // A row's padding (1.4 pitches) against a cell's own step (1.0).
        let row = line_step(&w, Some(1.4)).unwrap();
        assert!((row - 0.4 * w.line_step).abs() < 1e-4, "{row}");
        // Bounded both ways: a blank line says the rest; pressed lines little.
        assert_eq!(line_step(&w, Some(3.0)), line_step(&w, Some(1.0 + w.line_step_ceiling)));
        assert_eq!(line_step(&w, Some(0.2)), Some(w.line_step * w.line_step_floor));
    }

    #[test]
    fn blank_line_is_a_cut() {
        assert!(gap_score("全覆盖", "创建“清廉社区”1个", 28.0, true) > 6.0);
    }

    #[test]
    fn an_override_changes_the_score() {
        let (p, n) = ("召开服务业发展大会", "落地信用惠企便民场景10个");
        let default = gap_score_with(&Weights::default(), p, n, 28.5, false);
        let louder = gap_score_with(&Weights::parse("opener=3.5").unwrap(), p, n, 28.5, false);
        assert!((louder - default - 2.0).abs() < 1e-4, "opener counts 3.5 instead of 1.5: {default} → {louder}");
        let names: Vec<&str> = gap_evidence(p, n, 28.5, false).into_iter().map(|(name, _)| name).collect();
        assert!(names.iter().all(|name| Weights::NAMES.contains(name)), "{names:?}");
    }
}
