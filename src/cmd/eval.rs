//! `pledges eval GOLD PRED`: score predicted rows against gold rows.
//!
//! ```text
//! pledges eval corpus/gen out/rows.csv
//! pledges eval corpus/gen out/ --json
//! pledges eval gold.csv rows.csv --quantities-gold q.gold.csv --quantities-pred out/quantities.csv
//! ```
//!
//! GOLD and PRED are CSV files or directories (every `*.gold.csv` and
//! `rows.csv` below them). The exit code says nothing about the score: it
//! is non-zero only when an input cannot be used.
use super::Outcome;
use pledges::eval;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Gold rows: a CSV file or a directory of *.gold.csv / rows.csv.
    pub gold: PathBuf,
    /// Predicted rows: a CSV file or a directory of rows.csv / *.gold.csv.
    pub pred: PathBuf,
    /// Print the report as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Also print scores pooled per generator preset (gold files named
    /// `g<index>_<preset>_…`, as `pledges gen --all-presets` writes them).
    #[arg(long)]
    pub by_preset: bool,
    /// Gold quantities.csv, scored against --quantities-pred.
    #[arg(long, requires = "quantities_pred")]
    pub quantities_gold: Option<PathBuf>,
    /// Predicted quantities.csv.
    #[arg(long, requires = "quantities_gold")]
    pub quantities_pred: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let gold = eval::read_rows(&args.gold)?;
    let pred = eval::read_rows(&args.pred)?;
    let mut report = eval::evaluate(&gold, &pred);
    if let (Some(g), Some(p)) = (&args.quantities_gold, &args.quantities_pred) {
        let (g, p) = (eval::read_quantities(g)?, eval::read_quantities(p)?);
        report.quantities = Some(eval::evaluate_quantities(&g, &p));
    }
    let presets = report.group_pages(eval::preset_of);
    let text = if args.json {
        let mut value = serde_json::to_value(&report)?;
        if args.by_preset {
            value["presets"] = serde_json::to_value(&presets)?;
        }
        format!("{}\n", serde_json::to_string_pretty(&value)?)
    } else {
        let mut text = report.to_string();
        if args.by_preset {
            let rows: Vec<(String, &eval::Scores)> = presets.iter().map(|(k, v)| (k.clone(), v)).collect();
            text.push('\n');
            eval::score_table(&mut text, "preset", &rows)?;
        }
        text
    };
    // A closed pipe (`| head`) is the reader's choice, not an error.
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(Outcome::Clean),
    }
}
