//! `pledges merge OUT_DIRS... --out DIR`: combine the outputs of several
//! `extract --shard I/N` runs into what one run over all inputs gives.
//!
//! Each shard writes pages.csv beside its rows, so the merge can sort pages
//! the same way and join lists that a shard boundary cut from the page they
//! continue; quantities are recomputed from the joined rows.

use super::Outcome;
use anyhow::Context;
use pledges::run::batch::Run;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output directories of `pledges extract` runs.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Where to write the merged rows.csv, quantities.csv, leftovers.csv, pages.csv.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Write a UTF-8 BOM so spreadsheets open the Chinese text right.
    #[arg(long)]
    pub excel: bool,
    /// Also write DIR/pledges.xlsx: a sheet per CSV file plus a `flags` legend.
    #[arg(long)]
    pub xlsx: bool,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let mut merged = Run::default();
    // Each input file belongs to one shard: a file met twice means a shard
    // given twice (or two overlapping runs), whose rows would be doubled.
    let mut seen: HashMap<String, &PathBuf> = HashMap::new();
    for dir in &args.dirs {
        let part = Run::read(dir).with_context(|| format!("cannot merge {}", dir.display()))?;
        let sources = part.pages.iter().map(|p| &p.source).chain(part.unreadable.iter().map(|(s, _)| s));
        for source in sources {
            if let Some(first) = seen.insert(source.clone(), dir) {
                anyhow::bail!(
                    "{source} is in both {} and {}: each input must come from one shard only",
                    first.display(),
                    dir.display()
                );
            }
        }
        merged.pages.extend(part.pages);
        merged.unreadable.extend(part.unreadable);
    }
    std::fs::create_dir_all(&args.out).with_context(|| format!("cannot create {}", args.out.display()))?;
    merged.finish_and_write(&args.out, args.excel)?;
    if args.xlsx {
        pledges::run::xlsx::write_run_workbook(&args.out)?;
    }
    let rows: usize = merged.pages.iter().map(|p| p.rows.len()).sum();
    eprintln!("pledges: merged {} directories: {} pages, {rows} rows", args.dirs.len(), merged.pages.len());
    Ok(if merged.unreadable.is_empty() { Outcome::Clean } else { Outcome::Problems })
}
