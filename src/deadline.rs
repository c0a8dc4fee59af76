//! Deadline dates (placeholder until the quantities branch lands).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    Date { year: i32, month: u32, day: u32 },
    Ongoing,
    Unknown,
}
impl Resolved {
    pub fn iso(&self) -> Option<String> {
        match self {
            Resolved::Date { year, month, day } => Some(format!("{year:04}-{month:02}-{day:02}")),
            _ => None,
        }
    }
}
pub fn resolve(deadline: &str, issue_year: Option<i32>) -> Resolved {
    let t = crate::text::fold(deadline);
    let Some(y) = issue_year else {
        return Resolved::Unknown;
    };
    if let Some(m) = t.strip_suffix("月底前").and_then(|m| m.parse::<u32>().ok()) {
        let day = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(m as usize).clamp(1, 12) - 1];
        return Resolved::Date { year: y, month: m, day };
    }
    Resolved::Unknown
}
