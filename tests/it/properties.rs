//! Property tests: generated tables come back right or flagged, and no
//! mangling of a page (lines deleted, duplicated, moved) makes extraction
//! panic or lose track of a line.
//!
//! The RNG seed is fixed so CI is repeatable; `PROPTEST_CASES=5000
//! PROPTEST_RNG_SEED=…` explores further.

use pledges::gen::{self, GeneratedPage, Knobs};
use pledges::model::row::parse_line_runs;
use pledges::model::{accounting, PageResult};
use pledges::{extract_page, Options};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(cases);
    let seed = std::env::var("PROPTEST_RNG_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20221);
    Config { cases, rng_seed: RngSeed::Fixed(seed), failure_persistence: None, ..Config::default() }
}

/// A preset, with its width and OCR knobs shaken.
fn knobs() -> impl Strategy<Value = Knobs> {
    // Seed-bank presets only: the other-wording bank has its own floor in
    // tests/it/accuracy.rs and its figures in the README.
    let presets: Vec<_> = gen::knob_presets().into_iter().filter(|(_, k)| k.texts == gen::TextBank::Seed).collect();
    (0..presets.len(), 12.0f64..36.0, 0.0f64..0.15, 0.0f64..0.4, any::<bool>()).prop_map(
        move |(i, width, drop, missing, row_wise)| Knobs {
            width_em: width,
            drop_number_rate: drop,
            missing_header_rate: missing,
            row_wise_rate: if row_wise { 0.5 } else { presets[i].1.row_wise_rate },
            ..presets[i].1.clone()
        },
    )
}

fn extract(page: &GeneratedPage, text: &str) -> PageResult {
    extract_page(&format!("{}.txt", page.name), text.as_bytes(), &Options::default()).expect("a generated page decodes")
}

/// Every non-blank line used once, target cells disjoint and marked as
/// targets: the library's one accounting check.
fn assert_accounted(text: &str, page: &PageResult) {
    let lines = pledges::read::decode::line_texts(text);
    if let Err(e) = accounting::check(&page.source, page, lines) {
        panic!("{e}");
    }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn generated_tables_come_back_right_or_flagged(seed in any::<u64>(), knobs in knobs()) {
        for page in gen::generate(seed, &knobs) {
            let got = extract(&page, &page.text);
            assert_accounted(&page.text, &got);
            for g in &page.gold {
                let pred = got.rows.iter().find(|r| *r.category == *g.category && r.seq == g.seq
                    && (*r.department == *g.department || r.department.is_empty()));
                let norm = |s: &str| pledges::eval::normalize(s);
                match pred {
                    Some(r) if norm(&r.target) == norm(&g.target) && norm(&r.deadline) == norm(&g.deadline) => {}
                    // Rows of a list carried on from a page not in this run are flagged for it.
                    Some(r) => prop_assert!(!r.flags.is_empty(), "unflagged wrong row {:?} for gold {:?}\n{}", r, g, page.text),
                    // Not found under its department, category and number: each
                    // of its target lines must have gone to a row that is itself
                    // flagged (merged into a neighbour, misplaced by a lost
                    // header or number — and saying so) or be reported as a
                    // leftover. A flag on some other row of the page, or a
                    // leftover elsewhere, is no excuse.
                    None => {
                        let flagged_lines: Vec<(usize, usize)> =
                            got.rows.iter().filter(|r| !r.flags.is_empty()).flat_map(|r| r.line_runs()).collect();
                        let accounted_for = |n: usize| {
                            flagged_lines.iter().any(|&(a, b)| (a..=b).contains(&n)) || got.leftovers.iter().any(|l| l.line.get() == n)
                        };
                        let mut target_lines = parse_line_runs(&g.source_lines).into_iter().flat_map(|(a, b)| a..=b);
                        let reported = target_lines.all(accounted_for);
                        let around: Vec<String> = got.rows.iter()
                            .filter(|r| *r.department == *g.department || r.department.is_empty())
                            .map(|r| format!("{} {} {} {} | {} | {}", r.department, r.category, r.seq, r.target, r.source_lines, r.flags))
                            .collect();
                        prop_assert!(reported,
                            "gold row {:?} lost: a line of its target is neither in a flagged row nor left over\nrows of its department:\n{}\nleftovers: {:?}\n{}",
                            g, around.join("\n"), got.leftovers, page.text);
                    }
                }
            }
        }
    }

    #[test]
    fn mangled_pages_never_panic_and_stay_accounted(seed in any::<u64>(), edits in prop::collection::vec((0u8..3, any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..12)) {
        let page = &gen::generate(seed, &Knobs::default())[0];
        let mut lines: Vec<String> = page.text.lines().map(str::to_owned).collect();
        for (op, a, b) in edits {
            if lines.is_empty() { break; }
            let (i, j) = (a.index(lines.len()), b.index(lines.len()));
            match op {
                0 => { lines.remove(i); }
                1 => { let l = lines[i].clone(); lines.insert(j, l); }
                _ => lines.swap(i, j),
            }
        }
        let text = lines.join("\n");
        if text.trim().is_empty() { return Ok(()); }
        let got = extract(page, &text);
        assert_accounted(&text, &got);
    }
}

/// The rows of gold found under their key whose target or deadline came out
/// wrong with no flag.
fn wrong_unflagged(seed: u64, knobs: &Knobs) -> Vec<String> {
    let mut out = vec![];
    for page in gen::generate(seed, knobs) {
        let got = extract(&page, &page.text);
        assert_accounted(&page.text, &got);
        let norm = |s: &str| pledges::eval::normalize(s);
        for g in &page.gold {
            let found = got
                .rows
                .iter()
                .find(|r| *r.department == *g.department && *r.category == *g.category && r.seq == g.seq);
            if let Some(r) = found {
                let right = norm(&r.target) == norm(&g.target) && norm(&r.deadline) == norm(&g.deadline);
                if !right && r.flags.is_empty() {
                    out.push(format!("{} {} {}: {} (gold {})", r.department, r.category, r.seq, r.target, g.target));
                }
            }
        }
    }
    out
}

/// Found by `PROPTEST_RNG_SEED=2 PROPTEST_CASES=2000`: a 13-em column whose
/// second department lost its `任务目标` header, so nothing pinned where its
/// target lines begin; the side columns' word that two tall rows were one
/// line tall (their blank lines dropped) moved that table boundary two lines
/// up, and four rows across it went wrong unflagged. A reading that moves a
/// table boundary no header pins is now a rival whenever only that word keeps it away.
#[test]
fn a_table_boundary_no_header_pins_is_in_doubt_when_only_the_side_columns_place_it() {
    let knobs = Knobs {
        width_em: 13.17231798164589,
        drop_number_rate: 0.0,
        missing_header_rate: 0.22813288341669652,
        ..Knobs::default()
    };
    assert_eq!(wrong_unflagged(11848412484033056821, &knobs), Vec::<String>::new());
}

/// Found by `PROPTEST_RNG_SEED=2 PROPTEST_CASES=2000` after the doubt began
/// weighing how well cells fit their categories: in a 14-em `stress` table a
/// row took the next row's line, and the one rival that reads it right was
/// cleared because its cells fit 政策类 a little worse. Within one category
/// the fit says nothing about a cut; it now weighs only a reading that moves
/// a line to another category.
#[test]
fn the_category_fit_clears_no_doubt_within_one_category() {
    let stress = gen::knob_presets().into_iter().find(|(n, _)| *n == "stress").unwrap().1;
    let knobs = Knobs { width_em: 13.943109182658116, drop_number_rate: 0.0, missing_header_rate: 0.0, ..stress };
    assert_eq!(wrong_unflagged(15743317292835376137, &knobs), Vec::<String>::new());
}

/// Found by `PROPTEST_RNG_SEED=5 PROPTEST_CASES=2000`: a 12-em (and a
/// 14.5-em) column where OCR lost a row number and the second department's
/// `任务目标` header. One blank line dropped from the deadline column at a
/// category boundary made the lost row's best place one department (or one
/// category) too early, by a little more than that blank line is worth, and
/// every deadline between the two places shifted by one, unflagged. A
/// placement kept away only by the deadline column, by no more than one
/// blank line, whose text is a coin toss, now puts those rows in doubt.
#[test]
fn a_lost_row_kept_from_its_place_by_one_deadline_blank_line_is_in_doubt() {
    let narrow = gen::knob_presets().into_iter().find(|(n, _)| *n == "narrow").unwrap().1;
    for width_em in [12.0, 14.49619921640808] {
        let knobs = Knobs {
            width_em,
            drop_number_rate: 0.07517632995769205,
            missing_header_rate: 0.2733918549271753,
            ..narrow.clone()
        };
        assert_eq!(wrong_unflagged(1121660195431735291, &knobs), Vec::<String>::new(), "{width_em} em");
    }
}

/// Found by `PROPTEST_RNG_SEED=8 PROPTEST_CASES=4000`: in a 16.6-em
/// `wrapped-deadlines` table the policy row `拟定《…》…和资金补助办法等`
/// took the next row's lines (`基本完成《城市有机更新专项规划》…`) with no
/// flag.
#[test]
fn a_policy_row_joined_with_the_next_is_flagged_or_right() {
    let wrapped = gen::knob_presets().into_iter().find(|(n, _)| *n == "wrapped-deadlines").unwrap().1;
    let knobs = Knobs { width_em: 16.61404817999327, drop_number_rate: 0.0, missing_header_rate: 0.0, ..wrapped };
    assert_eq!(wrong_unflagged(5469320354821745597, &knobs), Vec::<String>::new());
}
