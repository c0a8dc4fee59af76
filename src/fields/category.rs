//! What the pledges of each category say, as weak evidence for the aligner.
//!
//! The four categories of a pledge list are defined by their content: an
//! indicator (`指标类`) is a figure to reach, a policy (`政策类`) is a
//! document to issue (`出台《…》`), a project (`项目类`) is something to
//! build or start. Where OCR dropped the numbers of several rows, the layout
//! alone may not tell which category they belonged to; how well each cell
//! fits its category breaks the tie. It is weak evidence, worth at most
//! about three points per row where a blank line is worth eight.
//!
//! On the real page this rule set fits 61 of 62 indicators (a quantity), 11
//! of 14 policies (a policy word) and 13 of 20 projects (a project word);
//! no policy has a quantity.
//!
//! ```
//! use pledges::fields::category::{fit, Class};
//! assert!(fit(Class::Indicator, "新增城镇就业人数1.6万人") > fit(Class::Other, "新增城镇就业人数1.6万人"));
//! assert!(fit(Class::Policy, "出台《农村宅基地退出管理规定》") > fit(Class::Project, "出台《农村宅基地退出管理规定》"));
//! assert!(fit(Class::Indicator, "召开服务业发展大会") < fit(Class::Other, "召开服务业发展大会"));
//! ```

use crate::fields::quantity;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::LazyLock;

/// The kind of a category, from its printed name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Class {
    Indicator,
    Project,
    Policy,
    Other,
    /// The header was lost or names none of the four.
    #[default]
    Unknown,
}

impl Class {
    /// Every class, in declaration order, so that `class as usize` indexes it.
    pub const ALL: [Class; 5] = [Class::Indicator, Class::Project, Class::Policy, Class::Other, Class::Unknown];

    /// `指标类` → Indicator (also `发展指标类`, `重大项目`, `政策制度类` …);
    /// anything else → Unknown.
    pub fn of(name: &str) -> Class {
        [
            ("指标", Class::Indicator),
            ("项目", Class::Project),
            ("政策", Class::Policy),
            ("其他", Class::Other),
            ("其它", Class::Other),
        ]
        .into_iter()
        .find_map(|(word, class)| name.contains(word).then_some(class))
        .unwrap_or(Class::Unknown)
    }
}

const POLICY_WORDS: &[&str] =
    &["《", "出台", "制定", "修订", "印发", "意见", "办法", "方案", "规定", "政策", "机制", "规划", "细则", "制度"];
const PROJECT_WORDS: &[&str] = &["项目", "工程", "开工", "建成", "竣工", "完工", "投用", "建设", "产业园", "研究院"];

/// For each class, how often its rows have a quantity, a project word and
/// a policy word: the real page's counts (61/62, 11/62, 0/62 for
/// indicators…), rounded, none below 0.05 so that one odd row cannot
/// outweigh the layout.
const RATES: [(Class, [f32; 3]); 4] = [
    (Class::Indicator, [0.95, 0.2, 0.05]),
    (Class::Project, [0.3, 0.65, 0.12]),
    (Class::Policy, [0.05, 0.17, 0.75]),
    (Class::Other, [0.22, 0.22, 0.05]),
];

/// How well `text` fits a row of category `class`: the log-likelihood of
/// its marks (a quantity — a figure with its unit, `1.0 版` is none —, a
/// project word, a policy word) among that category's rows. Summed over
/// the rows of a reading, it says how well the reading fits the contents.
/// A category of unknown class takes the average over the four.
pub fn fit(class: Class, text: &str) -> f32 {
    fit_marks(class, marks(text))
}

/// The marks [`fit`] weighs, which do not depend on the class: whether
/// `text` has a quantity, a project word, a policy word. The aligner
/// weighs one text against several classes and scans it once.
pub fn marks(text: &str) -> [bool; 3] {
    thread_local! {
        // FxHash: keys are this process's own cell texts.
        static SEEN: RefCell<FxHashMap<Box<str>, [bool; 3]>> = RefCell::new(FxHashMap::default());
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(&m) = seen.get(text) {
            return m;
        }
        // Forgetting everything now and then keeps memory flat over an archive.
        if seen.len() >= REMEMBERED_MARKS {
            seen.clear();
        }
        let m = marks_of(text);
        seen.insert(text.into(), m);
        m
    })
}

/// How many distinct texts' [`marks`] a thread remembers: the aligner
/// weighs the same cell in several readings (the chosen one's fit, each
/// rival's), and each weighing ran the quantity scanner over it again.
const REMEMBERED_MARKS: usize = 4096;

/// [`marks`] worked out.
fn marks_of(text: &str) -> [bool; 3] {
    let [project, policy] = words_in(text);
    [quantity::any(text), project, policy]
}

/// The chars a project or policy word opens on.
static OPENERS: LazyLock<Openers> = LazyLock::new(|| {
    let mut chars: Vec<char> = PROJECT_WORDS.iter().chain(POLICY_WORDS).filter_map(|w| w.chars().next()).collect();
    chars.sort_unstable();
    chars.dedup();
    let buckets = chars.iter().fold(0u128, |m, &c| m | 1 << (c as u32 % 128));
    Openers { chars, buckets }
});

/// A few chars, sorted, and a bit per char code modulo 128 saying which
/// codes any of them falls on: most chars of a text fall on none and are
/// turned away by one bit test instead of a binary search.
struct Openers {
    chars: Vec<char>,
    buckets: u128,
}

impl Openers {
    /// Whether `c` is one of the chars.
    fn contains(&self, c: char) -> bool {
        self.buckets & (1 << (c as u32 % 128)) != 0 && self.chars.binary_search(&c).is_ok()
    }
}

/// Whether `text` holds a project word and whether it holds a policy word:
/// `text.contains(word)` for each word, in one walk over the chars instead
/// of one search per word (the aligner weighs the marks of every cell of
/// every close reading). A word found starts on a char boundary, on one
/// of [`OPENERS`]; most chars open none and cost one binary search.
fn words_in(text: &str) -> [bool; 2] {
    let openers = &*OPENERS;
    let mut found = [false; 2];
    for (i, ch) in text.char_indices() {
        if !openers.contains(ch) {
            continue;
        }
        let rest = &text[i..];
        for (k, words) in [PROJECT_WORDS, POLICY_WORDS].into_iter().enumerate() {
            found[k] = found[k] || words.iter().any(|w| rest.starts_with(w));
        }
        if found == [true, true] {
            break;
        }
    }
    found
}

/// [`fit`] of a text with these [`marks`] (looked up: the aligner asks for
/// every class of every span it weighs, and each worked out costs a `ln`).
pub fn fit_marks(class: Class, marks: [bool; 3]) -> f32 {
    FITS[class as usize][marks_index(marks)]
}

/// [`fit_marks`] for every class (index: `Class as usize`) and set of marks ([`marks_index`]).
static FITS: LazyLock<[[f32; 8]; 5]> = LazyLock::new(|| {
    Class::ALL.map(|class| std::array::from_fn(|m| fit_worked_out(class, [m & 1 != 0, m & 2 != 0, m & 4 != 0])))
});

/// A set of marks as an index 0..8: the quantity 1, the project word 2, the policy word 4.
fn marks_index(marks: [bool; 3]) -> usize {
    usize::from(marks[0]) | usize::from(marks[1]) << 1 | usize::from(marks[2]) << 2
}

/// [`fit_marks`] worked out from the rates.
fn fit_worked_out(class: Class, marks: [bool; 3]) -> f32 {
    let likelihood =
        |rates: &[f32; 3]| -> f32 { marks.iter().zip(rates).map(|(&m, &r)| if m { r } else { 1.0 - r }).product() };
    match RATES.iter().find(|(c, _)| *c == class) {
        Some((_, rates)) => likelihood(rates).ln(),
        None => (RATES.iter().map(|(_, r)| likelihood(r)).sum::<f32>() / RATES.len() as f32).ln(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_as_contains_finds_them() {
        let mut texts: Vec<String> =
            ["", "出台实施意见", "启动林业大楼迁建工程", "abc《d", "出", "项", "研究", "研究院", "产业", "1.6万人"]
                .map(String::from)
                .to_vec();
        for w in PROJECT_WORDS.iter().chain(POLICY_WORDS) {
            let head: String = w.chars().take(1).collect();
            let tail: String = w.chars().skip(1).collect();
            texts.extend([
                w.to_string(),
                format!("新增{w}"),
                format!("{w}完成ab"),
                format!("a{head}x{tail}"),
                format!("{tail}{head}"),
                format!("{head}{head}{tail}"),
            ]);
        }
        for text in &texts {
            let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
            assert_eq!(words_in(text), [has(PROJECT_WORDS), has(POLICY_WORDS)], "{text}");
        }
    }

    #[test]
    fn openers_are_the_first_chars_of_the_words() {
        let firsts: Vec<char> = PROJECT_WORDS.iter().chain(POLICY_WORDS).filter_map(|w| w.chars().next()).collect();
        let probes = firsts.iter().copied().chain("新增学位5320个，、。《》abc\u{0}\u{7f}\u{80}😀".chars());
        for c in probes.chain((0x3000..0xa000).filter_map(char::from_u32)) {
            assert_eq!(OPENERS.contains(c), firsts.contains(&c), "{c:?}");
        }
    }

    #[test]
    fn remembered_marks_are_the_marks() {
        let texts =
            ["新增城镇就业人数1.6万人", "出台《农村宅基地退出管理规定》", "启动林业大楼迁建工程", "", "召开大会"];
        for _ in 0..2 {
            for text in texts {
                assert_eq!(marks(text), marks_of(text), "{text}");
            }
        }
    }

    #[test]
    fn looked_up_fits_are_the_fits_worked_out() {
        for m in 0..8 {
            let marks = [m & 1 != 0, m & 2 != 0, m & 4 != 0];
            assert_eq!(marks_index(marks), m);
            for class in Class::ALL {
                assert_eq!(fit_marks(class, marks).to_bits(), fit_worked_out(class, marks).to_bits(), "{class:?}");
            }
        }
    }

    #[test]
    fn names_give_classes() {
        assert_eq!(Class::of("指标类"), Class::Indicator);
        assert_eq!(Class::of("其它类"), Class::Other);
        assert_eq!(Class::of("重大项目"), Class::Project);
        assert_eq!(Class::of("改革类"), Class::Unknown);
        assert_eq!(Class::of(""), Class::Unknown);
    }

    #[test]
    fn each_category_prefers_its_own_rows() {
        let rows = [
            (Class::Indicator, "整治“低散乱污”企业1000家以上"),
            (Class::Policy, "修订《永康市专职社区工作者管理办法》"),
            (Class::Project, "启动林业大楼迁建工程"),
        ];
        for (own, text) in rows {
            for other in [Class::Indicator, Class::Project, Class::Policy, Class::Other] {
                if other != own {
                    assert!(fit(own, text) > fit(other, text), "{text} fits {other:?} as well as {own:?}");
                }
            }
        }
    }

    #[test]
    fn a_version_number_is_no_indicator() {
        let text = "完成共同富裕系统架构图（1.0 版），编制出台《“扩中”“提低”行动方案》";
        assert!(fit(Class::Policy, text) > fit(Class::Indicator, text));
    }

    #[test]
    fn unknown_categories_sit_in_between() {
        let text = "出台《农村宅基地退出管理规定》";
        let unknown = fit(Class::Unknown, text);
        assert!(fit(Class::Policy, text) > unknown && unknown > fit(Class::Indicator, text));
    }

    #[test]
    fn a_project_with_a_quantity_is_a_close_call() {
        let text = "实施水库移民后扶项目40个，建成新时代美丽移民村5个";
        assert!((fit(Class::Project, text) - fit(Class::Indicator, text)).abs() < 0.5);
    }
}
