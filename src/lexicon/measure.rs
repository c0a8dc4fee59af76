//! Measure words next to figures, and the unit table.
//!
//! `units.tsv` is the unit table `fields::quantity` reads (one unit a line,
//! with its family). The aligner needs only single characters: which may
//! follow a figure at the start of a line (`7万吨` / `标煤` cut after `7`),
//! and which end a pledge on its figure (`…5320个`).
//!
//! ```
//! use pledges::lexicon::measure::{ENDS_A_FIGURE, FOLLOWS_A_FIGURE};
//! assert!(FOLLOWS_A_FIGURE.contains('万') && ENDS_A_FIGURE.contains('个'));
//! ```

/// The unit table (see its header for the columns).
pub(crate) const UNITS_TSV: &str = include_str!("units.tsv");

/// Characters that may follow a figure: units, magnitudes (`万亿千百`) and
/// the first character of a bound or an approximation (`以上`, `多`, `余`).
pub const FOLLOWS_A_FIGURE: &str = "个家人名项所张次万亿千百元亩吨兆瓦公里平方小时天条座户套台辆件批场倍以多余";

/// Count and money units a pledge ends on after its figure (`5320个`,
/// also after a magnitude: `160亿元`, `1.2万户`); `%` is checked on its own.
pub const ENDS_A_FIGURE: &str = "个家人名项所亩元吨次座条户套台辆件场批张";

/// Magnitudes that may stand between a figure and its unit (`160亿元`).
pub const MAGNITUDES: &str = "万亿千百";

/// Lengths and areas a pledge ends on after its figure (`…管网20公里`,
/// `…面积18平方公里`), longest first so that `平方米` is read before `米`.
/// Only without a bound after them: `1平方公里以上` mostly sizes what
/// follows (`…以上工业连片开发区域`), where `4个以上` ends its pledge.
pub const SIZES_END_A_FIGURE: &[&str] = &["平方公里", "平方米", "公顷", "公里", "千米", "米"];

/// How a measured quantity's name ends (`…覆盖率`, `…参保人数`,
/// `…年保障标准`, `…贷款余额`): a clause ending on one with no figure
/// yet is waiting for its value.
pub const MEASURE_NAMES: &[&str] = &[
    "率",
    "数",
    "量",
    "额",
    "标准",
    "比重",
    "比例",
    "占比",
    "面积",
    "产值",
    "总值",
    "收入",
    "增加值",
    "人次",
    "指数",
    "规模",
    "时间",
    "水平",
];

/// Verbs that give a measure its value (`达到95%`, `提高到11000元`,
/// `净增1.5万人`, `控制在3%以内`).
pub const VALUE_VERBS: &[&str] = &[
    "达到",
    "达",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "增长",
    "下降",
    "降至",
    "降到",
    "控制在",
    "稳定在",
    "保持在",
    "突破",
    "净增",
    "压缩至",
    "压缩到",
    "缩短至",
    "缩短到",
    "超过",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_units_a_pledge_ends_on_are_in_the_unit_table() {
        let units: Vec<&str> =
            UNITS_TSV.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split('\t').next()).collect();
        for size in SIZES_END_A_FIGURE {
            assert!(units.contains(size), "{size} is not in units.tsv");
        }
        for c in ENDS_A_FIGURE.chars() {
            assert!(units.iter().any(|u| u.starts_with(c)), "{c} is not in units.tsv");
            assert!(FOLLOWS_A_FIGURE.contains(c), "{c} ends a figure but may not follow one");
        }
    }
}
