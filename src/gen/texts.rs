//! Text banks for generated pages: where targets, deadlines, department
//! names and mastheads come from.
//!
//! Every figure measured on generated pages says how well the parser reads
//! *those* texts. With the seed bank alone (the real page's 115 targets),
//! the aligner's word evidence and the test pages share one vocabulary, so
//! the figures could not show an aligner fitted to that page. The second
//! bank, `texts/other_cities.tsv`, was written for this project in the style
//! of other cities' and counties' pledge lists (other verbs and structures,
//! items opening on a place or a noun, several clauses, units and rates,
//! deadlines in many forms); it shares no text with the seed page. Its
//! departments (`texts/other_departments.txt`) and mastheads
//! (`texts/other_mastheads.txt`) are those of other places and papers.
//!
//! ```
//! use pledges::gen::{generate, Knobs, TextBank};
//! let knobs = Knobs { texts: TextBank::Other, ..Knobs::default() };
//! let page = &generate(7, &knobs)[0];
//! assert!(page.gold.iter().all(|r| !r.department.starts_with('市')));
//! ```

use super::{SeedItem, CATEGORIES, DEPARTMENTS};
use std::borrow::Cow;
use std::sync::OnceLock;

const OTHER_ITEMS: &str = include_str!("texts/other_cities.tsv");
const OTHER_DEPARTMENTS: &str = include_str!("texts/other_departments.txt");
const OTHER_MASTHEADS: &str = include_str!("texts/other_mastheads.txt");

/// Which bank a page's texts are drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TextBank {
    /// The real page's targets, deadlines and the seed-like departments.
    #[default]
    Seed,
    /// `other_cities.tsv`, other departments and other papers' mastheads.
    Other,
    /// Both banks pooled; each page draws its departments and mastheads
    /// from both too.
    Mixed,
}

impl std::str::FromStr for TextBank {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "seed" => Ok(TextBank::Seed),
            "other" => Ok(TextBank::Other),
            "mixed" => Ok(TextBank::Mixed),
            _ => Err(format!("unknown text bank `{s}` (seed, other or mixed)")),
        }
    }
}

impl TextBank {
    /// Whether a page takes the other papers' mastheads (`Mixed`: half the
    /// time, decided by the caller's coin).
    pub(super) fn uses_other(self) -> bool {
        self != TextBank::Seed
    }

    /// The items of this bank, per category in [`CATEGORIES`] order.
    pub(super) fn items(self) -> Vec<&'static SeedItem> {
        match self {
            TextBank::Seed => super::seed_items().iter().collect(),
            TextBank::Other => other_items().iter().collect(),
            TextBank::Mixed => super::seed_items().iter().chain(other_items()).collect(),
        }
    }

    /// Department names of this bank.
    pub(super) fn departments(self) -> Vec<&'static str> {
        match self {
            TextBank::Seed => DEPARTMENTS.to_vec(),
            TextBank::Other => other_departments().to_vec(),
            TextBank::Mixed => DEPARTMENTS.iter().copied().chain(other_departments().iter().copied()).collect(),
        }
    }
}

/// The other bank's items, parsed once.
fn other_items() -> &'static [SeedItem] {
    static ITEMS: OnceLock<Vec<SeedItem>> = OnceLock::new();
    ITEMS.get_or_init(|| {
        data_lines(OTHER_ITEMS)
            .map(|line| {
                let mut cols = line.split('\t');
                let (Some(category), Some(target), Some(deadline), None) =
                    (cols.next(), cols.next(), cols.next(), cols.next())
                else {
                    panic!("other_cities.tsv: not three columns: {line}");
                };
                SeedItem {
                    category: CATEGORIES
                        .iter()
                        .position(|c| *c == category)
                        .unwrap_or_else(|| panic!("other_cities.tsv: unknown category: {line}")),
                    target: target.to_string(),
                    deadline: deadline.to_string(),
                }
            })
            .collect()
    })
}

fn other_departments() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| data_lines(OTHER_DEPARTMENTS).collect())
}

/// Two-line masthead templates `a|b` with `{date}`, `{weekday}`, `{page}`,
/// `{editor}`.
pub(super) fn other_mastheads() -> &'static [(&'static str, &'static str)] {
    static SHAPES: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        data_lines(OTHER_MASTHEADS)
            .map(|l| l.split_once('|').unwrap_or_else(|| panic!("other_mastheads.txt: no `|`: {l}")))
            .collect()
    })
}

/// Fills a masthead template.
pub(super) fn masthead_line(template: &str, date: &str, weekday: &str, page: u32, editor: &str) -> String {
    template
        .replace("{date}", date)
        .replace("{weekday}", weekday)
        .replace("{page}", &format!("{page:02}"))
        .replace("{editor}", editor)
}

/// A bank text with `{Y}` (the issue's year) and `{Y1}` (the next) filled in;
/// seed texts have neither and come back borrowed.
pub(super) fn fill_year(text: &str, year: i64) -> Cow<'_, str> {
    if !text.contains('{') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("{Y1}", &(year + 1).to_string()).replace("{Y}", &year.to_string()))
}

/// Non-blank lines that are not `#` comments.
fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim_end).filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_bank_covers_every_category_and_shares_nothing_with_the_seed() {
        let items = other_items();
        assert!(items.len() >= 400, "{}", items.len());
        for c in 0..CATEGORIES.len() {
            assert!(items.iter().filter(|i| i.category == c).count() >= 50, "{}", CATEGORIES[c]);
        }
        let seed: std::collections::HashSet<&str> =
            super::super::seed_items().iter().map(|i| i.target.as_str()).collect();
        assert!(items.iter().all(|i| !seed.contains(i.target.as_str())));
    }

    #[test]
    fn years_are_filled_in() {
        assert_eq!(fill_year("（{Y}—{Y1}年）", 2022), "（2022—2023年）");
        assert!(matches!(fill_year("12月底前", 2022), Cow::Borrowed("12月底前")));
    }

    #[test]
    fn mastheads_have_two_lines_and_a_date() {
        for (a, b) in other_mastheads() {
            assert!(a.contains("{date}") || b.contains("{date}"), "{a}|{b}");
        }
        let line = masthead_line("东阳日报 {date} {weekday}", "2022年3月15日", "星期二", 3, "王某");
        assert_eq!(line, "东阳日报 2022年3月15日 星期二");
    }
}
