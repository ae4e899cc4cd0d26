"""The shared fixture cases (bindings/fixtures/cases.json) through the Python API.

Each case's result, its spans reduced to byte offsets, must equal bindings/fixtures/
expected.json, which the Rust runner (bindings/common/tests/fixtures.rs) and the JavaScript
tests compare with too: the reports are the same apart from the index convention. Each
case's hand-worked `expect` (codes, and the text each span cuts out) is checked with
Python's own slicing, in code points.
"""

import json
import os
from pathlib import Path
from typing import Any, Dict

import pytest

import ahrefs_filter as af

FIXTURES = Path(
    os.environ.get("AHREFS_FILTER_FIXTURES", Path(__file__).resolve().parents[2] / "fixtures")
)
CASES = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))["cases"]
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))


def options(case: Dict[str, Any]) -> Dict[str, Any]:
    """The case's options as Python keyword arguments (`noLint` is `no_lint` here)."""
    given = dict(case.get("options") or {})
    if "noLint" in given:
        given["no_lint"] = given.pop("noLint")
    return given


def run(case: Dict[str, Any]) -> Dict[str, Any]:
    """The case's outcome: {"result": ...} or {"error": {"kind", "message", "diagnostics"}}."""
    op, kw = case["op"], options(case)
    table, where, having = case.get("table", ""), case.get("where"), case.get("having")
    try:
        if op == "check":
            result: Any = af.check(table, where, having, **kw)
        elif op == "fix":
            result = af.fix(table, where, having, **kw)
        elif op == "format":
            result = af.format(case["filter"])
        elif op == "parse":
            result = af.parse(case["filter"])
        elif op == "lintUrl":
            result = af.lint_url(case["url"], **kw)
        elif op == "lintUrls":
            result = af.lint_urls(case["urls"], **kw)
        elif op == "cost":
            result = af.cost(table, case["rows"], where, having, **kw)
        elif op == "table":
            result = af.table(case["table"], **kw)
        elif op == "tables":
            result = af.tables(**kw)
        else:
            raise AssertionError(f"unknown op {op}")
    except af.FilterError as e:
        return {
            "error": {"kind": e.kind, "message": str(e), "diagnostics": e.diagnostics}
        }
    return {"result": result}


def bytes_only(value: Any) -> Any:
    """`value` with every span {start, end, byte_start, byte_end} reduced to {start, end}
    byte offsets, as expected.json holds them."""
    if isinstance(value, dict):
        if "byte_start" in value and "byte_end" in value:
            return {"start": value["byte_start"], "end": value["byte_end"]}
        return {k: bytes_only(v) for k, v in value.items()}
    if isinstance(value, list):
        return [bytes_only(v) for v in value]
    return value


def source(case: Dict[str, Any], report: Dict[str, Any], d: Dict[str, Any]) -> str:
    """The text diagnostic `d` of `report` points into."""
    clause = d["clause"]
    if "url" in report:
        return (report["decoded"][clause] or "") if clause else report["url"]
    if clause:
        return case.get(clause) or ""
    return case.get("filter") or ""


def check_expect(case: Dict[str, Any], want: Dict[str, Any], report: Dict[str, Any]) -> None:
    if "codes" in want:
        assert [d["code"] for d in report["diagnostics"]] == want["codes"]
    if "slices" in want:
        diagnostics = report["diagnostics"]
        got = [
            None
            if d["span"] is None
            else source(case, report, d)[d["span"]["start"] : d["span"]["end"]]
            for d in diagnostics
        ]
        assert got == want["slices"]
    for key in ("canonical", "url", "total"):
        if key in want:
            assert report[key] == want[key], key


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case_matches_rust_and_its_hand_worked_expectation(case: Dict[str, Any]) -> None:
    outcome = run(case)
    # Python's == compares 10 and 10.0 as equal, as the Rust runner compares numbers.
    assert bytes_only(outcome) == EXPECTED[case["name"]]
    want = case.get("expect") or {}
    if "result" in outcome:
        assert "error" not in want, "expected an error"
        result = outcome["result"]
        if "value" in want:
            assert result == want["value"]
        if "batch" in want:
            for report, expect in zip(result, want["batch"]):
                check_expect(case, expect, report)
        else:
            check_expect(case, want, result)
    else:
        assert outcome["error"]["kind"] == want.get("error")
        check_expect(case, want, outcome["error"])


def test_every_expected_report_has_a_case() -> None:
    assert sorted(EXPECTED) == sorted(c["name"] for c in CASES)
