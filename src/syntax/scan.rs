//! Byte scans that the parser, the printer and the request linter run over most of their
//! input, eight bytes at a time.
//!
//! Names and strings in filters are short (5 to 30 bytes), too short for `memchr` to repay
//! its setup and long enough that a byte-at-a-time loop shows in the profile. These scans
//! load a word, classify its eight bytes with a few integer operations, and finish the last
//! few bytes one at a time.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;
const LOWS: u64 = 0x7F7F_7F7F_7F7F_7F7F;

fn word(chunk: &[u8; 8]) -> u64 {
    u64::from_le_bytes(*chunk)
}

/// The high bit of each byte of `v` that is zero, and perhaps of some bytes above a zero
/// byte (a borrow): the lowest flag is always right, which is all a search needs.
fn zero_bytes_from_lowest(v: u64) -> u64 {
    v.wrapping_sub(ONES) & !v & HIGHS
}

/// The high bit of each byte of `v` that is zero, exactly (no false positives).
fn zero_bytes(v: u64) -> u64 {
    !(((v & LOWS).wrapping_add(LOWS)) | v) & HIGHS
}

/// The high bit of each byte of `v` (every byte below 0x80) that lies in `lo..=hi`.
fn in_range(v: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = v.wrapping_add(ONES * u64::from(0x80 - lo));
    let above_hi = v.wrapping_add(ONES * u64::from(0x7F - hi));
    at_least_lo & !above_hi & HIGHS
}

/// The offset of the first `a` or `b` in `bytes`.
pub(crate) fn find_either(bytes: &[u8], a: u8, b: u8) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let v = word(chunk.try_into().ok()?);
        let found = zero_bytes_from_lowest(v ^ (ONES * u64::from(a)))
            | zero_bytes_from_lowest(v ^ (ONES * u64::from(b)));
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = chunks.remainder();
    tail.iter().position(|&c| c == a || c == b).map(|i| at + i)
}

/// The offset of the first `"`, `\\` or NUL in `bytes`: the bytes a printed string escapes.
pub(crate) fn find_escaped(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let v = word(chunk.try_into().ok()?);
        let found = zero_bytes_from_lowest(v)
            | zero_bytes_from_lowest(v ^ (ONES * u64::from(b'"')))
            | zero_bytes_from_lowest(v ^ (ONES * u64::from(b'\\')));
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = chunks.remainder();
    tail.iter()
        .position(|&c| matches!(c, b'"' | b'\\' | 0))
        .map(|i| at + i)
}

/// `[A-Za-z0-9_]` as a table, for the last few bytes.
const IDENT_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

/// The length of the run of `[A-Za-z0-9_]` at the start of `bytes`.
pub(crate) fn identifier_len(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let Ok(chunk) = <&[u8; 8]>::try_from(chunk) else {
            break;
        };
        let v = word(chunk);
        let ascii = !v & HIGHS;
        // Setting bit 5 maps `A-Z` onto `a-z` and leaves digits as they are.
        let letters = in_range(v | (ONES * 0x20), b'a', b'z');
        let digits = in_range(v, b'0', b'9');
        let underscores = zero_bytes(v ^ (ONES * u64::from(b'_')));
        let others = !((letters | digits | underscores) & ascii) & HIGHS;
        if others != 0 {
            return at + (others.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let tail = chunks.remainder();
    at + tail
        .iter()
        .take_while(|&&b| IDENT_BYTES[usize::from(b)])
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ident_byte(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b == b'_'
    }

    /// Every byte value at every offset of inputs from 0 to 20 bytes long.
    #[test]
    fn scans_agree_with_byte_loops() {
        for len in 0..=20 {
            for at in 0..len.max(1) {
                for probe in 0..=255u8 {
                    for fill in [b'a', b'Z', b'5', b'_', b'x'] {
                        let mut bytes = vec![fill; len];
                        if at < len {
                            bytes[at] = probe;
                        }
                        let expected_find = bytes.iter().position(|&c| c == b'"' || c == b'\\');
                        assert_eq!(find_either(&bytes, b'"', b'\\'), expected_find, "{bytes:?}");
                        let expected_escape =
                            bytes.iter().position(|&c| matches!(c, b'"' | b'\\' | 0));
                        assert_eq!(find_escaped(&bytes), expected_escape, "{bytes:?}");
                        let expected_len = bytes.iter().take_while(|&&b| ident_byte(b)).count();
                        assert_eq!(identifier_len(&bytes), expected_len, "{bytes:?}");
                    }
                }
            }
        }
    }

    /// Bytes next to each class's bounds, and every pair of adjacent bytes in a word.
    #[test]
    fn identifier_bounds_are_exact() {
        for b in 0..=255u8 {
            let bytes = [b'a', b'b', b'c', b, b'd', b'e', b'f', b'g', b'h'];
            let expected = if ident_byte(b) { 9 } else { 3 };
            assert_eq!(identifier_len(&bytes), expected, "{b:#04x}");
        }
        for a in 0..=255u8 {
            for b in [
                0u8, b'/', b':', b'@', b'[', b'^', b'`', b'{', 0x7f, 0x80, 0xff,
            ] {
                let bytes = [a, b, b'x', b'x', b'x', b'x', b'x', b'x'];
                let expected = bytes.iter().take_while(|&&c| ident_byte(c)).count();
                assert_eq!(identifier_len(&bytes), expected, "{a:#04x} {b:#04x}");
            }
        }
    }
}
