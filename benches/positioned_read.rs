//! Parsing throughput of the positioned readers (TSV, hOCR, ALTO) on one
//! thread, on the committed real-tool fixtures: Tesseract 5 `chi_sim`
//! output of two generated newspaper pages, and a `pdftotext -tsv` page.
//! Each iteration sniffs and reads the bytes into words, as `extract` does
//! before geometry; the word count is asserted so a reader that silently
//! stops early shows up as a panic, not as a faster number. A second group
//! times geometry (words → lines) on the same documents. Goal: ≥ 50 MB/s
//! for reading.
//!
//! ```text
//! cargo bench --bench positioned_read -- --warm-up-time 1 --measurement-time 3
//! ```

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pledges::layout::geometry::{document_lines, Knobs};
use pledges::read::positioned::{read, sniff, Document, Format};
use std::hint::black_box;

/// One fixture: a name, its bytes, and the format it must sniff as.
struct Fixture {
    name: &'static str,
    format: Format,
    bytes: &'static [u8],
}

const FIXTURES: &[Fixture] = &[
    Fixture {
        name: "tesseract_tsv",
        format: Format::Tsv,
        bytes: include_bytes!("../corpus/positioned/tesseract/tsv/g0001_pdf-2col_2023-02-23_p04.tsv"),
    },
    Fixture {
        name: "tesseract_hocr",
        format: Format::Hocr,
        bytes: include_bytes!("../corpus/positioned/tesseract/hocr/g0001_pdf-2col_2023-02-23_p04.hocr"),
    },
    Fixture {
        name: "tesseract_alto",
        format: Format::Alto,
        bytes: include_bytes!("../corpus/positioned/tesseract/alto/g0001_pdf-2col_2023-02-23_p04.alto.xml"),
    },
    Fixture {
        name: "pdftotext_tsv",
        format: Format::Tsv,
        bytes: include_bytes!("../corpus/positioned/pdftotext/g0001_pdf-2col_2023-02-23_p04.tsv"),
    },
];

fn document(f: &Fixture) -> Document {
    assert_eq!(sniff(f.bytes), f.format, "{} sniffs as {:?}", f.name, f.format);
    read(f.name, f.bytes, f.format, None).expect("fixture reads")
}

fn word_count(doc: &Document) -> usize {
    doc.pages.iter().map(|p| p.words.len()).sum()
}

fn reading(c: &mut Criterion) {
    let mut g = c.benchmark_group("positioned_read");
    for f in FIXTURES {
        let words = word_count(&document(f));
        assert!(words > 50, "{} holds {words} words", f.name);
        g.throughput(Throughput::Bytes(f.bytes.len() as u64));
        g.bench_function(f.name, |b| {
            b.iter(|| {
                let doc = read(f.name, black_box(f.bytes), sniff(f.bytes), None).unwrap();
                assert_eq!(word_count(&doc), words);
                doc
            })
        });
    }
    g.finish();
}

fn geometry(c: &mut Criterion) {
    let mut g = c.benchmark_group("positioned_geometry");
    let knobs = Knobs::default();
    for f in FIXTURES {
        let doc = document(f);
        let lines = document_lines(&doc, &knobs).len();
        g.throughput(Throughput::Bytes(f.bytes.len() as u64));
        g.bench_function(f.name, |b| {
            b.iter(|| {
                let out = document_lines(black_box(&doc), &knobs);
                assert_eq!(out.len(), lines);
                out
            })
        });
    }
    g.finish();
}

criterion_group!(benches, reading, geometry);
criterion_main!(benches);
