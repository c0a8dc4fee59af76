//! Stage 2: lines → kinds.
//!
//! Each line is classified by its own shape (on the [folded](crate::lexicon::text::fold)
//! form), then department names are confirmed by context: a short line ending
//! in an office suffix is a department only when a table column follows it.
//!
//! ```
//! use pledges::layout::classify::{classify_line, Kind};
//! assert_eq!(classify_line("(一）指标类"), Kind::Category { ordinal: 1, name: "指标类".into() });
//! assert_eq!(classify_line(" 21"), Kind::Number(21));
//! assert_eq!(classify_line("１２月底前"), Kind::Deadline);
//! ```

use crate::lexicon::headers::{
    is_deadline_header, is_other_header, is_seq_header, is_target_header, DEADLINE_HEADERS, OTHER_HEADERS, SEQ_HEADERS,
    TARGET_HEADERS,
};
use crate::lexicon::text::{fold, fold_char, trimmed, CharSet};
use crate::model::Line;
use regex::{Regex, RegexSet};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::LazyLock;

/// What a line is, by shape and context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Blank,
    /// Paper name, date, editor, page number.
    Masthead,
    /// `（下转4版）` (`to` = true) or `（上接3版）`.
    Continuation {
        to: bool,
        page: u32,
    },
    /// The list's title, e.g. `“扛旗争先 拼搏实干”工作承诺清单`.
    Title,
    Department,
    /// `序号`.
    SeqHeader,
    /// `任务目标` and synonyms.
    TargetHeader,
    /// `完成时限` and synonyms.
    DeadlineHeader,
    /// Several column headers on one line (`序号 任务目标 完成时限`).
    HeaderRow,
    /// The header of a column besides number, target and deadline
    /// (`责任单位`, `责任人`): the text lines under it are its cells.
    OtherHeader,
    /// `（一）指标类`.
    Category {
        ordinal: u32,
        name: String,
    },
    /// A row number.
    Number(u32),
    /// A deadline cell (`12月底前`).
    Deadline,
    /// Anything else: target text or prose.
    Text,
}

/// What may follow a category's name: its count of rows (`（3项）`,
/// `（共3项）`) and a colon (`指标类：`), as other cities print them.
/// Read as text, such a line left its rows to the category before it.
macro_rules! category_tail {
    () => {
        r"\s*(?:[(]\s*共?\s*\d{1,3}\s*[项条个]\s*[)])?\s*:?$"
    };
}

static CATEGORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(r"^[(\[]?\s*([一二三四五六七八九十]{1,3})\s*[)\]、.]?\s*([\p{Han}]{1,6}类)", category_tail!()))
        .unwrap()
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[(]?(\d{1,3})[.、)]?$").unwrap());
/// A category named otherwise (`（一）重点项目`, `（五）改革任务`): a Chinese
/// ordinal in brackets and a short name, on a line of its own.
static OTHER_CATEGORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(r"^[(]\s*([一二三四五六七八九十]{1,3})\s*[)]\s*(\p{Han}{2,8})", category_tail!())).unwrap()
});
/// A category whose ordinal OCR garbled (`(-)指标类`, `〈二〉项目类`, `指标类`):
/// only the usual names are trusted without a readable ordinal.
static GARBLED_CATEGORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^[^\p{Han}\d]{0,4}[一二三四五六七八九十]?[^\p{Han}\d]{0,3}(指标类|项目类|政策类|其他类|改革类|民生类|服务类|制度类)",
        category_tail!()
    ))
    .unwrap()
});
static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(]?\s*(下转|上接|转|接)\s*第?\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*版\s*[)]?$").unwrap()
});
/// A masthead line: the date and weekday, the editor's credit, the paper's
/// name, the page. The credit is also one when OCR parted it from the rest
/// of the masthead and lost its colon (`责任编辑王某02`, dev seed 19
/// `ocr-mm10`): read as text, it went into the target of the row beside it.
static MASTHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d{4}年\d{1,2}月\d{1,2}日.{0,6}星期)|(编辑\s*[:：])|(^责任编辑)|(DAILY|日报\s*$)|(^第\s*\d{1,2}\s*版$)",
    )
    .unwrap()
});
static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(\d{4}年)?(",
        r"\d{1,2}月(\d{1,2}日)?(底|末|中旬|上旬|下旬|份)?|年底|年内|全年|[上下]半年|[一二三四1-4]季度(末|底)?",
        r")(前|以前|之前)?(完成)?$|^(长期坚持|持续推进|常态化推进|常态化|长期|持续)$"
    ))
    .unwrap()
});
static DEPARTMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{Han}（）()]{2,24}(局|委|办|院|中心|委员会|办公室|部|队|所|站|馆|公司|集团|会|处|厅|街道|镇|乡|政府|分局|支行|园区|管委会|联|社|行|区|组|室|厂|校|关|协)$").unwrap()
});

/// The anchored cell patterns of [`cell_kind`], in its order, as one set.
#[derive(Clone, Copy)]
enum CellShape {
    Number,
    Category,
    Garbled,
    Other,
    Continuation,
    Deadline,
}

/// [`CellShape`]'s patterns, matched in one pass over a short line.
static CELL_SHAPES: LazyLock<RegexSet> = LazyLock::new(|| {
    let shapes = [&NUMBER, &CATEGORY, &GARBLED_CATEGORY, &OTHER_CATEGORY, &CONTINUATION, &DEADLINE];
    RegexSet::new(shapes.map(|re| re.as_str())).unwrap()
});

/// What the reader of a document knows about its lines beyond their
/// text, handed down explicitly to everything that classifies them
/// ([`classify_line_in`], [`classify_in`], [`crate::layout::unfold::rewrite`],
/// [`crate::run::page::extract_lines_in`]). Text pages have none
/// ([`Context::none`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// Deadline cells with a recognizer's slip, as the geometry found them
    /// in a deadline column, in [`slipped_key`] form.
    slipped_deadlines: HashSet<String>,
}

static NO_CONTEXT: LazyLock<Context> = LazyLock::new(Context::default);

impl Context {
    /// No context: every line is read by its text alone.
    pub fn none() -> &'static Context {
        &NO_CONTEXT
    }

    /// `cells` read as deadlines wherever they stand alone: the texts that
    /// positioned input showed in a deadline column one recognizer's slip
    /// away from a deadline (`12月底口`; see
    /// [`crate::fields::deadline::one_slip_from_deadline`]). Text alone
    /// cannot tell them from a target's words, the column can; read as text
    /// they would turn a department's deadline column short by one and
    /// misalign every row after. The text is kept as the recognizer gave it.
    pub fn with_slipped_deadlines<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> Context {
        Context { slipped_deadlines: cells.into_iter().map(|c| slipped_key(c.as_ref())).collect() }
    }

    /// Whether a line, white space removed and folded, is a slipped deadline cell.
    fn is_slipped_deadline(&self, compact: &str) -> bool {
        !self.slipped_deadlines.is_empty() && self.slipped_deadlines.contains(compact)
    }
}

/// The form [`Context`] keeps a slipped deadline cell in.
fn slipped_key(text: &str) -> String {
    fold(text).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Classifies one line by its shape alone (departments are only candidates
/// here; [`classify`] confirms them).
pub fn classify_line(text: &str) -> Kind {
    classify_line_in(text, Context::none())
}

/// [`classify_line`] with what the document's reader knows ([`Context`]).
pub fn classify_line_in(text: &str, ctx: &Context) -> Kind {
    if text.is_empty() {
        return Kind::Blank;
    }
    if let Some(n) = plain_row_number(text) {
        return Kind::Number(n);
    }
    // A context without slipped deadlines answers as none does: its short
    // lines are remembered.
    if text.len() <= REMEMBERED_LINE_BYTES && ctx.slipped_deadlines.is_empty() {
        return remembered_line_kind(text);
    }
    classify_by_shape(text, ctx)
}

/// A line of one to three ASCII digits and nothing else, as most row
/// numbers are printed: `NUMBER` takes it whole before any other shape is
/// asked (no header or name is digits), in any context. A page's hundred
/// numbers skip the memo's hash and lookup.
fn plain_row_number(text: &str) -> Option<u32> {
    let digits = text.as_bytes();
    if !(1..=3).contains(&digits.len()) || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(digits.iter().fold(0, |n, &d| n * 10 + u32::from(d - b'0')))
}

/// The longest line, in bytes, whose kind a thread remembers: row numbers,
/// deadline cells, categories, headers and most department names (ten
/// ideographs), which come back page after page; longer lines are mostly
/// target text, seldom seen twice.
const REMEMBERED_LINE_BYTES: usize = 32;

/// How many distinct short lines a thread remembers the kind of.
const REMEMBERED_LINES: usize = 4096;

/// [`classify_by_shape`] of a short line without context, remembered per
/// thread: a page's number and deadline columns are some 300 short lines,
/// each of which cost a shape pass, the header compares and the cell memo's
/// lookup of its folded form (≈ 450 instructions); the lookup of the line
/// as printed is all that is left.
fn remembered_line_kind(text: &str) -> Kind {
    thread_local! {
        // FxHash: keys are short lines of this process's own input.
        static SEEN: RefCell<FxHashMap<Box<str>, Kind>> = RefCell::new(FxHashMap::default());
    }
    if let Some(kind) = SEEN.with_borrow(|seen| seen.get(text).cloned()) {
        return kind;
    }
    let kind = classify_by_shape(text, Context::none());
    SEEN.with_borrow_mut(|seen| {
        // Forgetting everything now and then keeps memory flat over an archive.
        if seen.len() >= REMEMBERED_LINES {
            seen.clear();
        }
        seen.insert(text.into(), kind.clone());
    });
    kind
}

/// [`classify_line_in`], worked out.
fn classify_by_shape(text: &str, ctx: &Context) -> Kind {
    // One pass over the chars answers what the tests below ask of the line's
    // shape; most lines need neither folding nor compacting and are borrowed.
    let shape = Shape::of(text);
    if shape.solid_chars == 0 {
        return Kind::Blank;
    }
    if shape.solid_chars > LONGEST_CELL {
        return classify_long(text, shape);
    }
    let folded: Cow<str> = if shape.folds { fold(text).into() } else { text.into() };
    let t = trimmed(&folded);
    let compact: Cow<str> = if shape.white { t.chars().filter(|c| !c.is_whitespace()).collect() } else { t.into() };
    let compact = compact.as_ref();
    if let Some(k) = header_kind(t, compact, shape.white) {
        return k;
    }
    // Most lines are target text longer than any cell pattern can match:
    // they skip the anchored patterns (byte-identical, ≈ 2× faster classify).
    let short = shape.solid_chars <= LONGEST_CELL;
    if short {
        if let Some(k) = remembered_cell_kind(t, compact) {
            return k;
        }
        if ctx.is_slipped_deadline(compact) {
            return Kind::Deadline;
        }
    }
    if shape.masthead_char && may_be_masthead(t) && MASTHEAD.is_match(t) && t.chars().count() <= 60 {
        return Kind::Masthead;
    }
    if is_title(compact, shape.solid_chars) {
        return Kind::Title;
    }
    if short && may_end_department(compact) && DEPARTMENT.is_match(department_name(compact)) {
        return Kind::Department;
    }
    Kind::Text
}

/// [`classify_by_shape`] of a line longer than any cell ([`LONGEST_CELL`]):
/// only a header row, a masthead, a title or text. It is folded and
/// compacted only when it may be a masthead or a title: a header row's
/// words split at the same places in both forms (the ideographic space
/// folds to a space, nothing else to white space) and none is a header
/// word with a full-width form in it. Most long lines are target text, and
/// their fold and compact copies were most of their cost.
fn classify_long(text: &str, shape: Shape) -> Kind {
    if shape.white && header_row(trimmed(text), true).is_some() {
        return Kind::HeaderRow;
    }
    // A title's compact form ends on `清单`: its last solid char is `单`.
    let may_be_title = text.trim_end().ends_with('单');
    if !(shape.masthead_char || may_be_title) {
        return Kind::Text;
    }
    let folded: Cow<str> = if shape.folds { fold(text).into() } else { text.into() };
    let t = trimmed(&folded);
    if shape.masthead_char && may_be_masthead(t) && MASTHEAD.is_match(t) && t.chars().count() <= 60 {
        return Kind::Masthead;
    }
    let compact: Cow<str> = if shape.white { t.chars().filter(|c| !c.is_whitespace()).collect() } else { t.into() };
    if is_title(&compact, shape.solid_chars) {
        return Kind::Title;
    }
    Kind::Text
}

/// What [`classify_line_in`] asks of a line's chars, gathered in one pass
/// (each question was a pass of its own: ≈ 4 passes per line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    /// Whether [`fold`] changes the line.
    folds: bool,
    /// Whether it holds white space (its compact form is shorter).
    white: bool,
    /// How many chars are not white space: the compact form's length in
    /// chars (folding maps a char to one char, white space to white space).
    solid_chars: usize,
    /// Whether a folded char opens a literal of `MASTHEAD` ([`may_be_masthead`]).
    masthead_char: bool,
}

impl Shape {
    /// Byte by byte, an ideograph (lead byte E4..=E9, U+4000..=U+9FFF) in
    /// one step: none of them is white space or folds, and only `日`, `星`
    /// (E6) and `版`, `编` (E7) open a masthead literal; an ASCII byte in one
    /// step too. Only other chars are decoded ([`Shape::of_chars`]'s
    /// questions; a test checks every char). Decoding every char and asking
    /// the Unicode white space table of each cost ≈ 30 instructions a char.
    fn of(text: &str) -> Shape {
        let bytes = text.as_bytes();
        let mut shape = Shape { folds: false, white: false, solid_chars: 0, masthead_char: false };
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            let white = match b {
                0xE4..=0xE9 => {
                    if b == 0xE6 || b == 0xE7 {
                        let char = bytes.get(at..at + 3);
                        shape.masthead_char |= MASTHEAD_IDEOGRAPHS.iter().any(|m| Some(m.as_slice()) == char);
                    }
                    at += 3;
                    false
                }
                0..=0x7F => {
                    shape.masthead_char |= b == b'D';
                    at += 1;
                    matches!(b, b'\t'..=b'\r' | b' ')
                }
                _ => {
                    let c = text[at..].chars().next().expect("a char opens here");
                    let f = fold_char(c);
                    shape.folds |= f != c;
                    shape.masthead_char |= matches!(f, '版' | '星' | '编' | '日' | 'D');
                    at += c.len_utf8();
                    f.is_whitespace()
                }
            };
            if white {
                shape.white = true;
            } else {
                shape.solid_chars += 1;
            }
        }
        shape
    }

    /// [`Shape::of`] char by char, as it was written first: the oracle of its tests.
    #[cfg(test)]
    fn of_chars(text: &str) -> Shape {
        let mut shape = Shape { folds: false, white: false, solid_chars: 0, masthead_char: false };
        for c in text.chars() {
            let f = fold_char(c);
            shape.folds |= f != c;
            if f.is_whitespace() {
                shape.white = true;
            } else {
                shape.solid_chars += 1;
            }
            shape.masthead_char |= matches!(f, '版' | '星' | '编' | '日' | 'D');
        }
        shape
    }
}

/// The UTF-8 of the ideographs that open a literal of `MASTHEAD`
/// (`日`, `星`, `版`, `编`; a test checks them).
const MASTHEAD_IDEOGRAPHS: [[u8; 3]; 4] =
    [[0xE6, 0x97, 0xA5], [0xE6, 0x98, 0x9F], [0xE7, 0x89, 0x88], [0xE7, 0xBC, 0x96]];

/// Whether `t` holds a literal that every match of `MASTHEAD` holds (`星期`,
/// `编辑`, `DAILY`, `日报`; or it opens on `第` and ends on `版`): a cheap test that spares most lines the
/// regex search, which has no literal prefix to skip ahead with. Asked
/// only of lines with a char that opens one ([`Shape::masthead_char`]).
fn may_be_masthead(t: &str) -> bool {
    // `版` only ends a match of `^第\s*\d{1,2}\s*版$`, which also opens on `第`
    // (target text prints `1.0版` and `版权`).
    let page = t.starts_with('第') && t.ends_with('版');
    page || t.contains("星期") || t.contains("编辑") || t.contains("日报") || t.contains("DAILY")
}

/// The most characters (after white space is removed) that a line matched
/// by [`cell_kind`] or `DEPARTMENT` can have: a department name of 24 plus `委员会`. The
/// other anchored patterns are shorter (a deadline cell at most 17, as
/// `2022年12月31日以前完成`, also after [`crate::fields::deadline`] spells
/// out `2022年底` as `2022年年底`).
const LONGEST_CELL: usize = 27;

/// Whether `compact` (a line without white space) may be a department
/// line: `DEPARTMENT.is_match(department_name(compact))` can hold only if
/// its last char ends one of `DEPARTMENT`'s suffixes (the name's last
/// char) or is one that [`DEPARTMENT_DECOR`]'s suffix can end on (a colon,
/// the `诺`/`项` of `工作承诺`/`承诺事项`, the `年`/`度` of a year; white space
/// `compact` has none): a line ending on none of those ends where its
/// [`department_name`] ends. Most short text lines (`召开服务业发展大会`,
/// `新增企业5家`) end on neither and spare both patterns. Keep it in step
/// with them (a test checks the suffixes).
fn may_end_department(compact: &str) -> bool {
    // The last chars of `DEPARTMENT`'s suffixes, then those of the decoration's.
    static ENDS: LazyLock<CharSet> =
        LazyLock::new(|| CharSet::new("局委办院心会室部队所站馆司团处厅道镇乡府行区联社组厂校关协:：诺项年度"));
    compact.chars().next_back().is_some_and(|c| ENDS.contains(c))
}

/// [`cell_kind`], remembered per thread: the number and deadline columns
/// repeat a few dozen short lines (`3`, `12月底前`) page after page, and
/// each costs several regex searches.
fn remembered_cell_kind(t: &str, compact: &str) -> Option<Kind> {
    thread_local! {
        // FxHash: keys are short lines of this process's own input, and
        // SipHash cost more than the lookup it guards.
        static SEEN: RefCell<FxHashMap<String, Option<Kind>>> = RefCell::new(FxHashMap::default());
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(k) = seen.get(t) {
            return k.clone();
        }
        // Forgetting everything now and then keeps memory flat over an archive.
        if seen.len() >= REMEMBERED_CELLS {
            seen.clear();
        }
        let k = cell_kind(t, compact);
        seen.insert(t.to_owned(), k.clone());
        k
    })
}

/// How many distinct short lines a thread remembers the kind of.
const REMEMBERED_CELLS: usize = 4096;

/// Numbers, categories, continuation markers and deadlines: the kinds
/// whose patterns match a whole short line.
fn cell_kind(t: &str, compact: &str) -> Option<Kind> {
    // One pass says which shapes the line has; only those are captured.
    let shapes = CELL_SHAPES.matches(compact);
    let has = |shape: CellShape| shapes.matched(shape as usize);
    let caps = |shape: CellShape, re: &'static Regex| if has(shape) { re.captures(compact) } else { None };
    if let Some(c) = caps(CellShape::Number, &NUMBER) {
        return Some(Kind::Number(c[1].parse().unwrap_or(0)));
    }
    if let Some(c) = caps(CellShape::Category, &CATEGORY) {
        return Some(Kind::Category { ordinal: chinese_ordinal(&c[1]), name: c[2].to_owned() });
    }
    if let Some(c) = caps(CellShape::Garbled, &GARBLED_CATEGORY) {
        return Some(Kind::Category { ordinal: 0, name: c[1].to_owned() });
    }
    if let Some(c) = caps(CellShape::Other, &OTHER_CATEGORY) {
        return Some(Kind::Category { ordinal: chinese_ordinal(&c[1]), name: c[2].to_owned() });
    }
    if let Some(n) = ocr_number(compact).or_else(|| circled_number(compact)) {
        return Some(Kind::Number(n));
    }
    if let Some(c) = caps(CellShape::Continuation, &CONTINUATION) {
        let page = c[2].parse().unwrap_or_else(|_| chinese_ordinal(&c[2]));
        return Some(Kind::Continuation { to: matches!(&c[1], "下转" | "转"), page });
    }
    if has(CellShape::Deadline) || crate::fields::deadline::is_deadline(t) {
        return Some(Kind::Deadline);
    }
    None
}

/// A list's title (`“扛旗争先 拼搏实干”工作承诺清单`, `2023年为民办实事项目清单`):
/// it names a list of pledges, work or tasks, and has no clauses. Pledges
/// end in 清单 too (`出台政府采购负面清单`, `…，调整公布县级部门权责清单`).
fn is_title(compact: &str, chars: usize) -> bool {
    compact.ends_with("清单")
        && chars <= 40
        && !compact.contains(['，', '；', '：', '。', ',', ';', ':'])
        && ["承诺", "任务", "实事", "工作"].iter().any(|w| compact.contains(w))
}

/// The header a line is, if any; `white`: whether `t` holds white space
/// (a header row has several words, each header one).
fn header_kind(t: &str, compact: &str, white: bool) -> Option<Kind> {
    if compact.len() <= *LONGEST_HEADER { single_header_kind(compact) } else { None }.or_else(|| header_row(t, white))
}

/// The longest header word, in bytes: a longer line is none (most lines).
static LONGEST_HEADER: LazyLock<usize> = LazyLock::new(|| {
    let lists = [SEQ_HEADERS, TARGET_HEADERS, DEADLINE_HEADERS, OTHER_HEADERS];
    lists.iter().flat_map(|l| l.iter()).map(|w| w.len()).max().unwrap_or(0)
});

/// The header `compact` is, if it is one word of the header lists.
fn single_header_kind(compact: &str) -> Option<Kind> {
    if is_seq_header(compact) {
        return Some(Kind::SeqHeader);
    }
    if is_target_header(compact) {
        return Some(Kind::TargetHeader);
    }
    if is_deadline_header(compact) {
        return Some(Kind::DeadlineHeader);
    }
    if is_other_header(compact) {
        return Some(Kind::OtherHeader);
    }
    None
}

/// [`Kind::HeaderRow`] when `t` is several header words.
fn header_row(t: &str, white: bool) -> Option<Kind> {
    if !white {
        return None;
    }
    let mut words = t.split_whitespace();
    let all_headers = t.split_whitespace().nth(1).is_some()
        && words.all(|w| is_seq_header(w) || is_target_header(w) || is_deadline_header(w) || is_other_header(w));
    all_headers.then_some(Kind::HeaderRow)
}

/// A row number in which OCR read a digit as a letter (`l2`, `1O`, `I`).
fn ocr_number(compact: &str) -> Option<u32> {
    if compact.chars().count() > 3 || !compact.chars().any(|c| c.is_ascii_digit() || c == 'l' || c == 'I') {
        return None;
    }
    let digits: Option<String> = compact
        .chars()
        .map(|c| match c {
            '0'..='9' => Some(c),
            'l' | 'I' | '|' => Some('1'),
            'O' | 'o' => Some('0'),
            _ => None,
        })
        .collect();
    digits?.parse().ok().filter(|n| *n > 0)
}

/// A row number printed as one enclosed numeral (`①`, `⑴`, `⒈`, `❶`),
/// as other lists number their rows. Read as text, every row of such a
/// list was lost.
fn circled_number(compact: &str) -> Option<u32> {
    let mut chars = compact.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else { return None };
    // Each run of enclosed numerals, from its 1.
    let runs = [('①', 20), ('⑴', 20), ('⒈', 20), ('❶', 10), ('➀', 10), ('➊', 10)];
    runs.iter().find_map(|&(one, len)| {
        let n = (c as u32).checked_sub(one as u32)? + 1;
        (n <= len).then_some(n)
    })
}

/// `一`..`九十九` as a number (0 when it is not one).
pub(crate) fn chinese_ordinal(s: &str) -> u32 {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] => digit(*c).unwrap_or(if *c == '十' { 10 } else { 0 }),
        ['十', u] => 10 + digit(*u).unwrap_or(0),
        [t, '十'] => digit(*t).unwrap_or(0) * 10,
        [t, '十', u] => digit(*t).unwrap_or(0) * 10 + digit(*u).unwrap_or(0),
        _ => 0,
    }
}

/// Classifies every line of a page, confirming departments by what follows.
pub fn classify(lines: &[Line]) -> Vec<Kind> {
    classify_in(lines, Context::none())
}

/// [`classify`] with what the document's reader knows ([`Context`]).
pub fn classify_in(lines: &[Line], ctx: &Context) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = lines.iter().map(|l| classify_line_in(&l.text, ctx)).collect();
    for i in 0..kinds.len() {
        if kinds[i] == Kind::Department && !table_follows(&kinds, i) {
            kinds[i] = Kind::Text;
        }
        // (The context first: it is a few compares, the name's test scans the line.)
        if kinds[i] == Kind::Text && seq_header_follows(&kinds, i) && looks_like_name(&lines[i].text) {
            kinds[i] = Kind::Department;
        }
    }
    // A name wrapped over two lines: the first part stands right before the
    // confirmed department line (`市文化和广电旅游体` / `育局`).
    for i in (0..kinds.len().saturating_sub(1)).rev() {
        if kinds[i] == Kind::Text && kinds[i + 1] == Kind::Department && wraps_into(&lines[i].text, &lines[i + 1].text)
        {
            kinds[i] = Kind::Department;
        }
    }
    for i in 0..kinds.len() {
        if matches!(kinds[i], Kind::Number(_)) && beside_masthead(&kinds, i) {
            kinds[i] = Kind::Masthead;
        }
    }
    kinds
}

/// A page number printed on a line of its own next to the masthead.
fn beside_masthead(kinds: &[Kind], i: usize) -> bool {
    let before = kinds[..i].iter().rev().find(|k| **k != Kind::Blank);
    let after = kinds[i + 1..].iter().find(|k| **k != Kind::Blank);
    before == Some(&Kind::Masthead) || (before.is_none() && after == Some(&Kind::Masthead))
}

/// A department heading's name without what other lists print around it:
/// an ordinal before it (`3.市教育局`, `一、市教育局`), a label
/// (`承诺单位：市教育局`), a suffix (`市教育局工作承诺`, `市教育局2022年度工作承诺`)
/// or a colon. Read as
/// text, such a heading left its table without a department; kept whole, it
/// named the department otherwise than every other list.
///
/// ```
/// use pledges::layout::classify::department_name;
/// assert_eq!(department_name("3.市教育局"), "市教育局");
/// assert_eq!(department_name("承诺单位：市教育局"), "市教育局");
/// assert_eq!(department_name("市教育局工作承诺"), "市教育局");
/// assert_eq!(department_name("市教育局2022年工作承诺"), "市教育局");
/// assert_eq!(department_name("市教育局"), "市教育局");
/// ```
pub fn department_name(line: &str) -> &str {
    if undecorated(line) {
        return line;
    }
    name_by_pattern(line)
}

/// [`department_name`] by [`DEPARTMENT_DECOR`] alone.
fn name_by_pattern(line: &str) -> &str {
    match DEPARTMENT_DECOR.captures(line) {
        Some(c) if !c[1].is_empty() => c.get(1).map_or(line, |m| m.as_str()),
        _ => trimmed(line),
    }
}

/// [`department_name`]'s pattern, in printed and folded forms alike: the
/// name is the shortest middle that leaves a prefix and a suffix it knows.
static DEPARTMENT_DECOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^\s*(?:(?:承诺|责任)单位\s*[:：]\s*)?",
        r"(?:[(（]?\s*[0-9０-９]{1,2}\s*[)）.．、]|[一二三四五六七八九十]{1,3}\s*、)?\s*",
        r"(.*?)",
        r"\s*(?:[0-9０-９]{4}\s*年度?)?\s*(?:工作承诺事项|工作承诺|承诺事项)?\s*[:：]?\s*$"
    ))
    .unwrap()
});

/// Whether `line` is one that [`DEPARTMENT_DECOR`] leaves whole: it opens
/// on nothing its prefix can take (white space, the label `承诺单位`/`责任单位`,
/// an ordinal's bracket, digit or `一`…`十`) and ends on no char its suffix
/// can take (white space, a colon, the `诺`/`项` of the words, the `年`/`度` of
/// a year), so
/// the prefix and suffix match nothing and the shortest middle is the whole
/// line (`.` takes any char but a line break). Most lines (target text,
/// department names as the presets print them) are such, and spare the
/// regex's bounded backtracker (its lazy middle before an optional suffix
/// is tried at every char): ≈ 5 M instructions per full table page.
/// Keep it in step with the pattern.
fn undecorated(line: &str) -> bool {
    let (Some(first), Some(last)) = (line.chars().next(), line.chars().next_back()) else {
        return true;
    };
    // A label opens only on its whole first word (`承办…现场会` is no label).
    let opens_label = line.starts_with("承诺单位") || line.starts_with("责任单位");
    let opens_decor = first.is_whitespace()
        || opens_label
        || matches!(first, '(' | '（' | '0'..='9' | '０'..='９')
        || matches!(first, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十');
    // A year (`2022年`, `2022年度`) is a suffix of its own.
    let closes_decor = last.is_whitespace() || matches!(last, ':' | '：' | '诺' | '项' | '年' | '度');
    !opens_decor && !closes_decor && !line.contains('\n')
}

/// Whether a department's name (as [`department_name`] gives it) ends the
/// way an office's does (`…局`, `…中心`, `…办公室`). [`classify`] also takes
/// any short line of ideographs right before `序号` or a category for a
/// heading, since other lists print other names; where the text layer moved
/// lines (plain `pdftotext` of newspaper columns), that line is as often a
/// target's wrapped line (`项目全流程管理的实`), so rows under a name that is
/// no office's are in doubt.
pub fn names_an_office(name: &str) -> bool {
    DEPARTMENT.is_match(name)
}

/// Whether `head` is the first line of a department name that goes on in
/// `tail`: a name opens with its place (市/县/区…), its wrapped tail does not
/// (so `头条` before `市测试局` stays a heading).
fn wraps_into(head: &str, tail: &str) -> bool {
    let place = |t: &str| trimmed(t).starts_with(['市', '县', '区', '镇', '乡', '省', '国']);
    let head = department_name(head);
    head.chars().count() <= 16 && looks_like_name(head) && place(head) && !place(tail)
}

/// A short line of ideographs with no punctuation or figures: a name.
fn looks_like_name(text: &str) -> bool {
    let t = department_name(text);
    (2..=20).contains(&t.chars().count()) && t.chars().all(|c| crate::lexicon::text::is_han(c) || "（）()".contains(c))
}

/// Whether `序号`, a header row or a category header follows line `i`:
/// in a linearized page only a department's name stands right before them.
fn seq_header_follows(kinds: &[Kind], i: usize) -> bool {
    next_column_line(kinds, i).is_some_and(|k| matches!(k, Kind::SeqHeader | Kind::HeaderRow | Kind::Category { .. }))
}

/// The next line after `i` past blank lines and the target/deadline headers
/// that row-by-row tables print under the name.
fn next_column_line(kinds: &[Kind], i: usize) -> Option<&Kind> {
    kinds[i + 1..].iter().find(|k| !matches!(k, Kind::Blank | Kind::TargetHeader | Kind::DeadlineHeader))
}

/// Whether a table column follows line `i`.
fn table_follows(kinds: &[Kind], i: usize) -> bool {
    next_column_line(kinds, i).is_some_and(|k| {
        // Not a target or deadline header: the last line of one target cell
        // (召开服务业发展大会) often stands right before the next column's header.
        matches!(k, Kind::SeqHeader | Kind::HeaderRow | Kind::Category { .. } | Kind::Number(_))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::corpus_lines;

    #[test]
    fn an_undecorated_line_is_its_own_department_name() {
        // Every line of the corpus, and lines made to sit on each edge of
        // the test: where `undecorated` says the pattern leaves a line
        // whole, it does.
        let mut lines = corpus_lines();
        let made = [
            "市教育局",
            "市教育局 ",
            " 市教育局",
            "3.市教育局",
            "３、市教育局",
            "(1)市教育局",
            "（一）市教育局",
            "一、市教育局",
            "十二、市教育局",
            "承诺单位：市教育局",
            "责任单位:市教育局",
            "市教育局工作承诺",
            "市教育局承诺事项",
            "市教育局工作承诺事项",
            "市教育局：",
            "市教育局:",
            "市教育局承",
            "市教育局事项",
            "市教育\n局",
            "市教育局\r",
            "\u{3000}市教育局",
            "市教育局\u{3000}",
            "",
            "一",
            "承",
            "诺",
            "：",
            "局",
            "市 教育局",
            "市(教育)局",
            "教育局）",
            "(市教育局",
            "承担工作",
            "一季度增长",
            "市承诺局",
            "市教育局2022年",
            "市教育局２０２２年度",
            "市教育局2022年度：",
            "承办现场会",
            "承诺单位市教育局",
            "承诺市教育局",
            "责任市教育局",
            "责任单位 ：市教育局",
        ];
        lines.extend(made.iter().map(|s| s.to_string()));
        let mut whole = 0;
        for line in &lines {
            if undecorated(line) {
                assert_eq!(name_by_pattern(line), line, "{line:?}");
                whole += 1;
            }
            assert_eq!(department_name(line), name_by_pattern(line), "{line:?}");
        }
        assert!(whole > 1000 && whole < lines.len(), "{whole} of {}", lines.len());
    }

    #[test]
    fn a_line_that_may_not_end_a_department_is_none() {
        // Every suffix of the pattern ends on a char the test lets through.
        let pattern = DEPARTMENT.as_str();
        let suffixes = &pattern[pattern.find("]{2,24}(").unwrap() + 8..pattern.len() - 2];
        for suffix in suffixes.split('|') {
            assert!(may_end_department(suffix), "{suffix}");
        }
        let made = [
            "市教育局",
            "市教育局：",
            "市教育局工作承诺",
            "市教育局承诺事项",
            "市教育局2022年",
            "市教育局2022年度",
            "3.市教育局",
            "新增企业5家",
            "召开大会",
            "局",
            "",
            "完成调查",
        ];
        let mut lines = corpus_lines();
        lines.extend(made.iter().map(|s| s.to_string()));
        let mut skipped = 0;
        for line in &lines {
            let compact: String = fold(line).chars().filter(|c| !c.is_whitespace()).collect();
            if !may_end_department(&compact) {
                assert!(!DEPARTMENT.is_match(department_name(&compact)), "{line:?}");
                skipped += 1;
            }
        }
        assert!(skipped > 1000, "{skipped}");
    }

    /// `classify_line_in` as it was before [`Shape`]: a pass per question.
    fn classify_line_by_passes(text: &str, ctx: &Context) -> Kind {
        let folded: Cow<str> = if text.chars().any(|c| fold_char(c) != c) { fold(text).into() } else { text.into() };
        let t = folded.trim();
        if t.is_empty() {
            return Kind::Blank;
        }
        let compact: Cow<str> =
            if t.contains(char::is_whitespace) { t.chars().filter(|c| !c.is_whitespace()).collect() } else { t.into() };
        let compact = compact.as_ref();
        if let Some(k) = single_header_kind(compact).or_else(|| header_row(t, true)) {
            return k;
        }
        let short = compact.chars().count() <= LONGEST_CELL;
        if short {
            if let Some(k) = cell_kind(t, compact) {
                return k;
            }
            if ctx.is_slipped_deadline(compact) {
                return Kind::Deadline;
            }
        }
        let masthead_char = t.chars().any(|c| matches!(c, '版' | '星' | '编' | '日' | 'D'));
        if masthead_char && may_be_masthead(t) && MASTHEAD.is_match(t) && t.chars().count() <= 60 {
            return Kind::Masthead;
        }
        if is_title(compact, compact.chars().count()) {
            return Kind::Title;
        }
        if short && DEPARTMENT.is_match(department_name(compact)) {
            return Kind::Department;
        }
        Kind::Text
    }

    #[test]
    fn one_pass_classifies_as_a_pass_per_question() {
        let made = [
            "",
            " ",
            "\u{3000}",
            "　１２　",
            "序号",
            " 序号 ",
            "序号 任务目标 完成时限",
            "序号　任务目标",
            "任务目标 abc",
            "ＤＡＩＬＹ",
            "融媒编辑：蒋立峰03 YONGKANG DAILY",
            "第 3 版",
            "2023年为民办实事项目清单",
            "市教育局：",
            "（一）指标类",
            "12月底口",
            " 12 月底口 ",
            "①",
            "l2",
            "\t市测试局\t",
            "责任单位 责任人",
            "时政·要闻2019年1月1日 星期二 融媒编辑：蒋立峰01 ＹＯＮＧＫＡＮＧ ＤＡＩＬＹ",
            "要闻　要闻　要闻　要闻　要闻　要闻　要闻　要闻　要闻　要闻　ＹＯＮＧＫＡＮＧ　ＤＡＩＬＹ",
            "序号　任务目标　完成时限　责任单位　责任人　牵头领导　配合单位　责任部门",
            "序号 任务目标 完成时限 责任单位 责任人 牵头领导 配合单位 责任部门 ｘ",
            "“奋战开门红 实干争先”２０２３年度全市重点工作 承 诺 清 单",
            "“奋战开门红实干争先”２０２３年度全市重点工作任务推进落实清单",
            "“奋战开门红实干争先”２０２３年度全市重点工作任务，推进落实清单",
            "第１２版",
            "第 12 版",
            "出台《数据安全管理办法（1.0版）》",
        ];
        let ctx = Context::with_slipped_deadlines(["１２月底口"]);
        let mut lines = corpus_lines();
        lines.extend(made.iter().map(|s| s.to_string()));
        for line in &lines {
            for ctx in [Context::none(), &ctx] {
                assert_eq!(classify_line_in(line, ctx), classify_line_by_passes(line, ctx), "{line:?}");
            }
        }
    }

    /// Every line of one to four ASCII digits (and a few others) is what
    /// working it out by shape says.
    #[test]
    fn plain_row_numbers_are_classified_as_worked_out() {
        let mut texts: Vec<String> = (0..10_000).map(|n| n.to_string()).collect();
        texts.extend((0..1000).map(|n| format!("{n:03}")));
        texts.extend(["", "1 ", " 1", "1.", "(1)", "１", "12a", "٣"].map(String::from));
        let ctx = Context::with_slipped_deadlines(["１２月底口", "1"]);
        for text in &texts {
            for ctx in [Context::none(), &ctx] {
                assert_eq!(classify_line_in(text, ctx), classify_by_shape(text, ctx), "{text:?}");
            }
            let plain = plain_row_number(text);
            assert_eq!(plain.is_some(), (1..=3).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    /// A line's shape byte by byte is its shape char by char: every char
    /// alone, between ideographs and doubled, and every corpus line.
    #[test]
    fn shape_by_bytes_is_shape_by_chars() {
        let ideographs: Vec<String> =
            MASTHEAD_IDEOGRAPHS.iter().map(|m| String::from_utf8(m.to_vec()).unwrap()).collect();
        assert_eq!(ideographs, ["日", "星", "版", "编"]);
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            for s in [format!("{c}"), format!("新{c}a{c}"), format!("{c}{c}日"), format!("ab{c}")] {
                assert_eq!(Shape::of(&s), Shape::of_chars(&s), "{c:?} {s:?}");
            }
        }
        for line in corpus_lines() {
            assert_eq!(Shape::of(&line), Shape::of_chars(&line), "{line:?}");
        }
    }

    /// The memo of short lines answers, first time and again, what
    /// working a line out answers.
    #[test]
    fn remembered_lines_are_classified_as_worked_out() {
        let mut lines = corpus_lines();
        lines.extend(["", " ", "1", "１", "（一）指标类", "12月底前", "序号", "市测试局"].map(String::from));
        let short = lines.iter().filter(|l| l.len() <= REMEMBERED_LINE_BYTES).count();
        assert!(short > 1000, "{short}");
        for _ in 0..2 {
            for line in &lines {
                assert_eq!(classify_line(line), classify_by_shape(line, Context::none()), "{line:?}");
            }
        }
    }

    fn lines(texts: &[&str]) -> Vec<Line> {
        Line::numbered(texts.iter().copied())
    }

    /// A cell one recognizer's slip from a deadline is a deadline only in
    /// the context that says the geometry found it in a deadline column;
    /// the context is passed in, so no other page (on this thread or any)
    /// reads it so.
    #[test]
    fn slipped_deadlines_are_deadlines_only_in_their_context() {
        let ctx = Context::with_slipped_deadlines(["１２月底口"]);
        assert_eq!(classify_line_in("12月底口", &ctx), Kind::Deadline);
        assert_eq!(classify_line_in(" 12 月底口 ", &ctx), Kind::Deadline);
        assert_eq!(classify_line("12月底口"), Kind::Text);
        assert_eq!(classify_line_in("12月底口", Context::none()), Kind::Text);
        let page = lines(&["市测试局", "序号", "1", "任务目标", "新增企业5家", "完成时限", "12月底口"]);
        assert_eq!(classify_in(&page, &ctx)[6], Kind::Deadline);
        assert_eq!(classify(&page)[6], Kind::Text);
    }

    #[test]
    fn categories_in_every_bracket_form() {
        for s in ["（一）指标类", "(一）指标类", "（一)指标类", "(一)指标类", "（ 一 ）指标类"]
        {
            assert_eq!(classify_line(s), Kind::Category { ordinal: 1, name: "指标类".into() }, "{s}");
        }
        assert_eq!(classify_line("（四）其他类"), Kind::Category { ordinal: 4, name: "其他类".into() });
    }

    #[test]
    fn numbers_with_stray_space_and_full_width() {
        assert_eq!(classify_line(" 5"), Kind::Number(5));
        assert_eq!(classify_line("１２"), Kind::Number(12));
        assert_eq!(classify_line("12月底前"), Kind::Deadline);
    }

    #[test]
    fn deadlines_of_other_issues() {
        for s in ["年底前", "6月30日前", "2022年12月底前", "上半年", "三季度末", "长期坚持", "12月底"]
        {
            assert_eq!(classify_line(s), Kind::Deadline, "{s}");
        }
        assert_eq!(classify_line("新增企业5家"), Kind::Text);
    }

    #[test]
    fn headers_and_furniture() {
        assert_eq!(classify_line("任务目标"), Kind::TargetHeader);
        assert_eq!(classify_line("完成时间"), Kind::DeadlineHeader);
        assert_eq!(classify_line("序号 任务目标 完成时限"), Kind::HeaderRow);
        assert_eq!(classify_line("编号"), Kind::SeqHeader);
        assert_eq!(classify_line("责任单位"), Kind::OtherHeader);
        assert_eq!(classify_line("序号 任务目标 责任单位 完成时限"), Kind::HeaderRow);
        assert_eq!(classify_line("（下转4版）"), Kind::Continuation { to: true, page: 4 });
        assert_eq!(classify_line("（上接3版）"), Kind::Continuation { to: false, page: 3 });
        assert_eq!(classify_line("时政·要闻2022年3月22日 星期二"), Kind::Masthead);
        assert_eq!(classify_line("融媒编辑：蒋立峰03 YONGKANG DAILY"), Kind::Masthead);
        // The editor's credit OCR parted from the masthead, colon lost (dev seed 19 `ocr-mm10`).
        assert_eq!(classify_line("责任编辑王某02"), Kind::Masthead);
        assert_eq!(classify_line("加强责任编辑队伍建设"), Kind::Text);
        assert_eq!(classify_line("“扛旗争先 拼搏实干”工作承诺清单"), Kind::Title);
        assert_eq!(classify_line("2023年为民办实事项目清单"), Kind::Title);
        // Pledges that end in 清单 are no titles.
        assert_eq!(classify_line("建立涉企轻微违法行为免罚清单"), Kind::Text);
        assert_eq!(classify_line("对照国家和省新版权责清单，调整公布县级部门权责清单"), Kind::Text);
    }

    #[test]
    fn department_needs_a_table_after_it() {
        let k = classify(&lines(&["市发展和改革局", "", "序号", "开工建设新材料产业园", "完成调查"]));
        assert_eq!(k[0], Kind::Department);
        let k = classify(&lines(&["组建新材料产业技术研究院", "完成调查"]));
        assert_eq!(k[0], Kind::Text);
        // Regression: a target ending in 会 right before the deadline header.
        let k = classify(&lines(&["举办展会", "完成时限", "12月底前"]));
        assert_eq!(k[0], Kind::Text);
        let k = classify(&lines(&["市商务局", "任务目标", "序号", "完成时限", "（一）指标类"]));
        assert_eq!(k[0], Kind::Department);
    }

    #[test]
    fn ocr_slips_in_numbers_and_categories() {
        assert_eq!(classify_line("l2"), Kind::Number(12));
        assert_eq!(classify_line("1O"), Kind::Number(10));
        assert_eq!(classify_line("(-)指标类"), Kind::Category { ordinal: 0, name: "指标类".into() });
        assert_eq!(classify_line("〈二〉项目类"), Kind::Category { ordinal: 0, name: "项目类".into() });
        assert_eq!(classify_line("Il"), Kind::Number(11));
        assert_eq!(classify_line("MBA"), Kind::Text);
        assert_eq!(classify_line("农业类"), Kind::Text);
    }

    #[test]
    fn any_name_right_before_the_seq_header_is_a_department() {
        let k = classify(&lines(&["市残疾人福利基金", "序号", "1"]));
        assert_eq!(k[0], Kind::Department);
        let k = classify(&lines(&["市残疾人福利基金", "工作目标", "序号", "完成时间", "1"]));
        assert_eq!(k[0], Kind::Department);
        let k = classify(&lines(&["新增企业5家", "序号"]));
        assert_eq!(k[0], Kind::Text);
    }

    #[test]
    fn page_number_on_its_own_line_is_masthead() {
        let k = classify(&lines(&["要闻 2023年1月5日 星期四", "", "03", "市甲局", "序号", "1"]));
        assert_eq!((&k[2], &k[5]), (&Kind::Masthead, &Kind::Number(1)));
        let k = classify(&lines(&["03", "要闻 2023年1月5日 星期四"]));
        assert_eq!(k[0], Kind::Masthead);
    }

    #[test]
    fn other_shapes_seen_in_other_lists() {
        assert_eq!(classify_line("（1）"), Kind::Number(1));
        assert_eq!(classify_line("①"), Kind::Number(1));
        assert_eq!(classify_line("⑳"), Kind::Number(20));
        assert_eq!(classify_line("⑵"), Kind::Number(2));
        assert_eq!(classify_line("⒊"), Kind::Number(3));
        assert_eq!(classify_line("❿"), Kind::Number(10));
        assert_eq!(classify_line("①②"), Kind::Text);
        assert_eq!(classify_line("(12)"), Kind::Number(12));
        assert_eq!(classify_line("（五）改革任务"), Kind::Category { ordinal: 5, name: "改革任务".into() });
        assert_eq!(classify_line("（一）新增企业5家"), Kind::Text);
        let k = classify(&lines(&["永康经济开发区", "1", "2"]));
        assert_eq!(k[0], Kind::Department);
        let k = classify(&lines(&["市残疾人福利基金", "（一）指标类", "1"]));
        assert_eq!(k[0], Kind::Department);
    }

    #[test]
    fn office_names_end_as_offices_do() {
        for name in ["市教育局", "市文化和广电旅游体育局", "市机关事务管理中心", "市残联", "市人民政府办公室"]
        {
            assert!(names_an_office(name), "{name}");
        }
        // Target lines plain pdftotext set before a category line.
        for line in ["项目全流程管理的实", "计网格化工作机制", "险扩面征缴工作", "金特色小镇通过省级"]
        {
            assert!(!names_an_office(line), "{line}");
        }
    }

    #[test]
    fn ordinals() {
        assert_eq!(chinese_ordinal("三"), 3);
        assert_eq!(chinese_ordinal("十二"), 12);
        assert_eq!(chinese_ordinal("二十一"), 21);
    }
}
