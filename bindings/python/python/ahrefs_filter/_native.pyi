"""Type stubs of the Rust extension (bindings/python/src/lib.rs)."""

import datetime
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Union

from ._types import Cost, Diagnostic, ErrorKind, Filter, FixedRequest, Report, Schema, UrlReport

__version__: str

_SchemaArg = Union[str, Mapping[str, Any], None]
_TodayArg = Union[str, datetime.date, None]

class FilterError(ValueError):
    """A call that could not be carried out: a filter that does not parse (``format``,
    ``parse``), an unknown table (``cost``, ``table``) or a bad option."""

    kind: ErrorKind
    diagnostics: List[Diagnostic]

def check(
    table: str,
    where: Optional[str] = None,
    having: Optional[str] = None,
    *,
    no_lint: Optional[Sequence[str]] = None,
    schema: _SchemaArg = None,
    today: _TodayArg = None,
) -> Report:
    """Type-checks a request's filters against ``table``."""

def fix(
    table: str,
    where: Optional[str] = None,
    having: Optional[str] = None,
    *,
    no_lint: Optional[Sequence[str]] = None,
    schema: _SchemaArg = None,
    today: _TodayArg = None,
) -> FixedRequest:
    """Applies every safe fix to a request."""

def format(filter: str) -> str:
    """The canonical form of ``filter``; raises ``FilterError`` if it does not parse."""

def parse(filter: str) -> Filter:
    """The syntax tree of ``filter``; raises ``FilterError`` if it does not parse."""

def lint_url(
    url: str,
    *,
    no_lint: Optional[Sequence[str]] = None,
    schema: _SchemaArg = None,
    today: _TodayArg = None,
) -> UrlReport:
    """Lints one whole request (a URL or a query string); the token is redacted."""

def lint_urls(
    urls: Iterable[str],
    *,
    no_lint: Optional[Sequence[str]] = None,
    schema: _SchemaArg = None,
    today: _TodayArg = None,
) -> List[UrlReport]:
    """Lints many requests with one set of options, one report per URL, in order."""

def cost(
    table: str,
    rows: int,
    where: Optional[str] = None,
    having: Optional[str] = None,
    *,
    schema: _SchemaArg = None,
) -> Cost:
    """The rows a request is charged; raises ``FilterError`` for an unknown table."""

def tables(*, schema: _SchemaArg = None) -> Schema:
    """The schema: the built-in tables, with a user schema's merged over them."""

def table(name: str, *, schema: _SchemaArg = None) -> Schema:
    """One table as a schema of that table alone; ``FilterError`` for an unknown one."""
