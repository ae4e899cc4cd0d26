#!/usr/bin/env python3
"""Writes N typical v2 request URLs, one per line, for timing `ahrefs-filter url -`.

Each URL carries one filter of the bench corpus (benches/corpus/mod.rs, percent-encoded as
clients send it) in its `where` or `having`, with the usual token, target, mode, limit
and output parameters.

    python3 benches/urls.py 1000000 > /tmp/urls.txt
    time target/release/ahrefs-filter url - < /tmp/urls.txt > /dev/null
"""

import re
import sys
from pathlib import Path
from urllib.parse import quote

CORPUS = Path(__file__).with_name("corpus") / "mod.rs"
CASE = re.compile(r'\b([wh])\(\s*"([a-z_]+)",\s*r#"(.*?)"#,?\s*\)', re.S)
MODES = ["domain", "subdomains", "prefix", "exact"]
TARGETS = ["ahrefs.com", "example.org", "blog.example.com/seo/", "shop.example.net"]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    cases = CASE.findall(CORPUS.read_text())
    if len(cases) < 20:
        sys.exit(f"found only {len(cases)} corpus cases in {CORPUS}")
    lines = []
    for i, (clause, table, text) in enumerate(cases):
        param = "where" if clause == "w" else "having"
        lines.append(
            "https://apiv2.ahrefs.com/?token=0123456789abcdef0123456789abcdef"
            f"&from={table}&target={quote(TARGETS[i % len(TARGETS)], safe='')}"
            f"&mode={MODES[i % len(MODES)]}&limit=1000&output=json"
            f"&{param}={quote(text, safe='')}\n"
        )
    out = sys.stdout
    for i in range(count):
        out.write(lines[i % len(lines)])


if __name__ == "__main__":
    main()
