//! "Did you mean …?" over a list of names, by edit distance.

/// The candidate closest to `word` by Levenshtein distance (case-insensitive), if it is
/// close enough to be a plausible typo: at most a third of the longer name's length, and
/// never more than 3 edits.
///
/// ```
/// use ahrefs_filter::suggest::closest;
/// assert_eq!(closest("substrng", ["substring", "word", "subdomain"]), Some("substring"));
/// assert_eq!(closest("SUBSTRING", ["substring", "word"]), Some("substring"));
/// assert_eq!(closest("zzz", ["substring", "word"]), None);
/// ```
pub fn closest<'c, I>(word: &str, candidates: I) -> Option<&'c str>
where
    I: IntoIterator<Item = &'c str>,
{
    // Long inputs are never typos of our short names; bound the quadratic work.
    if word.len() > 64 {
        return None;
    }
    let word = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&word, &c.to_ascii_lowercase()), c))
        .filter(|&(d, c)| d <= (word.chars().count().max(c.chars().count()) / 3).clamp(1, 3))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_worked_by_hand() {
        assert_eq!(distance("", ""), 0);
        assert_eq!(distance("abc", ""), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("substrng", "substring"), 1);
        assert_eq!(distance("domain_ratng", "domain_rating"), 1);
    }

    #[test]
    fn far_names_are_not_suggested() {
        assert_eq!(closest("anchor", ["ahrefs_rank", "url_to"]), None);
        assert_eq!(closest("wrd", ["word", "substring"]), Some("word"));
    }
}
