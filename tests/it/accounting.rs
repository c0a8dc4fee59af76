//! Every non-blank line of every page in corpus/ ends up in exactly one
//! place — a row (target, deadline or number), table structure, page
//! furniture or a leftover — and no line is in two rows
//! (`pledges::model::accounting::check`, through `common::extract_accounted`).

use crate::common::{corpus, extract_accounted};
use pledges::model::accounting::Accounted;
use pledges::model::Use;
use pledges::run::batch;

#[test]
fn every_line_of_the_corpus_is_accounted_for_once() {
    let inputs = batch::list_inputs(&[corpus("")]).unwrap();
    assert!(inputs.len() >= 38, "the corpus holds the real page and the generated set");
    let mut counts = Accounted::default();
    for input in inputs {
        let batch::Input::File(path) = input else { unreachable!("corpus inputs are files") };
        // Positioned files (corpus/positioned) are accounted in tests/it/geometry.rs.
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let (page, page_counts) = extract_accounted(&path.display().to_string(), &bytes);
        assert_eq!(page_counts.of(Use::Leftover), page.leftovers.len(), "{}", path.display());
        counts.add(page_counts);
    }
    // Rows take most lines; the corpus has no leftovers at all.
    assert_eq!(counts.of(Use::Leftover), 0);
    assert!(counts.of(Use::Target) > 1_500, "{counts:?}");
}
