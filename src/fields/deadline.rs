//! Deadline cells (`12月底前`, `三季度末`, `2023年6月底前`, `长期坚持`) turned
//! into dates.
//!
//! Pledge tables print deadlines relative to the year of the newspaper issue,
//! so a cell only becomes a date together with that year. Rules, with Y the
//! issue year (an explicit year in the text wins over Y):
//!
//! | printed                          | date                         |
//! |----------------------------------|------------------------------|
//! | `N月底前`, `N月底`, `N月末`, `N月` | last day of month N          |
//! | `N月N日前`, `N月N日`              | that day                     |
//! | `年底前`, `年末`, `年内`, `全年`   | Y-12-31                      |
//! | `上半年` / `下半年`               | Y-06-30 / Y-12-31            |
//! | `一季度` … `四季度`, `三季度末`    | last day of that quarter     |
//! | `2023年` alone (free text only)   | 2023-12-31                   |
//! | `长期坚持`, `持续推进`, `常态化`   | [`Resolved::Ongoing`]        |
//! | `2021.8`, `2022.9.30` (dotted)    | as `2021年8月`, `2022年9月30日` |
//! | `2022-09-30` (ISO, e.g. a spreadsheet's date cell) | as `2022年9月30日` |
//! | `次年3月底前`, `明年6月`           | in year Y+1                  |
//! | `7月1日起`                        | that day                     |
//! | `汛期前`, `国庆前`, `每季度`, `年中`… | a deadline cell, no date     |
//!
//! Full-width digits and Chinese month numerals (`十二月底前`) are accepted;
//! spaces are ignored.
//!
//! ```
//! use pledges::fields::deadline::{resolve, is_deadline, Resolved};
//! assert_eq!(resolve("12月底前", Some(2022)).iso().as_deref(), Some("2022-12-31"));
//! assert_eq!(resolve("2月底", Some(2024)).iso().as_deref(), Some("2024-02-29"));
//! assert_eq!(resolve("长期坚持", Some(2022)), Resolved::Ongoing);
//! assert_eq!(resolve("每月推进，2021年6月底前完成", None).iso().as_deref(), Some("2021-06-30"));
//! assert!(is_deadline("三季度末") && !is_deadline("新增企业5家"));
//! ```

use crate::lexicon::text::{is_han, push_number};
use regex::Regex;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::LazyLock;

/// A deadline read as a date, an open-ended commitment, or not understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    Date { year: i32, month: u32, day: u32 },
    Ongoing,
    Unknown,
}

impl Resolved {
    /// `2022-12-31` for a date, `None` otherwise.
    pub fn iso(&self) -> Option<String> {
        match *self {
            // Every row with a date writes it: digits pushed, not `format!`.
            Resolved::Date { year, month, day } if (0..=9999).contains(&year) => {
                let mut iso = String::with_capacity(10);
                push_number(&mut iso, year as u64, 4);
                iso.push('-');
                push_number(&mut iso, month.into(), 2);
                iso.push('-');
                push_number(&mut iso, day.into(), 2);
                Some(iso)
            }
            Resolved::Date { year, month, day } => Some(format!("{year:04}-{month:02}-{day:02}")),
            _ => None,
        }
    }
}

/// Deadline text, short (`12月底前`) or free-form: the FINAL completion date
/// it states in the issue's year, i.e. the last date mentioned
/// (`每月推进，2021年6月底前完成` → 2021-06-30). A year printed earlier
/// carries over to later dates without one (`2021年3月启动，6月底前完成` →
/// 2021-06-30). A start (`2023年9月之后`) and a span (`2-3年内`) are no
/// completion date. Remembered through [`read`].
pub fn resolve(text: &str, issue_year: Option<i32>) -> Resolved {
    let d = read(text, issue_year);
    match d.date {
        Some(date) => date,
        None if d.kind == DeadlineKind::Ongoing => Resolved::Ongoing,
        None => Resolved::Unknown,
    }
}

/// How many distinct deadline texts a thread remembers per year.
const REMEMBERED_DEADLINES: usize = 512;

pub use crate::model::DeadlineKind;

/// A deadline cell read whole: its kind, completion date and start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// The completion date ([`Resolved::Date`]), if the cell states one.
    pub date: Option<Resolved>,
    /// The first day of a range or of a start form.
    pub start: Option<Resolved>,
}

impl Deadline {
    /// `deadline_date`: ISO, or empty.
    pub fn date_iso(&self) -> String {
        self.date.and_then(|d| d.iso()).unwrap_or_default()
    }

    /// `deadline_start`: ISO, or empty.
    pub fn start_iso(&self) -> String {
        self.start.and_then(|d| d.iso()).unwrap_or_default()
    }
}

/// One date found in a cell: what it resolves to, its first day, and how it is worded.
#[derive(Debug, Clone, Copy)]
struct Mention {
    start: usize,
    end: usize,
    last: Resolved,
    first: Resolved,
    /// Followed by 之后/以后/起/开始: the start of something, not its end.
    opens: bool,
    /// Followed by 起/开始 (`7月1日起`): in force from that day on.
    from_on: bool,
    /// Followed by 前, or a period's end by its wording (底, 末, 年内, 上半年, 季度).
    by: bool,
    /// `全年`: the whole year, an ongoing duty.
    whole_year: bool,
}

/// Reads a deadline cell in the issue's year: kind, date and start.
///
/// ```
/// use pledges::fields::deadline::{read, DeadlineKind};
/// let d = read("2021年1-6月", None);
/// assert_eq!((d.kind, d.start_iso().as_str(), d.date_iso().as_str()), (DeadlineKind::Range, "2021-01-01", "2021-06-30"));
/// assert_eq!(read("2-3年内", Some(2022)).kind, DeadlineKind::Span);
/// assert_eq!(read("2-3年内", Some(2022)).date_iso(), "");
/// ```
pub fn read(text: &str, default_year: Option<i32>) -> Deadline {
    // Keyed by year, then by text, so that a lookup borrows the text instead
    // of allocating a key: a page reads its handful of deadlines a hundred times.
    thread_local! {
        // FxHash rather than SipHash: the lookups are the memo's whole cost.
        static SEEN: RefCell<FxHashMap<Option<i32>, FxHashMap<Box<str>, Deadline>>> = RefCell::new(FxHashMap::default());
    }
    SEEN.with_borrow_mut(|seen| {
        let year = seen.entry(default_year).or_default();
        remembered(year, text, REMEMBERED_DEADLINES, || read_uncached(text, default_year))
    })
}

/// `compute`'s answer for `text`, from `seen` when it is there. Forgetting
/// everything once `seen` holds `cap` answers keeps memory flat over an archive.
fn remembered<T: Copy>(seen: &mut FxHashMap<Box<str>, T>, text: &str, cap: usize, compute: impl FnOnce() -> T) -> T {
    if let Some(&answer) = seen.get(text) {
        return answer;
    }
    if seen.len() >= cap {
        seen.clear();
    }
    let answer = compute();
    seen.insert(text.into(), answer);
    answer
}

/// [`read`] without the memo: each row of a page reads its deadline cell,
/// and a page prints a handful of distinct ones over a hundred rows.
fn read_uncached(text: &str, default_year: Option<i32>) -> Deadline {
    let text = normalize(text);
    let spanned = SPAN.is_match(&text);
    let text = SPAN.replace_all(&text, "·").into_owned();
    let text = YEAR_RANGE.replace_all(&text, "${1}年至${2}年").into_owned();
    let text = MONTH_RANGE.replace_all(&text, "${1}年${2}月至${1}年${3}月").into_owned();
    let text = BARE_MONTH_RANGE.replace_all(&text, "${1}${2}月至${3}月").into_owned();
    // `次年3月底前`: the year after the issue's.
    let next_year = text.starts_with("次年") || text.starts_with("明年");
    let mentions = mentions(&text, default_year.map(|y| y + i32::from(next_year)));
    let ongoing = ONGOING.is_match(&text);
    let none = Deadline { kind: DeadlineKind::None, date: None, start: None };
    if mentions.is_empty() {
        let kind = if spanned {
            DeadlineKind::Span
        } else if ongoing {
            DeadlineKind::Ongoing
        } else {
            DeadlineKind::None
        };
        return Deadline { kind, ..none };
    }
    // A mention joined to the next by 至/到/-/~ opens a range.
    let joined =
        |i: usize| mentions.get(i + 1).is_some_and(|next| RANGE_JOIN.is_match(&text[mentions[i].end..next.start]));
    let opening: Vec<bool> = (0..mentions.len()).map(|i| mentions[i].opens || joined(i)).collect();
    let ends: Vec<&Mention> = mentions.iter().zip(&opening).filter(|(_, o)| !**o).map(|(m, _)| m).collect();
    let first_open = mentions.iter().zip(&opening).find(|(_, o)| **o).map(|(m, _)| m.first);
    let Some(last) = ends.last() else {
        // `7月1日起`: in force from that day, so due then; `2023年9月之后`: no due date.
        let from = mentions.first().filter(|m| m.from_on).map(|m| m.first);
        return Deadline { kind: DeadlineKind::Start, start: first_open, date: from };
    };
    let kind = if ongoing || (ends.len() == 1 && last.whole_year) {
        DeadlineKind::Ongoing
    } else if ends.len() > 1 {
        DeadlineKind::Multiple
    } else if first_open.is_some() {
        DeadlineKind::Range
    } else if last.by {
        DeadlineKind::By
    } else {
        DeadlineKind::On
    };
    let start = if kind == DeadlineKind::Range { first_open } else { None };
    Deadline { kind, date: Some(last.last), start }
}

/// Every date in normalized `text`, a year carried over to later mentions.
fn mentions(text: &str, default_year: Option<i32>) -> Vec<Mention> {
    let mut year = default_year;
    let mut out = vec![];
    for caps in DATE.captures_iter(text) {
        let Some(whole) = caps.get(0).filter(|m| !m.is_empty()) else { continue };
        // `2021.85` is a decimal, not August 2021.
        if caps.name("dyear").is_some() && text[whole.end()..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if let Some(y) =
            caps.name("year").or(caps.name("yearonly")).or(caps.name("dyear")).and_then(|m| m.as_str().parse().ok())
        {
            year = Some(y);
        }
        let Some(y) = year else { continue };
        let (Some(last), Some(first)) = (date_of(&caps, y), first_day_of(&caps, y)) else { continue };
        let after = &text[whole.end()..];
        let wording = whole.as_str();
        out.push(Mention {
            start: whole.start(),
            end: whole.end(),
            last,
            first,
            opens: OPENS.is_match(after),
            from_on: FROM_ON.is_match(after),
            by: BY_AFTER.is_match(after) || BY_WORDING.is_match(wording),
            whole_year: wording.ends_with("全年"),
        });
    }
    out
}

/// Words after a date that make it a start: `2023年9月之后`, `9月起`.
static OPENS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:之后|以后|后|起|开始)").expect("valid"));
/// Words after a date that put something in force from then: `7月1日起`.
static FROM_ON: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:起|开始)").expect("valid"));
/// `前` after a date: done by then.
static BY_AFTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:底|末)?(?:前|以前|之前)").expect("valid"));
/// A date worded as a period's end: done by then.
static BY_WORDING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:底|末|年内|半年|季度|年)$").expect("valid"));
/// What joins the two ends of a range.
static RANGE_JOIN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:至|到|-|~|～|—|－|〜|–)+$").expect("valid"));
/// A length of time from an unstated start: `2-3年内`, `3年内`, `6个月内`, `三年内`.
static SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\d+|[一二两三四五六七八九十半]+)(?:(?:-|~|～|至|到|—)(?:\d+|[一二两三四五六七八九十]+))?(?:个)?(?:年|月|周|天|日)(?:以内|之内|内)")
        .expect("valid")
});
/// `2020-2024年` → `2020年至2024年`.
static YEAR_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d\d)(?:-|~|～|至|到|—|－)((?:19|20)\d\d)年").expect("valid"));
/// `1-6月` → `1月至6月` (after [`MONTH_RANGE`], so no year stands before it).
static BARE_MONTH_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[^\d.])(1[0-2]|0?[1-9])(?:-|~|～|至|到|—|－)(1[0-2]|0?[1-9])月").expect("valid"));
/// `2021年1-6月` → `2021年1月至2021年6月`.
static MONTH_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d\d)年(1[0-2]|0?[1-9])(?:-|~|～|至|到|—|－)(1[0-2]|0?[1-9])月").expect("valid")
});

/// Whether a whole line is a deadline cell and nothing else. Used to classify
/// the lines of a page, so it is strict: prose, targets and headers are false.
/// Remembered per thread like [`read`]: the same cells come back page
/// after page.
pub fn is_deadline(line: &str) -> bool {
    // Digits and blanks alone normalize to ASCII digits (or nothing), which
    // no whole-cell pattern matches (each needs a Chinese word): the row
    // numbers, and the pairs of them that `unfold` tries as a wrapped
    // deadline, skip the memo and the patterns.
    if line.chars().all(|c| c.is_ascii_digit() || c.is_whitespace() || ('０'..='９').contains(&c)) {
        return false;
    }
    thread_local! {
        static SEEN: RefCell<FxHashMap<Box<str>, bool>> = RefCell::new(FxHashMap::default());
    }
    SEEN.with_borrow_mut(|seen| {
        remembered(seen, line, REMEMBERED_DEADLINES * 8, || {
            let normalized = normalize(line);
            !normalized.is_empty() && whole_cell(&normalized)
        })
    })
}

/// Glyphs a deadline cell is written with: what a recognizer's slip in a
/// deadline is undone with in [`one_slip_from_deadline`].
const DEADLINE_GLYPHS: &str = "0123456789年月日号底末前中上下旬半季度第一二三四十以之起完成内全长期坚持续推进常态化";

/// Longest cell [`one_slip_from_deadline`] looks at, in characters (a
/// deadline cell is at most 17: `2022年12月31日以前完成`).
const SLIPPED_CELL_MAX: usize = 18;

/// Whether `text`, not a deadline cell itself, is one recognizer's slip
/// away from one: a glyph read as another (`12月底口`, `l2月底前`), a glyph
/// lost (`10底前`) or a glyph too many. Three characters at least, so a
/// wrapped target tail (`2个`, `全面`) is not one; the caller says where
/// the text stood (a deadline column), which the text alone cannot.
///
/// ```
/// use pledges::fields::deadline::one_slip_from_deadline;
/// assert!(one_slip_from_deadline("12月底口"));
/// assert!(one_slip_from_deadline("10底前"));
/// assert!(one_slip_from_deadline("6月30日一"));
/// assert!(!one_slip_from_deadline("12月底前")); // a deadline already
/// assert!(!one_slip_from_deadline("研讨班"));
/// ```
pub fn one_slip_from_deadline(text: &str) -> bool {
    let chars: Vec<char> = normalize(text).chars().collect();
    if !(3..=SLIPPED_CELL_MAX).contains(&chars.len()) || whole_cell(&chars.iter().collect::<String>()) {
        return false;
    }
    // A glyph no deadline cell holds survives every edit but its own
    // position's: two such glyphs, no one slip fixes the text; one, only a
    // slip at its position can (this spares ~1,700 regex tries on a text line).
    let foreign: Vec<usize> = (0..chars.len()).filter(|&i| !may_stand_in_cell(chars[i])).take(2).collect();
    if foreign.len() > 1 {
        return false;
    }
    let only_at = foreign.first().copied();
    let fits = |cs: Vec<char>| whole_cell(&normalize(&cs.into_iter().collect::<String>()));
    for i in 0..=chars.len() {
        if only_at.is_some_and(|at| at != i) {
            continue;
        }
        if i < chars.len() {
            let mut lost = chars.clone();
            lost.remove(i);
            if fits(lost) {
                return true;
            }
        }
        for g in DEADLINE_GLYPHS.chars() {
            let mut added = chars.clone();
            added.insert(i, g);
            if fits(added) {
                return true;
            }
            if i < chars.len() && chars[i] != g {
                let mut read = chars.clone();
                read[i] = g;
                if fits(read) {
                    return true;
                }
            }
        }
    }
    false
}

/// Whether a deadline cell holds only the tail of a deadline (`月底前`,
/// `底前`, `前`): the month or year it needs stands elsewhere, so the row
/// took a piece of another cell or gave one away.
pub fn is_tail_only(deadline: &str) -> bool {
    let mut chars = deadline.chars();
    match chars.next() {
        Some('底' | '前') => true,
        Some('月') => matches!(chars.next(), Some('底' | '前' | '末' | '中' | '内')),
        _ => false,
    }
}

/// Whether a target holds the year a yearless deadline lost (`6月底前`
/// beside a target `…暂行规2023了定》`): a four-digit year (19xx, 20xx)
/// standing between Chinese characters, or at an end of the target, and
/// not followed by 年 — `2023年底前` in a target is a date of its own, and
/// an OCR slip of 年 (`了`) is what leaves the year looking like this.
/// Positioned input only asks this: there a wrapped deadline's head can be
/// set beside a target line and read into it.
pub fn year_head_in_target(target: &str, deadline: &str) -> bool {
    if deadline.contains('年') || !deadline.contains('月') {
        return false;
    }
    let chars: Vec<char> = target.chars().collect();
    stray_years(target, &chars) || cut_years(&chars) || slipped_years(&chars)
}

/// A year before its 年 with one glyph the recognizer misread (`2O19年`,
/// `20一2年`, dev seeds 5 and 10 `ocr-mm10`): four glyphs, not after a
/// digit, three of them ASCII digits and one a look-alike of a digit or a
/// stray CJK glyph, reading 19xx or 20xx with the slip taken at its word.
/// A target writes its own years clean (`2024年`); a slipped one is the
/// deadline cell's head, read into the target beside it.
fn slipped_years(chars: &[char]) -> bool {
    // Look-alikes OCR gives for a digit; the CJK ones stand for any digit.
    let slip = |c: char| match c {
        'O' | 'o' => Some(Some('0')),
        'l' | 'I' | '|' => Some(Some('1')),
        'S' => Some(Some('5')),
        'B' => Some(Some('8')),
        '一' | '口' | '十' | '了' => Some(None),
        _ => None,
    };
    chars.windows(5).enumerate().any(|(i, w)| {
        let alone = i == 0 || !chars[i - 1].is_ascii_digit();
        let slips = w[..4].iter().filter(|c| !c.is_ascii_digit()).count();
        let read = |c: char, want: char| c == want || slip(c).is_some_and(|d| d.is_none_or(|d| d == want));
        let digit = |c: char| c.is_ascii_digit() || slip(c).is_some();
        let century = (read(w[0], '2') && read(w[1], '0')) || (read(w[0], '1') && read(w[1], '9'));
        w[4] == '年' && alone && slips == 1 && w[..4].iter().all(|&c| digit(c)) && century
    })
}

/// A four-digit year in `text` (whose chars are `chars`) that no 年
/// follows, with a Chinese character or an end of the text on both sides,
/// and that is no figure of a quantity (`培养技工2000人`).
fn stray_years(text: &str, chars: &[char]) -> bool {
    let han = |c: Option<&char>| c.is_none_or(|&c| is_han(c) && c != '年');
    let years: Vec<String> = chars
        .windows(4)
        .enumerate()
        .filter(|&(i, w)| {
            let year =
                matches!((w[0], w[1]), ('1', '9') | ('2', '0')) && w[2].is_ascii_digit() && w[3].is_ascii_digit();
            year && han(i.checked_sub(1).map(|b| &chars[b])) && han(chars.get(i + 4))
        })
        .map(|(_, w)| w.iter().collect())
        .collect();
    if years.is_empty() {
        return false;
    }
    let figures = crate::fields::quantity::extract(text);
    years.iter().any(|y| !figures.iter().any(|q| &q.value == y && !q.unit.is_empty()))
}

/// A year that lost a digit to OCR before its 年 (`202年`, `024年`): three
/// digits, not after another digit, that no count of years is written as
/// (a leading 0, or 201–209).
fn cut_years(chars: &[char]) -> bool {
    chars.windows(4).enumerate().any(|(i, w)| {
        let digits = w[..3].iter().all(char::is_ascii_digit) && w[3] == '年';
        let alone = i == 0 || !chars[i - 1].is_ascii_digit();
        let cut = w[0] == '0' || (w[0] == '2' && w[1] == '0' && w[2] != '0');
        digits && alone && cut
    })
}

fn whole_cell(line: &str) -> bool {
    WHOLE_CELL.is_match(line) || WHOLE_ONGOING.is_match(line) || WHOLE_EVENT.is_match(line)
}

/// Whether `c` may stand in a text that [`normalize`] then [`whole_cell`]
/// accept: a glyph of the whole-cell patterns, any ASCII (digits and the
/// separators `normalize` folds away), any numeric or space. Erring towards
/// yes only costs time; a glyph said no to must be one no cell holds, since
/// `normalize` keeps every other glyph (its rewrites give back the
/// characters around a date) and the patterns match no other.
fn may_stand_in_cell(c: char) -> bool {
    static GLYPHS: LazyLock<Vec<char>> = LazyLock::new(|| {
        let patterns = [WHOLE_CELL.as_str(), WHOLE_ONGOING.as_str(), WHOLE_EVENT.as_str()];
        let mut glyphs: Vec<char> = patterns.iter().flat_map(|p| p.chars()).filter(|c| !c.is_ascii()).collect();
        glyphs.sort_unstable();
        glyphs.dedup();
        glyphs
    });
    c.is_ascii() || c.is_numeric() || c.is_whitespace() || c == '．' || GLYPHS.binary_search(&c).is_ok()
}

// ---------------------------------------------------------------------------

const MONTH: &str = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])";
const DAY: &str = r"(?:3[01]|[12][0-9]|0?[1-9])";

/// One date mention. Named groups say which form matched; `yearonly` is a
/// year on its own (`2023年`). Every branch matches at least one character:
/// an empty alternative would match at every position and make
/// [`mentions`] run the capturing engine at each one.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<dyear>(?:19|20)\d\d)\.(?P<dmonth>1[0-2]|0?[1-9])(?:\.(?P<dday>{DAY}))?|(?:(?P<year>(?:19|20)\d\d)年)?(?:(?P<month>{MONTH})月(?:(?P<day>{DAY})[日号])?(?:底|末)?|(?P<half>[上下])半年|第?(?P<quarter>[一二三四1-4])季度末?|(?P<yearend>年底|年末|年内|全年))|(?P<yearonly>(?:19|20)\d\d)年"
    ))
    .expect("date pattern is valid")
});

static WHOLE_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?:19|20)\d\d年|次年|明年)?(?:{MONTH}月(?:{DAY}[日号])?(?:底|末|中旬|上旬|下旬|中)?|[上下]半年|第?[一二三四1-4]季度末?|年底|年末|年内|全年)(?:前|以前|之前|起)?(?:完成)?$"
    ))
    .expect("cell pattern is valid")
});

/// Deadlines named by a season, a holiday or a rhythm rather than a date
/// (`汛期前`, `国庆前`, `暑期前`, `年中`, `每季度`, `按时序`): whole cells only.
static WHOLE_EVENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:(?:次年|明年)?(?:主?汛期?|国庆|春节|元旦|五一|清明|端午|中秋|暑期|暑假|寒假|(?:秋季)?开学|年初|[秋夏]粮收获|[春秋]耕)",
        r"(?:前|后|期间)|年中|季度末|季末|每月|每季度|每季|每半年|每年|按月|按季度|按季|按时序|按序时|按要求|考核期)(?:完成)?$"
    ))
    .expect("event pattern is valid")
});

const ONGOING_WORDS: &str = "长期坚持|持续推进|常态化推进|常态化|长期|持续";
static ONGOING: LazyLock<Regex> = LazyLock::new(|| Regex::new(ONGOING_WORDS).expect("ongoing pattern is valid"));
static WHOLE_ONGOING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^(?:{ONGOING_WORDS})$")).expect("ongoing pattern is valid"));

/// Full-width digits to ASCII, spaces removed.
fn normalize(text: &str) -> String {
    let folded: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    // Each rewrite below needs a separator or a 年; most texts have none.
    if !folded.contains(['.', '．', '/', '-', '年']) {
        return folded;
    }
    // `2021.8`, `2022.9.30`: the dotted spelling of a month or a day.
    let folded = DOTTED.replace_all(&folded, |c: &regex::Captures| {
        let day = c.get(4).map(|d| format!("{}日", d.as_str())).unwrap_or_default();
        format!("{}{}年{}月{day}{}", &c[1], &c[2], &c[3], &c[5])
    });
    // `2022-09-30`: a date cell of a spreadsheet (see read::workbook). Whole
    // dates only: `2020-2024年` and `1-6月` are ranges.
    let folded = ISO_DATE.replace_all(&folded, "${1}${2}年${3}月${4}日${5}");
    // `2022年底前` shares its 年 between the year and 年底: spell both out.
    YEAR_END.replace_all(&folded, "${1}年年$2").into_owned()
}

static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(^|[^\d.．])((?:19|20)\d\d)[.．/](1[0-2]|0?[1-9])(?:[.．/](3[01]|[12]\d|0?[1-9]))?($|[^\d.．%万亿千百])",
    )
    .expect("valid")
});

static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(^|[^\d])((?:19|20)\d\d)-(1[0-2]|0?[1-9])-(3[01]|[12]\d|0?[1-9])($|[^\d])").expect("valid")
});

static YEAR_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"((?:19|20)\d\d)年([底末内])").expect("valid"));

fn date_of(caps: &regex::Captures, year: i32) -> Option<Resolved> {
    let (month, day) = if let Some(m) = caps.name("dmonth") {
        let month = month_number(m.as_str())?;
        match caps.name("dday") {
            Some(d) => (month, d.as_str().parse().ok()?),
            None => (month, last_day(year, month)),
        }
    } else if let Some(m) = caps.name("month") {
        let month = month_number(m.as_str())?;
        match caps.name("day") {
            Some(d) => (month, d.as_str().parse().ok()?),
            None => (month, last_day(year, month)),
        }
    } else if let Some(h) = caps.name("half") {
        if h.as_str() == "上" {
            (6, 30)
        } else {
            (12, 31)
        }
    } else if let Some(q) = caps.name("quarter") {
        let month = 3 * month_number(q.as_str())?;
        (month, last_day(year, month))
    } else if caps.name("yearend").is_some() || caps.name("year").is_some() || caps.name("yearonly").is_some() {
        (12, 31)
    } else {
        return None;
    };
    (day >= 1 && day <= last_day(year, month)).then_some(Resolved::Date { year, month, day })
}

/// The first day of the period a date mention names (a range's start).
fn first_day_of(caps: &regex::Captures, year: i32) -> Option<Resolved> {
    let (month, day) = if let Some(m) = caps.name("dmonth").or(caps.name("month")) {
        let day = caps.name("dday").or(caps.name("day")).map_or(Some(1), |d| d.as_str().parse().ok())?;
        (month_number(m.as_str())?, day)
    } else if let Some(h) = caps.name("half") {
        (if h.as_str() == "上" { 1 } else { 7 }, 1)
    } else if let Some(q) = caps.name("quarter") {
        (3 * month_number(q.as_str())? - 2, 1)
    } else if caps.name("yearend").is_some() || caps.name("year").is_some() || caps.name("yearonly").is_some() {
        (1, 1)
    } else {
        return None;
    };
    is_real_date(year, month, day).then_some(Resolved::Date { year, month, day })
}

fn month_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    let digit = |c: char| "一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32 + 1);
    let mut chars = s.chars();
    match (chars.next()?, chars.next()) {
        ('十', None) => Some(10),
        ('十', Some(c)) => Some(10 + digit(c)?),
        (c, None) => digit(c),
        _ => None,
    }
}

/// Whether `year-month-day` is a day of the calendar (`2022-13-45` is not).
pub fn is_real_date(year: i32, month: u32, day: u32) -> bool {
    (1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= last_day(year, month)
}

fn last_day(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_read_into_a_target_is_a_lost_deadline_head() {
        // Regression (positioned dev seed 31, TSV): `2023年` / `6月底前`
        // wrapped, OCR read 年 as 了 and geometry set the head in the target.
        assert!(year_head_in_target("出台《城区工业用地收储暂行规2023了定》", "6月底前"));
        assert!(year_head_in_target("完成年度考核2024", "12月底前"));
        // A date of the target's own, a deadline with its year, a year in
        // a range or beside Latin text: no lost head.
        assert!(!year_head_in_target("力争2025年底前建成", "6月底前"));
        assert!(!year_head_in_target("出台《城区暂行规2023了定》", "2023年6月底前"));
        assert!(!year_head_in_target("实施2023-2025行动计划", "6月底前"));
        assert!(!year_head_in_target("新增企业20家", "6月底前"));
        assert!(!year_head_in_target("完成ISO2023认证", "6月底前"));
        // A figure with its unit is a quantity, not a year (seed 31's
        // `ocr-skewed` page).
        assert!(!year_head_in_target("培养中高级技工2000人", "11月底前"));
        // A year that lost a digit (held-out seed 9711 `ocr-mm10`, dev seed
        // 37): `2024年` read as `202年` or `024年`.
        assert!(year_head_in_target("开工建设15个教育类新建项目202年", "12月底前"));
        assert!(year_head_in_target("完成年度考024年核", "6月底前"));
        assert!(!year_head_in_target("有200年历史的古村落保护", "6月底前"));
        assert!(!year_head_in_target("完成2024年度考核", "6月底前"));
        // A year with one misread glyph (dev seeds 5 and 10 `ocr-mm10`):
        // `2019年` read as `2O19年`, `2022年` as `20一2年`.
        assert!(year_head_in_target("开工建设新材料、高端模2O19年具、智能门锁产业园", "6月底前"));
        assert!(year_head_in_target("新增工业用地供地1000亩20一2年", "6月底前"));
        assert!(!year_head_in_target("新增工业用地供地1000亩20一2年", "2022年6月底前"));
        assert!(!year_head_in_target("新建5G基站2000个，其中2O个年内完成", "6月底前"));
        assert!(!year_head_in_target("建成10一20年一遇防洪堤", "6月底前"));
    }

    fn date(text: &str, year: i32) -> Option<String> {
        resolve(text, Some(year)).iso()
    }

    /// [`one_slip_from_deadline`] as it was before it skipped the slips
    /// that cannot help: every edit at every position tried.
    fn one_slip_by_every_edit(text: &str) -> bool {
        let chars: Vec<char> = normalize(text).chars().collect();
        if !(3..=SLIPPED_CELL_MAX).contains(&chars.len()) || whole_cell(&chars.iter().collect::<String>()) {
            return false;
        }
        let fits = |cs: Vec<char>| whole_cell(&normalize(&cs.into_iter().collect::<String>()));
        (0..=chars.len()).any(|i| {
            let lost = i < chars.len() && fits([&chars[..i], &chars[i + 1..]].concat());
            lost || DEADLINE_GLYPHS.chars().any(|g| {
                let added = fits([&chars[..i], &[g], &chars[i..]].concat());
                added || (i < chars.len() && fits([&chars[..i], &[g], &chars[i + 1..]].concat()))
            })
        })
    }

    #[test]
    fn skipping_hopeless_slips_changes_no_answer() {
        // Deadline cells, each with one glyph read wrong, lost, added or
        // foreign (口, 研), and texts with two foreign glyphs.
        let cells = ["12月底前", "2022年6月30日前", "三季度末", "长期坚持", "汛期前", "2021.8", "2022-09-30"];
        let mut texts = vec!["研讨班".to_owned(), "全面推进口".to_owned(), "12月底口研".to_owned()];
        for cell in cells {
            let chars: Vec<char> = cell.chars().collect();
            for i in 0..=chars.len() {
                for g in ['口', '研', '月', '1', ' ', '．', '年'] {
                    texts.push([&chars[..i], &[g], &chars[i..]].concat().into_iter().collect());
                    if i < chars.len() {
                        texts.push([&chars[..i], &[g], &chars[i + 1..]].concat().into_iter().collect());
                        texts.push([&chars[..i], &chars[i + 1..]].concat().into_iter().collect());
                    }
                }
            }
        }
        let mut slips = 0;
        for t in &texts {
            let fast = one_slip_from_deadline(t);
            assert_eq!(fast, one_slip_by_every_edit(t), "{t}");
            slips += usize::from(fast);
        }
        assert!(slips > 100 && slips < texts.len() - 100, "{slips} of {}", texts.len());
    }

    #[test]
    fn normalize_rewrites_only_texts_with_a_separator_or_a_year() {
        assert_eq!(normalize("2021.8 底前"), "2021年8月底前");
        assert_eq!(normalize("2022-09-30"), "2022年09月30日");
        assert_eq!(normalize("2022年底前"), "2022年年底前");
        assert_eq!(normalize("１２月 底前"), "12月底前");
    }

    #[test]
    fn a_deadline_that_is_only_a_tail_is_a_fragment() {
        for tail in ["月底前", "底前", "前", "月内"] {
            assert!(is_tail_only(tail), "{tail}");
        }
        for whole in ["12月底前", "年底前", "上半年", "月度", "长期坚持", "", "2021年6月底前"] {
            assert!(!is_tail_only(whole), "{whole}");
        }
    }

    #[test]
    fn dotted_event_and_next_year_forms() {
        assert_eq!(date("2021.8", 2022).as_deref(), Some("2021-08-31"));
        assert_eq!(date("2022.9.30", 2022).as_deref(), Some("2022-09-30"));
        assert_eq!(date("次年3月底前", 2022).as_deref(), Some("2023-03-31"));
        assert_eq!(date("7月1日起", 2022).as_deref(), Some("2022-07-01"));
        for cell in [
            "2021.8",
            "2022.12",
            "次年3月底前",
            "7月1日起",
            "汛期前",
            "国庆前",
            "每季度",
            "年中",
            "按时序",
            "秋粮收获后",
        ] {
            assert!(is_deadline(cell), "{cell}");
        }
        for text in ["PM2.5浓度下降", "汛期", "每月推进，6月底前完成", "增长2.5%", "2021.8万元"] {
            assert!(!is_deadline(text), "{text}");
        }
    }

    #[test]
    fn digits_alone_are_never_deadlines() {
        // `is_deadline` answers these without its patterns; the patterns agree.
        for text in ["1", "12", "2022", "20221231", "１２", "２０２２", " 3 ", "2022 12", "2022\u{3000}", ""] {
            assert!(!is_deadline(text), "{text}");
            let normalized = normalize(text);
            assert!(normalized.is_empty() || !whole_cell(&normalized), "{text}");
        }
    }

    #[test]
    fn month_end_forms() {
        assert_eq!(date("12月底前", 2022).as_deref(), Some("2022-12-31"));
        assert_eq!(date("6月底", 2022).as_deref(), Some("2022-06-30"));
        assert_eq!(date("9月", 2022).as_deref(), Some("2022-09-30"));
        assert_eq!(date("4月末", 2022).as_deref(), Some("2022-04-30"));
        assert_eq!(date("十二月底前", 2022).as_deref(), Some("2022-12-31"));
        assert_eq!(date("十一月底前", 2022).as_deref(), Some("2022-11-30"));
    }

    #[test]
    fn exact_day() {
        assert_eq!(date("6月30日前", 2022).as_deref(), Some("2022-06-30"));
        assert_eq!(date("12月31日", 2021).as_deref(), Some("2021-12-31"));
        assert_eq!(date("3月15日前完成", 2022).as_deref(), Some("2022-03-15"));
        assert_eq!(resolve("2月30日", Some(2022)), Resolved::Unknown);
    }

    #[test]
    fn year_end_and_halves() {
        assert_eq!(date("年底前", 2022).as_deref(), Some("2022-12-31"));
        assert_eq!(date("年内", 2023).as_deref(), Some("2023-12-31"));
        assert_eq!(date("全年", 2022).as_deref(), Some("2022-12-31"));
        assert_eq!(date("上半年", 2022).as_deref(), Some("2022-06-30"));
        assert_eq!(date("下半年", 2022).as_deref(), Some("2022-12-31"));
    }

    #[test]
    fn year_end_of_a_stated_year() {
        // Regression: `2022年底前` was neither a deadline nor a date.
        assert_eq!(date("2023年底前", 2022).as_deref(), Some("2023-12-31"));
        assert_eq!(date("2022年底", 2022).as_deref(), Some("2022-12-31"));
        assert!(is_deadline("２０２４年底前"));
        assert!(!is_deadline("2022年"));
    }

    #[test]
    fn quarters() {
        assert_eq!(date("一季度", 2022).as_deref(), Some("2022-03-31"));
        assert_eq!(date("二季度", 2022).as_deref(), Some("2022-06-30"));
        assert_eq!(date("三季度末", 2022).as_deref(), Some("2022-09-30"));
        assert_eq!(date("四季度", 2022).as_deref(), Some("2022-12-31"));
        assert_eq!(date("第1季度", 2022).as_deref(), Some("2022-03-31"));
    }

    #[test]
    fn leap_years() {
        assert_eq!(date("2月底", 2024).as_deref(), Some("2024-02-29"));
        assert_eq!(date("2月底前", 2022).as_deref(), Some("2022-02-28"));
        assert_eq!(date("2月底", 2000).as_deref(), Some("2000-02-29"));
        assert_eq!(date("2月底", 1900).as_deref(), Some("1900-02-28"));
        assert_eq!(date("2月29日", 2023), None);
    }

    #[test]
    fn explicit_year_wins() {
        assert_eq!(date("2023年6月底前", 2022).as_deref(), Some("2023-06-30"));
        assert_eq!(date("2022年12月底前", 2021).as_deref(), Some("2022-12-31"));
        assert_eq!(resolve("2023年6月底前", None).iso().as_deref(), Some("2023-06-30"));
        assert_eq!(date("2024年底前", 2022).as_deref(), Some("2024-12-31"));
    }

    #[test]
    fn full_width_digits_and_spaces() {
        assert_eq!(date("１２月底前", 2022).as_deref(), Some("2022-12-31"));
        assert_eq!(date("２０２３年３月底前", 2022).as_deref(), Some("2023-03-31"));
        assert_eq!(date("6 月 30 日前", 2022).as_deref(), Some("2022-06-30"));
    }

    #[test]
    fn ongoing_and_unknown() {
        assert_eq!(resolve("长期坚持", Some(2022)), Resolved::Ongoing);
        assert_eq!(resolve("持续推进", Some(2022)), Resolved::Ongoing);
        assert_eq!(resolve("常态化", None), Resolved::Ongoing);
        assert_eq!(resolve("完成时限", Some(2022)), Resolved::Unknown);
        assert_eq!(resolve("", Some(2022)), Resolved::Unknown);
        assert_eq!(Resolved::Ongoing.iso(), None);
        assert_eq!(Resolved::Unknown.iso(), None);
    }

    #[test]
    fn iso_is_what_format_writes() {
        for (year, month, day) in
            [(2022, 12, 31), (2024, 2, 29), (5, 1, 1), (999, 10, 9), (9999, 12, 31), (12345, 1, 2), (-1, 3, 4)]
        {
            let iso = Resolved::Date { year, month, day }.iso();
            assert_eq!(iso, Some(format!("{year:04}-{month:02}-{day:02}")));
        }
    }

    #[test]
    fn date_pattern_never_matches_empty() {
        // Regression: an empty `(?P<bare>)` alternative matched at every
        // position, so each cell ran the capturing engine once per character.
        assert_eq!(DATE.find_iter("新增企业5家").count(), 0);
        let found: Vec<&str> = DATE.find_iter("2021年3月启动，2023年完成").map(|m| m.as_str()).collect();
        assert_eq!(found, ["2021年3月", "2023年"]);
        assert_eq!(resolve("2021年3月启动，2023年完成", None).iso().as_deref(), Some("2023-12-31"));
        // The memo answers as the reading does.
        assert_eq!(read("2023年", Some(2022)), read_uncached("2023年", Some(2022)));
        assert_eq!(read("2023年", Some(2022)).date_iso(), "2023-12-31");
    }

    #[test]
    fn no_year_means_unknown() {
        assert_eq!(resolve("12月底前", None), Resolved::Unknown);
    }

    #[test]
    fn free_text_takes_the_final_date() {
        assert_eq!(resolve("每月推进，2021年6月底前完成", None).iso().as_deref(), Some("2021-06-30"));
        assert_eq!(resolve("2020年12月底前完成", Some(2022)).iso().as_deref(), Some("2020-12-31"));
        assert_eq!(resolve("2021年3月启动，6月底前完成", Some(2019)).iso().as_deref(), Some("2021-06-30"));
        assert_eq!(resolve("一季度启动，三季度末完成", Some(2022)).iso().as_deref(), Some("2022-09-30"));
        assert_eq!(resolve("2023年", None).iso().as_deref(), Some("2023-12-31"));
        assert_eq!(resolve("每月推进", Some(2022)), Resolved::Unknown);
        assert_eq!(resolve("长期坚持，持续推进", Some(2022)), Resolved::Ongoing);
    }

    fn kind(text: &str) -> (DeadlineKind, String, String) {
        let d = read(text, Some(2022));
        (d.kind, d.date_iso(), d.start_iso())
    }

    #[test]
    fn kinds_of_deadlines() {
        use DeadlineKind::*;
        let k = |t: &str, want: DeadlineKind, date: &str, start: &str| {
            assert_eq!(kind(t), (want, date.to_owned(), start.to_owned()), "{t}")
        };
        k("12月底前", By, "2022-12-31", "");
        k("11月", On, "2022-11-30", "");
        k("2021.8", On, "2021-08-31", "");
        k("2006.11.30", On, "2006-11-30", "");
        // Regression: a date cell of an .xlsx read by annotate came out as `none`.
        k("2022-08-31", On, "2022-08-31", "");
        k("2022-8-1前", By, "2022-08-01", "");
        k("2021.85亿元", None, "", "");
        k("2020年1月至2020年6月", Range, "2020-06-30", "2020-01-01");
        k("2021年1-6月", Range, "2021-06-30", "2021-01-01");
        k("2020-2024年", Range, "2024-12-31", "2020-01-01");
        k("2-3年内", Span, "", "");
        k("2023年9月之后", Start, "", "2023-09-01");
        k("7月1日起", Start, "2022-07-01", "2022-07-01");
        k("次年3月底前", By, "2023-03-31", "");
        k("1.2021年8月 2.2021年12月", Multiple, "2021-12-31", "");
        k("3月底前、6月底前、9月底前", Multiple, "2022-09-30", "");
        k("全年", Ongoing, "2022-12-31", "");
        k("长期坚持", Ongoing, "", "");
        k("9月投入使用", On, "2022-09-30", "");
        k("", None, "", "");
    }

    #[test]
    fn spans_and_starts_get_no_date() {
        // Regression (issue 13): `2-3年内` read as the issue's year end, `2023年9月之后` as its month end.
        assert_eq!(resolve("2-3年内", Some(2022)), Resolved::Unknown);
        assert_eq!(resolve("2023年9月之后", Some(2022)), Resolved::Unknown);
    }

    #[test]
    fn whole_line_deadlines() {
        for line in [
            "12月底前",
            "１２月底前",
            "12月底",
            "6月30日前",
            "年底前",
            "2022年12月底前",
            "2023年6月底前",
            "上半年",
            "下半年",
            "一季度",
            "三季度末",
            "四季度",
            "长期坚持",
            "持续推进",
            "12月31日",
            "全年",
            "6月底前完成",
            " 12月底前 ",
            "十二月底前",
        ] {
            assert!(is_deadline(line), "{line} should be a deadline");
        }
    }

    #[test]
    fn not_whole_line_deadlines() {
        for line in [
            "新增企业5家",
            "完成时限",
            "序号",
            "任务目标",
            "12",
            "2022",
            "2022年",
            "",
            "每月推进，2021年6月底前完成",
            "确保全年固定资产投资增速16%",
            "一季度投资增长 16%以上",
            "市发展和改革局",
            "（一）指标类",
            "12月底前完成调查",
        ] {
            assert!(!is_deadline(line), "{line} should not be a deadline");
        }
    }
}
