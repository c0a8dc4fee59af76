//! The fixed words of generated pages: the seed gold the texts come from,
//! category names and numerals, departments, alternative headers, slogans,
//! editors, weekdays, and the characters no printed line starts with.
//!
//! ```
//! assert_eq!(pledges::gen::CATEGORIES[0], "指标类");
//! ```

/// The seed page's gold rows: the only source of target and deadline texts.
pub(super) const SEED_GOLD: &str = include_str!("../../corpus/seed/000_5c28f99ac9fc0060.source-gold.csv");

/// Category names in the order tables print them.
pub const CATEGORIES: [&str; 4] = ["指标类", "项目类", "政策类", "其他类"];

pub(super) const NUMERALS: [&str; 4] = ["一", "二", "三", "四"];

/// Plausible department names, none of which is on the seed page, so the
/// parser cannot succeed by remembering the seed.
pub(super) const DEPARTMENTS: [&str; 28] = [
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

pub(super) const TARGET_HEADERS_ALT: [&str; 2] = ["承诺事项", "工作目标"];
pub(super) const DEADLINE_HEADERS_ALT: [&str; 2] = ["完成时间", "时限"];
pub(super) const SLOGANS: [&str; 6] = [
    "扛旗争先 拼搏实干",
    "奋战开门红 实干争先",
    "比学赶超 争创一流",
    "勇当先行 奋力争先",
    "担当作为 实干攻坚",
    "大抓落实 狠抓实干",
];
pub(super) const EDITORS: [&str; 8] = ["蒋立峰", "王某", "李明", "陈晓", "胡建军", "应丽", "徐佳", "吕一鸣"];
pub(super) const WEEKDAYS: [&str; 7] = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];

/// Characters that a printed line never starts with.
pub(super) const CLOSING: &str = "，。、；：？！）》”’」』】〉%,.;:!?)";
