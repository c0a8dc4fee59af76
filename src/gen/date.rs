//! Issue dates: a random date and the weekday the masthead prints (the
//! civil-day arithmetic is `fields::calendar`, shared with the page reader).

use crate::fields::calendar::weekday_of_days;
pub(super) use crate::fields::calendar::{civil_from_days, days_from_civil};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

#[derive(Debug, Clone, Copy)]
pub(super) struct Date {
    pub(super) year: i64,
    pub(super) month: u32,
    pub(super) day: u32,
    pub(super) weekday: usize, // 0 = Monday
}

impl Date {
    pub(super) fn from_days(days: i64) -> Date {
        let (year, month, day) = civil_from_days(days);
        let weekday = weekday_of_days(days) as usize;
        Date { year, month, day, weekday }
    }
    pub(super) fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
    pub(super) fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

pub(super) fn random_date(rng: &mut ChaCha8Rng) -> Date {
    let lo = days_from_civil(2019, 1, 1);
    let hi = days_from_civil(2024, 12, 31);
    Date::from_days(rng.random_range(lo..=hi))
}
