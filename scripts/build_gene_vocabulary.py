"""Derive the compact gene vocabulary ``knowledge/nlp/hgnc_genes.json`` from the HGNC slim table.

Why a derived file: the product ships facts, not the 2.4 MB source table, and loading a
small JSON once per process is fast. Aliases and previous symbols are kept only when they
are unambiguous (one approved symbol) and do not collide with an approved symbol, as
GUIDELINE_FACTS 4.1 and the HGNC PROVENANCE caveat require.

Run: .venv/bin/python scripts/build_gene_vocabulary.py [--hgnc PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_HGNC = REPO_ROOT.parent / "shared" / "data" / "hgnc" / "hgnc_symbols_slim_2019-01.tsv"
DEFAULT_OUT = REPO_ROOT / "knowledge" / "nlp" / "hgnc_genes.json"
# An alias is only useful in a report if it looks like a symbol: upper-case letters and digits,
# optionally one hyphen, 3-12 characters. Two-character aliases ("CF", "K4", "BT") collide with
# specimen codes and abbreviations far more often than they name a gene in a report.
ALIAS_SHAPE = re.compile(r"^[A-Z][A-Z0-9]{2,10}(?:-[A-Z0-9]{1,5})?$")


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def unambiguous(rows: list[dict[str, str]], column: str, symbols: set[str]) -> dict[str, str]:
    """Alias -> symbol for aliases naming exactly one approved symbol and no symbol themselves."""
    targets: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for alias in filter(None, (row.get(column) or "").split("|")):
            targets[alias.strip()].add(row["symbol"])
    return {
        alias: next(iter(syms))
        for alias, syms in sorted(targets.items())
        if len(syms) == 1 and alias not in symbols and ALIAS_SHAPE.match(alias)
    }


def build(hgnc: Path) -> dict[str, object]:
    rows = read_rows(hgnc)
    symbols = {row["symbol"] for row in rows}
    aliases = unambiguous(rows, "alias_symbol", symbols)
    previous = unambiguous(rows, "prev_symbol", symbols)
    for prev in previous:
        aliases.pop(prev, None)  # a previous symbol is the stronger reading
    return {
        "source": f"HGNC approved protein-coding symbols, {hgnc.name} (CC0), derived by scripts/build_gene_vocabulary.py",
        "symbols": sorted(symbols),
        "previous_symbols": previous,
        "aliases": aliases,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hgnc", type=Path, default=DEFAULT_HGNC)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    data = build(args.hgnc)
    args.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data['symbols'])} symbols, {len(data['previous_symbols'])} previous, {len(data['aliases'])} aliases")


if __name__ == "__main__":
    main()
