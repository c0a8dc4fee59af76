//! Every non-blank line of every page in corpus/ ends up in exactly one
//! place — a row (target, deadline or number), table structure, page
//! furniture or a leftover — and no line is in two rows.

mod common;
use common::corpus;
use pledges::model::Use;
use pledges::{extract_page, run::batch, Options};

#[test]
fn every_line_of_the_corpus_is_accounted_for_once() {
    let inputs = batch::list_inputs(&[corpus("")]).unwrap();
    assert!(inputs.len() >= 38, "the corpus holds the real page and the generated set");
    let mut counts = [0usize; 6];
    for input in inputs {
        let batch::Input::File(path) = input else { unreachable!("corpus inputs are files") };
        // Positioned files (corpus/positioned) are accounted in tests/geometry.rs.
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let page = extract_page(&path.display().to_string(), &bytes, &Options::default()).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = pledges::read::decode::line_texts(&text).collect();
        assert_eq!(page.uses.len(), lines.len(), "{}", path.display());
        let mut in_row = vec![false; lines.len()];
        for row in &page.rows {
            for run in row.source_lines.split(';').filter(|r| !r.is_empty()) {
                let (a, b) = run.split_once('-').unwrap();
                for n in a.parse::<usize>().unwrap()..=b.parse::<usize>().unwrap() {
                    assert!(!in_row[n - 1], "{}:{n} is in two rows", path.display());
                    in_row[n - 1] = true;
                    assert_eq!(page.uses[n - 1], Some(Use::Target), "{}:{n}", path.display());
                }
            }
        }
        for (i, line) in lines.iter().enumerate() {
            let used = page.uses[i];
            assert_eq!(used.is_some(), !line.trim().is_empty(), "{}:{}", path.display(), i + 1);
            if used == Some(Use::Target) {
                assert!(in_row[i], "{}:{} is a target line outside any row", path.display(), i + 1);
            }
            if let Some(u) = used {
                counts[u as usize] += 1;
            }
        }
        let leftovers = page.uses.iter().filter(|u| **u == Some(Use::Leftover)).count();
        assert_eq!(leftovers, page.leftovers.len(), "{}", path.display());
    }
    // Rows take most lines; the corpus has no leftovers at all.
    assert_eq!(counts[Use::Leftover as usize], 0);
    assert!(counts[Use::Target as usize] > 1_500, "{counts:?}");
}
