//! The parameters of a v2 request, by name and by index.

/// The parameters of a v2 request.
pub(crate) const PARAMETERS: &[&str] = &[
    "token", "from", "target", "mode", "select", "where", "having", "order_by", "limit", "offset",
    "output",
];

// Indices into `PARAMETERS`.
pub(super) const TOKEN: usize = 0;
pub(super) const FROM: usize = 1;
pub(super) const TARGET: usize = 2;
pub(super) const MODE: usize = 3;
pub(super) const SELECT: usize = 4;
pub(super) const WHERE: usize = 5;
pub(super) const HAVING: usize = 6;
pub(super) const ORDER_BY: usize = 7;
pub(super) const LIMIT: usize = 8;
pub(super) const OFFSET: usize = 9;
pub(super) const OUTPUT: usize = 10;

/// The index in `PARAMETERS` of the parameter called `name`.
pub(super) fn known(name: &str) -> Option<usize> {
    Some(match name {
        "token" => TOKEN,
        "from" => FROM,
        "target" => TARGET,
        "mode" => MODE,
        "select" => SELECT,
        "where" => WHERE,
        "having" => HAVING,
        "order_by" => ORDER_BY,
        "limit" => LIMIT,
        "offset" => OFFSET,
        "output" => OUTPUT,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_indices_match_the_list() {
        for (i, name) in PARAMETERS.iter().enumerate() {
            assert_eq!(known(name), Some(i));
        }
        assert_eq!(known("tokens"), None);
        assert_eq!(known("Token"), None);
    }
}
