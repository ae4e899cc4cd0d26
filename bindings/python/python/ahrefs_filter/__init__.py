"""Parse, type-check and canonically print the ``where``/``having`` filters of the Ahrefs API
v2, and lint whole v2 request URLs.

>>> import ahrefs_filter
>>> report = ahrefs_filter.check("backlinks_one_per_domain", where="domain_rating>30")
>>> report["diagnostics"][0]["code"]
'clause-not-allowed'
>>> ahrefs_filter.format('ahrefs_rank > 007 , type:"lost"')
'ahrefs_rank>7,type="lost"'

Results are plain dicts and lists in the CLI's JSON shape (described by the TypedDicts of
this module); spans count code points. A call that cannot be carried out raises
``FilterError``, whose ``diagnostics`` say why.
"""

from ._native import (
    FilterError,
    __version__,
    check,
    cost,
    fix,
    format,
    lint_url,
    lint_urls,
    parse,
    table,
    tables,
)
from ._types import (
    AppendConditionEdit,
    ClauseName,
    Clauses,
    Column,
    Cost,
    CostPrices,
    Diagnostic,
    Edit,
    ErrorKind,
    Filter,
    Fix,
    FixedRequest,
    ReplaceEdit,
    Report,
    Schema,
    Severity,
    Span,
    Table,
    UrlReport,
)

__all__ = [
    "FilterError",
    "__version__",
    "check",
    "cost",
    "fix",
    "format",
    "lint_url",
    "lint_urls",
    "parse",
    "table",
    "tables",
    "AppendConditionEdit",
    "ClauseName",
    "Clauses",
    "Column",
    "Cost",
    "CostPrices",
    "Diagnostic",
    "Edit",
    "ErrorKind",
    "Filter",
    "Fix",
    "FixedRequest",
    "ReplaceEdit",
    "Report",
    "Schema",
    "Severity",
    "Span",
    "Table",
    "UrlReport",
]
