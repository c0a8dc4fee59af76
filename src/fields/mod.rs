//! Fields read out of a row once it exists: quantities with their units,
//! deadline dates, and the category evidence the aligner weighs.

pub mod calendar;
pub mod category;
pub mod deadline;
pub mod quantity;
