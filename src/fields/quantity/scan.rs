//! Scanning one candidate: a figure, its unit or range, a rate (`/吨`) and
//! the qualifiers around it, or the reason it is no quantity (a year, an
//! ordinal, a code, a bare `一`).
//!
//! ```text
//! 力争达到100家以上 → Found { prefixes [Aim, Reach], value 100, unit 家, after [AtLeast] }
//! ```

use super::figure::{figure_at, shift_decimal, Figure};
use super::text::Text;
use super::units::{magnitude_exponent, unit_at, Qual, Unit, PREFIX_QUALS, SUFFIX_QUALS};

pub(super) struct Found {
    /// First char of the first qualifier (or of the figure).
    pub(super) start: usize,
    pub(super) figure_start: usize,
    pub(super) end: usize,
    /// Candidate prefix qualifiers, leftmost first, not yet checked by jieba.
    pub(super) prefixes: Vec<(usize, Qual)>,
    pub(super) after: Vec<Qual>,
    pub(super) value: String,
    pub(super) value_high: String,
    pub(super) unit: String,
    pub(super) magnitude_value: String,
    pub(super) base_unit: String,
    pub(super) in_quoted_name: bool,
}

pub(super) enum Scan {
    Quantity(Box<Found>),
    Skip(usize),
}

pub(super) fn scan_at(text: &Text, i: usize) -> Scan {
    match shape_at(text, i) {
        Ok(shape) => Scan::Quantity(Box::new(shape.found(text, i))),
        Err(next) => Scan::Skip(next),
    }
}

/// A quantity the scanner found, before its fields are written out: where
/// it ends is all that [`super::ends_after`] asks.
pub(super) struct Shape {
    low: Figure,
    reading: Reading,
    rate: String,
    prefixes: Vec<(usize, Qual)>,
    after_all: Vec<Qual>,
    start: usize,
    pub(super) end: usize,
}

/// [`scan_at`] without the strings of [`Found`]: the quantity at char `i`,
/// or where to look next.
pub(super) fn shape_at(text: &Text, i: usize) -> Result<Shape, usize> {
    let Some(low) = figure_at(text, i) else {
        return Err(i + 1);
    };
    if is_code_or_ordinal(text, &low) {
        return Err(low.end);
    }
    let Some(reading) = read_unit_and_range(text, &low) else {
        return Err(low.end);
    };
    if low.chinese && low.value == "1" && low.end - low.start == 1 && reading.high.is_none() {
        return Err(low.end);
    }
    let (rate, reading_end) = rate_after(text, reading.end);
    let prefixes = prefix_candidates(text, low.start);
    let (after, end) = suffix_quals(text, reading_end);
    if is_calendar_year(&low, &reading) && after.is_empty() {
        // `力争2025年前建成`: a date, whatever qualifier stands before it.
        return Err(reading.end);
    }
    let mut after_all = reading.over.then_some(Qual::Over).into_iter().collect::<Vec<_>>();
    after_all.extend(after);
    if reading.unit.needs_bound && prefixes.is_empty() && after_all.is_empty() {
        return Err(reading.end);
    }
    let start = prefixes.first().map_or(low.start, |p| p.0);
    Ok(Shape { low, reading, rate, prefixes, after_all, start, end })
}

impl Shape {
    /// The quantity's fields written out; `i` is the char it was scanned at.
    fn found(self, text: &Text, i: usize) -> Found {
        let Shape { low, reading, rate, prefixes, after_all, start, end } = self;
        let magnitude_value = shift_decimal(&low.value, reading.low_exp);
        let unit = joined(&[&reading.magnitude_text, &reading.unit.text, &rate]);
        Found {
            start,
            figure_start: low.start,
            end,
            prefixes,
            after: after_all,
            value: low.value,
            value_high: reading.high.map(|h| h.value).unwrap_or_default(),
            unit,
            magnitude_value,
            base_unit: joined(&[&reading.unit.text, &rate]),
            in_quoted_name: text.quote_depth(i) > 0,
        }
    }
}

/// `parts` one after another: what `concat` gives, without its generic
/// copy loop (two calls per quantity, mostly of one short part; `concat`
/// in their place measured 3.80 → 3.85 M instructions a full table page).
fn joined(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// What may stand after `/` in a rate (`15件/日`, `200元/吨`, `3次/年`)
/// besides a unit of the table.
pub(super) const PER: &[char] = &['日', '天', '月', '年', '周', '季', '时', '人', '户', '次', '亩', '吨', 'h'];

/// `/吨` after a unit: the rate's denominator (`/吨`, empty when none) and where it ends.
pub(super) fn rate_after(text: &Text, from: usize) -> (String, usize) {
    if !matches!(text.at(from), Some('/' | '／')) {
        return (String::new(), from);
    }
    let i = from + 1;
    let len = unit_at(text, i).map(|u| u.name.len()).or_else(|| text.at(i).filter(|c| PER.contains(c)).map(|_| 1));
    match len {
        Some(n) => (std::iter::once('/').chain(text.chars[i..i + n].iter().copied()).collect(), i + n),
        None => (String::new(), from),
    }
}

/// `2025年`: a four-digit figure from 1900 to 2100 before 年 is a year.
pub(super) fn is_calendar_year(low: &Figure, reading: &Reading) -> bool {
    reading.unit.text == "年"
        && reading.high.is_none()
        && reading.magnitude_text.is_empty()
        && !low.chinese
        && low.value.len() == 4
        && low.value.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// `第十二批`, `第17届`: ordinals. `G60`: a code. `1.0版`-like figures die
/// later for lack of a unit.
pub(super) fn is_code_or_ordinal(text: &Text, fig: &Figure) -> bool {
    let before = text.skip_spaces_back(fig.start);
    let prev = if before > 0 { Some(text.chars[before - 1]) } else { None };
    let glued_prev = if fig.start > 0 { Some(text.chars[fig.start - 1]) } else { None };
    prev == Some('第')
        || glued_prev.is_some_and(|c| c.is_ascii_alphabetic() || c == '.')
        || (!fig.chinese && text.at(fig.end).is_some_and(|c| c.is_ascii_alphabetic()))
}

pub(super) struct Reading {
    pub(super) high: Option<Figure>,
    pub(super) unit: &'static Unit,
    pub(super) magnitude_text: String,
    pub(super) low_exp: u32,
    pub(super) over: bool,
    pub(super) end: usize,
}

pub(super) struct UnitMatch {
    pub(super) unit: &'static Unit,
    pub(super) magnitude_text: String,
    pub(super) exp: u32,
    pub(super) over: bool,
    pub(super) end: usize,
}

/// After a figure: `[余|多] [magnitude] [余|多] unit`, longest unit first,
/// then shorter magnitudes so 万千瓦 reads as 万 + 千瓦.
pub(super) fn unit_after(text: &Text, from: usize) -> Option<UnitMatch> {
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

pub(super) fn read_unit_and_range(text: &Text, low: &Figure) -> Option<Reading> {
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

pub(super) fn range_after(text: &Text, from: usize, low: &Figure) -> Option<(Figure, UnitMatch)> {
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

pub(super) fn prefix_candidates(text: &Text, figure_start: usize) -> Vec<(usize, Qual)> {
    let mut found = Vec::new();
    let mut end = text.skip_spaces_back(figure_start);
    'outer: loop {
        // Most figures follow no qualifier: one `match` on the char before
        // settles them, where trying every word took ~30 compares.
        if !(end > 0 && may_end_prefix_qual(text.chars[end - 1])) {
            break;
        }
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

/// Whether `c` is the last char of some word of [`PREFIX_QUALS`] (a test checks).
fn may_end_prefix_qual(c: char) -> bool {
    matches!(c, '于' | '少' | '过' | '多' | '在' | '破' | '超' | '足' | '到' | '近' | '约' | '争' | '取' | '至' | '达')
}

pub(super) fn suffix_quals(text: &Text, from: usize) -> (Vec<Qual>, usize) {
    let i = text.skip_spaces(from);
    for (word, qual) in SUFFIX_QUALS {
        if text.starts_with(i, word) {
            return (vec![*qual], i + word.len());
        }
    }
    (Vec::new(), from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prefix_qualifier_ends_on_a_char_the_gate_lets_through() {
        for (word, _) in PREFIX_QUALS.iter() {
            assert!(may_end_prefix_qual(*word.last().unwrap()), "{word:?}");
        }
    }

    #[test]
    fn joined_is_concat() {
        for parts in [&["", "", ""][..], &["万", "元", "/吨"], &["吨"], &[]] {
            assert_eq!(joined(parts), parts.concat());
        }
    }
}
