"""The Python API as a user calls it, on the installed wheel. Expected values are worked out
by hand from filter-spec.md and the README's examples."""

import datetime
import gc
import json

import pytest

import ahrefs_filter as af


def test_check_reports_a_having_only_column_in_where_with_its_fix():
    report = af.check("backlinks_one_per_domain", where="domain_rating>30")
    assert report["table"] == "backlinks_one_per_domain"
    assert report["canonical"] == {"where": "domain_rating>30", "having": None}
    (d,) = report["diagnostics"]
    assert d["severity"] == "error"
    assert d["code"] == "clause-not-allowed"
    assert d["clause"] == "where"
    assert d["message"] == (
        "column `domain_rating` cannot be used in `where` of table `backlinks_one_per_domain`"
    )
    assert d["span"] == {"start": 0, "end": 13, "byte_start": 0, "byte_end": 13}
    assert d["help"] == "move `domain_rating>30` to `having`"
    fix = d["fix"]
    assert fix is not None and fix["applicability"] == "safe"
    assert {"clause": "having", "span": None, "text": "domain_rating>30", "append": True} in fix[
        "edits"
    ]


def test_spans_count_code_points_and_carry_byte_offsets():
    where = 'anchor="é😀",nope=1'
    (d,) = af.check("anchors", where)["diagnostics"]
    assert d["code"] == "unknown-column"
    span = d["span"]
    # `anchor="` is 8 code points, then é, 😀, `",`: nope starts at code point 12; in
    # UTF-8, é is 2 bytes and 😀 4, so at byte 16.
    assert span == {"start": 12, "end": 16, "byte_start": 16, "byte_end": 20}
    assert where[span["start"] : span["end"]] == "nope"
    assert where.encode()[span["byte_start"] : span["byte_end"]] == b"nope"


def test_check_with_both_clauses_and_no_problem():
    report = af.check("refdomains", "refdomain=\"a.com\"", "domain_rating>30")
    assert report["diagnostics"] == []
    assert report["canonical"] == {"where": 'refdomain="a.com"', "having": "domain_rating>30"}


def test_an_unknown_table_is_a_diagnostic_with_a_suggestion():
    (d,) = af.check("refdomain", where="refdomain=\"a.com\"")["diagnostics"]
    assert d["code"] == "unknown-table"
    assert d["help"] == "did you mean `refdomains`?"
    assert d["span"] is None and d["clause"] is None


def test_fix_quotes_a_bare_word_and_moves_a_condition():
    fixed = af.fix("backlinks_one_per_domain", where="domain_rating>30, anchor=seo")
    assert fixed == {"where": 'anchor="seo"', "having": "domain_rating>30", "applied": 2}


def test_format_prints_the_canonical_form():
    assert (
        af.format('ahrefs_rank > 007 , type:"lost", substring(anchor,"seo")')
        == 'ahrefs_rank>7,type="lost",substring(anchor,"seo")'
    )


def test_format_of_a_broken_filter_raises_filter_error_with_every_problem():
    with pytest.raises(af.FilterError) as caught:
        af.format("ahrefs_rank!=1,anchor='seo'")
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.kind == "syntax"
    assert [d["code"] for d in error.diagnostics] == ["syntax", "syntax"]
    assert error.diagnostics[0]["help"] == 'v2 writes "not equal" as `<>`'
    # `!=` is code points 11..13.
    assert error.diagnostics[0]["span"]["start"] == 11
    assert str(error).startswith("`!=` is not a v2 operator")


def test_parse_gives_the_syntax_tree_with_spans_in_code_points():
    ast = af.parse('anchor="é",gov=true')
    assert len(ast["conditions"]) == 2
    gov = ast["conditions"][1]
    assert gov["kind"] == "comparison"
    assert gov["column"]["name"] == "gov"
    # `anchor="é",` is 11 code points and 12 bytes.
    assert gov["column"]["span"] == {"start": 11, "end": 14, "byte_start": 12, "byte_end": 15}
    assert gov["operator"]["kind"] == "="
    assert gov["value"]["value"] is True
    assert ast["span"] == {"start": 0, "end": 19, "byte_start": 0, "byte_end": 20}


def test_lint_url_redacts_the_token_and_points_into_the_url():
    url = (
        "https://apiv2.ahrefs.com/?token=0123abcd&from=refdomains&target=ahrefs.com"
        "&mode=domian&where=domain_rating%3E30"
    )
    report = af.lint_url(url)
    redacted = url.replace("0123abcd", "***")
    assert report["url"] == redacted
    assert report["table"] == "refdomains"
    assert [d["code"] for d in report["diagnostics"]] == ["invalid-parameter", "clause-not-allowed"]
    mode, where = report["diagnostics"]
    assert mode["clause"] is None and mode["help"] == "did you mean `domain`?"
    assert redacted[mode["span"]["start"] : mode["span"]["end"]] == "domian"
    assert where["clause"] == "where"
    assert report["decoded"]["where"] == "domain_rating>30"
    assert "0123abcd" not in json.dumps(report)


def test_lint_urls_takes_any_iterable_and_keeps_order():
    urls = [
        "from=refdomains&target=a.com&mode=exact",
        "from=pages",
        "from=anchors&target=a.com&mode=prefix&where=anchor%3D%22seo%22&where=anchor%3D%22x%22",
    ]
    reports = af.lint_urls(u for u in urls)
    assert [r["url"] for r in reports] == urls
    assert reports[0]["diagnostics"] == []
    assert [d["code"] for d in reports[1]["diagnostics"]] == [
        "missing-parameter",
        "missing-parameter",
    ]
    assert [d["code"] for d in reports[2]["diagnostics"]] == ["repeated-parameter"]
    assert reports[2]["canonical"]["where"] == 'anchor="x"'
    assert af.lint_urls([]) == []


def test_lint_urls_refuses_a_single_string():
    with pytest.raises(TypeError):
        af.lint_urls("from=pages")  # type: ignore[arg-type]


def test_lint_urls_leaves_the_garbage_collector_as_it_was():
    assert gc.isenabled()
    af.lint_urls(["from=pages"] * 10)
    assert gc.isenabled()
    gc.disable()
    try:
        af.lint_urls(["from=pages"] * 10)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_lint_urls_over_more_than_one_chunk():
    urls = [f"from=refdomains&target=a{i}.com&mode=exact&limit={i}" for i in range(10_000)]
    reports = af.lint_urls(urls)
    assert len(reports) == 10_000
    assert reports[9_999]["url"] == urls[9_999]
    assert all(r["diagnostics"] == [] for r in reports)


def test_texts_shared_between_results_are_always_their_own_text():
    # The binding reuses the string objects of texts it made lately; 20,000 distinct filters
    # (more than its table holds, so slots are taken over) must each come back as written,
    # in one batch and in single calls, and a text seen again must still read the same.
    urls = [f"from=refdomains&target=a.com&mode=exact&having=domain_rating%3E{i}" for i in range(20_000)]
    reports = af.lint_urls(urls)
    assert [r["canonical"]["having"] for r in reports] == [f"domain_rating>{i}" for i in range(20_000)]
    assert [r["decoded"]["having"] for r in reports] == [f"domain_rating>{i}" for i in range(20_000)]
    for i in [0, 19_999, 7, 4096, 7]:
        report = af.check("refdomains", None, f"domain_rating>{i},ahrefs_rank>{i}")
        assert report["canonical"]["having"] == f"domain_rating>{i},ahrefs_rank>{i}"
    # Results share string objects, never dicts or lists: changing one leaves the other.
    first, second = af.check("pages", "x=1"), af.check("pages", "x=1")
    assert first == second
    first["diagnostics"][0]["span"]["start"] = 99
    first["canonical"]["where"] = "changed"
    assert second["diagnostics"][0]["span"]["start"] == 0
    assert second["canonical"]["where"] == "x=1"


def test_cost_adds_up_the_terms():
    charge = af.cost("backlinks_one_per_domain", 1000, "ahrefs_rank>10", "domain_rating>30")
    # 10 (request) + 2 × 1000 (results) + 5 (where) + 5 (having)
    assert charge["total"] == 2020
    assert (charge["request"], charge["result"], charge["results"]) == (10, 2, 2000)
    assert (charge["where"], charge["having"]) == (5, 5)
    assert charge["where_sent"] and charge["having_sent"]
    unknown = af.cost("pages", 1000)
    assert unknown["total"] is None and unknown["where"] == 0 and not unknown["where_sent"]


def test_cost_of_an_unknown_table_raises():
    with pytest.raises(af.FilterError) as caught:
        af.cost("backlink", 10)
    assert caught.value.kind == "unknown-table"
    assert caught.value.diagnostics[0]["help"] == "did you mean `backlinks`?"


def test_tables_and_table_give_the_schema():
    schema = af.tables()
    assert len(schema["tables"]) == 25
    refdomains = af.table("refdomains")["tables"]
    assert list(refdomains) == ["refdomains"]
    columns = refdomains["refdomains"]["columns"]
    assert len(columns) == 8
    assert columns["domain_rating"]["type"] == "int"
    assert (columns["domain_rating"]["where"], columns["domain_rating"]["having"]) == (False, True)
    with pytest.raises(af.FilterError) as caught:
        af.table("refdomain")
    assert caught.value.kind == "unknown-table"


def test_no_lint_turns_a_warning_off_and_refuses_an_error_code():
    where = "ahrefs_rank>10,ahrefs_rank>10"
    codes = [d["code"] for d in af.check("backlinks", where)["diagnostics"]]
    assert codes == ["duplicate"]
    assert af.check("backlinks", where, no_lint=["duplicate"])["diagnostics"] == []
    with pytest.raises(af.FilterError) as caught:
        af.check("backlinks", where, no_lint=["syntax"])
    assert caught.value.kind == "invalid-options"
    assert str(caught.value) == "`syntax` is an error; only warnings can be turned off"
    assert caught.value.diagnostics == []


def test_today_enables_the_future_date_lint_as_text_or_date():
    where = 'first_seen="2030-01-01"'
    (d,) = af.check("refdomains", where, today="2026-12-01")["diagnostics"]
    assert d["code"] == "future-date" and d["severity"] == "warning"
    assert af.check("refdomains", where, today=datetime.date(2031, 1, 1))["diagnostics"] == []
    with pytest.raises(af.FilterError) as caught:
        af.check("refdomains", where, today="2023-02-29")
    assert caught.value.kind == "invalid-options"


MINE = {
    "tables": {
        "mine": {"columns": {"score": {"type": "int", "where": True, "having": False}}}
    }
}


@pytest.mark.parametrize("schema", [MINE, json.dumps(MINE)], ids=["dict", "json"])
def test_a_user_schema_adds_a_table(schema):
    assert af.check("mine", "score>1", schema=schema)["diagnostics"] == []
    (d,) = af.check("mine", "score=\"x\"", schema=schema)["diagnostics"]
    assert d["code"] == "type-mismatch"
    # The built-in tables are still there.
    assert len(af.tables(schema=schema)["tables"]) == 26
    assert af.lint_url("from=mine&target=a.com&mode=exact&where=score%3E1", schema=schema)[
        "diagnostics"
    ] == []


def test_a_schema_that_is_not_one_raises():
    with pytest.raises(af.FilterError) as caught:
        af.tables(schema="{}")
    assert caught.value.kind == "invalid-options"


def test_arguments_of_the_wrong_type_are_type_errors():
    with pytest.raises(TypeError):
        af.check(1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        af.check("backlinks", no_lint="duplicate")  # type: ignore[arg-type]
    with pytest.raises(OverflowError):
        af.cost("backlinks", -1)


def test_strings_that_are_not_unicode_text_are_refused():
    # A lone surrogate cannot be encoded as UTF-8.
    with pytest.raises(UnicodeEncodeError):
        af.format("anchor=\"\ud800\"")


def test_the_package_says_its_version_and_exports():
    assert af.__version__ == "0.1.0"
    assert "FilterError" in af.__all__ and "Report" in af.__all__


def test_lint_urls_passes_on_an_error_of_its_iterable_and_restores_the_collector():
    def urls():
        yield from ["from=pages"] * 5_000  # more than one chunk: the two-thread path
        raise RuntimeError("the log broke")

    with pytest.raises(RuntimeError, match="the log broke"):
        af.lint_urls(urls())
    assert gc.isenabled()
    with pytest.raises(TypeError):
        af.lint_urls(["from=pages"] * 5_000 + [7])  # type: ignore[list-item]
    assert gc.isenabled()


def test_lint_urls_from_several_threads_at_once():
    from concurrent.futures import ThreadPoolExecutor

    batches = [[f"from=refdomains&target=t{t}.com&mode=exact&limit={i}" for i in range(5_000)]
               for t in range(4)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(af.lint_urls, batches))
    for batch, reports in zip(batches, results):
        assert [r["url"] for r in reports] == batch
        assert all(r["diagnostics"] == [] for r in reports)
