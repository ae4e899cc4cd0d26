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
        let (head, tail) = digits(text)?;
        let (month, day) = month_and_day(head, tail);
        Date::from_ymd(year(head), month, day)
    }

    /// `Date::parse(text).is_some()`, the question of the checker's quiet path: the year is
    /// read only for a day past the 28th.
    #[inline(always)]
    pub(crate) fn is_valid(text: &str) -> bool {
        let Some((head, tail)) = digits(text) else {
            return false;
        };
        let (month, day) = month_and_day(head, tail);
        (1..=12).contains(&month)
            && day >= 1
            && (day <= 28 || day <= days_in_month(year(head), month))
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

/// The eight bytes `YYYY-MM-` (dashes cleared) and the two `DD` of `text`, each byte the
/// value of its digit, when `text` is exactly four, two and two ASCII digits joined by `-`.
#[inline(always)]
fn digits(text: &str) -> Option<(u64, u64)> {
    // Every date condition is parsed by the type rules (and again by the lints when they
    // know today's date): the eight bytes `YYYY-MM-` and the two `DD` are each tested at
    // once, no loops.
    let b: &[u8; 10] = text.as_bytes().try_into().ok()?;
    let (head, tail) = b.split_at(8);
    let head = u64::from_le_bytes(head.try_into().ok()?);
    let tail = u64::from(u16::from_le_bytes(tail.try_into().ok()?));
    // Bytes 4 and 7 are `-`; each other byte XOR `0` is its digit when it is one.
    const DASHES: u64 = 0xFF00_00FF_0000_0000;
    if head & DASHES != 0x2D00_002D_0000_0000 {
        return None;
    }
    let head = (head ^ 0x3030_3030_3030_3030) & !DASHES;
    let tail = tail ^ 0x3030;
    // A byte above 9 has its top bit set, or gets it from adding 0x76 (no carry out of a
    // byte below 0x80).
    let above_9 = |v: u64| (v | v.wrapping_add(0x7676_7676_7676_7676)) & 0x8080_8080_8080_8080;
    if above_9(head) | above_9(tail) != 0 {
        return None;
    }
    Some((head, tail))
}

/// Byte `i` of `v`.
#[inline(always)]
fn digit(v: u64, i: u32) -> u8 {
    (v >> (8 * i)) as u8
}

/// The year of [`digits`].
#[inline(always)]
fn year(head: u64) -> u16 {
    u16::from(digit(head, 0)) * 1000
        + u16::from(digit(head, 1)) * 100
        + u16::from(digit(head, 2)) * 10
        + u16::from(digit(head, 3))
}

/// The month and day of [`digits`].
#[inline(always)]
fn month_and_day(head: u64, tail: u64) -> (u8, u8) {
    (
        digit(head, 5) * 10 + digit(head, 6),
        digit(tail, 0) * 10 + digit(tail, 1),
    )
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

    /// The parser as first written (a fold over each field), as a reference.
    fn parse_by_fields(text: &str) -> Option<Date> {
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

    #[test]
    fn parse_agrees_with_parsing_field_by_field() {
        let mut texts = Vec::new();
        for year in (0..=9999)
            .step_by(97)
            .chain([1900, 2000, 2023, 2024, 2100, 9999])
        {
            for month in 0..=13 {
                for day in [0, 1, 28, 29, 30, 31, 32, 99] {
                    texts.push(format!("{year:04}-{month:02}-{day:02}"));
                }
            }
        }
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
            "",
            "2024-01",
            "2024--1-01",
            "+024-01-01",
            "2024-01-:1",
            "2024-01-/1",
            "２０２４-01-01",
            "2024-01-0\u{e9}",
        ] {
            texts.push(bad.to_owned());
        }
        // Every ASCII byte, and some wider characters, at every position of a real date.
        for at in 0..10 {
            let real = "2024-02-29";
            for c in (0u8..128)
                .map(char::from)
                .chain(['\u{e9}', '\u{80}', '\u{ff}', '\u{7ff}'])
            {
                let mut text = real.to_owned();
                text.replace_range(at..=at, c.encode_utf8(&mut [0; 4]));
                texts.push(text.clone());
                // The same width as a date, when the character is wider than a byte.
                if let Some(cut) = text.get(..10) {
                    texts.push(cut.to_owned());
                }
                if let Some(rest) = text.get(c.len_utf8() - 1..) {
                    texts.push(rest.to_owned());
                }
            }
        }
        for text in &texts {
            assert_eq!(Date::parse(text), parse_by_fields(text), "{text:?}");
            assert_eq!(
                Date::is_valid(text),
                Date::parse(text).is_some(),
                "{text:?}"
            );
        }
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
