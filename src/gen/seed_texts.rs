//! The texts generated pages are made of: the seed page's targets and
//! deadlines, and news phrases for prose.
//!
//! ```
//! assert_eq!(pledges::gen::seed_targets().len(), 115);
//! ```

use super::*;
use std::sync::OnceLock;

/// A target with its deadline, as the seed printed them.
#[derive(Debug, Clone)]
pub(super) struct SeedItem {
    pub(super) category: usize,
    pub(super) target: String,
    pub(super) deadline: String,
}

pub(super) fn seed_items() -> &'static [SeedItem] {
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

pub(super) fn strip_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Clauses of the seed targets, for prose that reads like the same paper.
pub(super) fn phrases() -> &'static [String] {
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
pub(super) fn balanced(p: &str) -> bool {
    let count = |c: char| p.chars().filter(|&x| x == c).count();
    [('（', '）'), ('“', '”'), ('《', '》'), ('(', ')')].iter().all(|&(a, b)| count(a) == count(b))
}

pub(super) const NEWS_PHRASES: [&str; 40] = [
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_items_load() {
        assert_eq!(seed_items().len(), 115);
    }
}
