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
//!
//! # Files
//!
//! `text` (normalized chars and the way back to the printed bytes), `units`
//! (units, magnitudes, qualifier words), `figure` (Arabic and Chinese
//! figures), `scan` (one candidate: figure, unit or range, rate, qualifiers,
//! or why it is none), `metric` (which qualifiers start a word, the metric,
//! the [`Quantity`] written out).

use serde::Serialize;

mod figure;
mod metric;
mod scan;
mod text;
mod units;

use metric::{fill_empty_metrics_from_after, finish, Cut};
use scan::{scan_at, shape_at, Found, Scan};
use text::Text;

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
    extract_cutting(target, Cut::WhereNeeded)
}

/// [`extract`], the jieba cut of each clause made as `cut` says.
fn extract_cutting(target: &str, cut: Cut) -> Vec<Quantity> {
    if !may_hold_figure(target) {
        return Vec::new();
    }
    let text = Text::new(target);
    let mut found = scan_all(&text);
    let mut out = Vec::with_capacity(found.len());
    for k in 0..found.len() {
        let prev_end = if k == 0 { 0 } else { found[k - 1].end };
        out.push(finish(&text, &mut found[k], prev_end, &out, cut));
    }
    fill_empty_metrics_from_after(&text, &found, &mut out);
    out
}

/// Every candidate the scanner finds in `text`, in order. The scanner
/// looks only at chars that can open a figure ([`Text::next_opener`]): at
/// any other char it finds nothing and goes on at the next one.
fn scan_all(text: &Text) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut i = text.next_opener(0);
    while i < text.len() {
        match scan_at(text, i) {
            Scan::Quantity(f) => {
                i = f.end;
                found.push(*f);
            }
            Scan::Skip(next) => i = next.max(i + 1),
        }
        i = text.next_opener(i);
    }
    found
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
    if !may_hold_figure(target) {
        return false;
    }
    let text = Text::new(target);
    let mut i = text.next_opener(0);
    // The scan of `extract` ([`scan_all`]), step for step, without writing out the fields.
    while i < text.len() {
        match shape_at(&text, i) {
            Ok(q) if q.end > at => return true,
            Ok(q) => i = q.end,
            Err(next) => i = next.max(i + 1),
        }
        i = text.next_opener(i);
    }
    false
}

/// Whether some char of `target` can open a figure: every quantity opens on
/// one ([`figure::figure_at`] on the [normalized](text::normalize_char)
/// chars: an ASCII or full-width digit, a Chinese digit but 零 and 〇, or
/// 十). Without one, the scanner finds nothing, so it is not run (nor the
/// normalized copy of the text built): policy and project cells seldom hold one.
fn may_hold_figure(target: &str) -> bool {
    // Most targets that hold a figure hold an ASCII digit: a pass over the
    // bytes without an early exit (wide compares) finds it, ~10× cheaper
    // than decoding chars up to the first opener.
    let ascii_digit = target.as_bytes().iter().fold(false, |any, b| any | b.is_ascii_digit());
    ascii_digit || target.chars().any(|c| figure::opens_figure(c) || ('０'..='９').contains(&c))
}

/// Whether `target` holds any quantity: `!extract(target).is_empty()`
/// (every quantity the scanner finds is one of [`extract`]'s), without the
/// jieba cut that [`extract`] makes for each.
///
/// ```
/// use pledges::fields::quantity::any;
/// assert!(any("新增学位5320个") && !any("出台实施意见"));
/// ```
pub fn any(target: &str) -> bool {
    // A quantity spans at least one char, so the first one found ends after char 0.
    ends_after(target, 0)
}

#[cfg(test)]
mod tests {
    use super::figure::{chinese_value, shift_decimal};
    use super::*;
    use crate::testing::corpus_lines;

    const SAMPLES: &[&str] = &[
        "新增学位5320个，建成",
        "腾出用能空间7万吨标煤",
        "4%；全市腾出用能空间7万吨标煤，新增光伏装机容量40兆瓦",
        "出台实施意见",
        "",
        "2023年底前完成",
        "力争2025年前建成3个以上",
        "三个一批",
        "增长10%以上",
        "１２家",
        "第十四届",
        "PM2.5浓度下降",
        "打造“15分钟托管圈”20个、《3年行动计划》1项",
        "建成\"5G\"基站300个和“一校一品”（12个班）",
        "达到950亿元以上，3-5万元，15件/日",
        "近 200 个、“《》”1个",
    ];

    #[test]
    fn ends_after_agrees_with_the_scan_of_extract() {
        // The slow answer: the scan `extract` makes, fields written out.
        let slow = |text: &str, at: usize| {
            let scanned = Text::new(text);
            let mut i = 0;
            while i < scanned.len() {
                match scan_at(&scanned, i) {
                    Scan::Quantity(f) if f.end > at => return true,
                    Scan::Quantity(f) => i = f.end,
                    Scan::Skip(next) => i = next.max(i + 1),
                }
            }
            false
        };
        for text in SAMPLES {
            for at in 0..=text.chars().count() {
                assert_eq!(ends_after(text, at), slow(text, at), "{text} at {at}");
            }
        }
    }

    /// Every line of every corpus page, and texts made to reach each use
    /// of the cut: the clause is cut only where needed, and the quantities
    /// are those of cutting every clause.
    #[test]
    fn cutting_where_needed_answers_as_cutting_always() {
        let mut texts: Vec<String> = [
            "其中规上工业增加值能耗下降4%",
            "确保全年固定资产投资增速16%（力争20%）",
            "移民生活水平达到平均水平的97%以上",
            "近 200 个政府投资项目及 83 项政策处理工作",
            "新增企业和 5 家，培育的3个以上、与10个",
            "力争达到100家以上，节约用水3吨",
            "其中5家，确保3个，其3个",
        ]
        .iter()
        .chain(SAMPLES)
        .map(|t| t.to_string())
        .collect();
        texts.extend(corpus_lines());
        let mut found = 0;
        for text in &texts {
            let fast = extract(text);
            found += fast.len();
            assert_eq!(fast, extract_cutting(text, Cut::Always), "{text}");
        }
        assert!(found > 1000, "{found} quantities");
    }

    /// The scan looking at every char, as it did before it jumped to the
    /// chars that open a figure: the (start, end) of each candidate.
    fn scan_every_char(text: &Text) -> Vec<(usize, usize)> {
        let (mut spans, mut i) = (vec![], 0);
        while i < text.len() {
            match scan_at(text, i) {
                Scan::Quantity(f) => {
                    spans.push((f.start, f.end));
                    i = f.end;
                }
                Scan::Skip(next) => i = next.max(i + 1),
            }
        }
        spans
    }

    #[test]
    fn jumping_to_figure_openers_finds_what_looking_at_every_char_finds() {
        let mut texts: Vec<String> = SAMPLES.iter().map(|t| t.to_string()).collect();
        texts.extend(corpus_lines());
        for text in &texts {
            let scanned = Text::new(text);
            let jumped: Vec<(usize, usize)> = scan_all(&scanned).iter().map(|f| (f.start, f.end)).collect();
            assert_eq!(jumped, scan_every_char(&scanned), "{text}");
        }
    }

    /// Every line of every page under corpus/.

    #[test]
    fn quote_depth_is_the_running_count() {
        // The running count `Text` once kept for every char, worked out here
        // for every char at once and compared with the depth asked of one char.
        for text in SAMPLES {
            let scanned = Text::new(text);
            let (mut depth, mut ascii_open) = (0u8, false);
            for (i, &c) in scanned.chars.iter().enumerate() {
                match c {
                    '“' | '《' | '「' | '『' => depth = depth.saturating_add(1),
                    '"' => ascii_open = !ascii_open,
                    _ => {}
                }
                assert_eq!(scanned.quote_depth(i), depth + u8::from(ascii_open), "{text} at {i}");
                if matches!(c, '”' | '》' | '」' | '』') {
                    depth = depth.saturating_sub(1);
                }
            }
        }
    }

    #[test]
    fn any_is_whether_extract_finds_something() {
        for text in [
            "新增学位5320个，建成",
            "腾出用能空间7万吨标煤",
            "出台实施意见",
            "",
            "2023年底前完成",
            "三个一批",
            "增长10%以上",
            "１２家",
            "第十四届",
            "PM2.5浓度下降",
        ] {
            assert_eq!(any(text), !extract(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn may_hold_figure_answers_as_the_char_scan() {
        let slow = |t: &str| t.chars().any(|c| figure::opens_figure(c) || ('０'..='９').contains(&c));
        let lines = corpus_lines();
        for text in SAMPLES.iter().copied().chain(lines.iter().map(|l| l.as_str())) {
            assert_eq!(may_hold_figure(text), slow(text), "{text}");
        }
    }

    #[test]
    fn no_figure_no_quantity() {
        // Texts without a char that opens a figure: the scanner, run anyway, agrees.
        for text in ["出台实施意见", "推进零碳园区建设", "〇", "百分之", "ＡＢＣ％", "万亿千百"]
        {
            assert!(!may_hold_figure(text), "{text}");
            let scanned = Text::new(text);
            let mut i = 0;
            while i < scanned.len() {
                match scan_at(&scanned, i) {
                    Scan::Quantity(f) => panic!("{text}: a quantity at {}", f.start),
                    Scan::Skip(next) => i = next.max(i + 1),
                }
            }
        }
        for text in ["5家", "１２家", "三个一批", "十项"] {
            assert!(may_hold_figure(text), "{text}");
        }
    }

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
    fn whole_unshifted_figures_are_their_own_shift() {
        // The shortcut for whole figures without a leading zero, against
        // the digit-moving path (`v.0` takes it and means the same).
        let slow = |v: &str| shift_decimal(&format!("{v}.0"), 0);
        for v in ["1", "7", "50", "100", "2025", "12800", "3000000000000"] {
            assert_eq!(shift_decimal(v, 0), v);
            assert_eq!(shift_decimal(v, 0), slow(v), "{v}");
        }
        for (v, want) in [("0", "0"), ("05", "5"), ("0.5", "0.5"), ("1.50", "1.5"), ("", "0")] {
            assert_eq!(shift_decimal(v, 0), want, "{v}");
        }
    }

    #[test]
    fn empty_and_plain_text() {
        assert!(q("").is_empty());
        assert!(q("召开服务业发展大会").is_empty());
    }
}
