//! Synthetic newspaper pages with known answers.
//!
//! Real pledge pages are scarce and hand-labelling them is slow, so this
//! module fabricates pages that look like what `pdftotext` makes of a printed
//! 工作承诺清单 — mastheads, a lead paragraph, tables linearized column by
//! column in groups or row by row, blank lines, OCR slips, lists continued on
//! the next page — together with the exact gold rows.
//!
//! By default all target texts and deadlines are real ones from the seed page
//! (`corpus/seed/*.source-gold.csv`), recombined into new departments, so the
//! vocabulary the parser sees is the vocabulary of real lists; `Knobs::texts`
//! switches to a bank written in other cities' wording (see [`TextBank`]). Every random
//! choice comes from a `ChaCha8Rng` seeded with the caller's seed, so the same
//! seed and knobs always give the same bytes.
//!
//! ## What a generated page looks like
//!
//! ```text
//! (blank) masthead line (blank) editor/page line (blank)   -- 5 lines, 3 shapes
//! lead paragraph, wrapped at 62 em [blank, second paragraph]
//! (blank) title line                                       -- “…”工作承诺清单
//! units…                                                   -- see below
//! [（下转N+1版）]                                          -- when the list continues
//! ```
//!
//! A *column-wise group* (1–4 tables) prints, for each table, its number
//! block (`dept`, `序号`, then per category its header `（一）指标类` and the
//! numbers), then each table's target block (`任务目标`, blank, cells),
//! then each table's deadline block (`完成时限`, blank, deadlines). A table
//! split across newspaper columns ends its group; its tail starts the next
//! group with no dept / 序号 / 任务目标 / 完成时限 lines (a category header
//! only if the split falls on a category start).
//!
//! A *row-wise table* prints `dept`, then the header as either three lines
//! `序号` `任务目标` `完成时限` (60%), one line `序号 任务目标 完成时限`
//! (30%) or three lines `任务目标` `序号` `完成时限` (10%), a blank, then per
//! row: [category header], number, target lines, deadline, each followed by
//! a blank with `row_wise_blank_rate`.
//!
//! A continued list's second page is: masthead, `（上接N版）`, then the rest
//! of the cut table with no dept or header lines (its gold rows keep the
//! department and the seq numbering of page one), then further tables.
//!
//! ```
//! use pledges::gen::{generate, Knobs};
//! let pages = generate(7, &Knobs::default());
//! let page = &pages[0];
//! let lines: Vec<&str> = page.text.lines().collect();
//! let row = &page.gold[0];
//! let (a, b) = row.source_lines.split_once('-').unwrap();
//! let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
//! assert_eq!(lines[a - 1..b].concat(), row.target);
//! ```

pub mod positioned;

use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::sync::OnceLock;

mod texts;
pub use texts::TextBank;

/// The seed page's gold rows: the only source of target and deadline texts.
const SEED_GOLD: &str = include_str!("../../corpus/seed/000_5c28f99ac9fc0060.source-gold.csv");

/// Category names in the order tables print them.
pub const CATEGORIES: [&str; 4] = ["指标类", "项目类", "政策类", "其他类"];

const NUMERALS: [&str; 4] = ["一", "二", "三", "四"];

/// Plausible department names, none of which is on the seed page, so the
/// parser cannot succeed by remembering the seed.
const DEPARTMENTS: [&str; 28] = [
    "市财政局",
    "市商务局",
    "市住房和城乡建设局",
    "市交通运输局",
    "市农业农村局",
    "市卫生健康局",
    "市文化和广电旅游体育局",
    "市市场监督管理局",
    "市生态环境分局",
    "市应急管理局",
    "市水务局",
    "市综合行政执法局",
    "市公安局",
    "市司法局",
    "市统计局",
    "市审计局",
    "市退役军人事务局",
    "市医疗保障局",
    "市数据局",
    "市信访局",
    "市机关事务管理中心",
    "市投资促进中心",
    "市人民政府办公室",
    "市国资委",
    "市林业局",
    "市档案馆",
    "市残联",
    "市融媒体中心",
];

const TARGET_HEADERS_ALT: [&str; 2] = ["承诺事项", "工作目标"];
const DEADLINE_HEADERS_ALT: [&str; 2] = ["完成时间", "时限"];
const SLOGANS: [&str; 6] = [
    "扛旗争先 拼搏实干",
    "奋战开门红 实干争先",
    "比学赶超 争创一流",
    "勇当先行 奋力争先",
    "担当作为 实干攻坚",
    "大抓落实 狠抓实干",
];
const EDITORS: [&str; 8] = ["蒋立峰", "王某", "李明", "陈晓", "胡建军", "应丽", "徐佳", "吕一鸣"];
const WEEKDAYS: [&str; 7] = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];

/// Characters that a printed line never starts with.
const CLOSING: &str = "，。、；：？！）》”’」』】〉%,.;:!?)";

/// Everything that can vary between generated pages. `Default` looks like
/// the seed page: column-wise groups of up to 4 departments, a 29 em target
/// column, sparse OCR slips, one page.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Knobs {
    /// Target column width in em (CJK char and full-width punctuation 1 em,
    /// ASCII letter/digit/space 0.5 em). Each table jitters it by ±1 em.
    pub width_em: f64,
    /// Probability that an ASCII space of the source text is printed.
    pub keep_space_rate: f64,
    /// Fewest tables (departments) on a page.
    pub tables_min: usize,
    /// Most tables (departments) on a page.
    pub tables_max: usize,
    /// Most rows in one category of one table (each category draws 1..=this).
    pub max_rows_per_category: usize,
    /// Fewest departments in one column-wise group.
    pub group_min: usize,
    /// Most departments in one column-wise group (the seed has 3, 1 and 4).
    pub group_max: usize,
    /// Probability that a column-wise table breaks across newspaper columns:
    /// its tail starts the next group with no headers at all.
    pub split_rate: f64,
    /// Probability that a table is read row by row (cells as text boxes);
    /// 0 = all column-wise, 1 = all row-wise, in between = mixed pages.
    pub row_wise_rate: f64,
    /// Probability of a blank line between two multi-line target cells of
    /// one category (seed: 4 of 5). Category boundaries always get one.
    pub blank_tall_rate: f64,
    /// Probability of a blank line between target cells of different
    /// heights (seed: 1 of 22).
    pub blank_unequal_rate: f64,
    /// Probability of a blank line between two one-line target cells
    /// (seed: 0 of 64).
    pub blank_equal_rate: f64,
    /// Probability of a blank line in the number / deadline column before a
    /// row when it or the row above is multi-line (seed: 26 of 26).
    pub blank_side_rate: f64,
    /// The same between two one-line rows (seed: 0 of 64).
    pub blank_side_flat_rate: f64,
    /// Probability of a blank line after each cell in row-wise tables.
    pub row_wise_blank_rate: f64,
    /// Per row: probability that its number line is missing.
    pub drop_number_rate: f64,
    /// Per category: probability that a run of 2..=12 numbers is missing.
    pub drop_run_rate: f64,
    /// Per category header: probability of `(一）` or `(一)` brackets.
    pub half_bracket_rate: f64,
    /// Per number / deadline: probability of full-width digits (`１２月底前`).
    pub fullwidth_digit_rate: f64,
    /// Per number: probability of a stray leading space (` 5`).
    pub stray_space_rate: f64,
    /// Per non-continued column-wise block: probability that its
    /// 任务目标 / 完成时限 header is missing.
    pub missing_header_rate: f64,
    /// Probability that the list continues on a second page (下转 / 上接).
    pub continue_rate: f64,
    /// Probability that the masthead is not in the seed's shape.
    pub masthead_variant_rate: f64,
    /// Probability that a page uses 承诺事项/工作目标 and 完成时间/时限 headers.
    pub alt_header_rate: f64,
    /// Per row: probability of a deadline worded as in other issues
    /// (年底前, 6月30日前, 上半年, 长期坚持 …).
    pub alt_deadline_rate: f64,
    /// Probability of a second prose paragraph before the title.
    pub second_paragraph_rate: f64,
    /// Probability that a table is printed the way `pdftotext -layout` or a
    /// line-by-line OCR writes it: one printed line per line, the number
    /// and deadline on the middle line of their row, columns apart by spaces.
    pub layout_rate: f64,
    /// Per deadline of 7 characters or more (`2022年12月底前`): probability
    /// that a narrow deadline column wraps it over two lines.
    pub deadline_wrap_rate: f64,
    /// Where targets, deadlines, department names and mastheads come from
    /// (see [`TextBank`]); `Seed` is the real page's texts.
    pub texts: TextBank,
}

impl Default for Knobs {
    fn default() -> Self {
        Knobs {
            width_em: 29.0,
            keep_space_rate: 0.5,
            tables_min: 3,
            tables_max: 5,
            max_rows_per_category: 8,
            group_min: 1,
            group_max: 4,
            split_rate: 0.15,
            row_wise_rate: 0.0,
            blank_tall_rate: 0.75,
            blank_unequal_rate: 0.05,
            blank_equal_rate: 0.02,
            blank_side_rate: 0.95,
            blank_side_flat_rate: 0.02,
            row_wise_blank_rate: 0.85,
            drop_number_rate: 0.02,
            drop_run_rate: 0.03,
            half_bracket_rate: 0.05,
            fullwidth_digit_rate: 0.0,
            stray_space_rate: 0.02,
            missing_header_rate: 0.0,
            continue_rate: 0.0,
            masthead_variant_rate: 0.0,
            alt_header_rate: 0.0,
            alt_deadline_rate: 0.0,
            second_paragraph_rate: 0.2,
            layout_rate: 0.0,
            deadline_wrap_rate: 0.0,
            texts: TextBank::Seed,
        }
    }
}

/// Named knob settings that together move every knob away from its default;
/// `corpus/gen` has pages from each of them.
#[rustfmt::skip]
pub fn knob_presets() -> Vec<(&'static str, Knobs)> {
    let d = Knobs::default;
    vec![
        ("seed", d()),
        ("narrow", Knobs { width_em: 14.0, ..d() }),
        ("wide", Knobs { width_em: 34.0, keep_space_rate: 1.0, ..d() }),
        ("solo-groups", Knobs { group_min: 1, group_max: 1, ..d() }),
        ("big-groups", Knobs { group_min: 3, group_max: 4, tables_min: 5, tables_max: 7, max_rows_per_category: 5, ..d() }),
        ("split-columns", Knobs { split_rate: 0.9, group_min: 2, group_max: 3, ..d() }),
        ("row-wise", Knobs { row_wise_rate: 1.0, ..d() }),
        ("mixed-layout", Knobs { row_wise_rate: 0.5, split_rate: 0.3, ..d() }),
        ("no-gaps", Knobs { blank_tall_rate: 0.0, blank_unequal_rate: 0.0, blank_equal_rate: 0.0, blank_side_rate: 0.0, blank_side_flat_rate: 0.0, row_wise_blank_rate: 0.3, row_wise_rate: 0.3, ..d() }),
        ("many-gaps", Knobs { blank_tall_rate: 1.0, blank_unequal_rate: 0.9, blank_equal_rate: 0.6, blank_side_rate: 1.0, blank_side_flat_rate: 0.5, ..d() }),
        ("ocr-slips", Knobs { drop_number_rate: 0.12, drop_run_rate: 0.3, half_bracket_rate: 0.5, fullwidth_digit_rate: 0.2, stray_space_rate: 0.15, missing_header_rate: 0.3, ..d() }),
        ("continued", Knobs { continue_rate: 1.0, masthead_variant_rate: 0.5, ..d() }),
        ("continued-row-wise", Knobs { continue_rate: 1.0, row_wise_rate: 0.6, ..d() }),
        ("other-wording", Knobs { alt_header_rate: 1.0, alt_deadline_rate: 0.5, masthead_variant_rate: 1.0, second_paragraph_rate: 1.0, ..d() }),
        ("clean", Knobs { keep_space_rate: 0.0, drop_number_rate: 0.0, drop_run_rate: 0.0, half_bracket_rate: 0.0, stray_space_rate: 0.0, second_paragraph_rate: 0.0, split_rate: 0.0, ..d() }),
        ("stress", Knobs {
            width_em: 18.0, keep_space_rate: 0.7, tables_min: 4, tables_max: 6, max_rows_per_category: 10,
            group_min: 2, group_max: 4, split_rate: 0.5, row_wise_rate: 0.35,
            blank_tall_rate: 0.4, blank_unequal_rate: 0.3, blank_equal_rate: 0.1, blank_side_rate: 0.5,
            blank_side_flat_rate: 0.2, row_wise_blank_rate: 0.6,
            drop_number_rate: 0.08, drop_run_rate: 0.2, half_bracket_rate: 0.3, fullwidth_digit_rate: 0.1,
            stray_space_rate: 0.1, missing_header_rate: 0.2, continue_rate: 0.5, masthead_variant_rate: 0.5,
            alt_header_rate: 0.5, alt_deadline_rate: 0.3, second_paragraph_rate: 0.5, layout_rate: 0.0,
            deadline_wrap_rate: 0.0, texts: TextBank::Seed,
        }),
        ("layout", Knobs { layout_rate: 1.0, ..d() }),
        ("layout-narrow", Knobs { layout_rate: 1.0, width_em: 16.0, drop_number_rate: 0.08, ..d() }),
        ("wrapped-deadlines", Knobs { alt_deadline_rate: 0.6, deadline_wrap_rate: 0.7, ..d() }),
        ("other-cities", Knobs { texts: TextBank::Other, ..d() }),
    ]
}

/// One expected output row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GoldRow {
    pub department: String,
    /// One of [`CATEGORIES`].
    pub category: String,
    /// The row's true number within its category (even if the page dropped it).
    pub seq: u32,
    /// The cell's printed lines joined with nothing added.
    pub target: String,
    /// The deadline as printed (full-width digits stay full-width).
    pub deadline: String,
    /// `"107-108"`: 1-based first and last line of the target cell in the page.
    pub source_lines: String,
}

/// A page of text and its answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedPage {
    /// File stem, e.g. `s7_2021-05-14_p03`.
    pub name: String,
    pub text: String,
    /// Rows in page order: tables in order of first appearance, rows by seq.
    pub gold: Vec<GoldRow>,
    /// `YYYY-MM-DD`.
    pub issue_date: String,
    pub page: u32,
}

/// Writes `issue_date,page,department,category,seq,target,deadline,source_lines`.
pub fn write_gold(w: impl std::io::Write, page: &GeneratedPage) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(["issue_date", "page", "department", "category", "seq", "target", "deadline", "source_lines"])?;
    let page_no = page.page.to_string();
    for row in &page.gold {
        out.write_record([
            page.issue_date.as_str(),
            &page_no,
            &row.department,
            &row.category,
            &row.seq.to_string(),
            &row.target,
            &row.deadline,
            &row.source_lines,
        ])?;
    }
    out.flush()?;
    Ok(())
}

/// One page, or two when the knobs make the list continue on the next page.
pub fn generate(seed: u64, knobs: &Knobs) -> Vec<GeneratedPage> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let date = random_date(&mut rng);
    let page = rng.random_range(2..=8);
    let mut pages = generate_at(&mut rng, knobs, date, page);
    for p in &mut pages {
        p.name = format!("s{seed}_{}_p{:02}", p.issue_date, p.page);
    }
    pages
}

/// A stream of `pages` newspaper pages (8 per issue, consecutive days) for
/// throughput tests: about `table_rate` of them carry pledge tables, the
/// rest are prose pages of 10–20 KB assembled from varied phrases.
pub fn generate_archive(seed: u64, pages: usize, table_rate: f64) -> impl Iterator<Item = GeneratedPage> {
    generate_archive_with(seed, pages, table_rate, TableSize::Small.knobs())
}

/// How large an archive's table pages are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum TableSize {
    /// The default knobs: 3–5 departments, ≈ 30 rows, ≈ 3 KB a page.
    #[default]
    Small,
    /// Like the real seed page: 7–9 departments, ≈ 100 rows, 7–11 KB a page.
    Full,
}

impl TableSize {
    /// The knobs of an archive's table pages of this size (lists never continue).
    pub fn knobs(self) -> Knobs {
        let small = Knobs { continue_rate: 0.0, ..Knobs::default() };
        match self {
            TableSize::Small => small,
            TableSize::Full => Knobs { tables_min: 7, tables_max: 9, max_rows_per_category: 14, ..small },
        }
    }
}

/// [`generate_archive`] with table pages drawn with `knobs`.
pub fn generate_archive_with(
    seed: u64,
    pages: usize,
    table_rate: f64,
    knobs: Knobs,
) -> impl Iterator<Item = GeneratedPage> {
    let first_day = days_from_civil(2019, 1, 1);
    (0..pages).map(move |i| {
        let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ i as u64);
        let date = Date::from_days(first_day + (i / 8) as i64);
        let page_no = (i % 8) as u32 + 1;
        let mut page = if rng.random_bool(table_rate.clamp(0.0, 1.0)) {
            generate_at(&mut rng, &knobs, date, page_no).remove(0)
        } else {
            prose_page(&mut rng, date, page_no)
        };
        page.name = format!("a{i:06}_{}_p{:02}", page.issue_date, page.page);
        page
    })
}

// ---------------------------------------------------------------- seed texts

/// A target with its deadline, as the seed printed them.
#[derive(Debug, Clone)]
struct SeedItem {
    category: usize,
    target: String,
    deadline: String,
}

fn seed_items() -> &'static [SeedItem] {
    static ITEMS: OnceLock<Vec<SeedItem>> = OnceLock::new();
    ITEMS.get_or_init(|| {
        let mut reader = csv::Reader::from_reader(SEED_GOLD.as_bytes());
        reader
            .records()
            .map(|r| r.expect("embedded seed gold is valid CSV"))
            .map(|r| SeedItem {
                category: CATEGORIES.iter().position(|c| *c == &r[1]).expect("known category"),
                target: r[3].to_string(),
                deadline: r[4].to_string(),
            })
            .collect()
    })
}

/// Every seed target with white space removed: what a gold target must be.
pub fn seed_targets() -> Vec<String> {
    seed_items().iter().map(|i| strip_ws(&i.target)).collect()
}

fn strip_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Clauses of the seed targets, for prose that reads like the same paper.
fn phrases() -> &'static [String] {
    static PHRASES: OnceLock<Vec<String>> = OnceLock::new();
    PHRASES.get_or_init(|| {
        let mut out: Vec<String> = seed_items()
            .iter()
            .flat_map(|i| i.target.split(['，', '；', '、', '。']))
            .map(|p| p.replace(' ', ""))
            .filter(|p| p.chars().count() >= 4 && balanced(p))
            .collect();
        out.extend(NEWS_PHRASES.iter().map(|s| s.to_string()));
        out.sort();
        out.dedup();
        out
    })
}

/// Splitting at commas can cut a bracket or quote pair in half; such
/// fragments would read as OCR damage, so prose leaves them out.
fn balanced(p: &str) -> bool {
    let count = |c: char| p.chars().filter(|&x| x == c).count();
    [('（', '）'), ('“', '”'), ('《', '》'), ('(', ')')].iter().all(|&(a, b)| count(a) == count(b))
}

const NEWS_PHRASES: [&str; 40] = [
    "记者从市委宣传部获悉",
    "近日召开的全市工作会议提出",
    "市委书记在会上强调",
    "市长主持召开市政府常务会议",
    "要坚持稳中求进工作总基调",
    "全力打造共同富裕示范区",
    "扎实推进高质量发展",
    "不断增强人民群众获得感幸福感安全感",
    "坚持以人民为中心的发展思想",
    "持续优化营商环境",
    "聚焦五金产业转型升级",
    "抢抓长三角一体化发展机遇",
    "统筹疫情防控和经济社会发展",
    "深化数字化改革",
    "切实守牢安全生产底线",
    "全市上下要凝心聚力",
    "各镇街要压实属地责任",
    "当天上午",
    "据了解",
    "截至目前",
    "与会人员实地察看了项目建设情况",
    "会议听取了相关工作汇报",
    "该项目总投资约",
    "活动现场气氛热烈",
    "群众纷纷点赞",
    "下一步",
    "相关负责人表示",
    "将进一步加大工作力度",
    "确保各项任务落地见效",
    "为建设现代化五金名城贡献力量",
    "村民们在家门口就能享受便捷服务",
    "志愿者们走上街头开展宣传",
    "学校组织师生开展主题教育活动",
    "医院开通绿色通道",
    "农技人员深入田间地头",
    "企业负责人介绍",
    "今年以来",
    "同比增长",
    "位居金华各县市前列",
    "受到上级部门充分肯定",
];

// ---------------------------------------------------------------- dates

#[derive(Debug, Clone, Copy)]
struct Date {
    year: i64,
    month: u32,
    day: u32,
    weekday: usize, // 0 = Monday
}

impl Date {
    fn from_days(days: i64) -> Date {
        let (year, month, day) = civil_from_days(days);
        // 1970-01-01 was a Thursday.
        let weekday = (days + 3).rem_euclid(7) as usize;
        Date { year, month, day, weekday }
    }
    fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
    fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

fn random_date(rng: &mut ChaCha8Rng) -> Date {
    let lo = days_from_civil(2019, 1, 1);
    let hi = days_from_civil(2024, 12, 31);
    Date::from_days(rng.random_range(lo..=hi))
}

// Howard Hinnant's civil-calendar algorithms: exact, no date crate needed.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

// ---------------------------------------------------------------- wrapping

/// Display width in half-em units: ASCII is narrow, everything else wide.
fn char_width(c: char) -> usize {
    if c.is_ascii() {
        1
    } else {
        2
    }
}

/// Characters that stay together in one unbreakable run (`7.5%`, `R&D`).
fn is_run_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ".%+&-".contains(c)
}

/// Splits text into the units a line break may fall between.
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev_run = false;
    for c in text.chars() {
        let run = is_run_char(c);
        match out.last_mut() {
            Some(last) if run && prev_run => last.push(c),
            _ => out.push(c.to_string()),
        }
        prev_run = run;
    }
    out
}

fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn starts_closing(tok: &str) -> bool {
    tok.chars().next().is_some_and(|c| CLOSING.contains(c))
}

/// Greedy wrap at `limit` half-ems: runs are never split, no line starts
/// with closing punctuation (the char before it moves down too), spaces at
/// a break vanish as they do in pdftotext output.
pub fn wrap(text: &str, width_em: f64) -> Vec<String> {
    let limit = (width_em * 2.0).round().max(2.0) as usize;
    let mut lines: Vec<Vec<String>> = vec![Vec::new()];
    for tok in tokens(text) {
        let current = lines.last_mut().expect("never empty");
        let used: usize = current.iter().map(|t| width(t)).sum();
        if tok == " " && current.is_empty() {
            continue;
        }
        if used + width(&tok) <= limit || current.is_empty() {
            current.push(tok);
            continue;
        }
        // Break: carry tokens down until the new line starts acceptably.
        let mut next = vec![tok];
        loop {
            // Spaces at a break vanish, so they never count as the carried char.
            while current.last().is_some_and(|t| t == " ") {
                current.pop();
            }
            if !starts_closing(&next[0]) || current.len() <= 1 {
                break;
            }
            next.insert(0, current.pop().expect("len > 1"));
        }
        if next[0] == " " {
            next.remove(0);
        }
        if next.is_empty() {
            continue;
        }
        lines.push(next);
    }
    lines.into_iter().map(|l| l.concat().trim_end().to_string()).filter(|l| !l.is_empty()).collect()
}

// ---------------------------------------------------------------- model

/// One table row as it will be printed.
#[derive(Debug, Clone)]
struct Row {
    category: usize,
    seq: u32,
    /// `None` when OCR lost the number line.
    number: Option<String>,
    lines: Vec<String>,
    deadline: String,
}

#[derive(Debug, Clone)]
struct Table {
    department: String,
    /// Printed header of each category present, e.g. `（二）项目类`.
    headers: Vec<(usize, String)>,
    rows: Vec<Row>,
}

impl Table {
    fn is_category_start(&self, i: usize) -> bool {
        i == 0 || self.rows[i - 1].category != self.rows[i].category
    }
    fn header_of(&self, category: usize) -> &str {
        &self.headers.iter().find(|(c, _)| *c == category).expect("header for category").1
    }
}

/// A contiguous slice of one table's rows as printed in one place.
#[derive(Debug, Clone, Copy)]
struct Part {
    table: usize,
    from: usize,
    to: usize,
    row_wise: bool,
    /// Printed one row per line (`pdftotext -layout`).
    layout: bool,
    /// The first part of a table split across newspaper columns ends its group.
    ends_group: bool,
}

impl Part {
    fn continued(&self) -> bool {
        self.from > 0
    }
}

/// Page-wide wording choices.
struct Style {
    target_header: &'static str,
    deadline_header: &'static str,
}

/// The page being written; remembers where each target cell landed.
struct Sheet {
    lines: Vec<String>,
    /// `spans[table][row]` = 1-based first/last line of the target cell.
    spans: Vec<Vec<Option<(usize, usize)>>>,
}

impl Sheet {
    fn push(&mut self, line: impl Into<String>) -> usize {
        self.lines.push(line.into());
        self.lines.len()
    }
    /// A blank line, never two in a row (pdftotext collapses them).
    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }
    fn maybe_blank(&mut self, rng: &mut ChaCha8Rng, p: f64) {
        if chance(rng, p) {
            self.blank();
        }
    }
    fn target_cell(&mut self, table: usize, row: usize, lines: &[String]) {
        let first = self.lines.len() + 1;
        for l in lines {
            self.push(l.clone());
        }
        self.spans[table][row] = Some((first, self.lines.len()));
    }
}

fn chance(rng: &mut ChaCha8Rng, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}

fn fullwidth_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32('０' as u32 + d).expect("full-width digit"),
            None => c,
        })
        .collect()
}

// ---------------------------------------------------------------- building tables

fn build_tables(rng: &mut ChaCha8Rng, knobs: &Knobs, year: i64, count: usize) -> Vec<Table> {
    let mut names: Vec<&str> = knobs.texts.departments();
    names.shuffle(rng);
    let items = knobs.texts.items();
    let mut pools: Vec<Vec<&SeedItem>> =
        (0..4).map(|c| items.iter().copied().filter(|i| i.category == c).collect()).collect();
    for pool in &mut pools {
        pool.shuffle(rng);
    }
    let mut cursor = [0usize; 4];
    names.iter().take(count).map(|name| build_table(rng, knobs, year, name, &pools, &mut cursor)).collect()
}

fn build_table(
    rng: &mut ChaCha8Rng,
    knobs: &Knobs,
    year: i64,
    name: &str,
    pools: &[Vec<&SeedItem>],
    cursor: &mut [usize; 4],
) -> Table {
    let width_em = knobs.width_em + rng.random_range(-1.0..=1.0);
    let mut present: Vec<usize> = (0..4).filter(|_| rng.random_bool(0.6)).collect();
    if present.is_empty() {
        present.push(rng.random_range(0..4));
    }
    let mut headers = Vec::new();
    let mut rows = Vec::new();
    for (ordinal, &category) in present.iter().enumerate() {
        headers.push((category, category_header(rng, knobs, ordinal, category)));
        let max = knobs.max_rows_per_category.max(1);
        // Skewed towards short categories, as on real pages.
        let n = rng.random_range(1..=max).min(rng.random_range(1..=max)).max(1);
        let first = rows.len();
        for seq in 1..=n as u32 {
            let item = next_item(pools, cursor, category);
            rows.push(make_row(rng, knobs, year, width_em, category, seq, item));
        }
        drop_numbers(rng, knobs, &mut rows[first..]);
    }
    Table { department: name.to_string(), headers, rows }
}

/// The next unused seed item of a category; when a small category runs out
/// on a busy page, an unused 指标类 item (the biggest pool) stands in rather
/// than repeating a target on the same page.
fn next_item<'a>(pools: &[Vec<&'a SeedItem>], cursor: &mut [usize; 4], category: usize) -> &'a SeedItem {
    let source = if cursor[category] < pools[category].len() { category } else { 0 };
    let pool = &pools[source];
    let item = pool[cursor[source] % pool.len()];
    cursor[source] += 1;
    item
}

fn category_header(rng: &mut ChaCha8Rng, knobs: &Knobs, ordinal: usize, category: usize) -> String {
    let numeral = NUMERALS[ordinal];
    let name = CATEGORIES[category];
    if chance(rng, knobs.half_bracket_rate) {
        if rng.random_bool(0.5) {
            format!("({numeral}）{name}")
        } else {
            format!("({numeral}){name}")
        }
    } else {
        format!("（{numeral}）{name}")
    }
}

fn make_row(
    rng: &mut ChaCha8Rng,
    knobs: &Knobs,
    year: i64,
    width_em: f64,
    category: usize,
    seq: u32,
    item: &SeedItem,
) -> Row {
    let text: String = texts::fill_year(&item.target, year)
        .chars()
        .filter(|&c| c != ' ' || chance(rng, knobs.keep_space_rate))
        .collect();
    let mut number = seq.to_string();
    if chance(rng, knobs.fullwidth_digit_rate) {
        number = fullwidth_digits(&number);
    }
    if chance(rng, knobs.stray_space_rate) {
        number.insert(0, ' ');
    }
    let mut deadline = if chance(rng, knobs.alt_deadline_rate) {
        alt_deadline(rng, year)
    } else {
        texts::fill_year(&item.deadline, year).into_owned()
    };
    if chance(rng, knobs.fullwidth_digit_rate) {
        deadline = fullwidth_digits(&deadline);
    }
    Row { category, seq, number: Some(number), lines: wrap(&text, width_em), deadline }
}

fn alt_deadline(rng: &mut ChaCha8Rng, year: i64) -> String {
    let choices = [
        "12月底前".to_string(),
        "年底前".to_string(),
        "6月30日前".to_string(),
        format!("{year}年12月底前"),
        format!("{year}年6月底前"),
        "上半年".to_string(),
        "下半年".to_string(),
        "三季度末".to_string(),
        "一季度末".to_string(),
        "长期坚持".to_string(),
        "9月30日前".to_string(),
    ];
    choices.choose(rng).expect("non-empty").clone()
}

/// OCR loses number lines: single ones, and now and then a whole run (the
/// seed lost 10..20). The first number of a category always survives; the
/// last only rarely goes.
fn drop_numbers(rng: &mut ChaCha8Rng, knobs: &Knobs, rows: &mut [Row]) {
    let n = rows.len();
    for (i, row) in rows.iter_mut().enumerate().skip(1) {
        let last = i + 1 == n;
        let p = knobs.drop_number_rate * if last { 0.1 } else { 1.0 };
        if chance(rng, p) {
            row.number = None;
        }
    }
    if n >= 4 && chance(rng, knobs.drop_run_rate) {
        let len = rng.random_range(2..=(n - 2).min(12));
        let start = rng.random_range(1..=n - 1 - len);
        for row in &mut rows[start..start + len] {
            row.number = None;
        }
    }
}

// ---------------------------------------------------------------- arranging parts

/// Cuts tables into parts (newspaper-column splits) and marks the layout.
fn arrange(rng: &mut ChaCha8Rng, knobs: &Knobs, tables: &[Table], first: usize, start_row: usize) -> Vec<Part> {
    let mut parts = Vec::new();
    for (t, table) in tables.iter().enumerate().skip(first) {
        let from = if t == first { start_row } else { 0 };
        let row_wise = chance(rng, knobs.row_wise_rate);
        // Drawn only when asked for, so that other knobs' pages stay as they were.
        let layout = !row_wise && knobs.layout_rate > 0.0 && chance(rng, knobs.layout_rate);
        let n = table.rows.len();
        if !row_wise && !layout && n - from >= 2 && chance(rng, knobs.split_rate) {
            let cut = rng.random_range(from + 1..n);
            parts.push(Part { table: t, from, to: cut, row_wise, layout, ends_group: true });
            parts.push(Part { table: t, from: cut, to: n, row_wise, layout, ends_group: false });
        } else {
            parts.push(Part { table: t, from, to: n, row_wise, layout, ends_group: false });
        }
    }
    parts
}

/// Consecutive column-wise parts go into groups of `group_min..=group_max`;
/// a row-wise part stands alone.
fn groups(rng: &mut ChaCha8Rng, knobs: &Knobs, parts: &[Part]) -> Vec<Vec<Part>> {
    let lo = knobs.group_min.clamp(1, 4);
    let hi = knobs.group_max.clamp(lo, 4);
    let mut out: Vec<Vec<Part>> = Vec::new();
    let mut current: Vec<Part> = Vec::new();
    let mut size = rng.random_range(lo..=hi);
    for &part in parts {
        if part.row_wise || part.layout {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            out.push(vec![part]);
            continue;
        }
        current.push(part);
        if current.len() >= size || part.ends_group {
            out.push(std::mem::take(&mut current));
            size = rng.random_range(lo..=hi);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

// ---------------------------------------------------------------- printing

fn print_group(
    sheet: &mut Sheet,
    rng: &mut ChaCha8Rng,
    knobs: &Knobs,
    style: &Style,
    tables: &[Table],
    group: &[Part],
) {
    if group.len() == 1 && group[0].row_wise {
        print_row_wise(sheet, rng, knobs, style, &tables[group[0].table], group[0]);
        return;
    }
    if group.len() == 1 && group[0].layout {
        print_layout(sheet, rng, knobs, style, &tables[group[0].table], group[0]);
        return;
    }
    for part in group {
        print_numbers(sheet, rng, knobs, &tables[part.table], *part);
    }
    for part in group {
        print_targets(sheet, rng, knobs, style, &tables[part.table], *part);
    }
    for part in group {
        print_deadlines(sheet, rng, knobs, style, &tables[part.table], *part);
    }
}

fn is_tall(table: &Table, i: usize) -> bool {
    table.rows[i].lines.len() > 1
}

/// Side columns (numbers, deadlines) get a blank before a row when it or the
/// row above is tall: the side cell sits mid-row, so pdftotext sees a wide
/// vertical gap.
fn side_blank_rate(knobs: &Knobs, table: &Table, i: usize) -> f64 {
    let tall = is_tall(table, i) || (i > 0 && is_tall(table, i - 1));
    if tall {
        knobs.blank_side_rate
    } else {
        knobs.blank_side_flat_rate
    }
}

/// Blank between two target cells of one category, by their heights.
fn target_blank_rate(knobs: &Knobs, above: &Row, below: &Row) -> f64 {
    let (a, b) = (above.lines.len(), below.lines.len());
    if a > 1 && b > 1 {
        knobs.blank_tall_rate
    } else if a != b {
        knobs.blank_unequal_rate
    } else {
        knobs.blank_equal_rate
    }
}

fn print_numbers(sheet: &mut Sheet, rng: &mut ChaCha8Rng, knobs: &Knobs, table: &Table, part: Part) {
    if !part.continued() {
        sheet.push(table.department.clone());
        sheet.maybe_blank(rng, 0.2);
        sheet.push("序号");
        sheet.maybe_blank(rng, 0.8);
    }
    for i in part.from..part.to {
        let row = &table.rows[i];
        if table.is_category_start(i) {
            sheet.maybe_blank(rng, 0.5);
            sheet.push(table.header_of(row.category).to_string());
            sheet.maybe_blank(rng, 0.4);
        } else {
            sheet.maybe_blank(rng, side_blank_rate(knobs, table, i));
        }
        if let Some(number) = &row.number {
            sheet.push(number.clone());
        }
    }
    // The seed has a blank after all 6 number blocks; the next line may be a
    // department name, so losing it is a rare slip, not the rule.
    sheet.maybe_blank(rng, 0.98);
}

fn print_targets(sheet: &mut Sheet, rng: &mut ChaCha8Rng, knobs: &Knobs, style: &Style, table: &Table, part: Part) {
    sheet.blank();
    if !part.continued() && !chance(rng, knobs.missing_header_rate) {
        sheet.push(style.target_header);
        sheet.maybe_blank(rng, 0.95);
    }
    for i in part.from..part.to {
        if i > part.from {
            if table.is_category_start(i) {
                sheet.blank();
            } else {
                let p = target_blank_rate(knobs, &table.rows[i - 1], &table.rows[i]);
                sheet.maybe_blank(rng, p);
            }
        }
        sheet.target_cell(part.table, i, &table.rows[i].lines);
    }
    sheet.blank();
}

fn print_deadlines(sheet: &mut Sheet, rng: &mut ChaCha8Rng, knobs: &Knobs, style: &Style, table: &Table, part: Part) {
    sheet.blank();
    if !part.continued() && !chance(rng, knobs.missing_header_rate) {
        sheet.push(style.deadline_header);
        sheet.maybe_blank(rng, 0.95);
    }
    for i in part.from..part.to {
        if i > part.from {
            // The seed has a blank at all 17 category boundaries here.
            let p = if table.is_category_start(i) { 0.95 } else { side_blank_rate(knobs, table, i) };
            sheet.maybe_blank(rng, p);
        }
        for line in wrap_deadline(rng, knobs, &table.rows[i].deadline) {
            sheet.push(line);
        }
    }
    sheet.blank();
}

/// A deadline as a narrow column prints it: on one line, or (with
/// `deadline_wrap_rate`, when 7 characters or more) cut after its year or
/// its month (`2022年12月` / `底前`).
fn wrap_deadline(rng: &mut ChaCha8Rng, knobs: &Knobs, deadline: &str) -> Vec<String> {
    let chars: Vec<char> = deadline.chars().collect();
    // Drawn only when asked for, so that other knobs' pages stay as they were.
    if knobs.deadline_wrap_rate <= 0.0 || chars.len() < 7 || !chance(rng, knobs.deadline_wrap_rate) {
        return vec![deadline.to_string()];
    }
    let cuts: Vec<usize> = (1..chars.len() - 1).filter(|&k| matches!(chars[k - 1], '年' | '月')).collect();
    match cuts.choose(rng) {
        Some(&k) => vec![chars[..k].iter().collect(), chars[k..].iter().collect()],
        None => vec![deadline.to_string()],
    }
}

/// Header lines of a row-wise table: one of three shapes pdftotext gives for
/// the header text boxes.
fn row_wise_headers(rng: &mut ChaCha8Rng, sheet: &mut Sheet, style: &Style) {
    match rng.random_range(0..10) {
        0..=5 => {
            sheet.push("序号");
            sheet.push(style.target_header);
            sheet.push(style.deadline_header);
        }
        6..=8 => {
            sheet.push(format!("序号 {} {}", style.target_header, style.deadline_header));
        }
        _ => {
            sheet.push(style.target_header);
            sheet.push("序号");
            sheet.push(style.deadline_header);
        }
    }
}

fn print_row_wise(sheet: &mut Sheet, rng: &mut ChaCha8Rng, knobs: &Knobs, style: &Style, table: &Table, part: Part) {
    sheet.blank();
    if !part.continued() {
        sheet.push(table.department.clone());
        row_wise_headers(rng, sheet, style);
        sheet.blank();
    }
    let p = knobs.row_wise_blank_rate;
    for i in part.from..part.to {
        let row = &table.rows[i];
        if table.is_category_start(i) {
            sheet.push(table.header_of(row.category).to_string());
            sheet.maybe_blank(rng, p);
        }
        if let Some(number) = &row.number {
            sheet.push(number.clone());
            sheet.maybe_blank(rng, p);
        }
        sheet.target_cell(part.table, i, &row.lines);
        sheet.maybe_blank(rng, p);
        sheet.push(row.deadline.clone());
        sheet.maybe_blank(rng, p);
    }
    sheet.blank();
}

/// A table as `pdftotext -layout` writes it: the number right-aligned in a
/// narrow column, the target lines padded to the column width, the number
/// and deadline on the middle line of their row.
fn print_layout(sheet: &mut Sheet, rng: &mut ChaCha8Rng, knobs: &Knobs, style: &Style, table: &Table, part: Part) {
    sheet.blank();
    let column = knobs.width_em.round().max(8.0) as usize;
    let pad = |text: &str| " ".repeat(2 * column.saturating_sub(width(text)) + 4);
    if !part.continued() {
        sheet.push(table.department.clone());
        sheet.push(format!("序号  {}{}{}", style.target_header, pad(style.target_header), style.deadline_header));
    }
    for i in part.from..part.to {
        let row = &table.rows[i];
        if table.is_category_start(i) {
            sheet.push(table.header_of(row.category).to_string());
        }
        let middle = (row.lines.len() - 1) / 2;
        let first = sheet.lines.len() + 1;
        for (j, line) in row.lines.iter().enumerate() {
            let (number, deadline) = if j == middle {
                (row.number.as_deref().map_or(String::new(), |n| n.trim().to_string()), row.deadline.as_str())
            } else {
                (String::new(), "")
            };
            let text = format!("{number:>4}    {line}{}{deadline}", pad(line));
            sheet.push(text.trim_end().to_string());
        }
        sheet.spans[part.table][i] = Some((first, sheet.lines.len()));
        sheet.maybe_blank(rng, knobs.blank_equal_rate);
    }
    sheet.blank();
}

// ---------------------------------------------------------------- pages

fn masthead(rng: &mut ChaCha8Rng, knobs: &Knobs, date: Date, page: u32) -> Vec<String> {
    let editor = EDITORS.choose(rng).expect("non-empty");
    let day = format!("{} {}", date.chinese(), WEEKDAYS[date.weekday]);
    if knobs.texts.uses_other() && (knobs.texts == TextBank::Other || rng.random_bool(0.5)) {
        let (a, b) = *texts::other_mastheads().choose(rng).expect("non-empty");
        let fill = |t: &str| texts::masthead_line(t, &date.chinese(), WEEKDAYS[date.weekday], page, editor);
        return vec![String::new(), fill(a), String::new(), fill(b), String::new()];
    }
    let (a, b) = if !chance(rng, knobs.masthead_variant_rate) {
        (format!("时政·要闻{}", day), format!("融媒编辑：{editor}{page:02} YONGKANG DAILY"))
    } else if rng.random_bool(0.5) {
        (format!("要闻 {day}"), format!("责任编辑：{editor} {page:02}"))
    } else {
        (format!("{page:02} YONGKANG DAILY"), format!("综合新闻{day} 责任编辑：{editor}"))
    };
    vec![String::new(), a, String::new(), b, String::new()]
}

fn lead_paragraph(rng: &mut ChaCha8Rng, date: Date, slogan: &str) -> String {
    let meeting = Date::from_days(days_from_civil(date.year, date.month, date.day) - rng.random_range(2..9));
    let kinds = ["指标类、项目类、政策类等", "指标类、项目类等", "年度重点"];
    format!(
        "{}月{}日，在全市“{slogan}”作风建设大会上，相关市领导与部分重点部门单位负责人“组团”上台表态，亮出{}工作承诺。现将各部门单位工作承诺予以刊登，接受社会监督。",
        meeting.month,
        meeting.day,
        kinds.choose(rng).expect("non-empty")
    )
}

const SECOND_PARAGRAPHS: [&str; 3] = [
    "各部门单位要对照承诺事项，细化工作举措，明确责任分工，确保按时保质完成各项任务。市考评办将加强跟踪督查，年底对承诺事项完成情况进行考核评价。",
    "欢迎广大市民对承诺事项落实情况进行监督，监督电话：0579-87100000。",
    "承诺清单将在市政府门户网站同步公开，接受社会各界监督。",
];

fn title(rng: &mut ChaCha8Rng, slogan: &str, year: i64) -> String {
    if rng.random_bool(0.8) {
        format!("“{slogan}”工作承诺清单")
    } else {
        format!("{year}年度部门单位工作承诺清单")
    }
}

fn page_style(rng: &mut ChaCha8Rng, knobs: &Knobs) -> Style {
    if chance(rng, knobs.alt_header_rate) {
        Style {
            target_header: TARGET_HEADERS_ALT.choose(rng).expect("non-empty"),
            deadline_header: DEADLINE_HEADERS_ALT.choose(rng).expect("non-empty"),
        }
    } else {
        Style { target_header: "任务目标", deadline_header: "完成时限" }
    }
}

/// Where page one stops when the list continues: (table, first row on page two).
fn continuation_cut(rng: &mut ChaCha8Rng, knobs: &Knobs, tables: &[Table]) -> Option<(usize, usize)> {
    if !chance(rng, knobs.continue_rate) {
        return None;
    }
    let candidates: Vec<usize> = (0..tables.len()).filter(|&t| tables[t].rows.len() >= 2).collect();
    // Prefer cutting in the last tables so page one has a real list.
    let last_two: Vec<usize> = candidates.iter().rev().take(2).copied().collect();
    let t = *last_two.choose(rng)?;
    Some((t, rng.random_range(1..tables[t].rows.len())))
}

fn generate_at(rng: &mut ChaCha8Rng, knobs: &Knobs, date: Date, page: u32) -> Vec<GeneratedPage> {
    let lo = knobs.tables_min.max(1);
    let count = rng.random_range(lo..=knobs.tables_max.max(lo)).min(knobs.texts.departments().len());
    let tables = build_tables(rng, knobs, date.year, count);
    let style = page_style(rng, knobs);
    let slogan = *SLOGANS.choose(rng).expect("non-empty");
    let cut = continuation_cut(rng, knobs, &tables);

    let mut first = new_sheet(&tables);
    first.lines.extend(masthead(rng, knobs, date, page));
    for line in wrap(&lead_paragraph(rng, date, slogan), 62.0) {
        first.push(line);
    }
    if chance(rng, knobs.second_paragraph_rate) {
        first.blank();
        for line in wrap(SECOND_PARAGRAPHS.choose(rng).expect("non-empty"), 62.0) {
            first.push(line);
        }
    }
    first.blank();
    first.push(title(rng, slogan, date.year));

    let (page_one_tables, rest) = match cut {
        Some((t, r)) => (&tables[..=t], Some((t, r))),
        None => (&tables[..], None),
    };
    let mut parts = arrange(rng, knobs, page_one_tables, 0, 0);
    if let Some((t, r)) = rest {
        // Page one shows only rows before the cut of the cut table.
        for p in parts.iter_mut().filter(|p| p.table == t) {
            p.to = p.to.min(r);
        }
        parts.retain(|p| p.from < p.to);
    }
    for group in groups(rng, knobs, &parts) {
        print_group(&mut first, rng, knobs, &style, &tables, &group);
    }
    first.blank();
    if cut.is_some() {
        first.push(format!("（下转{}版）", page + 1));
        first.blank();
    }
    let mut pages = vec![finish(first, &tables, date, page)];

    if let Some((t, r)) = cut {
        let mut second = new_sheet(&tables);
        second.lines.extend(masthead(rng, knobs, date, page + 1));
        second.push(format!("（上接{page}版）"));
        let parts = arrange(rng, knobs, &tables, t, r);
        for group in groups(rng, knobs, &parts) {
            print_group(&mut second, rng, knobs, &style, &tables, &group);
        }
        second.blank();
        pages.push(finish(second, &tables, date, page + 1));
    }
    pages
}

fn new_sheet(tables: &[Table]) -> Sheet {
    Sheet { lines: Vec::new(), spans: tables.iter().map(|t| vec![None; t.rows.len()]).collect() }
}

/// Collects the gold rows of cells printed on this sheet, tables in order
/// of first appearance (= table index order).
fn finish(sheet: Sheet, tables: &[Table], date: Date, page: u32) -> GeneratedPage {
    let mut gold = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        for (i, row) in table.rows.iter().enumerate() {
            if let Some((a, b)) = sheet.spans[t][i] {
                gold.push(GoldRow {
                    department: table.department.clone(),
                    category: CATEGORIES[row.category].to_string(),
                    seq: row.seq,
                    target: row.lines.concat(),
                    deadline: row.deadline.clone(),
                    source_lines: format!("{a}-{b}"),
                });
            }
        }
    }
    let mut text = sheet.lines.join("\n");
    text.push('\n');
    GeneratedPage { name: String::new(), text, gold, issue_date: date.iso(), page }
}

/// An ordinary news page: masthead, headlines and paragraphs of sentences
/// recombined from seed clauses and common news phrases, 10–20 KB.
fn prose_page(rng: &mut ChaCha8Rng, date: Date, page: u32) -> GeneratedPage {
    let knobs = Knobs { masthead_variant_rate: 0.5, ..Knobs::default() };
    let mut lines = masthead(rng, &knobs, date, page);
    let target_bytes = rng.random_range(10_000..20_000);
    let column_em = [22.0, 30.0, 44.0, 62.0].choose(rng).copied().unwrap_or(30.0);
    let mut size = 0;
    while size < target_bytes {
        let headline = sentence(rng, 1, 2).trim_end_matches('。').to_string();
        size += headline.len() + 1;
        lines.push(headline);
        lines.push(String::new());
        for _ in 0..rng.random_range(2..6) {
            let paragraph: String = (0..rng.random_range(2..6)).map(|_| sentence(rng, 2, 5)).collect();
            for line in wrap(&paragraph, column_em) {
                size += line.len() + 1;
                lines.push(line);
            }
            lines.push(String::new());
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    GeneratedPage { name: String::new(), text, gold: Vec::new(), issue_date: date.iso(), page }
}

fn sentence(rng: &mut ChaCha8Rng, min: usize, max: usize) -> String {
    let phrases = phrases();
    let n = rng.random_range(min..=max);
    let mut s: Vec<&str> = Vec::with_capacity(n);
    for _ in 0..n {
        s.push(phrases.choose(rng).expect("non-empty"));
    }
    format!("{}。", s.join("，"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_runs_and_closing_punctuation() {
        let lines = wrap("确保全年固定资产投资增速16%（力争20%）", 8.0);
        assert!(lines.iter().all(|l| !starts_closing(l)));
        assert_eq!(lines.concat(), "确保全年固定资产投资增速16%（力争20%）");
        assert!(lines.iter().any(|l| l.contains("16%")));
        assert!(lines.iter().any(|l| l.contains("20%")));
    }

    #[test]
    fn wrap_moves_char_before_closing_punctuation() {
        // 4 em per line: "一二三四" fits, "，" may not start the next line.
        assert_eq!(wrap("一二三四，五", 4.0), vec!["一二三", "四，五"]);
    }

    #[test]
    fn weekday_matches_seed() {
        let d = Date::from_days(days_from_civil(2022, 3, 22));
        assert_eq!(WEEKDAYS[d.weekday], "星期二");
        assert_eq!(d.iso(), "2022-03-22");
    }

    #[test]
    fn seed_items_load() {
        assert_eq!(seed_items().len(), 115);
    }
}
