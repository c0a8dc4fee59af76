//! Raw bytes through the positioned readers (TSV, hOCR, ALTO, PaddleOCR
//! JSON), geometry and the table reader: sniff → read → words → lines →
//! rows. PDFs are skipped (they go to poppler as a process). A panic
//! anywhere is a crash; a document the readers accept must give a page
//! that keeps the invariants of `check_page` over the lines geometry
//! wrote (furniture it recognised counts as a used line), and every row
//! read from a line with a box must say where it stands.
//!
//! Input that sniffs as a positioned format is read as it is; otherwise
//! the first byte picks a format opening to put before the rest, so the
//! mutator reaches each reader's body far more often than it would find
//! the magic by itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pledges::layout::geometry::{document_lines, Knobs};
use pledges::model::Line;
use pledges::read::positioned::{read, sniff, Format};

const SOURCE: &str = "2022-03-22_p03";

/// Format openings the first byte chooses from.
const HEADERS: &[&str] = &[
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n",
    "level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n",
    "<html><body><div class='ocr_page' title='bbox 0 0 1000 1400'>",
    "<?xml version=\"1.0\"?><alto xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\"><Description><MeasurementUnit>pixel</MeasurementUnit></Description><Layout><Page WIDTH=\"1000\" HEIGHT=\"1400\"><PrintSpace>",
    "{\"rec_texts\": ",
];

fuzz_target!(|data: &[u8]| {
    // A whole file (a seed from corpus/positioned) is read as it is.
    let bytes = if sniff(data) == Format::Text {
        let Some((&pick, rest)) = data.split_first() else { return };
        [HEADERS[pick as usize % HEADERS.len()].as_bytes(), rest].concat()
    } else {
        data.to_vec()
    };
    let format = sniff(&bytes);
    if matches!(format, Format::Text | Format::Pdf) {
        return;
    }
    let Ok(doc) = read(SOURCE, &bytes, format, None) else { return };
    let page = pledges::run::positioned::extract_document(&doc, &pledges::Options::default());
    let out = document_lines(&doc, &Knobs::default());
    let lines = Line::numbered(out.iter().map(|l| l.text.clone()));
    pledges_fuzz::check_page(&page, &lines);
    for row in page.rows.iter().filter(|r| !r.source_lines.is_empty()) {
        assert!(!row.position.is_empty(), "row {} from lines {} has no position", row.id, row.source_lines);
    }
});
