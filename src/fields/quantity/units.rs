//! Units (from `units.tsv`), magnitudes (`十 百 千 万 亿`) and the
//! qualifier words printed before a figure or after its unit.
//!
//! ```text
//! 达到 950 亿 元 以上   →  prefix Reach, magnitude 亿, unit 元, suffix AtLeast
//! ```

use super::text::Text;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

pub(super) struct Unit {
    pub(super) name: Vec<char>,
    pub(super) text: String,
    pub(super) needs_bound: bool,
}

/// Units by first char, longest first, so matching tries few candidates.
pub(super) static UNITS: LazyLock<FxHashMap<char, Vec<Unit>>> = LazyLock::new(|| {
    // FxHash: looked up at every figure's end, never iterated.
    let mut by_first: FxHashMap<char, Vec<Unit>> = FxHashMap::default();
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

pub(super) fn unit_at(text: &Text, i: usize) -> Option<&'static Unit> {
    let first = text.at(i)?;
    UNITS.get(&first)?.iter().find(|u| text.starts_with(i, &u.name))
}

pub(super) fn magnitude_exponent(c: char) -> Option<u32> {
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
pub(super) enum Qual {
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
    /// How many qualifiers there are (the variants count from 0).
    pub(super) const COUNT: usize = 8;

    pub(super) fn code(self) -> &'static str {
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
pub(super) static PREFIX_QUALS: LazyLock<Vec<(Vec<char>, Qual)>> = LazyLock::new(|| {
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
pub(super) const SUFFIX_QUALS: &[(&[char], Qual)] = &[
    (&['及', '以', '上'], Qual::AtLeast),
    (&['以', '上'], Qual::AtLeast),
    (&['以', '下'], Qual::AtMost),
    (&['以', '内'], Qual::AtMost),
    (&['左', '右'], Qual::About),
];
