//! Throughput of `quantity::extract` on the 115 real targets of the seed page.
//!
//! Reports lines/s (`Throughput::Elements`) and bytes/s (`Throughput::Bytes`).
//! The quantity count is asserted inside the loop so the optimizer cannot drop
//! the work and a behaviour change shows up as a panic, not a faster number.
//!
//! ```text
//! cargo bench --bench quantities -- --warm-up-time 1 --measurement-time 3
//! ```

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

const SOURCE_GOLD: &str = include_str!("../corpus/seed/000_5c28f99ac9fc0060.source-gold.csv");
const QUANTITY_GOLD: &str = include_str!("../corpus/seed/000_5c28f99ac9fc0060.quantities.csv");

fn targets() -> Vec<String> {
    let mut reader = csv::Reader::from_reader(SOURCE_GOLD.as_bytes());
    reader.records().map(|r| r.expect("seed gold row")[3].to_string()).collect()
}

fn gold_quantity_count() -> usize {
    QUANTITY_GOLD.lines().skip(1).filter(|l| !l.is_empty()).count()
}

fn extract_all(targets: &[String]) -> usize {
    targets.iter().map(|t| pledges::fields::quantity::extract(black_box(t)).len()).sum()
}

fn bench(c: &mut Criterion) {
    let targets = targets();
    let expected = gold_quantity_count();
    let bytes: usize = targets.iter().map(String::len).sum();
    assert_eq!(extract_all(&targets), expected, "extractor disagrees with the gold count");

    let mut lines = c.benchmark_group("quantities_lines");
    lines.throughput(Throughput::Elements(targets.len() as u64));
    lines.bench_function("seed_115_targets", |b| b.iter(|| assert_eq!(extract_all(&targets), expected)));
    lines.finish();

    let mut volume = c.benchmark_group("quantities_bytes");
    volume.throughput(Throughput::Bytes(bytes as u64));
    volume.bench_function("seed_115_targets", |b| b.iter(|| assert_eq!(extract_all(&targets), expected)));
    volume.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
