//! Quantity scoring: quantities.csv rows matched by row key, value and unit,
//! and read from a file or every `*quantities*.csv` under a directory.
//!
//! ```
//! use pledges::eval::{evaluate_quantities, QuantityRow};
//! let q = QuantityRow { seq: "1".into(), value: "5".into(), unit: "家".into(), ..Default::default() };
//! assert_eq!(evaluate_quantities(&[q.clone()], &[q]).f1, 1.0);
//! ```

use super::*;
use crate::Error;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// One quantity of one row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuantityRow {
    pub issue_date: Option<String>,
    /// `None` when the file has no page column.
    pub page: Option<u32>,
    pub department: String,
    pub category: String,
    pub seq: String,
    pub value: String,
    pub unit: String,
}

/// Matches quantities as a multiset of (row key, value, unit); values
/// compare numerically when both parse (`7.50` = `7.5`).
pub fn evaluate_quantities(gold: &[QuantityRow], pred: &[QuantityRow]) -> Prf {
    let use_date = |rows: &[QuantityRow]| rows.iter().all(|r| r.issue_date.as_deref().is_some_and(|d| !d.is_empty()));
    let with_date = use_date(gold) && use_date(pred);
    let key = |q: &QuantityRow| {
        (
            if with_date { normalize(q.issue_date.as_deref().unwrap_or("")) } else { String::new() },
            normalize(&q.department),
            normalize_category(&q.category),
            normalize_seq(&q.seq),
            normalize_value(&q.value),
            normalize(&q.unit),
        )
    };
    let mut bag: HashMap<_, usize> = HashMap::new();
    for q in gold {
        *bag.entry(key(q)).or_default() += 1;
    }
    let mut correct = 0;
    for q in pred {
        if let Some(n) = bag.get_mut(&key(q)).filter(|n| **n > 0) {
            *n -= 1;
            correct += 1;
        }
    }
    Prf::new(gold.len(), pred.len(), correct)
}

/// The predicted quantities on the pages the gold rows cover: quantity gold
/// is usually made for a few pages, while the prediction holds a whole run.
/// Quantities without issue date and page cannot be placed and are all kept.
pub fn quantities_on_gold_pages(gold: &[EvalRow], pred: Vec<QuantityRow>) -> Vec<QuantityRow> {
    let pages: BTreeSet<(String, u32)> = gold.iter().filter_map(|g| Some((g.issue_date.clone()?, g.page?))).collect();
    let placed = |q: &QuantityRow| q.issue_date.is_some() && q.page.is_some();
    if pages.is_empty() || !pred.iter().all(placed) {
        return pred;
    }
    pred.into_iter()
        .filter(|q| pages.contains(&(q.issue_date.clone().unwrap_or_default(), q.page.unwrap_or(0))))
        .collect()
}

pub(super) fn normalize_value(v: &str) -> String {
    let n = normalize(v);
    match n.replace(',', "").parse::<f64>() {
        Ok(x) => format!("{x}"),
        Err(_) => n,
    }
}
/// Reads a quantities.csv (or every `*quantities*.csv` under a directory).
pub fn read_quantities(path: impl AsRef<Path>) -> Result<Vec<QuantityRow>, Error> {
    let mut out = Vec::new();
    for file in csv_files(path.as_ref(), |n| n.contains("quantities") && n.ends_with(".csv"))? {
        let table = Table::read(&file)?;
        table.require(&["department", "category", "seq", "value", "unit"])?;
        for r in &table.records {
            let text = |name: &str| table.get(r, name).unwrap_or("").to_string();
            out.push(QuantityRow {
                issue_date: table.get(r, "issue_date").map(normalize).filter(|d| !d.is_empty()),
                page: table.get(r, "page").and_then(|p| normalize(p).parse().ok()),
                department: text("department"),
                category: text("category"),
                seq: text("seq"),
                value: text("value"),
                unit: text("unit"),
            });
        }
    }
    Ok(out)
}
