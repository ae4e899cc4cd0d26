//! Calendar dates as the v2 API writes them: `YYYY-MM-DD`.

use std::fmt;

/// A real calendar date (proleptic Gregorian), ordered chronologically.
///
/// ```
/// use ahrefs_filter::check::Date;
/// assert!(Date::parse("2024-02-29").is_some());
/// assert!(Date::parse("2023-02-29").is_none());
/// assert!(Date::parse("2023/01/01").is_none());
/// assert!(Date::parse("2020-01-01") < Date::parse("2020-01-02"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Parses exactly `YYYY-MM-DD` (four, two and two ASCII digits) naming a real day.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            b[range].iter().try_fold(0u16, |n, &d| {
                d.is_ascii_digit().then(|| n * 10 + u16::from(d - b'0'))
            })
        };
        let year = number(0..4)?;
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        Date::from_ymd(year, month, day)
    }

    /// The date `year-month-day`, if it exists.
    #[inline]
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// The date `days` days after 1970-01-01 (negative: before), if it has a four-digit year.
    pub fn from_unix_days(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::from_ymd(
            u16::try_from(year).ok().filter(|y| *y <= 9999)?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn unix_days(self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The year.
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub const fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: u16) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_rules() {
        for (text, ok) in [
            ("2020-01-01", true),
            ("2000-02-29", true),
            ("1900-02-29", false),
            ("2023-04-31", false),
            ("2023-12-31", true),
            ("2023-13-01", false),
            ("2023-00-10", false),
            ("2023-01-00", false),
            ("2023-1-01", false),
            ("+023-01-01", false),
            ("2023-01-01T00:00:00", false),
            ("", false),
        ] {
            assert_eq!(Date::parse(text).is_some(), ok, "{text}");
        }
    }

    #[test]
    fn anything_but_four_two_and_two_digits_is_refused() {
        for bad in [
            "2024-1-01",
            "2024-01-1",
            "2024/01/01",
            "2024-01-01 ",
            " 2024-01-01",
            "202a-01-01",
            "2024-0a-01",
            "2024-01-0a",
            "2024-01-01T",
            "2024-01",
            "2024--1-01",
            "2024-01-:1",
            "2024-01-/1",
            "２０２４-01-01",
            "2024-01-0\u{e9}",
            "2024-01-\u{e9}",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Date::parse("0000-01-01").map(Date::year), Some(0));
        assert_eq!(Date::parse("9999-12-31").map(Date::day), Some(31));
    }

    #[test]
    fn unix_days_round_trip() {
        assert_eq!(Date::parse("1970-01-01").map(Date::unix_days), Some(0));
        assert_eq!(Date::parse("2000-03-01").map(Date::unix_days), Some(11_017));
        assert_eq!(
            Date::from_unix_days(19_723).map(|d| d.to_string()),
            Some("2024-01-01".to_owned())
        );
        for days in [-719_162, -1, 0, 59, 60, 11_016, 19_000, 2_932_896] {
            let date = Date::from_unix_days(days).unwrap();
            assert_eq!(date.unix_days(), days);
        }
    }
}
