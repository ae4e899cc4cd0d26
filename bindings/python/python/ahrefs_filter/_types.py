"""The shapes of the results, as TypedDicts (the CLI's JSON shapes, filter-spec.md §6).

Every span is a ``Span``: ``start``/``end`` count code points of the text it points into
(so ``text[span["start"]:span["end"]]`` is the offending part), ``byte_start``/``byte_end``
count UTF-8 bytes.
"""

from typing import Any, Dict, List, Literal, Optional, TypedDict, Union

__all__ = [
    "AppendConditionEdit",
    "Clauses",
    "Column",
    "Cost",
    "CostPrices",
    "Diagnostic",
    "Edit",
    "Fix",
    "FixedRequest",
    "ReplaceEdit",
    "Report",
    "Schema",
    "Span",
    "Table",
    "UrlReport",
    "Severity",
    "ClauseName",
    "ErrorKind",
    "Filter",
]

Severity = Literal["error", "warning"]
"""How bad a diagnostic is."""

ClauseName = Literal["where", "having"]
"""The filter parameter a diagnostic or edit is about."""

ErrorKind = Literal["syntax", "unknown-table", "invalid-options"]
"""What kind of call failed (``FilterError.kind``)."""


class Span(TypedDict):
    """A range of the text a diagnostic points into."""

    start: int
    end: int
    byte_start: int
    byte_end: int


class ReplaceEdit(TypedDict):
    """Replace the text at ``span`` of the diagnostic's own clause (or request) with ``text``."""

    clause: Optional[ClauseName]
    span: Span
    text: str


class AppendConditionEdit(TypedDict):
    """Append the condition ``text`` (canonical) to the filter of ``clause``, as the CLI writes it."""

    clause: ClauseName
    span: None
    text: str
    append: Literal[True]


Edit = Union[ReplaceEdit, AppendConditionEdit]
"""One edit of a fix."""


class Fix(TypedDict):
    """A machine-applicable repair: ``fix()`` applies the safe ones."""

    title: str
    applicability: Literal["safe", "unsafe"]
    edits: List[Edit]


class Diagnostic(TypedDict):
    """One problem. ``code`` is stable and kebab-case (``"clause-not-allowed"``)."""

    severity: Severity
    code: str
    message: str
    clause: Optional[ClauseName]
    span: Optional[Span]
    help: Optional[str]
    fix: Optional[Fix]


Clauses = TypedDict("Clauses", {"where": Optional[str], "having": Optional[str]})
"""A request's two filters (canonical or decoded); ``None`` when absent or unparsable."""


class Report(TypedDict):
    """``check()``'s report."""

    table: str
    diagnostics: List[Diagnostic]
    canonical: Clauses


FixedRequest = TypedDict(
    "FixedRequest", {"where": Optional[str], "having": Optional[str], "applied": int}
)
"""``fix()``'s result: the fixed filters (``None`` when absent or emptied)."""


class UrlReport(TypedDict):
    """``lint_url()``'s report. Request-level spans (``clause`` None) index ``url``;
    filter spans index the ``decoded`` filter of their clause."""

    url: str
    table: Optional[str]
    diagnostics: List[Diagnostic]
    canonical: Clauses
    decoded: Clauses


Cost = TypedDict(
    "Cost",
    {
        "table": str,
        "rows": int,
        "request": Optional[float],
        "result": Optional[float],
        "results": Optional[float],
        "where": Optional[float],
        "having": Optional[float],
        "where_sent": bool,
        "having_sent": bool,
        "total": Optional[float],
    },
)
"""``cost()``'s result: rows charged per term, ``None`` for a price the docs do not give."""

CostPrices = TypedDict(
    "CostPrices",
    {
        "request": Optional[float],
        "result": Optional[float],
        "where": Optional[float],
        "having": Optional[float],
    },
)
"""A table's prices in rows (``None``: not documented)."""

Column = TypedDict(
    "Column",
    {
        "type": Literal["int", "string", "date", "boolean", "float"],
        "where": bool,
        "having": bool,
        "description": str,
        "provenance": str,
    },
)
"""A column: its type and the clauses it may appear in (``note`` and ``domain``, the values
the docs allow, may be present too)."""


class Table(TypedDict):
    """A table of the schema."""

    description: str
    response_key: Optional[str]
    cost: CostPrices
    columns: Dict[str, Column]
    source: str
    source_quality: str
    notes: List[str]


class Schema(TypedDict):
    """``tables()`` and ``table()``: the shape a ``schema`` option reads."""

    tables: Dict[str, Table]


class Filter(TypedDict):
    """``parse()``'s syntax tree, as ``ahrefs-filter parse`` prints it. Each condition is
    ``{"kind": "comparison", "column", "operator", "value", "span"}`` or
    ``{"kind": "call", "function", "column", "argument", "span"}``, each part with its span."""

    conditions: List[Dict[str, Any]]
    span: Span
