"""examples/dask_log.py on a small generated log, on a LocalCluster of 2 workers: its summary
is the one worked out by hand for the log, and the one `ahrefs-filter url -` prints for the
same file when the CLI is at hand ($AHREFS_FILTER_CLI, or a cargo build of it)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.bag", reason="dask is not installed")
pytest.importorskip("distributed", reason="distributed is not installed")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "dask_log.py"
ROOT = Path(__file__).resolve().parents[3]

CLEAN = (
    "https://apiv2.ahrefs.com/?token=0123abcd&from=refdomains&target=ahrefs.com&mode=domain"
    "&having=domain_rating%3E30"
)
# `limit=1%zz`: not an integer, and a bad percent escape: errors only.
ERROR = "from=backlinks&target=ahrefs.com&mode=exact&where=nofollow%3Dfalse&limit=1%zz"
# `where` twice: a repeated-parameter warning only.
WARNING = (
    "from=anchors&target=ahrefs.com&mode=prefix&where=substring(anchor%2C%22seo+tools%22)"
    "&where=anchor%3D%22seo%22"
)
# No target or mode (errors) and a parameter v2 does not define (a warning): both.
BOTH = "from=pages&colour=red"
REPEATS = 300


def cli() -> "str | None":
    given = os.environ.get("AHREFS_FILTER_CLI")
    if given:
        return given
    for profile in ("release", "debug"):
        path = ROOT / "target" / profile / "ahrefs-filter"
        if path.exists():
            return str(path)
    return None


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "requests.log"
    block = "\n".join([CLEAN, ERROR, "", WARNING, "   ", BOTH]) + "\n"
    path.write_text(block * REPEATS, encoding="utf-8")
    return path


def test_dask_counts_equal_the_hand_worked_and_the_cli_summary(log: Path) -> None:
    # 4 requests a block (the blank and the spaces-only lines are skipped), of which ERROR
    # and BOTH have errors and WARNING and BOTH warnings. A 4 KiB block makes many partitions.
    want = f"{4 * REPEATS} requests, {2 * REPEATS} with errors, {2 * REPEATS} with warnings"
    run = subprocess.run(
        [sys.executable, str(EXAMPLE), str(log), "--workers", "2", "--blocksize", "4KiB"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == want

    binary = cli()
    if binary is None:
        pytest.skip("the ahrefs-filter CLI is not built; the hand-worked summary matched")
    with log.open("rb") as stdin:
        url = subprocess.run(
            [binary, "url", "-"], stdin=stdin, capture_output=True, text=True, timeout=120
        )
    assert url.returncode == 1  # some requests have errors
    assert url.stderr.strip().splitlines()[-1] == want
