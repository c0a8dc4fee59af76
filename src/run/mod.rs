//! Running pages: one page end to end (`page`), many pages in parallel with an
//! order-preserving join (`batch`, `spill`), and the CSV files (`output`).

pub mod batch;
pub mod output;
pub mod page;
pub mod positioned;
pub mod spill;
