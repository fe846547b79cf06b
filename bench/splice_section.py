#!/usr/bin/env python3
"""Puts one scale's section into docs/benchmarks.md (bench/run calls it).

    splice_section.py DOC SF SECTION_FILE

The section replaces the text between `<!-- SF begin -->` and `<!-- SF end -->`
when the document has it, else it is added in scale order (SF0.1, SF1, SF10).
The rest of the document (introduction, notes) is kept as it is; a missing
document is started with a short introduction.
"""
import pathlib
import re
import sys

INTRO = """# Benchmarks

`bench/run SF1` or `bench/run SF10` (one machine, one run) builds agencykpi,
generates the workload with `bench_gen` into `bench/data/` if absent, times
agencykpi, DuckDB and sqlite3 on the same CSV files, checks that agencykpi and
DuckDB compute the same figures, and rewrites its own section below.

"""

ORDER = ["SF0.1", "SF1", "SF10", "SF0.1-postgres", "SF1-postgres", "SF10-postgres", "PG-agencies", "HTTP", "AUTH"]


def main() -> int:
    doc_path, sf, section_path = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
    section = section_path.read_text().strip() + "\n"
    doc = doc_path.read_text() if doc_path.exists() else INTRO
    pattern = re.compile(r"<!-- (\S+) begin -->.*?<!-- \1 end -->\n?", re.S)
    sections = {m.group(1): m for m in pattern.finditer(doc)}
    if sf in sections:
        m = sections[sf]
        doc = doc[: m.start()] + section + doc[m.end():]
    else:
        after = ORDER[ORDER.index(sf) + 1:] if sf in ORDER else []
        later = [sections[s] for s in after if s in sections]
        at = min((m.start() for m in later), default=None)
        if at is None:
            doc = doc.rstrip("\n") + "\n\n" + section
        else:
            doc = doc[:at] + section + "\n" + doc[at:]
    doc_path.write_text(doc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
