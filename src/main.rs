//! The `pledges` binary: a thin shell over the library.
//!
//! Each subcommand lives in its own file under `src/cmd/` and returns whether
//! every input went well; `main` only maps that to an exit code:
//! `0` all inputs clean, `1` some input had problems (reported on stderr, the
//! others were still processed), `2` the run itself could not go on.

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc instead of the system allocator: a table page makes tens of
/// thousands of small, short-lived allocations (row texts, CSV fields,
/// evidence strings), and glibc's malloc/free cost ≈ 10% of its
/// instructions; mimalloc's thread-local free lists cost a fraction of that.
/// The allocator changes no output. Built without transparent huge pages
/// (Cargo feature `no_thp`): with them, each purge and re-use of a 2 MB page
/// had the kernel zero all of it (17% of a two-thread run's time).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "pledges", version, about = "Realign linearized pledge tables (工作承诺清单) into CSV")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read pages and write rows.csv, quantities.csv, leftovers.csv and pages.csv.
    Extract(cmd::extract::Args),
    /// Score predicted rows against gold rows.
    Eval(cmd::eval::Args),
    /// Generate synthetic pages with known answers.
    // `--out` is required unless `--list-presets`, which clap's usage line cannot say.
    #[command(override_usage = "pledges gen --out <OUT> [OPTIONS]\n       pledges gen --list-presets")]
    Gen(cmd::gen::Args),
    /// Add quantities and deadline dates to an existing CSV of pledges.
    Annotate(cmd::annotate::Args),
    /// Combine the outputs of several `extract --shard` runs.
    Merge(cmd::merge::Args),
    /// List every flag a row can carry: its kind and what it means.
    Flags(cmd::flags::Args),
    /// Build DIR/review.html, a page to check a finished run's rows against its input.
    Review(cmd::review::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A weight override is checked before any page is read, so that a typo
    // stops the run instead of panicking inside the first table page.
    if let Err(err) = pledges::align::weights::Weights::from_env() {
        eprintln!("pledges: {err}");
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Gen(a) => cmd::gen::run(a),
        Command::Annotate(a) => cmd::annotate::run(a),
        Command::Merge(a) => cmd::merge::run(a),
        Command::Flags(a) => cmd::flags::run(a),
        Command::Review(a) => cmd::review::run(a),
    };
    match result {
        Ok(cmd::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(cmd::Outcome::Problems) => ExitCode::from(1),
        Err(err) => {
            eprintln!("pledges: {err:#}");
            ExitCode::from(2)
        }
    }
}
