"""Lints a log of Ahrefs API v2 requests, one per line, on a Dask cluster, and prints the
same summary as `ahrefs-filter url - < LOG`:

    python examples/dask_log.py LOG                       # a LocalCluster of 2 workers
    python examples/dask_log.py LOG --scheduler tcp://scheduler:8786   # an existing cluster

    3 requests, 1 with errors, 1 with warnings

The log is read with `dask.bag.read_text` in blocks (a path, a glob or a list of paths, local
or on any filesystem fsspec reaches); each partition of lines goes through one
`ahrefs_filter.lint_urls` call on a worker, which sends back three counts, not its reports.
Every worker needs the `ahrefs-filter` wheel installed. Lines are split on `\\n` and blank
ones skipped, as the CLI does.
"""

import argparse
from typing import TYPE_CHECKING, Iterable, List, NamedTuple, Optional, Sequence, Union

import ahrefs_filter

if TYPE_CHECKING:
    import distributed


class Counts(NamedTuple):
    """The summary `url -` prints: requests, and how many had errors or warnings."""

    requests: int
    with_errors: int
    with_warnings: int

    def line(self) -> str:
        plural = "" if self.requests == 1 else "s"
        return (
            f"{self.requests} request{plural}, {self.with_errors} with errors, "
            f"{self.with_warnings} with warnings"
        )


def lint_partition(lines: Iterable[str]) -> List[Counts]:
    """The counts of one partition's lines (a list of one, as `map_partitions` wants)."""
    requests = [line for line in lines if line.strip()]
    errors = warnings = 0
    for report in ahrefs_filter.lint_urls(requests):
        severities = {d["severity"] for d in report["diagnostics"]}
        errors += "error" in severities
        warnings += "warning" in severities
    return [Counts(len(requests), errors, warnings)]


def lint_log(
    paths: Union[str, Sequence[str]], client: "distributed.Client", blocksize: str = "64MiB"
) -> Counts:
    """Lints every request of the log at `paths` on `client`'s cluster."""
    import dask.bag as db

    lines = db.read_text(paths, blocksize=blocksize, linedelimiter="\n", encoding="utf-8")
    parts: List[Counts] = client.compute(lines.map_partitions(lint_partition)).result()
    return Counts(*(sum(column) for column in zip(Counts(0, 0, 0), *parts)))


def main(argv: Optional[Sequence[str]] = None) -> None:
    import distributed

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("log", nargs="+", help="log file(s), one request URL per line")
    parser.add_argument("--scheduler", help="address of an existing cluster's scheduler")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster workers")
    parser.add_argument("--blocksize", default="64MiB", help="bytes of log per partition")
    args = parser.parse_args(argv)
    if args.scheduler:
        with distributed.Client(args.scheduler) as client:
            counts = lint_log(args.log, client, args.blocksize)
    else:
        with distributed.LocalCluster(
            n_workers=args.workers, threads_per_worker=1, dashboard_address=None
        ) as cluster, distributed.Client(cluster) as client:
            counts = lint_log(args.log, client, args.blocksize)
    print(counts.line())


if __name__ == "__main__":
    main()
