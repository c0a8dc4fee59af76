//! Column headers and their synonyms, and the words without which a page
//! holds no pledge table.
//!
//! ```
//! use pledges::lexicon::headers::{is_target_header, may_hold_table};
//! assert!(is_target_header("承诺事项"));
//! assert!(may_hold_table("……\n序号\n……"));
//! assert!(!may_hold_table("办理时限为5个工作日"));
//! ```

use regex::Regex;
use std::sync::LazyLock;

/// The number column's header and its synonyms (`编号` in other cities'
/// lists: read as text, it left every department unconfirmed and the whole
/// page's rows wrong and unflagged).
pub(crate) const SEQ_HEADERS: &[&str] = &["序号", "编号"];

/// The target column's header and its synonyms.
pub(crate) const TARGET_HEADERS: &[&str] =
    &["任务目标", "承诺事项", "工作目标", "目标任务", "承诺内容", "工作任务", "承诺目标"];

/// The deadline column's header and its synonyms.
pub(crate) const DEADLINE_HEADERS: &[&str] = &["完成时限", "完成时间", "时限", "完成期限", "时间节点"];

/// Headers of columns a pledge list may print besides number, target and
/// deadline (`责任单位`, `责任人`): their cells are no part of a row's
/// target. Read as text, a `责任单位` column was glued into the targets.
/// (`备注` is not among them: its cells are mostly empty, so the lines after
/// it may well be the next column's.)
pub(crate) const OTHER_HEADERS: &[&str] =
    &["责任单位", "责任部门", "责任科室", "责任处室", "责任人", "责任领导", "牵头单位", "牵头领导", "配合单位"];

/// Headers too common in prose (`办理时限`, `证书编号`) to tell a page that may hold a
/// table; a table with such a header has a `序号` or a category name, which
/// [`may_hold_table`] finds anyway.
pub(crate) const PROSE_HEADERS: &[&str] = &["时限", "编号"];

/// Other words only a pledge list has: category names, a list carried on
/// from another page, the title.
const LIST_WORDS: &[&str] = &["指标类", "项目类", "政策类", "其他类", "上接", "承诺清单"];

/// Whether `text` holds the words of a table's header row: a number
/// header and a target or deadline header, or a target and a deadline
/// header (`序号 任务目标 完成时限` run into a line). A row's target never
/// does, unless a reader ran a table's head into it.
pub(crate) fn holds_header_row(text: &str) -> bool {
    // Every row's target is asked, and a `contains` per word cost ≈ 0.37 M
    // instructions a full page. Each answer `true` needs a number or a
    // deadline header, and each of those holds one of these chars (a test
    // checks): a text holding none is done.
    if !may_hold_mark(text) || !text.contains(NUMBER_OR_DEADLINE_MARKS) {
        return false;
    }
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    let (seq, target, deadline) = (has(SEQ_HEADERS), has(TARGET_HEADERS), has(DEADLINE_HEADERS));
    (seq && (target || deadline)) || (target && deadline)
}

/// A char every number and deadline header holds (`序号`, `完成时限`,
/// `时间节点`, …), chosen rare in targets.
const NUMBER_OR_DEADLINE_MARKS: [char; 3] = ['号', '限', '间'];

/// The last two UTF-8 bytes of each of [`NUMBER_OR_DEADLINE_MARKS`] (a test
/// checks them against the chars).
const MARK_TAILS: [[u8; 2]; 3] = [[0x8F, 0xB7], [0x99, 0x90], [0x97, 0xB4]];

/// Whether `text` may hold one of [`NUMBER_OR_DEADLINE_MARKS`]: whether two
/// adjacent bytes are one of [`MARK_TAILS`], which every mark has. A
/// `contains` of the chars decodes every char of every row's target (≈ 0.06 M
/// instructions a full table page); this pass is branch-free and vectorized.
fn may_hold_mark(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(last) = bytes.len().checked_sub(1) else { return false };
    let is_tail = |a: u8, b: u8, [x, y]: [u8; 2]| u8::from(a == x) & u8::from(b == y);
    let hits = bytes[..last].iter().zip(&bytes[1..]).fold(0u8, |any, (&a, &b)| {
        any | is_tail(a, b, MARK_TAILS[0]) | is_tail(a, b, MARK_TAILS[1]) | is_tail(a, b, MARK_TAILS[2])
    });
    hits != 0
}

pub(crate) fn is_seq_header(word: &str) -> bool {
    SEQ_HEADERS.contains(&word)
}

pub(crate) fn is_other_header(word: &str) -> bool {
    OTHER_HEADERS.contains(&word)
}

pub fn is_target_header(word: &str) -> bool {
    TARGET_HEADERS.contains(&word)
}

pub(crate) fn is_deadline_header(word: &str) -> bool {
    DEADLINE_HEADERS.contains(&word)
}

/// Every header and list word as one multi-literal search: one pass over the
/// page, so most news pages cost little more than decoding.
static TABLE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let headers = SEQ_HEADERS.iter().chain(TARGET_HEADERS).chain(DEADLINE_HEADERS);
    let words: Vec<&str> = headers.filter(|h| !PROSE_HEADERS.contains(h)).chain(LIST_WORDS).copied().collect();
    Regex::new(&words.join("|")).expect("literal words make a valid regex")
});

/// Whether a page may hold a pledge table at all: it names a header or a
/// list word.
pub fn may_hold_table(text: &str) -> bool {
    TABLE_WORDS.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_header_but_the_prose_ones_tells_a_table() {
        for h in TARGET_HEADERS.iter().chain(DEADLINE_HEADERS).chain(SEQ_HEADERS) {
            assert_eq!(may_hold_table(h), !PROSE_HEADERS.contains(h), "{h}");
        }
        assert!(may_hold_table("（上接3版）"));
        assert!(!may_hold_table("会议指出，要坚持稳中求进。"));
    }

    #[test]
    fn a_header_row_run_into_a_line_is_told_from_a_target() {
        assert!(holds_header_row("（四）其他类序号 任务目标 完成时限 承办金华市传统产业转型"));
        assert!(holds_header_row("承诺事项 完成时间"));
        assert!(!holds_header_row("完成时限内办结率达100%"));
        assert!(!holds_header_row("编制老金温铁路综合利用方案"));
    }

    #[test]
    fn every_number_and_deadline_header_holds_a_mark() {
        for w in SEQ_HEADERS.iter().chain(DEADLINE_HEADERS) {
            assert!(w.contains(NUMBER_OR_DEADLINE_MARKS), "{w}");
        }
    }

    #[test]
    fn mark_tails_are_the_marks_last_bytes() {
        for (mark, tail) in NUMBER_OR_DEADLINE_MARKS.iter().zip(MARK_TAILS) {
            let mut buf = [0; 4];
            assert_eq!(mark.encode_utf8(&mut buf).as_bytes()[1..], tail, "{mark}");
        }
        for text in ["", "号", "a号", "序号 任务目标", "完成时限", "时间节点", "新增企业5家"] {
            assert_eq!(may_hold_mark(text), text.contains(NUMBER_OR_DEADLINE_MARKS), "{text}");
        }
        // A hint only, never a miss: every line holding a mark passes it.
        for line in crate::testing::corpus_lines() {
            assert!(may_hold_mark(&line) || !line.contains(NUMBER_OR_DEADLINE_MARKS), "{line}");
        }
    }

    /// The char test only skips texts the word test answers `false`:
    /// every pair of header words, alone and inside a target.
    #[test]
    fn the_header_row_shortcut_answers_as_the_word_test() {
        let by_words = |text: &str| {
            let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
            let (seq, target, deadline) = (has(SEQ_HEADERS), has(TARGET_HEADERS), has(DEADLINE_HEADERS));
            (seq && (target || deadline)) || (target && deadline)
        };
        let words: Vec<&str> = SEQ_HEADERS.iter().chain(TARGET_HEADERS).chain(DEADLINE_HEADERS).copied().collect();
        for a in &words {
            for b in &words {
                for text in [format!("{a}{b}"), format!("新增企业{a} {b}5家"), a.to_string()] {
                    assert_eq!(holds_header_row(&text), by_words(&text), "{text}");
                }
            }
        }
    }
}
