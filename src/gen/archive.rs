//! Archives: a stream of varied pages (most without a table) for the
//! throughput bench and `pledges gen --archive`.
//!
//! ```
//! let pages: Vec<_> = pledges::gen::generate_archive(1, 3, 0.5).collect();
//! assert_eq!(pages.len(), 3);
//! ```

use super::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub fn generate_archive(seed: u64, pages: usize, table_rate: f64) -> impl Iterator<Item = GeneratedPage> {
    generate_archive_with(seed, pages, table_rate, TableSize::Small.knobs())
}

/// How large an archive's table pages are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum TableSize {
    /// The default knobs: 3–5 departments, ≈ 30 rows, ≈ 3 KB a page.
    #[default]
    Small,
    /// Like the real seed page: 7–9 departments, ≈ 100 rows, 7–11 KB a page.
    Full,
}

impl TableSize {
    /// The knobs of an archive's table pages of this size (lists never continue).
    pub fn knobs(self) -> Knobs {
        let small = Knobs { continue_rate: 0.0, ..Knobs::default() };
        match self {
            TableSize::Small => small,
            TableSize::Full => Knobs { tables_min: 7, tables_max: 9, max_rows_per_category: 14, ..small },
        }
    }
}

/// [`generate_archive`] with table pages drawn with `knobs`.
pub fn generate_archive_with(
    seed: u64,
    pages: usize,
    table_rate: f64,
    knobs: Knobs,
) -> impl Iterator<Item = GeneratedPage> {
    let first_day = days_from_civil(2019, 1, 1);
    (0..pages).map(move |i| {
        let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ i as u64);
        let date = Date::from_days(first_day + (i / 8) as i64);
        let page_no = (i % 8) as u32 + 1;
        let mut page = if rng.random_bool(table_rate.clamp(0.0, 1.0)) {
            generate_at(&mut rng, &knobs, date, page_no).remove(0)
        } else {
            prose_page(&mut rng, date, page_no)
        };
        page.name = format!("a{i:06}_{}_p{:02}", page.issue_date, page.page);
        page
    })
}
