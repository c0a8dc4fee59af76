//! Civil-calendar arithmetic: days since 1970-01-01 and back, and the
//! weekday of a date. The generator draws issue dates with it and prints
//! their weekday in the masthead; the page reader checks a masthead's date
//! against the weekday it prints (`2021年3月1日 星期四` is an OCR slip).
//!
//! ```
//! use pledges::fields::calendar::{civil_from_days, days_from_civil, weekday};
//! assert_eq!(days_from_civil(1970, 1, 1), 0);
//! assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
//! assert_eq!(weekday(2022, 3, 22), 1); // a Tuesday (Monday = 0)
//! ```

/// The weekday of a date, Monday = 0.
pub fn weekday(y: i64, m: u32, d: u32) -> u32 {
    weekday_of_days(days_from_civil(y, m, d))
}

/// The weekday of a day counted from 1970-01-01, Monday = 0.
pub fn weekday_of_days(days: i64) -> u32 {
    // 1970-01-01 was a Thursday.
    (days + 3).rem_euclid(7) as u32
}

// Howard Hinnant's civil-calendar algorithms: exact, no date crate needed.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}
