"""A consumer of the package as a typed application writes it: `mypy --strict` checks this
file against the installed wheel's stubs (bindings/python/test.sh), and pytest runs it
(its test_typed_consumer), so the types describe what the calls really return."""

import datetime
from typing import Dict, List, Optional

import ahrefs_filter
from ahrefs_filter import Diagnostic, FilterError, Report, Span, UrlReport


def codes(report: Report) -> List[str]:
    return [d["code"] for d in report["diagnostics"]]


def cut(text: str, span: Optional[Span]) -> Optional[str]:
    if span is None:
        return None
    return text[span["start"] : span["end"]]


def first_help(diagnostics: List[Diagnostic]) -> Optional[str]:
    return diagnostics[0]["help"] if diagnostics else None


def summary(reports: List[UrlReport]) -> Dict[str, int]:
    errors = sum(any(d["severity"] == "error" for d in r["diagnostics"]) for r in reports)
    warnings = sum(any(d["severity"] == "warning" for d in r["diagnostics"]) for r in reports)
    return {"requests": len(reports), "with_errors": errors, "with_warnings": warnings}


def main() -> None:
    where = 'anchor="é😀",nope=1'
    report: Report = ahrefs_filter.check("anchors", where, today=datetime.date(2026, 12, 1))
    assert codes(report) == ["unknown-column"]
    assert cut(where, report["diagnostics"][0]["span"]) == "nope"
    canonical: Optional[str] = report["canonical"]["where"]
    assert canonical == where

    fixed = ahrefs_filter.fix("backlinks_one_per_domain", "domain_rating>30, anchor=seo")
    applied: int = fixed["applied"]
    assert (fixed["where"], fixed["having"], applied) == ('anchor="seo"', "domain_rating>30", 2)

    text: str = ahrefs_filter.format("ahrefs_rank > 007")
    assert text == "ahrefs_rank>7"
    try:
        ahrefs_filter.parse("ahrefs_rank!=7")
    except FilterError as e:
        assert e.kind == "syntax"
        assert first_help(e.diagnostics) == 'v2 writes "not equal" as `<>`'
    else:
        raise AssertionError("parse should have failed")

    ast = ahrefs_filter.parse("gov=true")
    assert ast["span"]["end"] == 8 and len(ast["conditions"]) == 1

    reports = ahrefs_filter.lint_urls(["from=pages", "from=refdomains&target=a.com&mode=exact"])
    assert summary(reports) == {"requests": 2, "with_errors": 1, "with_warnings": 0}
    one: UrlReport = ahrefs_filter.lint_url("?token=s3cret&from=refdomains", no_lint=["whitespace"])
    assert one["url"] == "?token=***&from=refdomains" and one["table"] == "refdomains"

    charge = ahrefs_filter.cost("backlinks_one_per_domain", 100, "ahrefs_rank>10")
    total: Optional[float] = charge["total"]
    assert total == 10 + 2 * 100 + 5

    schema = ahrefs_filter.tables()
    column = schema["tables"]["refdomains"]["columns"]["domain_rating"]
    assert column["type"] == "int" and column["having"] and not column["where"]
    assert list(ahrefs_filter.table("refdomains", schema=None)["tables"]) == ["refdomains"]


def test_typed_consumer() -> None:
    main()


if __name__ == "__main__":
    main()
