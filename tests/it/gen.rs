//! The generator's promises: deterministic, exact gold, and every knob
//! visibly changes the page.

use pledges::gen::{
    generate, generate_archive, knob_presets, seed_targets, write_gold, GeneratedPage, Knobs, TextBank,
};
use pledges::layout::classify::{classify_line, Kind};
use pledges::model::row::parse_line_runs;

const CLOSING: &str = "，。、；：？！）》”%";

fn preset(name: &str) -> Knobs {
    knob_presets().into_iter().find(|(n, _)| *n == name).unwrap().1
}

fn pages(knobs: &Knobs, seeds: std::ops::Range<u64>) -> Vec<GeneratedPage> {
    seeds.flat_map(|s| generate(s, knobs)).collect()
}

/// First and last line of a gold row's `source_lines` (one run: generated
/// target cells are consecutive lines).
fn span(source_lines: &str) -> (usize, usize) {
    match parse_line_runs(source_lines)[..] {
        [run] => run,
        _ => panic!("not one run: {source_lines:?}"),
    }
}

fn lines(page: &GeneratedPage) -> Vec<&str> {
    page.text.lines().collect()
}

/// Half-em width, as the generator measures it.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn all_preset_pages() -> Vec<(&'static str, GeneratedPage)> {
    knob_presets().into_iter().flat_map(|(name, k)| pages(&k, 0..4).into_iter().map(move |p| (name, p))).collect()
}

#[test]
fn same_seed_same_bytes_different_seed_differs() {
    for (_, k) in knob_presets() {
        assert_eq!(generate(11, &k), generate(11, &k));
    }
    assert_ne!(generate(11, &Knobs::default())[0].text, generate(12, &Knobs::default())[0].text);
}

/// The target text of a printed line: all of it, or on a line laid out as
/// a row (`   2    新增企业5家    12月底前`) the part between number and deadline.
fn target_piece(line: &str) -> String {
    let fields: Vec<&str> = line.trim().split("  ").map(str::trim).filter(|f| !f.is_empty()).collect();
    if fields.len() < 2 {
        return line.trim_start().to_string();
    }
    let side = |f: &str| matches!(classify_line(f), Kind::Number(_) | Kind::Deadline);
    fields.into_iter().filter(|f| !side(f)).collect::<Vec<_>>().join(" ")
}

#[test]
fn gold_source_lines_point_at_the_target_text() {
    for (name, page) in all_preset_pages() {
        let l = lines(&page);
        assert!(!page.gold.is_empty(), "{name}: no rows");
        for row in &page.gold {
            let (a, b) = span(&row.source_lines);
            assert!(a >= 1 && a <= b && b <= l.len(), "{name} {}", row.source_lines);
            let text: String = l[a - 1..b].iter().map(|x| target_piece(x)).collect();
            assert_eq!(text, row.target, "{name} {}", page.name);
            assert!(l[a - 1..b].iter().all(|x| !x.trim().is_empty()), "blank line inside a cell");
        }
    }
}

#[test]
fn every_target_comes_from_its_bank() {
    let seed: std::collections::HashSet<String> = seed_targets().into_iter().collect();
    let mut other_rows = 0;
    for (name, page) in all_preset_pages() {
        let from_seed = preset(name).texts == TextBank::Seed;
        for row in &page.gold {
            let bare: String = row.target.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(seed.contains(&bare), from_seed, "{name}: {bare}");
            other_rows += usize::from(!from_seed);
        }
    }
    assert!(other_rows > 0);
}

#[test]
fn no_line_starts_with_closing_punctuation_and_runs_stay_whole() {
    let run = |c: char| c.is_ascii_alphanumeric() || ".%+&-".contains(c);
    for (name, page) in all_preset_pages() {
        for line in page.text.lines() {
            assert!(!line.starts_with(|c| CLOSING.contains(c)), "{name}: {line}");
        }
        let l = lines(&page);
        for row in &page.gold {
            let (a, b) = span(&row.source_lines);
            for pair in l[a - 1..b].windows(2) {
                let end = pair[0].chars().last().unwrap();
                let start = pair[1].chars().next().unwrap();
                assert!(!(run(end) && run(start)), "{name}: run split {:?}", pair);
            }
        }
    }
}

#[test]
fn column_width_knob_changes_line_length() {
    let max_width = |k: &Knobs| {
        pages(k, 0..5)
            .iter()
            .flat_map(|p| {
                let l: Vec<String> = p.text.lines().map(str::to_string).collect();
                p.gold.iter().flat_map(move |r| {
                    let (a, b) = span(&r.source_lines);
                    l[a - 1..b].to_vec()
                })
            })
            .map(|s| width(&s))
            .max()
            .unwrap()
    };
    let narrow = max_width(&Knobs { width_em: 14.0, ..Knobs::default() });
    let wide = max_width(&Knobs { width_em: 30.0, ..Knobs::default() });
    assert!(narrow <= 2 * 15, "narrow lines up to {narrow} half-ems");
    assert!(wide > 2 * 20 && wide <= 2 * 31, "wide lines up to {wide} half-ems");
}

#[test]
fn row_wise_layout_puts_each_deadline_after_its_target() {
    for page in pages(&preset("row-wise"), 0..4) {
        let l = lines(&page);
        for row in &page.gold {
            let (_, b) = span(&row.source_lines);
            let next = l[b..].iter().find(|x| !x.is_empty()).unwrap();
            assert_eq!(*next, row.deadline, "{}", page.name);
        }
    }
}

#[test]
fn column_wise_layout_puts_deadlines_after_all_targets_of_a_group() {
    for page in pages(&preset("clean"), 0..3) {
        let l = lines(&page);
        let (_, b) = span(&page.gold[0].source_lines);
        let next = l[b..].iter().find(|x| !x.is_empty()).unwrap();
        // The next non-blank line after the first cell is another cell, not a deadline.
        assert!(page.gold.iter().any(|r| r.target.starts_with(*next)), "{}: {next}", page.name);
    }
}

#[test]
fn mixed_layout_has_both_arrangements_on_one_page() {
    let found = pages(&preset("mixed-layout"), 0..10).iter().any(|p| {
        let l = lines(p);
        let row_wise = p.gold.iter().any(|r| {
            let (_, b) = span(&r.source_lines);
            l[b..].iter().find(|x| !x.is_empty()) == Some(&r.deadline.as_str())
        });
        row_wise && p.text.contains("\n完成时限\n")
    });
    assert!(found);
}

#[test]
fn split_tables_continue_without_headers() {
    // A split shows as a deadline header between two consecutive rows of one department.
    let split = pages(&preset("split-columns"), 0..4).iter().any(|p| {
        let l = lines(p);
        p.gold.windows(2).any(|w| {
            w[0].department == w[1].department && {
                let (_, end) = span(&w[0].source_lines);
                let (start, _) = span(&w[1].source_lines);
                l[end..start - 1].contains(&"完成时限")
            }
        }) && p.gold.iter().all(|r| p.text.matches(&format!("\n{}\n", r.department)).count() <= 1)
    });
    assert!(split);
}

#[test]
fn continued_lists_carry_xiazhuan_and_shangjie() {
    let out = generate(3, &preset("continued"));
    assert_eq!(out.len(), 2);
    let (one, two) = (&out[0], &out[1]);
    assert_eq!(one.issue_date, two.issue_date);
    assert_eq!(two.page, one.page + 1);
    assert!(one.text.trim_end().ends_with(&format!("（下转{}版）", two.page)));
    assert!(two.text.contains(&format!("\n（上接{}版）\n", one.page)));
    let cut = &two.gold[0];
    assert_eq!(cut.department, one.gold.last().unwrap().department);
    assert!(cut.seq > 1 || cut.category != one.gold.last().unwrap().category);
    assert!(!two.text.contains(&format!("\n{}\n", cut.department)), "no header on the continuation");
}

#[test]
fn ocr_slips_appear() {
    let text: String = pages(&preset("ocr-slips"), 0..6).iter().map(|p| p.text.clone()).collect();
    assert!(text.contains("\n(一）") || text.contains("\n(一)") || text.contains("\n(二"));
    assert!(text.chars().any(|c| ('０'..='９').contains(&c)));
    assert!(text.lines().any(|l| l.starts_with(' ') && l.trim().parse::<u32>().is_ok()));
    let clean: String = pages(&preset("clean"), 0..6).iter().map(|p| p.text.clone()).collect();
    assert!(!clean.chars().any(|c| ('０'..='９').contains(&c)));
    assert!(!clean.contains("\n(一"));
}

#[test]
fn dropped_numbers_leave_gaps() {
    let dropped = pages(&preset("ocr-slips"), 0..4).iter().any(|p| {
        let numbers: Vec<u32> = p.text.lines().filter_map(|l| l.trim().parse().ok()).collect();
        numbers.windows(2).any(|w| w[1] > w[0] + 1)
    });
    assert!(dropped);
}

#[test]
fn other_wording_changes_headers_deadlines_and_mastheads() {
    let all = pages(&preset("other-wording"), 0..6);
    let text: String = all.iter().map(|p| p.text.clone()).collect();
    assert!(["承诺事项", "工作目标"].iter().any(|h| text.contains(h)));
    assert!(["完成时间", "时限"].iter().any(|h| text.contains(&format!("\n{h}\n"))));
    assert!(!text.contains("\n任务目标\n"));
    assert!(all.iter().any(|p| p.gold.iter().any(|r| !r.deadline.ends_with("月底前"))));
    assert!(!text.contains("融媒编辑"));
}

#[test]
fn masthead_and_dates_are_consistent() {
    for page in pages(&Knobs::default(), 0..20) {
        let year: u32 = page.issue_date[..4].parse().unwrap();
        assert!((2019..=2024).contains(&year));
        let head: String = page.text.lines().take(5).collect();
        let (y, m, d) = (&page.issue_date[..4], &page.issue_date[5..7], &page.issue_date[8..]);
        let chinese = format!("{}年{}月{}日", y, m.trim_start_matches('0'), d.trim_start_matches('0'));
        assert!(head.contains(&chinese), "{head}");
        assert!(head.contains(&format!("{:02}", page.page)));
    }
}

#[test]
fn gold_rows_follow_first_appearance() {
    for page in pages(&Knobs { continue_rate: 0.0, ..Knobs::default() }, 0..6) {
        let mut depts: Vec<&str> = page.gold.iter().map(|r| r.department.as_str()).collect();
        depts.dedup();
        let pos: Vec<usize> = depts.iter().map(|d| page.text.find(&format!("\n{d}\n")).unwrap()).collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "{}", page.name);
    }
}

#[test]
fn gold_csv_has_the_shared_header() {
    let page = &generate(1, &Knobs::default())[0];
    let mut out = Vec::new();
    write_gold(&mut out, page).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("issue_date,page,department,category,seq,target,deadline,source_lines\n"));
    assert_eq!(text.lines().count(), page.gold.len() + 1);
}

#[test]
fn archive_streams_varied_pages() {
    let pages: Vec<GeneratedPage> = generate_archive(5, 40, 0.1).collect();
    assert_eq!(pages.len(), 40);
    let tables = pages.iter().filter(|p| !p.gold.is_empty()).count();
    assert!((1..=12).contains(&tables), "{tables} table pages");
    let names: std::collections::HashSet<&str> = pages.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), 40);
    for p in pages.iter().filter(|p| p.gold.is_empty()) {
        assert!((10_000..24_000).contains(&p.text.len()), "{} bytes", p.text.len());
    }
    let first_lines: std::collections::HashSet<&str> = pages.iter().filter_map(|p| p.text.lines().nth(5)).collect();
    assert!(first_lines.len() > 30, "prose pages should differ");
}

/// Lines that name a department (a gold department printed alone on a line).
fn dept_lines(page: &GeneratedPage) -> Vec<usize> {
    let depts: std::collections::HashSet<&str> = page.gold.iter().map(|r| r.department.as_str()).collect();
    page.text.lines().enumerate().filter(|(_, l)| depts.contains(l)).map(|(i, _)| i).collect()
}

#[test]
fn group_size_knob_changes_how_many_departments_share_a_group() {
    // Two department names with no target header between them = same group.
    let shared = |k: &Knobs| {
        pages(k, 0..6)
            .iter()
            .map(|p| {
                let l = lines(p);
                dept_lines(p).windows(2).filter(|w| !l[w[0]..w[1]].contains(&"任务目标")).count()
            })
            .sum::<usize>()
    };
    assert_eq!(shared(&preset("solo-groups")), 0);
    assert!(shared(&preset("big-groups")) > 5);
}

#[test]
fn gap_knobs_change_blank_lines_between_cells() {
    // Cells of one category separated by exactly one blank line.
    let gaps = |k: &Knobs| {
        pages(k, 0..6)
            .iter()
            .map(|p| {
                let l = lines(p);
                p.gold
                    .windows(2)
                    .filter(|w| w[0].department == w[1].department && w[0].category == w[1].category)
                    .filter(|w| {
                        let end = span(&w[0].source_lines).1;
                        span(&w[1].source_lines).0 == end + 2 && l[end].is_empty()
                    })
                    .count()
            })
            .sum::<usize>()
    };
    assert_eq!(gaps(&preset("no-gaps")), 0);
    assert!(gaps(&preset("many-gaps")) > 20);
}

#[test]
fn category_boundaries_always_have_a_blank_line() {
    for (name, page) in all_preset_pages() {
        let l = lines(&page);
        for w in page.gold.windows(2) {
            if w[0].department == w[1].department && w[0].category != w[1].category {
                let (_, end) = span(&w[0].source_lines);
                let (start, _) = span(&w[1].source_lines);
                let between = &l[end..start - 1];
                // Row-wise tables print the deadline and number in between instead.
                let column_wise = between.iter().all(|x| x.is_empty());
                assert!(!column_wise || !between.is_empty(), "{name} {}", page.name);
            }
        }
    }
}

#[test]
fn space_knob_keeps_or_drops_source_spaces() {
    let with_space =
        |k: &Knobs| pages(k, 0..15).iter().flat_map(|p| p.gold.clone()).filter(|r| r.target.contains(' ')).count();
    assert_eq!(with_space(&preset("clean")), 0);
    assert!(with_space(&preset("wide")) > 0);
}

#[test]
fn second_paragraph_knob() {
    let starts = ["各部门单位要对照", "欢迎广大市民", "承诺清单将在"];
    let has = |k: &Knobs| pages(k, 0..5).iter().filter(|p| starts.iter().any(|s| p.text.contains(s))).count();
    assert_eq!(has(&preset("clean")), 0);
    assert_eq!(has(&preset("other-wording")), 5);
}

#[test]
fn missing_header_knob_drops_target_headers() {
    let short = |k: &Knobs| {
        pages(k, 0..8).iter().filter(|p| p.text.matches("\n任务目标\n").count() < dept_lines(p).len()).count()
    };
    assert_eq!(short(&preset("clean")), 0);
    assert!(short(&preset("ocr-slips")) > 0);
}

#[test]
fn corpus_gen_is_what_its_readme_command_writes() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_pledges"))
        .args(["gen", "--all-presets", "--count", "2", "--seed", "1", "--out"])
        .arg(dir.path())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/gen");
    let listing = |d: &std::path::Path| {
        let mut names: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with('g'))
            .collect();
        names.sort();
        names
    };
    let names = listing(dir.path());
    assert_eq!(names, listing(&corpus), "regenerate corpus/gen (see its README)");
    for name in names {
        let fresh = std::fs::read(dir.path().join(&name)).unwrap();
        assert!(fresh == std::fs::read(corpus.join(&name)).unwrap(), "{name} differs: regenerate corpus/gen");
    }
}

mod wrap_props {
    use pledges::gen::wrap;
    use proptest::prelude::*;

    fn width(s: &str) -> usize {
        s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
    }

    proptest! {
        #[test]
        fn wrap_keeps_text_and_rules(text in "[一二三四五六七八九十，。、；：（）《》“”%A-Z0-9. ]{0,80}", em in 4.0f64..34.0) {
            let lines = wrap(&text, em);
            let bare = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
            prop_assert_eq!(bare(&lines.concat()), bare(&text));
            for l in &lines {
                prop_assert!(!l.is_empty() && !l.starts_with(' ') && !l.ends_with(' '));
            }
            for (i, l) in lines.iter().enumerate().skip(1) {
                let first = l.chars().next().unwrap();
                // Only a line whose predecessor could give nothing more may start with closing punctuation.
                if "，。、；：）》”%".contains(first) {
                    let prev: String = lines[i - 1].chars().filter(|c| *c != ' ').collect();
                    let one_token = prev.chars().count() == 1
                        || prev.chars().all(|c| c.is_ascii_alphanumeric() || ".%+&-".contains(c));
                    prop_assert!(one_token, "{:?}", lines);
                }
            }
            let limit = (em * 2.0).round() as usize;
            for l in &lines {
                // Over the limit only by carrying tokens down, never by more than the carried text.
                prop_assert!(width(l) <= limit + 8 || !l.contains(' '), "{:?}", lines);
            }
        }
    }
}
