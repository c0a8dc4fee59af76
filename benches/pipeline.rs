//! Throughput of each stage and of whole pages, on a fixed generated archive
//! (1,000 pages, 1 in 10 with pledge tables, the rest varied news prose), on
//! real-size table pages (`gen`'s `full` size: 7–9 departments, ≈ 100 rows,
//! 7–11 KB, plus the real seed page), single thread and rayon, and on the
//! real seed page alone. Results are asserted inside the loops so that a
//! change of behaviour shows up as a panic, not as a faster number.
//!
//! ```text
//! cargo bench --bench pipeline -- --warm-up-time 1 --measurement-time 3
//! ```

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pledges::gen::TableSize;
use pledges::lexicon::headers::may_hold_table;
use pledges::read::decode::{decode, decode_str};
use pledges::run::page::{extract_lines, extract_page};
use pledges::{
    gen,
    layout::{classify, segment, skeleton},
    run::batch,
    Options, Row,
};
use rayon::prelude::*;
use std::hint::black_box;

/// The binary's allocator (see `src/main.rs`), so the figures are the ones
/// `pledges extract` gets.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SEED_PAGE: &[u8] = include_bytes!("../corpus/seed/000_5c28f99ac9fc0060.txt");

struct Archive {
    pages: Vec<(String, Vec<u8>)>,
    bytes: u64,
}

fn archive() -> Archive {
    let pages: Vec<(String, Vec<u8>)> =
        gen::generate_archive(7, 1_000, 0.1).map(|p| (format!("{}.txt", p.name), p.text.into_bytes())).collect();
    let bytes = pages.iter().map(|p| p.1.len() as u64).sum();
    Archive { pages, bytes }
}

fn rows_of(pages: &[(String, Vec<u8>)], parallel: bool) -> usize {
    let one = |(name, bytes): &(String, Vec<u8>)| {
        extract_page(name, black_box(bytes), &Options::default()).map_or(0, |p| p.rows.len())
    };
    if parallel {
        pages.par_iter().map(one).sum()
    } else {
        pages.iter().map(one).sum()
    }
}

fn bench_stages(c: &mut Criterion) {
    let a = archive();
    let tables: Vec<&(String, Vec<u8>)> =
        a.pages.iter().filter(|(_, b)| may_hold_table(std::str::from_utf8(b).unwrap())).collect();
    let table_bytes: u64 = tables.iter().map(|p| p.1.len() as u64).sum();
    let decoded: Vec<_> = tables.iter().map(|(n, b)| decode(n, b).unwrap()).collect();
    let expected_rows = rows_of(&a.pages, false);
    assert!(expected_rows > 1_000, "the archive should hold table pages");

    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(a.bytes));
    g.bench_function("decode_all_pages", |b| {
        b.iter(|| a.pages.iter().map(|(n, bytes)| decode_str(n, black_box(bytes)).unwrap().0.len()).sum::<usize>())
    });
    g.bench_function("table_word_scan_all_pages", |b| {
        b.iter(|| {
            let n = a.pages.iter().filter(|(_, bytes)| may_hold_table(std::str::from_utf8(bytes).unwrap())).count();
            assert_eq!(n, tables.len());
        })
    });
    g.throughput(Throughput::Bytes(table_bytes));
    g.bench_function("classify_segment_skeleton_table_pages", |b| {
        b.iter(|| {
            let groups: usize = decoded
                .iter()
                .map(|t| skeleton::build(&segment::segment(&classify::classify(&t.lines)).blocks).groups.len())
                .sum();
            assert!(groups >= tables.len());
        })
    });
    g.bench_function("extract_table_pages_incl_align", |b| {
        b.iter(|| {
            let rows: usize =
                decoded.iter().map(|t| extract_lines(&t.source, &t.lines, &Options::default()).rows.len()).sum();
            assert_eq!(rows, expected_rows);
        })
    });
    let all: Vec<Row> =
        decoded.iter().flat_map(|t| extract_lines(&t.source, &t.lines, &Options::default()).rows).collect();
    let refs: Vec<&Row> = all.iter().collect();
    let target_bytes: u64 = all.iter().map(|r| r.target.len() as u64).sum();
    let quantities = batch::quantities(&refs).len();
    g.throughput(Throughput::Bytes(target_bytes));
    g.bench_function("quantities_all_rows", |b| b.iter(|| assert_eq!(batch::quantities(&refs).len(), quantities)));
    g.finish();
}

/// 60 generated table pages of the real page's size and 4 copies of the seed page.
fn full_table_pages() -> Vec<(String, Vec<u8>)> {
    let generated = gen::generate_archive_with(11, 60, 1.0, TableSize::Full.knobs());
    let mut pages: Vec<(String, Vec<u8>)> =
        generated.map(|p| (format!("{}.txt", p.name), p.text.into_bytes())).collect();
    pages.extend((0..4).map(|i| (format!("seed{i}.txt"), SEED_PAGE.to_vec())));
    pages
}

fn bench_table_pages(c: &mut Criterion) {
    let pages = full_table_pages();
    let bytes: u64 = pages.iter().map(|p| p.1.len() as u64).sum();
    let expected = rows_of(&pages, false);
    assert!(expected >= 90 * pages.len(), "real-size pages: {expected} rows on {} pages", pages.len());
    let mut g = c.benchmark_group("full_table_pages");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.bench_function("single_thread", |b| b.iter(|| assert_eq!(rows_of(&pages, false), expected)));
    g.bench_function("rayon_all_cores", |b| b.iter(|| assert_eq!(rows_of(&pages, true), expected)));
    g.finish();
}

fn bench_whole(c: &mut Criterion) {
    let a = archive();
    let expected = rows_of(&a.pages, false);
    let mut g = c.benchmark_group("archive_1000_pages");
    g.throughput(Throughput::Bytes(a.bytes));
    g.sample_size(10);
    g.bench_function("single_thread", |b| b.iter(|| assert_eq!(rows_of(&a.pages, false), expected)));
    g.bench_function("rayon_all_cores", |b| b.iter(|| assert_eq!(rows_of(&a.pages, true), expected)));
    g.finish();

    let mut g = c.benchmark_group("seed_page");
    g.throughput(Throughput::Bytes(SEED_PAGE.len() as u64));
    g.bench_function("extract", |b| {
        b.iter(|| {
            assert_eq!(extract_page("seed.txt", black_box(SEED_PAGE), &Options::default()).unwrap().rows.len(), 115)
        })
    });
    g.finish();
}

criterion_group!(benches, bench_stages, bench_table_pages, bench_whole);
criterion_main!(benches);
