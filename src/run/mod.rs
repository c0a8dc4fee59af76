//! Running pages: one page end to end (`page`), many pages in parallel with an
//! order-preserving join (`batch`, `stream`, `spill`), the CSV files (`output`) and
//! the workbook built from them (`xlsx`).

pub mod batch;
pub mod csvline;
pub mod output;
pub mod page;
pub mod positioned;
pub mod spill;
pub mod stream;
pub mod xlsx;
