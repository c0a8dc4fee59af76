//! `pledges review DIR`: (re)builds `DIR/review.html` from a finished run.
//!
//! ```text
//! pledges extract corpus/seed --out out/ --review   # writes out/review.html with the run
//! pledges review out/                                # or afterwards, from rows/leftovers/pages.csv
//! ```
//!
//! The input files named in the `source` column are read again for their
//! lines; run it from the directory `extract` ran in (or keep the inputs
//! beside the output directory).
use super::Outcome;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output directory of a finished `pledges extract` run.
    pub dir: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let path = pledges::review::write_review(&args.dir)?;
    eprintln!("pledges: wrote {}", path.display());
    Ok(Outcome::Clean)
}
