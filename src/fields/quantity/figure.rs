//! Figures: Arabic (`1.6`, `10,000`) and Chinese (`两千`, `一万二千`),
//! read to a plain decimal without floats.
//!
//! ```text
//! 一万二千 → 12000     1,234,567 → 1234567     ("1.6", 4) → 16000
//! ```

use super::text::Text;
use super::units::magnitude_exponent;

#[derive(Clone, Debug)]
pub(super) struct Figure {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Plain decimal, commas removed, Chinese converted.
    pub(super) value: String,
    pub(super) chinese: bool,
}

pub(super) fn cn_digit(c: char) -> Option<u64> {
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

/// Whether a Chinese figure may open on `c`: the Chinese digits but 零 and
/// 〇 (a figure does not open on them), and 十. One `match`: it runs at
/// every character the scanner stops at, where `"零〇一二…".contains(c)`
/// cost ≈ 10× as much.
#[inline]
pub(super) fn opens_chinese_figure(c: char) -> bool {
    matches!(c, '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

/// Whether a figure may open on the normalized char `c`: [`figure_at`]
/// answers `None` at any other char.
#[inline]
pub(super) fn opens_figure(c: char) -> bool {
    c.is_ascii_digit() || opens_chinese_figure(c)
}

pub(super) fn figure_at(text: &Text, i: usize) -> Option<Figure> {
    let c = text.at(i)?;
    if c.is_ascii_digit() {
        Some(arabic_figure(text, i))
    } else if opens_chinese_figure(c) {
        chinese_figure(text, i)
    } else {
        None
    }
}

pub(super) fn arabic_figure(text: &Text, start: usize) -> Figure {
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

pub(super) fn chinese_figure(text: &Text, start: usize) -> Option<Figure> {
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
pub(super) fn chinese_value(chars: &[char]) -> Option<u128> {
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

/// Moves the decimal point of a plain decimal `exp` places right: ("1.6", 4)
/// → "16000". Exact, no float.
pub(super) fn shift_decimal(value: &str, exp: u32) -> String {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    let mut digits: String = [int, frac].concat();
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
        [i, ".", f].concat()
    }
}
