//! `pledges flags [--markdown]`: every flag a row can carry, its kind and
//! what it means, from [`pledges::model::Flag`] (the README's table is this
//! output with `--markdown`).

use super::Outcome;
use pledges::model::{flag::markdown_table, Flag};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print the Markdown table the README shows.
    #[arg(long)]
    pub markdown: bool,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    if args.markdown {
        print!("{}", markdown_table());
    } else {
        let wide = Flag::ALL.iter().map(|f| f.name().len()).max().unwrap_or(0);
        for f in Flag::ALL {
            println!("{:wide$}  {:10}  {}", f.name(), f.kind().name(), f.meaning());
        }
    }
    Ok(Outcome::Clean)
}
