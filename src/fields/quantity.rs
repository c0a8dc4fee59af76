//! Quantities in a pledge target: `新增城镇就业人数1.6万人` →
//! metric `新增城镇就业人数`, value `1.6`, unit `万人`, magnitude_value `16000`.
//!
//! Why a hand-written scanner and not one big regex: the hard part is saying
//! what is *not* a quantity (years, ordinals, labels, versions, periods), and
//! each of those rules needs a look at the neighbours of a figure. The scanner
//! walks the text once, so the cost is linear and no regex is compiled per call.
//!
//! ```
//! let q = pledges::fields::quantity::extract("城镇登记失业率控制在3%以内");
//! assert_eq!(q.len(), 1);
//! assert_eq!(q[0].metric, "城镇登记失业率");
//! assert_eq!((q[0].value.as_str(), q[0].unit.as_str()), ("3", "%"));
//! assert_eq!(q[0].qualifier, "at_most");
//! assert_eq!(q[0].text, "控制在3%以内");
//! ```
//!
//! # What is a quantity
//!
//! A figure (Arabic `1.6`, `10,000`, full-width `１２`, or Chinese `两千`,
//! `一万二千`, `十五`) followed — spaces allowed — by an optional magnitude
//! (`十 百 千 万 亿` and combinations such as `万亿`, `千万`) and a unit from
//! `src/units.tsv` (measure words are units). A figure without a unit is not a
//! quantity. Not quantities either:
//!
//! * years and other `年` without a qualifier (`2022年`, `千年古城`); `3年以上` is one;
//! * ordinals: a figure after `第` (`第十二批`, `第17届`, `第一方阵`);
//! * a bare `一` before a measure word, which is the article "a" (`一批`,
//!   `一件事`, `一校一品`); `一万人` still counts;
//! * bare magnitudes (`万亩千亿`), labels (`4+1`, `两化`, `十大`, `三级网络`),
//!   versions (`1.0 版`), periods (`一季度`, `上半年`), `一期`/`二期`;
//! * figures glued to a Latin letter (`G60`, `H7N9`), which are codes.
//!
//! A figure inside a quoted name (`“15分钟托管圈”`, `《…3年行动计划》`) is
//! returned, with the flag `in_quoted_name`, so a caller can drop it.
//!
//! # Fields
//!
//! * `value`: the figure as printed with thousands commas removed; Chinese
//!   numerals are converted and absorb their own magnitudes (`三万人` → value
//!   `30000`, unit `人`). Arabic figures keep the magnitude in the unit
//!   (`1.6万人` → value `1.6`, unit `万人`).
//! * ranges (`3至5个`, `10-20家`, `3～5万元`, `16%-20%`) give one quantity,
//!   `value` the low end, `value_high` the high end; a magnitude printed only
//!   after the high end applies to both (`3-5万元` is 30000–50000).
//! * `magnitude_value`: the low end with the magnitude folded in, as a plain
//!   decimal (`128亿元` → `12800000000`).
//! * `text`: the printed span, from the first qualifier before the figure to
//!   the last one after the unit (`近 200 个`, `达到950亿元以上`).
//!
//! # Qualifier vocabulary
//!
//! | code       | printed as                                            |
//! |------------|-------------------------------------------------------|
//! | `at_least` | 以上, 及以上, 不少于, 不低于, 至少                     |
//! | `at_most`  | 以下, 以内, 不超过, 不高于, 不多于, 最多, 控制在       |
//! | `over`     | 超, 超过, 高于, 多于, 突破, 余 / 多 (`200余家`)        |
//! | `under`    | 低于, 不足, 不到                                      |
//! | `nearly`   | 近, 将近, 接近                                        |
//! | `about`    | 约, 大约, 左右                                        |
//! | `aim`      | 力争, 争取                                            |
//! | `reach`    | 达到, 达, 提高到, 提升到, 增加到, 增至                 |
//!
//! Several qualifiers are joined with `;` in printed order, each code once:
//! `力争达到100家以上` → `aim;reach;at_least`; `控制在3%以内` → `at_most`.
//! A qualifier before the figure must start a word (jieba decides), so
//! `节约3吨` and `下达3亿元` have none.
//!
//! # Metric
//!
//! The words before the figure within its clause: from the last `，、；。,;：！？`
//! or the end of the previous quantity, whichever is nearer, up to the first
//! qualifier. Brackets and spaces at the edges are dropped, as are a leading
//! `其中`/`确保` and a trailing `的` when jieba cuts them as whole words.
//! Two fallbacks, both so the metric is rarely empty:
//! * a figure that only follows another one across a bracket
//!   (`增速16%（力争20%）`) shares its metric;
//! * otherwise an empty metric is taken from the words *after* the unit up to
//!   the next quantity or clause end (`4个第十二批省集中开工项目…`), flagged
//!   `metric_after`.

use serde::Serialize;
use std::collections::HashMap;
// The general segmenter, shared with the aligner's (one dictionary parse).
use crate::lexicon::segment::GENERAL as JIEBA;
use std::sync::LazyLock;

/// One quantity found in a target text. All fields are strings so they go to
/// CSV unchanged; empty means "none".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    pub metric: String,
    pub value: String,
    pub value_high: String,
    pub unit: String,
    pub magnitude_value: String,
    pub base_unit: String,
    pub qualifier: String,
    pub text: String,
    pub flags: String,
}

/// Every quantity of `target`, in order of appearance.
pub fn extract(target: &str) -> Vec<Quantity> {
    let text = Text::new(target);
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        match scan_at(&text, i) {
            Scan::Quantity(f) => {
                i = f.end;
                found.push(*f);
            }
            Scan::Skip(next) => i = next.max(i + 1),
        }
    }
    let mut out = Vec::with_capacity(found.len());
    for k in 0..found.len() {
        let prev_end = if k == 0 { 0 } else { found[k - 1].end };
        out.push(finish(&text, &found[k], prev_end, &out));
    }
    fill_empty_metrics_from_after(&text, &found, &mut out);
    out
}

/// Whether some quantity of `target` ends after char `at`: the scanner
/// alone, without the jieba cut that [`extract`] makes for qualifiers and
/// metrics. A quantity's printed span ends where the scanner's does, so
/// when this is false no quantity of [`extract`] reaches past `at`.
///
/// ```
/// use pledges::fields::quantity::ends_after;
/// assert!(ends_after("腾出用能空间7万吨标煤", 8));
/// assert!(!ends_after("新增学位5320个，建成", 10));
/// ```
pub fn ends_after(target: &str, at: usize) -> bool {
    let text = Text::new(target);
    let mut i = 0;
    while i < text.len() {
        match scan_at(&text, i) {
            Scan::Quantity(f) if f.end > at => return true,
            Scan::Quantity(f) => i = f.end,
            Scan::Skip(next) => i = next.max(i + 1),
        }
    }
    false
}

// ---------------------------------------------------------------------------
// Text with normalized chars and a map back to the printed bytes.

/// The target as normalized chars (full-width digits, letters, `%`, `.` and
/// the ideographic space folded to ASCII, one char for one char) plus the
/// byte offset of every char, so spans can be cut from the printed text.
struct Text<'a> {
    printed: &'a str,
    chars: Vec<char>,
    byte_at: Vec<usize>,
    quote_depth: Vec<u8>,
}

impl<'a> Text<'a> {
    fn new(printed: &'a str) -> Self {
        let n = printed.len();
        let mut chars = Vec::with_capacity(n / 2);
        let mut byte_at = Vec::with_capacity(n / 2 + 1);
        let mut quote_depth = Vec::with_capacity(n / 2);
        let mut depth: u8 = 0;
        let mut ascii_quote_open = false;
        for (b, c) in printed.char_indices() {
            let c = normalize_char(c);
            match c {
                '“' | '《' | '「' | '『' => depth = depth.saturating_add(1),
                '"' => ascii_quote_open = !ascii_quote_open,
                _ => {}
            }
            quote_depth.push(depth + u8::from(ascii_quote_open));
            if matches!(c, '”' | '》' | '」' | '』') {
                depth = depth.saturating_sub(1);
            }
            chars.push(c);
            byte_at.push(b);
        }
        byte_at.push(n);
        Text { printed, chars, byte_at, quote_depth }
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn printed(&self, from: usize, to: usize) -> &'a str {
        &self.printed[self.byte_at[from]..self.byte_at[to]]
    }

    fn starts_with(&self, i: usize, word: &[char]) -> bool {
        self.chars.get(i..i + word.len()) == Some(word)
    }

    fn skip_spaces(&self, mut i: usize) -> usize {
        while matches!(self.at(i), Some(' ' | '\t')) {
            i += 1;
        }
        i
    }

    fn skip_spaces_back(&self, mut i: usize) -> usize {
        while i > 0 && matches!(self.chars[i - 1], ' ' | '\t') {
            i -= 1;
        }
        i
    }
}

fn normalize_char(c: char) -> char {
    match c {
        // Full-width forms sit at a fixed offset from ASCII. The full-width
        // comma stays: it is a clause break, not a thousands separator.
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '％' | '．' | '－' | '＋' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '\u{3000}' | '\u{a0}' => ' ',
        _ => c,
    }
}

// ---------------------------------------------------------------------------
// Units, magnitudes, qualifiers.

struct Unit {
    name: Vec<char>,
    text: String,
    needs_bound: bool,
}

/// Units by first char, longest first, so matching tries few candidates.
static UNITS: LazyLock<HashMap<char, Vec<Unit>>> = LazyLock::new(|| {
    let mut by_first: HashMap<char, Vec<Unit>> = HashMap::new();
    for line in crate::lexicon::measure::UNITS_TSV.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let name = cols.next().unwrap_or("").trim();
        let needs_bound = cols.nth(1).map(str::trim) == Some("bound");
        let Some(first) = name.chars().next() else {
            continue;
        };
        by_first.entry(first).or_default().push(Unit {
            name: name.chars().collect(),
            text: name.to_string(),
            needs_bound,
        });
    }
    for list in by_first.values_mut() {
        list.sort_by_key(|u| std::cmp::Reverse(u.name.len()));
    }
    by_first
});

fn unit_at(text: &Text, i: usize) -> Option<&'static Unit> {
    let first = text.at(i)?;
    UNITS.get(&first)?.iter().find(|u| text.starts_with(i, &u.name))
}

fn magnitude_exponent(c: char) -> Option<u32> {
    match c {
        '十' => Some(1),
        '百' => Some(2),
        '千' => Some(3),
        '万' => Some(4),
        '亿' => Some(8),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Qual {
    AtLeast,
    AtMost,
    Over,
    Under,
    Nearly,
    About,
    Aim,
    Reach,
}

impl Qual {
    fn code(self) -> &'static str {
        match self {
            Qual::AtLeast => "at_least",
            Qual::AtMost => "at_most",
            Qual::Over => "over",
            Qual::Under => "under",
            Qual::Nearly => "nearly",
            Qual::About => "about",
            Qual::Aim => "aim",
            Qual::Reach => "reach",
        }
    }
}

/// Words printed before a figure, longest first so 不超过 wins over 超过.
static PREFIX_QUALS: LazyLock<Vec<(Vec<char>, Qual)>> = LazyLock::new(|| {
    let table: &[(&str, Qual)] = &[
        ("不少于", Qual::AtLeast),
        ("不低于", Qual::AtLeast),
        ("至少", Qual::AtLeast),
        ("不超过", Qual::AtMost),
        ("不高于", Qual::AtMost),
        ("不多于", Qual::AtMost),
        ("最多", Qual::AtMost),
        ("控制在", Qual::AtMost),
        ("超过", Qual::Over),
        ("高于", Qual::Over),
        ("多于", Qual::Over),
        ("突破", Qual::Over),
        ("超", Qual::Over),
        ("低于", Qual::Under),
        ("不足", Qual::Under),
        ("不到", Qual::Under),
        ("将近", Qual::Nearly),
        ("接近", Qual::Nearly),
        ("近", Qual::Nearly),
        ("大约", Qual::About),
        ("约", Qual::About),
        ("力争", Qual::Aim),
        ("争取", Qual::Aim),
        ("提高到", Qual::Reach),
        ("提升到", Qual::Reach),
        ("增加到", Qual::Reach),
        ("达到", Qual::Reach),
        ("增至", Qual::Reach),
        ("达", Qual::Reach),
    ];
    let mut v: Vec<(Vec<char>, Qual)> = table.iter().map(|(w, q)| (w.chars().collect(), *q)).collect();
    v.sort_by_key(|entry| std::cmp::Reverse(entry.0.len()));
    v
});

/// Words printed after the unit.
const SUFFIX_QUALS: &[(&[char], Qual)] = &[
    (&['及', '以', '上'], Qual::AtLeast),
    (&['以', '上'], Qual::AtLeast),
    (&['以', '下'], Qual::AtMost),
    (&['以', '内'], Qual::AtMost),
    (&['左', '右'], Qual::About),
];

// ---------------------------------------------------------------------------
// Figures.

#[derive(Clone, Debug)]
struct Figure {
    start: usize,
    end: usize,
    /// Plain decimal, commas removed, Chinese converted.
    value: String,
    chinese: bool,
}

const CN_DIGITS: &str = "零〇一二两三四五六七八九";

fn cn_digit(c: char) -> Option<u64> {
    match c {
        '零' | '〇' => Some(0),
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

fn figure_at(text: &Text, i: usize) -> Option<Figure> {
    let c = text.at(i)?;
    if c.is_ascii_digit() {
        Some(arabic_figure(text, i))
    } else if (CN_DIGITS.contains(c) && c != '零' && c != '〇') || c == '十' {
        chinese_figure(text, i)
    } else {
        None
    }
}

fn arabic_figure(text: &Text, start: usize) -> Figure {
    let mut i = start;
    let mut value = String::new();
    let digits_from = |value: &mut String, mut i: usize| {
        while let Some(c) = text.at(i).filter(char::is_ascii_digit) {
            value.push(c);
            i += 1;
        }
        i
    };
    i = digits_from(&mut value, i);
    // Thousands separators only in the strict 1,234,567 shape, so a list
    // like "10,20" is not glued into one number.
    if value.len() <= 3 {
        while text.at(i) == Some(',')
            && (1..=3).all(|k| text.at(i + k).is_some_and(|c| c.is_ascii_digit()))
            && !text.at(i + 4).is_some_and(|c| c.is_ascii_digit())
        {
            i = digits_from(&mut value, i + 1);
        }
    }
    if text.at(i) == Some('.') && text.at(i + 1).is_some_and(|c| c.is_ascii_digit()) {
        value.push('.');
        i = digits_from(&mut value, i + 1);
    }
    Figure { start, end: i, value, chinese: false }
}

fn chinese_figure(text: &Text, start: usize) -> Option<Figure> {
    let mut end = start;
    while let Some(c) = text.at(end) {
        if cn_digit(c).is_none() && magnitude_exponent(c).is_none() {
            break;
        }
        end += 1;
    }
    let value = chinese_value(&text.chars[start..end])?;
    Some(Figure { start, end, value: value.to_string(), chinese: true })
}

/// 两千 → 2000, 一万二千 → 12000, 十五 → 15, 三亿五千万 → 350000000;
/// a run of plain digits (一二) is read digit by digit.
fn chinese_value(chars: &[char]) -> Option<u128> {
    if chars.iter().all(|&c| cn_digit(c).is_some()) {
        return chars.iter().try_fold(0u128, |acc, &c| acc.checked_mul(10)?.checked_add(cn_digit(c)? as u128));
    }
    // Three levels: whole 亿s, whole 万s below 亿, and the part below 万.
    let (mut yi, mut wan, mut section, mut digit) = (0u128, 0u128, 0u128, 0u128);
    for &c in chars {
        if let Some(d) = cn_digit(c) {
            digit = d as u128;
            continue;
        }
        match c {
            '万' => {
                wan = wan.checked_add((section + digit).checked_mul(10_000)?)?;
                section = 0;
            }
            '亿' => {
                yi = (yi + wan + section + digit).checked_mul(100_000_000)?;
                wan = 0;
                section = 0;
            }
            _ => {
                let unit = 10u128.pow(magnitude_exponent(c)?);
                // 十五: a bare 十 means one ten.
                section = section.checked_add(digit.max(1).checked_mul(unit)?)?;
            }
        }
        digit = 0;
    }
    yi.checked_add(wan)?.checked_add(section)?.checked_add(digit)
}

// ---------------------------------------------------------------------------
// Scanning one candidate.

struct Found {
    /// First char of the first qualifier (or of the figure).
    start: usize,
    figure_start: usize,
    end: usize,
    /// Candidate prefix qualifiers, leftmost first, not yet checked by jieba.
    prefixes: Vec<(usize, Qual)>,
    after: Vec<Qual>,
    value: String,
    value_high: String,
    unit: String,
    magnitude_value: String,
    base_unit: String,
    in_quoted_name: bool,
}

enum Scan {
    Quantity(Box<Found>),
    Skip(usize),
}

fn scan_at(text: &Text, i: usize) -> Scan {
    let Some(low) = figure_at(text, i) else {
        return Scan::Skip(i + 1);
    };
    if is_code_or_ordinal(text, &low) {
        return Scan::Skip(low.end);
    }
    let Some(reading) = read_unit_and_range(text, &low) else {
        return Scan::Skip(low.end);
    };
    if low.chinese && low.value == "1" && low.end - low.start == 1 && reading.high.is_none() {
        return Scan::Skip(low.end);
    }
    let (rate, reading_end) = rate_after(text, reading.end);
    let prefixes = prefix_candidates(text, low.start);
    let (after, end) = suffix_quals(text, reading_end);
    if is_calendar_year(&low, &reading) && after.is_empty() {
        // `力争2025年前建成`: a date, whatever qualifier stands before it.
        return Scan::Skip(reading.end);
    }
    let mut after_all = reading.over.then_some(Qual::Over).into_iter().collect::<Vec<_>>();
    after_all.extend(after);
    if reading.unit.needs_bound && prefixes.is_empty() && after_all.is_empty() {
        return Scan::Skip(reading.end);
    }
    let start = prefixes.first().map_or(low.start, |p| p.0);
    let magnitude_value = shift_decimal(&low.value, reading.low_exp);
    let unit = format!("{}{}{rate}", reading.magnitude_text, reading.unit.text);
    Scan::Quantity(Box::new(Found {
        start,
        figure_start: low.start,
        end,
        prefixes,
        after: after_all,
        value: low.value,
        value_high: reading.high.map(|h| h.value).unwrap_or_default(),
        unit,
        magnitude_value,
        base_unit: format!("{}{rate}", reading.unit.text),
        in_quoted_name: text.quote_depth[i] > 0,
    }))
}

/// What may stand after `/` in a rate (`15件/日`, `200元/吨`, `3次/年`)
/// besides a unit of the table.
const PER: &[char] = &['日', '天', '月', '年', '周', '季', '时', '人', '户', '次', '亩', '吨', 'h'];

/// `/吨` after a unit: the rate's denominator (`/吨`, empty when none) and where it ends.
fn rate_after(text: &Text, from: usize) -> (String, usize) {
    if !matches!(text.at(from), Some('/' | '／')) {
        return (String::new(), from);
    }
    let i = from + 1;
    let len = unit_at(text, i).map(|u| u.name.len()).or_else(|| text.at(i).filter(|c| PER.contains(c)).map(|_| 1));
    match len {
        Some(n) => (format!("/{}", text.chars[i..i + n].iter().collect::<String>()), i + n),
        None => (String::new(), from),
    }
}

/// `2025年`: a four-digit figure from 1900 to 2100 before 年 is a year.
fn is_calendar_year(low: &Figure, reading: &Reading) -> bool {
    reading.unit.text == "年"
        && reading.high.is_none()
        && reading.magnitude_text.is_empty()
        && !low.chinese
        && low.value.len() == 4
        && low.value.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// `第十二批`, `第17届`: ordinals. `G60`: a code. `1.0版`-like figures die
/// later for lack of a unit.
fn is_code_or_ordinal(text: &Text, fig: &Figure) -> bool {
    let before = text.skip_spaces_back(fig.start);
    let prev = if before > 0 { Some(text.chars[before - 1]) } else { None };
    let glued_prev = if fig.start > 0 { Some(text.chars[fig.start - 1]) } else { None };
    prev == Some('第')
        || glued_prev.is_some_and(|c| c.is_ascii_alphabetic() || c == '.')
        || (!fig.chinese && text.at(fig.end).is_some_and(|c| c.is_ascii_alphabetic()))
}

struct Reading {
    high: Option<Figure>,
    unit: &'static Unit,
    magnitude_text: String,
    low_exp: u32,
    over: bool,
    end: usize,
}

struct UnitMatch {
    unit: &'static Unit,
    magnitude_text: String,
    exp: u32,
    over: bool,
    end: usize,
}

/// After a figure: `[余|多] [magnitude] [余|多] unit`, longest unit first,
/// then shorter magnitudes so 万千瓦 reads as 万 + 千瓦.
fn unit_after(text: &Text, from: usize) -> Option<UnitMatch> {
    let mut i = text.skip_spaces(from);
    let mut over = false;
    if matches!(text.at(i), Some('余' | '多')) {
        over = true;
        i += 1;
    }
    if let Some(unit) = unit_at(text, i) {
        return Some(UnitMatch { unit, magnitude_text: String::new(), exp: 0, over, end: i + unit.name.len() });
    }
    let run = (i..text.len()).take_while(|&k| magnitude_exponent(text.chars[k]).is_some()).count().min(3);
    for len in (1..=run).rev() {
        let mut j = i + len;
        let mut over_here = over;
        if matches!(text.at(j), Some('余' | '多')) {
            over_here = true;
            j += 1;
        }
        let j = text.skip_spaces(j);
        if let Some(unit) = unit_at(text, j) {
            let mag = &text.chars[i..i + len];
            return Some(UnitMatch {
                unit,
                magnitude_text: mag.iter().collect(),
                exp: mag.iter().filter_map(|&c| magnitude_exponent(c)).sum(),
                over: over_here,
                end: j + unit.name.len(),
            });
        }
    }
    None
}

fn read_unit_and_range(text: &Text, low: &Figure) -> Option<Reading> {
    let low_unit = unit_after(text, low.end);
    let mut after_low = low_unit.as_ref().map_or(low.end, |u| u.end);
    let mut low_mag_exp = 0;
    if low_unit.is_none() {
        let j = text.skip_spaces(low.end);
        let run = (j..text.len()).take_while(|&k| magnitude_exponent(text.chars[k]).is_some()).count();
        low_mag_exp = text.chars[j..j + run].iter().filter_map(|&c| magnitude_exponent(c)).sum();
        after_low = j + run;
    }
    if let Some(range) = range_after(text, after_low, low) {
        if low_unit.as_ref().is_none_or(|u| u.unit.text == range.1.unit.text) {
            let (high, unit) = range;
            let low_exp = match &low_unit {
                Some(u) => u.exp,
                None if low_mag_exp > 0 => low_mag_exp,
                None => unit.exp,
            };
            return Some(Reading {
                high: Some(high),
                unit: unit.unit,
                magnitude_text: unit.magnitude_text,
                low_exp,
                over: unit.over,
                end: unit.end,
            });
        }
    }
    let u = low_unit?;
    Some(Reading {
        high: None,
        unit: u.unit,
        magnitude_text: u.magnitude_text,
        low_exp: u.exp,
        over: u.over,
        end: u.end,
    })
}

fn range_after(text: &Text, from: usize, low: &Figure) -> Option<(Figure, UnitMatch)> {
    let i = text.skip_spaces(from);
    if !matches!(text.at(i)?, '至' | '到' | '-' | '~' | '～' | '—' | '–' | '〜') {
        return None;
    }
    let mut j = text.skip_spaces(i + 1);
    if text.at(j) == Some('—') {
        j += 1; // a doubled dash ——
    }
    let high = figure_at(text, j).filter(|h| h.chinese == low.chinese)?;
    let unit = unit_after(text, high.end)?;
    Some((high, unit))
}

fn prefix_candidates(text: &Text, figure_start: usize) -> Vec<(usize, Qual)> {
    let mut found = Vec::new();
    let mut end = text.skip_spaces_back(figure_start);
    'outer: loop {
        for (word, qual) in PREFIX_QUALS.iter() {
            if end >= word.len() && text.starts_with(end - word.len(), word) {
                end -= word.len();
                found.push((end, *qual));
                end = text.skip_spaces_back(end);
                continue 'outer;
            }
        }
        break;
    }
    found.reverse();
    found
}

fn suffix_quals(text: &Text, from: usize) -> (Vec<Qual>, usize) {
    let i = text.skip_spaces(from);
    for (word, qual) in SUFFIX_QUALS {
        if text.starts_with(i, word) {
            return (vec![*qual], i + word.len());
        }
    }
    (Vec::new(), from)
}

/// Moves the decimal point of a plain decimal `exp` places right: ("1.6", 4)
/// → "16000". Exact, no float.
fn shift_decimal(value: &str, exp: u32) -> String {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    let mut digits: String = format!("{int}{frac}");
    let point = int.len() as i64 + exp as i64;
    while (digits.len() as i64) < point {
        digits.push('0');
    }
    let point = point.clamp(0, digits.len() as i64) as usize;
    let (i, f) = digits.split_at_mut(point);
    let i = i.trim_start_matches('0');
    let f = f.trim_end_matches('0');
    let i = if i.is_empty() { "0" } else { i };
    if f.is_empty() {
        i.to_string()
    } else {
        format!("{i}.{f}")
    }
}

// ---------------------------------------------------------------------------
// Metric, qualifier check, output.

/// Ends a clause for the metric. The enumeration comma 、 is not one: in
/// `新增省级众创空间、科技孵化器等创新载体2家` it joins the parts of one
/// metric, and where it separates two quantities (`项目4个、省重点建设项目3个`)
/// the previous quantity already bounds the clause.
fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | '；' | '。' | ',' | ';' | '：' | ':' | '！' | '？' | '!' | '?' | '\n' | '\r')
}

fn finish(text: &Text, f: &Found, prev_end: usize, done: &[Quantity]) -> Quantity {
    let clause_start = (prev_end..f.start).rev().find(|&k| is_clause_break(text.chars[k])).map_or(prev_end, |k| k + 1);
    let span = text.printed(clause_start, f.figure_start);
    let words: Vec<jieba_rs::Token> = if span.is_empty() { Vec::new() } else { JIEBA.cut(span, false) };
    let is_word_start = |char_idx: usize| words.iter().any(|t| t.start + clause_start == char_idx);
    // Accept prefix qualifiers from the figure outwards while each one starts a word.
    let mut accepted_from = f.prefixes.len();
    while accepted_from > 0 && is_word_start(f.prefixes[accepted_from - 1].0) {
        accepted_from -= 1;
    }
    let kept = &f.prefixes[accepted_from..];
    let start = kept.first().map_or(f.figure_start, |p| p.0);
    let metric_end = text.skip_spaces_back(start);
    let metric = trim_metric(text.printed(clause_start, metric_end), &words, clause_start, metric_end);
    let mut quals: Vec<&'static str> = Vec::new();
    for q in kept.iter().map(|p| p.1).chain(f.after.iter().copied()) {
        if !quals.contains(&q.code()) {
            quals.push(q.code());
        }
    }
    let metric = if metric.is_empty() && !done.is_empty() && only_brackets_between(text, prev_end, start) {
        done[done.len() - 1].metric.clone()
    } else {
        metric
    };
    Quantity {
        metric,
        value: f.value.clone(),
        value_high: f.value_high.clone(),
        unit: f.unit.clone(),
        magnitude_value: f.magnitude_value.clone(),
        base_unit: f.base_unit.clone(),
        qualifier: quals.join(";"),
        text: text.printed(start, f.end).to_string(),
        flags: if f.in_quoted_name { "in_quoted_name".into() } else { String::new() },
    }
}

fn only_brackets_between(text: &Text, from: usize, to: usize) -> bool {
    from < to && text.chars[from..to].iter().all(|c| matches!(c, '（' | '(' | '）' | ')' | ' ' | '[' | ']'))
}

const OPENERS: &[char] = &['（', '(', '《', '“', '「', '[', '【', '"'];
const CLOSERS: &[char] = &['）', ')', '》', '”', '」', ']', '】', '"'];

/// Drops edge brackets and spaces, a leading 其中/确保 and a trailing 的 —
/// the last two only when jieba cut them as whole words.
fn trim_metric(raw: &str, words: &[jieba_rs::Token], clause_start: usize, metric_end: usize) -> String {
    let mut s = raw;
    // Whole-word trimming uses the jieba cut of the clause, whose offsets are
    // relative to `clause_start`.
    let first = words.first().map(|t| t.word);
    if let Some(w @ ("其中" | "确保")) = first {
        s = &s[w.len()..];
    }
    match words.iter().find(|t| t.end + clause_start == metric_end).map(|t| t.word) {
        Some("的") => s = s.strip_suffix('的').unwrap_or(s),
        // `200个项目及83项政策处理工作`: the words before 及 belong to the
        // previous quantity, so this one gets its metric from after the unit.
        Some(w @ ("及" | "以及" | "和" | "与")) if s.ends_with(w) => return String::new(),
        _ => {}
    }
    trim_edges(s).to_string()
}

fn trim_edges(mut s: &str) -> &str {
    loop {
        let before = s.len();
        s = s.trim_matches(|c: char| c.is_whitespace() || c == '、');
        s = s.trim_start_matches(CLOSERS);
        s = s.trim_end_matches(OPENERS);
        if let Some(c) = s.chars().next() {
            if let Some(k) = OPENERS.iter().position(|&o| o == c) {
                if !s.contains(CLOSERS[k]) {
                    s = &s[c.len_utf8()..];
                }
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// A quantity still without a metric (`4个第十二批省集中开工项目…`) takes
/// the words after its unit, up to the next quantity or clause end.
fn fill_empty_metrics_from_after(text: &Text, found: &[Found], out: &mut [Quantity]) {
    for k in 0..out.len() {
        if !out[k].metric.is_empty() {
            continue;
        }
        let from = found[k].end;
        let limit = found.get(k + 1).map_or(text.len(), |n| n.start);
        let to = (from..limit).find(|&c| is_clause_break(text.chars[c]) || text.chars[c] == '、').unwrap_or(limit);
        let words = trim_edges(text.printed(from, to));
        if !words.is_empty() {
            out[k].metric = words.to_string();
            add_flag(&mut out[k].flags, "metric_after");
        }
    }
}

fn add_flag(flags: &mut String, flag: &str) {
    if !flags.is_empty() {
        flags.push(';');
    }
    flags.push_str(flag);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (value, value_high, unit, magnitude_value, base_unit, qualifier, text) of every quantity.
    fn q(text: &str) -> Vec<[String; 7]> {
        extract(text)
            .into_iter()
            .map(|q| [q.value, q.value_high, q.unit, q.magnitude_value, q.base_unit, q.qualifier, q.text])
            .collect()
    }

    fn one(text: &str) -> [String; 7] {
        let mut all = q(text);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.remove(0)
    }

    fn row(v: &str, hi: &str, unit: &str, mag: &str, base: &str, qual: &str, text: &str) -> [String; 7] {
        [v, hi, unit, mag, base, qual, text].map(String::from)
    }

    fn values(text: &str) -> Vec<String> {
        extract(text).into_iter().map(|q| q.value).collect()
    }

    #[test]
    fn money_units_and_magnitudes() {
        assert_eq!(one("储备专项债券128亿元"), row("128", "", "亿元", "12800000000", "元", "", "128亿元"));
        assert_eq!(one("补助3.5万元"), row("3.5", "", "万元", "35000", "元", "", "3.5万元"));
        assert_eq!(one("年标准提高到11000元"), row("11000", "", "元", "11000", "元", "reach", "提高到11000元"));
        assert_eq!(one("投资1.2万亿元"), row("1.2", "", "万亿元", "1200000000000", "元", "", "1.2万亿元"));
        assert_eq!(one("投入5千万元"), row("5", "", "千万元", "50000000", "元", "", "5千万元"));
        assert_eq!(one("出口0.05亿美元"), row("0.05", "", "亿美元", "5000000", "美元", "", "0.05亿美元"));
    }

    #[test]
    fn area_units() {
        assert_eq!(one("供地1000亩"), row("1000", "", "亩", "1000", "亩", "", "1000亩"));
        assert_eq!(one("造林20公顷"), row("20", "", "公顷", "20", "公顷", "", "20公顷"));
        assert_eq!(one("改造12万平方米"), row("12", "", "万平方米", "120000", "平方米", "", "12万平方米"));
        assert_eq!(one("开发1平方公里以上"), row("1", "", "平方公里", "1", "平方公里", "at_least", "1平方公里以上"));
    }

    #[test]
    fn energy_and_power_units() {
        assert_eq!(one("腾出用能空间7万吨标煤"), row("7", "", "万吨标煤", "70000", "吨标煤", "", "7万吨标煤"));
        assert_eq!(one("减排3吨"), row("3", "", "吨", "3", "吨", "", "3吨"));
        assert_eq!(one("装机40兆瓦"), row("40", "", "兆瓦", "40", "兆瓦", "", "40兆瓦"));
        assert_eq!(one("新增5千瓦"), row("5", "", "千瓦", "5", "千瓦", "", "5千瓦"));
        assert_eq!(one("新增装机2万千瓦"), row("2", "", "万千瓦", "20000", "千瓦", "", "2万千瓦"));
        assert_eq!(one("发电1.5亿千瓦时"), row("1.5", "", "亿千瓦时", "150000000", "千瓦时", "", "1.5亿千瓦时"));
    }

    #[test]
    fn length_units() {
        assert_eq!(one("新建道路12公里"), row("12", "", "公里", "12", "公里", "", "12公里"));
        assert_eq!(one("绿道3千米"), row("3", "", "千米", "3", "千米", "", "3千米"));
        assert_eq!(one("管道800米"), row("800", "", "米", "800", "米", "", "800米"));
    }

    #[test]
    fn measure_words_are_units() {
        for unit in [
            "个", "家", "人", "名", "项", "所", "张", "次", "场", "批", "座", "条", "户", "套", "台", "辆", "件", "间",
            "位", "床", "处",
        ] {
            let text = format!("新增7{unit}");
            assert_eq!(one(&text), row("7", "", unit, "7", unit, "", &format!("7{unit}")), "{unit}");
        }
        assert_eq!(one("接待游客3万人次"), row("3", "", "万人次", "30000", "人次", "", "3万人次"));
    }

    #[test]
    fn time_units() {
        assert_eq!(one("服务不少于1000小时"), row("1000", "", "小时", "1000", "小时", "at_least", "不少于1000小时"));
        assert_eq!(one("办结时间压缩至3天"), row("3", "", "天", "3", "天", "", "3天"));
        assert_eq!(one("审批5个工作日内"), row("5", "", "个工作日", "5", "个工作日", "", "5个工作日"));
        assert_eq!(one("运营3年以上"), row("3", "", "年", "3", "年", "at_least", "3年以上"));
    }

    #[test]
    fn ratio_units() {
        assert_eq!(one("GDP增长7.5%"), row("7.5", "", "%", "7.5", "%", "", "7.5%"));
        assert_eq!(one("开工率100%"), row("100", "", "%", "100", "%", "", "100%"));
        assert_eq!(one("提高2个百分点"), row("2", "", "个百分点", "2", "个百分点", "", "2个百分点"));
        assert_eq!(one("事故率低于0.5‰"), row("0.5", "", "‰", "0.5", "‰", "under", "低于0.5‰"));
        assert_eq!(one("增速３０％以上"), row("30", "", "%", "30", "%", "at_least", "３０％以上"));
    }

    #[test]
    fn qualifiers_before() {
        let qual = |t: &str| one(t)[5].clone();
        assert_eq!(qual("不少于5家"), "at_least");
        assert_eq!(qual("不低于5家"), "at_least");
        assert_eq!(qual("不超过5家"), "at_most");
        assert_eq!(qual("失业率控制在3%"), "at_most");
        assert_eq!(qual("收入超10亿元"), "over");
        assert_eq!(qual("收入超过10亿元"), "over");
        assert_eq!(qual("全年近 200 个"), "nearly");
        assert_eq!(qual("投资约3亿元"), "about");
        assert_eq!(qual("力争20%"), "aim");
        assert_eq!(qual("增速达20%"), "reach");
        assert_eq!(qual("覆盖率达到50%"), "reach");
        assert_eq!(qual("标准提高到11000元"), "reach");
    }

    #[test]
    fn qualifiers_after_and_combined() {
        let qual = |t: &str| one(t)[5].clone();
        assert_eq!(qual("企业50家以上"), "at_least");
        assert_eq!(qual("耕占比2%以下"), "at_most");
        assert_eq!(qual("工期30天以内"), "at_most");
        assert_eq!(qual("投资3亿元左右"), "about");
        assert_eq!(qual("企业200余家"), "over");
        assert_eq!(qual("失业率控制在3%以内"), "at_most");
        assert_eq!(qual("规模达到950亿元以上"), "reach;at_least");
        assert_eq!(qual("力争达到100家以上"), "aim;reach;at_least");
        assert_eq!(one("力争达到100家以上")[6], "力争达到100家以上");
    }

    #[test]
    fn qualifier_must_start_a_word() {
        // 节约 (save) and 下达 (allocate) end in 约 and 达 but are not bounds.
        assert_eq!(one("节约用水3吨")[5], "");
        assert_eq!(one("全年节约3吨")[5], "");
        assert_eq!(one("下达资金3亿元")[5], "");
    }

    #[test]
    fn ranges() {
        assert_eq!(one("建成3至5个"), row("3", "5", "个", "3", "个", "", "3至5个"));
        assert_eq!(one("培育10-20家"), row("10", "20", "家", "10", "家", "", "10-20家"));
        assert_eq!(one("新增3～5个"), row("3", "5", "个", "3", "个", "", "3～5个"));
        assert_eq!(one("补助3-5万元"), row("3", "5", "万元", "30000", "元", "", "3-5万元"));
        assert_eq!(one("增长16%-20%"), row("16", "20", "%", "16", "%", "", "16%-20%"));
        assert_eq!(one("建成三至五个"), row("3", "5", "个", "3", "个", "", "三至五个"));
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(one("培养两千人"), row("2000", "", "人", "2000", "人", "", "两千人"));
        assert_eq!(one("吸纳一万二千人"), row("12000", "", "人", "12000", "人", "", "一万二千人"));
        assert_eq!(one("建成三个"), row("3", "", "个", "3", "个", "", "三个"));
        assert_eq!(one("举办十五场"), row("15", "", "场", "15", "场", "", "十五场"));
        assert_eq!(one("新增1.6万人"), row("1.6", "", "万人", "16000", "人", "", "1.6万人"));
        assert_eq!(one("投资三亿五千万元"), row("350000000", "", "元", "350000000", "元", "", "三亿五千万元"));
        assert_eq!(one("新增二十个"), row("20", "", "个", "20", "个", "", "二十个"));
        assert_eq!(one("建成一万个"), row("10000", "", "个", "10000", "个", "", "一万个"));
    }

    #[test]
    fn chinese_value_arithmetic() {
        let v = |s: &str| chinese_value(&s.chars().collect::<Vec<_>>());
        assert_eq!(v("两千"), Some(2000));
        assert_eq!(v("一万二千"), Some(12000));
        assert_eq!(v("十五"), Some(15));
        assert_eq!(v("一千零五十"), Some(1050));
        assert_eq!(v("一万亿"), Some(1_000_000_000_000));
        assert_eq!(v("一二"), Some(12));
    }

    #[test]
    fn full_width_and_spaces() {
        assert_eq!(one("新增企业１２家"), row("12", "", "家", "12", "家", "", "１２家"));
        assert_eq!(one("抓好全年近 200 个项目"), row("200", "", "个", "200", "个", "nearly", "近 200 个"));
        assert_eq!(one("完成率 30%以上"), row("30", "", "%", "30", "%", "at_least", "30%以上"));
        assert_eq!(one("新增10,000人"), row("10000", "", "人", "10000", "人", "", "10,000人"));
    }

    #[test]
    fn rates_keep_the_whole_unit() {
        // Regression (issue 13): the part after `/` was dropped.
        assert_eq!(one("日处理能力15件/日"), row("15", "", "件/日", "15", "件/日", "", "15件/日"));
        assert_eq!(one("补助5万元/亩"), row("5", "", "万元/亩", "50000", "元/亩", "", "5万元/亩"));
        assert_eq!(one("开展巡查3次/年")[2], "次/年");
        assert_eq!(one("收费200元／吨")[2], "元/吨");
        assert_eq!(one("污水处理能力达到10万吨/日以上")[5], "reach;at_least");
    }

    #[test]
    fn a_year_before_a_deadline_word_is_a_date() {
        // Regression (issue 13): `力争2025年` was a quantity of 2025 年.
        assert!(q("力争2025年前建成").is_empty());
        assert!(q("力争2024年底前完成").is_empty());
        assert_eq!(one("运营3年以上")[2], "年");
    }

    #[test]
    fn years_are_not_quantities() {
        assert!(q("2022年完成").is_empty());
        assert!(q("争取保障2022年").is_empty());
        assert!(q("2021-2025年").is_empty());
        assert!(q("指导芝英千年古城综合规划编制").is_empty());
    }

    #[test]
    fn ordinals_are_not_quantities() {
        assert_eq!(values("4个第十二批省集中开工项目"), ["4"]);
        assert!(q("举办第17届中国五金产品国际工业设计大赛").is_empty());
        assert!(q("举办第二届中国五金人力资源高峰论坛").is_empty());
        assert!(q("力争年度绩效评价居第一方阵").is_empty());
        assert!(q("排名第 3 位").is_empty());
    }

    #[test]
    fn labels_versions_and_periods_are_not_quantities() {
        for text in [
            "完成共同富裕系统架构图（1.0 版）",
            "省“4+1”重大项目",
            "新增工信部“两化”融合贯标体系认证企业",
            "完成校园安全“十大”专项行动",
            "深入实施“一校一品”特色工程",
            "深入推进慈善工作“三级网络”规范化建设",
            "完成永康中学扩改建（一期）",
            "谋划社会福利中心二期项目",
            "一季度投资增长",
            "上半年完成",
            "组建R&D工作专班",
            "申报省“万亩千亿”新产业平台",
            "培育引进一批名师名校长",
            "职业教育技能人才培养“一件事”改革",
            "建设G60科创走廊",
        ] {
            assert!(q(text).is_empty(), "{text}: {:?}", q(text));
        }
    }

    #[test]
    fn quoted_names_are_flagged() {
        let found = extract("联合建立“15分钟托管圈”，打造示范点3个");
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].value.as_str(), found[0].unit.as_str()), ("15", "分钟"));
        assert_eq!(found[0].flags, "in_quoted_name");
        assert_eq!(found[1].flags, "");
        assert_eq!(extract("制定《三年行动计划（2023—2025年）》5项")[0].value, "5");
    }

    #[test]
    fn alternative_target_in_brackets() {
        let found = extract("确保全年固定资产投资增速16%（力争20%）");
        let got: Vec<(&str, &str, &str)> =
            found.iter().map(|q| (q.metric.as_str(), q.value.as_str(), q.qualifier.as_str())).collect();
        assert_eq!(got, [("全年固定资产投资增速", "16", ""), ("全年固定资产投资增速", "20", "aim")]);
    }

    #[test]
    fn metrics() {
        let metrics = |t: &str| extract(t).into_iter().map(|q| q.metric).collect::<Vec<_>>();
        assert_eq!(metrics("新增工业用地供地1000亩"), ["新增工业用地供地"]);
        assert_eq!(metrics("城镇登记失业率控制在3%以内"), ["城镇登记失业率"]);
        assert_eq!(metrics("新增省级未来工厂1家"), ["新增省级未来工厂"]);
        assert_eq!(
            metrics("全年新增省重大产业项目4个、省重点建设项目3个，落地3个"),
            ["全年新增省重大产业项目", "省重点建设项目", "落地"]
        );
        assert_eq!(metrics("新增省级众创空间、科技孵化器等创新载体2家"), ["新增省级众创空间、科技孵化器等创新载体"]);
        assert_eq!(metrics("新增智能工厂（数字化车间）5家"), ["新增智能工厂（数字化车间）"]);
        assert_eq!(metrics("移民生活水平达到平均水平的97%以上"), ["移民生活水平达到平均水平"]);
        assert_eq!(metrics("其中规上工业增加值能耗下降4%"), ["规上工业增加值能耗下降"]);
    }

    #[test]
    fn metric_from_after_is_flagged() {
        let found = extract("近 200 个政府投资项目及 83 项政策处理工作");
        assert_eq!(found[1].metric, "政策处理工作");
        assert_eq!(found[1].flags, "metric_after");
        let found = extract("4个第十二批省集中开工项目");
        assert_eq!((found[0].metric.as_str(), found[0].flags.as_str()), ("第十二批省集中开工项目", "metric_after"));
    }

    #[test]
    fn figures_without_unit_are_not_quantities() {
        assert!(q("GDP 3").is_empty());
        assert!(q("任务目标12").is_empty());
        assert!(q("3月18日").is_empty());
    }

    #[test]
    fn decimal_shift_is_exact() {
        assert_eq!(shift_decimal("1.6", 4), "16000");
        assert_eq!(shift_decimal("0.05", 8), "5000000");
        assert_eq!(shift_decimal("2.66", 0), "2.66");
        assert_eq!(shift_decimal("1.23456", 2), "123.456");
        assert_eq!(shift_decimal("128", 8), "12800000000");
    }

    #[test]
    fn empty_and_plain_text() {
        assert!(q("").is_empty());
        assert!(q("召开服务业发展大会").is_empty());
    }
}
