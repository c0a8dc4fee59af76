//! Whole pages: gold rows and the generated page, `generate` (one page, or
//! two when a list continues), and the page furniture around the tables
//! (masthead, lead paragraph, title, prose-only pages).
//!
//! ```
//! let pages = pledges::gen::generate(7, &pledges::gen::Knobs::default());
//! assert!(!pages[0].gold.is_empty());
//! ```

use super::*;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

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

pub(super) fn masthead(rng: &mut ChaCha8Rng, knobs: &Knobs, date: Date, page: u32) -> Vec<String> {
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

pub(super) fn lead_paragraph(rng: &mut ChaCha8Rng, date: Date, slogan: &str) -> String {
    let meeting = Date::from_days(days_from_civil(date.year, date.month, date.day) - rng.random_range(2..9));
    let kinds = ["指标类、项目类、政策类等", "指标类、项目类等", "年度重点"];
    format!(
        "{}月{}日，在全市“{slogan}”作风建设大会上，相关市领导与部分重点部门单位负责人“组团”上台表态，亮出{}工作承诺。现将各部门单位工作承诺予以刊登，接受社会监督。",
        meeting.month,
        meeting.day,
        kinds.choose(rng).expect("non-empty")
    )
}

pub(super) const SECOND_PARAGRAPHS: [&str; 3] = [
    "各部门单位要对照承诺事项，细化工作举措，明确责任分工，确保按时保质完成各项任务。市考评办将加强跟踪督查，年底对承诺事项完成情况进行考核评价。",
    "欢迎广大市民对承诺事项落实情况进行监督，监督电话：0579-87100000。",
    "承诺清单将在市政府门户网站同步公开，接受社会各界监督。",
];

pub(super) fn title(rng: &mut ChaCha8Rng, slogan: &str, year: i64) -> String {
    if rng.random_bool(0.8) {
        format!("“{slogan}”工作承诺清单")
    } else {
        format!("{year}年度部门单位工作承诺清单")
    }
}

pub(super) fn page_style(rng: &mut ChaCha8Rng, knobs: &Knobs) -> Style {
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
pub(super) fn continuation_cut(rng: &mut ChaCha8Rng, knobs: &Knobs, tables: &[Table]) -> Option<(usize, usize)> {
    if !chance(rng, knobs.continue_rate) {
        return None;
    }
    let candidates: Vec<usize> = (0..tables.len()).filter(|&t| tables[t].rows.len() >= 2).collect();
    // Prefer cutting in the last tables so page one has a real list.
    let last_two: Vec<usize> = candidates.iter().rev().take(2).copied().collect();
    let t = *last_two.choose(rng)?;
    Some((t, rng.random_range(1..tables[t].rows.len())))
}

pub(super) fn generate_at(rng: &mut ChaCha8Rng, knobs: &Knobs, date: Date, page: u32) -> Vec<GeneratedPage> {
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

pub(super) fn new_sheet(tables: &[Table]) -> Sheet {
    Sheet { lines: Vec::new(), spans: tables.iter().map(|t| vec![None; t.rows.len()]).collect() }
}

/// Collects the gold rows of cells printed on this sheet, tables in order
/// of first appearance (= table index order).
pub(super) fn finish(sheet: Sheet, tables: &[Table], date: Date, page: u32) -> GeneratedPage {
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
pub(super) fn prose_page(rng: &mut ChaCha8Rng, date: Date, page: u32) -> GeneratedPage {
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

pub(super) fn sentence(rng: &mut ChaCha8Rng, min: usize, max: usize) -> String {
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
    fn weekday_matches_seed() {
        let d = Date::from_days(days_from_civil(2022, 3, 22));
        assert_eq!(WEEKDAYS[d.weekday], "星期二");
        assert_eq!(d.iso(), "2022-03-22");
    }
}
