//! One file per subcommand: its clap `Args` and a `run` that returns an [`Outcome`].

pub mod annotate;
pub mod eval;
pub mod extract;
pub mod flags;
pub mod gen;
pub mod gen_positioned;
pub mod merge;
pub mod review;

/// How a run ended when it could run at all (fatal errors are `Err`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every input was read and processed without a problem.
    Clean,
    /// Some input had a problem; it was reported and the rest went on.
    Problems,
}
