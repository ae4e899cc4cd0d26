//! What every diagnostic code means, an example that triggers it and how to fix it: the text
//! of `ahrefs-filter rule` and of the rules in SARIF output. One entry per code; a test runs
//! every example and checks it reports its code.

use ahrefs_filter::Code;

/// An input that triggers a code.
#[derive(Debug, Clone, Copy)]
pub enum Example {
    /// `check --table TABLE --where FILTER`.
    Where(&'static str, &'static str),
    /// `url REQUEST`.
    Url(&'static str),
    /// Described in words (too long to show, or another subcommand's).
    Text(&'static str),
}

/// The explanation of one code.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub code: Code,
    /// What the code means, one sentence.
    pub meaning: &'static str,
    pub example: Example,
    /// How to fix it.
    pub fix: &'static str,
}

impl Example {
    /// The example as a command line.
    pub fn command(&self) -> String {
        match self {
            Example::Where(table, filter) => {
                format!("ahrefs-filter check --table {table} --where '{filter}'")
            }
            Example::Url(url) => format!("ahrefs-filter url '{url}'"),
            Example::Text(text) => (*text).to_owned(),
        }
    }
}

macro_rules! rules {
    ($( $code:ident: $meaning:literal, $example:expr, $fix:literal; )*) => {
        /// Every code's rule, in the order of [`Code::ALL`].
        pub const RULES: &[Rule] = &[$(Rule {
            code: Code::$code,
            meaning: $meaning,
            example: $example,
            fix: $fix,
        }),*];
    };
}

use Example::{Text, Url, Where};

rules! {
    Syntax: "The filter text is malformed: an unknown operator, an unclosed string or parenthesis, a stray character.",
        Where("backlinks", "nofollow!=true"),
        "Write conditions as `column OP value` or `function(column,\"value\")` joined by commas; the help names the v2 way to say what was meant (`<>` for \"not equal\").";
    UnquotedString: "A bare word stands where a value belongs; v2 strings are double-quoted.",
        Where("backlinks", "anchor=seo"),
        "Quote the value (`anchor=\"seo\"`); `--fix` does it when the column takes strings.";
    UnknownFunction: "A function other than `substring`, `word` and `subdomain`.",
        Where("backlinks", "substr(anchor,\"x\")"),
        "Use one of the three functions; the help suggests the nearest.";
    InvalidEscape: "A backslash escape other than `\\\"`, `\\\\`, `\\'` and `\\0` inside a string.",
        Where("backlinks", "anchor=\"a\\q\""),
        "Write a backslash as `\\\\`, or drop it.";
    IntegerOverflow: "An integer outside the 64-bit signed range.",
        Where("backlinks", "ahrefs_rank>99999999999999999999"),
        "Use a number between -9223372036854775808 and 9223372036854775807.";
    UnknownTable: "The request's table (`from`) is not in the schema.",
        Where("backlink", "ahrefs_rank>1"),
        "Use a table `ahrefs-filter tables` lists; the help suggests the nearest.";
    UnknownColumn: "The column is not in the table.",
        Where("backlinks", "bogus=1"),
        "Use a column `ahrefs-filter tables TABLE` lists; the help suggests the nearest, or the tables that have it.";
    ClauseNotAllowed: "The column exists but may not appear in this clause (`where` or `having`).",
        Where("backlinks_one_per_domain", "domain_rating>30"),
        "Move the condition to the clause that takes it; `--fix` does it.";
    OperatorNotAllowed: "The operator or function does not apply to the column's type (`substring` on an int).",
        Where("backlinks", "substring(ahrefs_rank,\"1\")"),
        "Use an operator of the column's type: `=`, `<>`, `<`, `<=`, `>`, `>=` for int and date, `=`, `<>` and the functions for strings, `=`, `<>` for booleans.";
    TypeMismatch: "The value has the wrong type for the column.",
        Where("backlinks", "anchor=5"),
        "Give a value of the column's type: a quoted string, a plain integer, `true`/`false`, or a `\"YYYY-MM-DD\"` date.";
    InvalidDate: "A date column is compared with something that is not a real `YYYY-MM-DD` date.",
        Where("backlinks", "first_seen>\"2024-02-30\""),
        "Write a calendar date as `\"YYYY-MM-DD\"`.";
    ColonEquality: "`:` is written for `=`; the docs use it once, but `=` is the documented operator.",
        Where("backlinks_new_lost", "type:\"lost\""),
        "Write `=`; `--fix` does it.";
    QuotedNumber: "A number is quoted on an int column.",
        Where("backlinks", "ahrefs_rank=\"10\""),
        "Drop the quotes; `--fix` does it.";
    Whitespace: "Whitespace outside quotes, which no v2 client sends.",
        Where("backlinks", "ahrefs_rank > 10"),
        "Drop it; the canonical form (`ahrefs-filter fmt`) has none and `--fix` removes it.";
    StringOrdering: "`<`, `<=`, `>` or `>=` on a string column, whose order the docs do not define.",
        Where("backlinks", "anchor>\"m\""),
        "Compare strings with `=`, `<>` or a function.";
    CommaInValue: "A `,` inside a quoted value, which servers that split on commas may cut.",
        Where("backlinks", "anchor=\"a,b\""),
        "Test the request against the API, or use `substring` with a part without the comma.";
    Unsatisfiable: "Conditions on one column that no value meets together; conditions are joined by AND.",
        Where("backlinks", "ahrefs_rank>10,ahrefs_rank<5"),
        "Correct the values or drop one of the conditions.";
    Redundant: "A condition another one implies.",
        Where("backlinks", "ahrefs_rank>10,ahrefs_rank>5"),
        "Drop the weaker condition.";
    Duplicate: "The same condition twice.",
        Where("backlinks", "nofollow=false,nofollow=false"),
        "Drop one.";
    ImpossibleValue: "A value outside the column's documented domain, which no row has.",
        Where("backlinks", "link_type=\"foo\""),
        "Use a value the column takes; the message lists them.";
    AlwaysTrue: "A condition every row meets, which filters nothing.",
        Where("backlinks", "ahrefs_rank>=0"),
        "Drop it, or correct the bound.";
    FutureDate: "A date after today (`--today` sets today), which no data has yet.",
        Where("backlinks", "first_seen>\"2999-01-01\""),
        "Correct the date.";
    PercentEncoding: "A `%` in a request URL that is not followed by two hex digits, or escapes that decode to bytes that are not UTF-8.",
        Url("from=backlinks&target=ahrefs.com&mode=exact&limit=1%zz"),
        "Write a literal `%` as `%25`; encode text as UTF-8.";
    MissingParameter: "A required request parameter is absent (`from`; `target` and `mode` but for `subscription_info`).",
        Url("from=backlinks&target=ahrefs.com"),
        "Add the parameter.";
    InvalidParameter: "A request parameter has a value it cannot take (`mode`, `output`, `select`, `order_by`, `limit`, `offset`).",
        Url("from=backlinks&target=ahrefs.com&mode=domian"),
        "Use a value the parameter takes; the message lists them, the help suggests the nearest.";
    RepeatedParameter: "A request parameter is given more than once; which one the server uses is unknown.",
        Url("from=backlinks&target=ahrefs.com&mode=exact&mode=domain"),
        "Send it once.";
    UnknownParameter: "A request parameter v2 does not define.",
        Url("from=backlinks&target=ahrefs.com&mode=exact&limt=10"),
        "Drop it or correct its name; the help suggests the nearest.";
    Truncated: "More problems of one request than are worth listing (over 1,000); the rest are counted.",
        Text("ahrefs-filter check --table backlinks --where - < filter-with-1001-duplicates.txt"),
        "Fix the problems listed and run again.";
    V3NoEndpoint: "The v2 table has no known v3 counterpart.",
        Text("ahrefs-filter v3 with a v2 table v3 has no endpoint for"),
        "Rewrite the request by hand against the v3 docs.";
    V3NoField: "A v2 column has no v3 field.",
        Text("ahrefs-filter v3 with a v2 column v3 does not have"),
        "Drop the condition or find the v3 field that serves.";
    V3Untranslatable: "A condition v3's filter syntax cannot express.",
        Text("ahrefs-filter v3 with a condition v3 cannot express"),
        "Rewrite it by hand, or filter the results after the request.";
    V3Inexact: "The v3 translation means something a little different from the v2 condition.",
        Text("ahrefs-filter v3 with a condition whose v3 meaning differs"),
        "Check the v3 condition the message shows.";
    V3Assumed: "The translation made a choice the evidence leaves open, as an option said.",
        Text("ahrefs-filter v3 with an option that picks an open choice"),
        "Check the choice; the option names it.";
}

/// The rule of `code`.
pub fn rule(code: Code) -> &'static Rule {
    RULES.iter().find(|r| r.code == code).unwrap_or(&RULES[0])
}

/// The code spelled `name`, or a message naming the nearest codes.
pub fn code_named(name: &str) -> Result<Code, String> {
    Code::from_name(name).ok_or_else(|| {
        let names = Code::ALL.iter().map(|c| c.as_str());
        match closest(name, names) {
            Some(near) => format!("unknown code `{name}`; did you mean `{near}`?"),
            None => format!("unknown code `{name}`; `ahrefs-filter rule` lists the codes"),
        }
    })
}

/// The candidate nearest to `word` by edit distance, when near enough to be a typo (at most
/// a third of its length, at most 3 edits).
pub fn closest<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// `rule`: every code with its severity and meaning, or one code's explanation.
pub fn explain(code: Option<Code>) -> String {
    let Some(code) = code else {
        let width = RULES
            .iter()
            .map(|r| r.code.as_str().len())
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        for r in RULES {
            out.push_str(&format!(
                "{:<width$}  {:<7}  {}\n",
                r.code.as_str(),
                r.code.severity().as_str(),
                r.meaning
            ));
        }
        out.push_str("`ahrefs-filter rule CODE` explains one, with an example and its fix\n");
        return out;
    };
    let r = rule(code);
    format!(
        "{} ({})\n\n{}\n\nExample:\n  {}\n\nFix: {}\n",
        r.code,
        r.code.severity().as_str(),
        r.meaning,
        r.example.command(),
        r.fix
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ahrefs_filter::check::{Checker, Date, Request};
    use ahrefs_filter::request::RequestLinter;
    use ahrefs_filter::schema::Schema;

    #[test]
    fn every_code_has_one_rule() {
        for &code in Code::ALL {
            let count = RULES.iter().filter(|r| r.code == code).count();
            assert_eq!(count, 1, "{code}");
        }
        assert_eq!(RULES.len(), Code::ALL.len());
    }

    #[test]
    fn every_example_reports_its_code() {
        let today = Date::from_unix_days(20_000).unwrap();
        let checker = Checker::new(Schema::builtin()).today(today);
        let linter = RequestLinter::new(checker.clone());
        for rule in RULES {
            let codes: Vec<Code> = match rule.example {
                Example::Where(table, filter) => checker
                    .check(&Request::new(table).with_where(filter))
                    .diagnostics
                    .iter()
                    .map(|d| d.code)
                    .collect(),
                Example::Url(url) => linter
                    .lint(url)
                    .diagnostics
                    .iter()
                    .map(|d| d.code)
                    .collect(),
                Example::Text(_) => continue,
            };
            assert!(codes.contains(&rule.code), "{}: {codes:?}", rule.code);
        }
    }
}
