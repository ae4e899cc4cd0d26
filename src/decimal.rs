//! Decimal digits without the formatting machinery, for the printer and the CLI's JSON
//! (which includes this file: the binary cannot reach the library's private items, and a
//! public API for ten lines would be out of place).

/// The decimal digits of `n`, written at the end of `buffer` (twenty bytes hold any
/// `u64`).
pub(crate) fn digits(n: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut at = buffer.len();
    let mut rest = n;
    loop {
        at -= 1;
        // `rest % 10` is a single digit.
        buffer[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    &buffer[at..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_of_the_edges() {
        for (n, text) in [
            (0, "0"),
            (7, "7"),
            (10, "10"),
            (u64::MAX, "18446744073709551615"),
        ] {
            assert_eq!(digits(n, &mut [0; 20]), text.as_bytes());
        }
    }
}
