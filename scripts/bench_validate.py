#!/usr/bin/env python3
"""Benchmark `agenda validate`: on the shipped examples and on copies of them.

``--n N`` makes whole copies of the example set until there are at least N agendas; every slug (and
so every reference, partner and initiative member) is renamed per copy, so the copies validate
exactly like the originals. The hand-written examples are more varied than the synthetic agendas of
``bench.py`` (each field written differently, initiatives, counties, drafts).

Each size is measured with the real command as a subprocess, as an editor or CI runs it:
- with an empty agenda cache of its own, best of ``--repeat`` runs (``cli_seconds``), with the
  cores it kept busy and the peak memory of it and its worker processes (``bench.timed``);
- once more with the cache the last run filled, every agenda unchanged (``cli_cached_seconds``);
- the errors and warnings it reports (``errors``, ``warnings``), from one more run on that cache:
  the copies must report exactly as many per set as the examples do.

    .venv/bin/python scripts/bench_validate.py --n 1000 --json bench-validate.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import BIN, cores, timed
from digitale_agenda.core.cache import CACHE_ENV
from digitale_agenda.core.framework import load_framework
from digitale_agenda.core.load import INITIATIVES_DIR, load_catalogue
from sitetools import ROOT

EXAMPLES = ROOT / "agendas"


def make_copies(target: Path, n: int) -> int:
    """Write copies of the example set under ``target``: at least ``n`` agendas, in whole sets;
    returns the number of sets.

    Files beside the agendas (the legal texts) are copied once; agendas and initiatives once per
    set, with every slug renamed."""
    slugs = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir() and not p.name.startswith("_"))
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, slugs)) + r")(?![\w-])")
    sources = {slug: {p.name: p.read_text(encoding="utf-8") for p in (EXAMPLES / slug).iterdir()} for slug in slugs}
    initiatives = {p.name: p.read_text(encoding="utf-8") for p in (EXAMPLES / INITIATIVES_DIR).glob("*.md")}
    (target / INITIATIVES_DIR).mkdir(parents=True)
    for beside in EXAMPLES.iterdir():
        if beside.is_file():
            shutil.copyfile(beside, target / beside.name)
    sets = -(-n // len(slugs))
    for copy in range(sets):
        suffix = f"-{copy}"

        def rename(text: str, suffix: str = suffix) -> str:
            return pattern.sub(lambda m: m.group(1) + suffix, text)

        for slug in slugs:
            folder = target / f"{slug}{suffix}"
            folder.mkdir()
            for name, text in sources[slug].items():
                (folder / name).write_text(rename(text), encoding="utf-8")
        for name, text in initiatives.items():
            (target / INITIATIVES_DIR / name.replace(".md", f"{suffix}.md")).write_text(rename(text), encoding="utf-8")
    return sets


def example_measures() -> int:
    """Measures in one set of examples (each copy has as many)."""
    catalogue = load_catalogue(EXAMPLES, load_framework(), [])
    return sum(len(agenda.measures()) for agenda in catalogue.agendas.values())


def run_cli(agendas: Path, work: Path, repeat: int) -> dict[str, float | int]:
    """`agenda validate` on ``agendas``: the best of ``repeat`` (at least one) runs, each with an
    empty cache, one run on the cache the last of them filled, and what it reports. The command
    must succeed (no errors)."""
    command = [str(BIN / "agenda"), "validate", str(agendas)]
    caches = [work / f"cache-{attempt}" for attempt in range(repeat)]
    runs = [timed(command, work, cache) for cache in caches]
    best = min(runs, key=lambda measured: measured["seconds"])
    cached = timed(command, work, caches[-1])
    reported = subprocess.run([*command, "--format", "json"], capture_output=True, text=True, check=True,
                              env={**os.environ, CACHE_ENV: str(caches[-1])})
    summary = json.loads(reported.stdout)["summary"]
    return {"cli_seconds": best["seconds"], "cli_cores": cores(best),
            "cli_peak_mib": max(measured["peak_mib"] for measured in runs),
            "cli_cached_seconds": cached["seconds"], "errors": summary["errors"], "warnings": summary["warnings"]}


def measure(label: str, agendas: Path, sets: int, measures_per_set: int, repeat: int) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="agenda-bench-validate-"))
    try:
        row: dict[str, object] = {
            "label": label,
            "agendas": sum(1 for p in agendas.iterdir() if p.is_dir() and not p.name.startswith("_")),
            "files": sum(1 for p in agendas.rglob("*") if p.is_file()),
            "measures": sets * measures_per_set,
            **run_cli(agendas, work, repeat),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    row["cli_ms_per_agenda"] = round(1000 * float(row["cli_seconds"]) / max(1, int(row["agendas"])), 2)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1000], help="numbers of agendas to generate")
    parser.add_argument("--repeat", type=int, default=3, help="runs with an empty cache per size; the best counts")
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat: mindestens 1")

    per_set = example_measures()
    rows = [measure("Beispiele", EXAMPLES, 1, per_set, args.repeat)]
    for n in args.n:
        work = Path(tempfile.mkdtemp(prefix="agenda-bench-"))
        try:
            print(f"… {n} Agenden erzeugen", file=sys.stderr)
            sets = make_copies(work / "agendas", n)
            print(f"… {n} Agenden prüfen", file=sys.stderr)
            rows.append(measure(f"N={n}", work / "agendas", sets, per_set, args.repeat))
        finally:
            shutil.rmtree(work, ignore_errors=True)

    columns = list(rows[0])
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(row[c]) for c in columns) + " |")
    if args.json:
        args.json.write_text(json.dumps({"python": sys.version.split()[0], "rows": rows}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
