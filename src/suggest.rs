//! "Did you mean …?" over a list of names, by edit distance (`strsim`'s Levenshtein).

/// The candidate closest to `word` by Levenshtein distance (case-insensitive), if it is
/// close enough to be a plausible typo: at most a third of the longer name's length, and
/// never more than 3 edits.
pub(crate) fn closest<'c, I>(word: &str, candidates: I) -> Option<&'c str>
where
    I: IntoIterator<Item = &'c str>,
{
    // Long inputs are never typos of our short names; bound the quadratic work.
    if word.len() > 64 {
        return None;
    }
    let word = word.to_ascii_lowercase();
    let length = word.chars().count();
    candidates
        .into_iter()
        .filter_map(|c| {
            let chars = c.chars().count();
            let limit = (length.max(chars) / 3).clamp(1, 3);
            // The distance is at least the difference in length: most names are ruled
            // out without computing it.
            if length.abs_diff(chars) > limit {
                return None;
            }
            let distance = strsim::levenshtein(&word, &c.to_ascii_lowercase());
            (distance <= limit).then_some((distance, c))
        })
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_are_suggested() {
        assert_eq!(
            closest("substrng", ["substring", "word", "subdomain"]),
            Some("substring")
        );
        assert_eq!(
            closest("SUBSTRING", ["substring", "word"]),
            Some("substring")
        );
        assert_eq!(
            closest("domain_ratng", ["domain_rating"]),
            Some("domain_rating")
        );
        assert_eq!(closest("wrd", ["word", "substring"]), Some("word"));
    }

    #[test]
    fn far_names_are_not_suggested() {
        assert_eq!(closest("zzz", ["substring", "word"]), None);
        assert_eq!(closest("anchor", ["ahrefs_rank", "url_to"]), None);
        assert_eq!(closest(&"x".repeat(65), ["x"]), None);
    }
}
