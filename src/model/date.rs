//! Dates as sources give them: a year, a month, or a day.

use std::fmt;

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Ordered by its earliest possible day,
/// so `2022` sorts before `2022-01-01`, which is what date-order checks need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn parse(s: &str) -> Option<Self> {
        let mut parts = s.split('-');
        let year = parts.next().filter(|y| y.len() == 4)?.parse::<u16>().ok().filter(|y| (1900..=2100).contains(y))?;
        let month = match parts.next() {
            Some(m) if m.len() == 2 => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
            Some(_) => return None,
            None => None,
        };
        let day = match parts.next() {
            Some(d) if d.len() == 2 => {
                let d = d.parse::<u8>().ok()?;
                Some((d >= 1 && d <= days_in_month(year, month?)).then_some(d)?)
            }
            Some(_) => return None,
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(PartialDate { year, month, day })
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders() {
        let y = PartialDate::parse("2022").unwrap();
        let d = PartialDate::parse("2022-01-01").unwrap();
        assert!(y < d);
        assert_eq!(d.to_string(), "2022-01-01");
        for bad in ["22", "2022-1", "2022-13", "2023-02-29", "2022-01-01-01", "abcd", "2022-04-31"] {
            assert!(PartialDate::parse(bad).is_none(), "{bad} accepted");
        }
        assert!(PartialDate::parse("2024-02-29").is_some());
    }
}
