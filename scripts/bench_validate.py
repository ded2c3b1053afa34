#!/usr/bin/env python3
"""Benchmark `agenda validate`: on the shipped examples and on copies of them.

``--n N`` makes whole copies of the example set until there are at least N agendas; every slug (and
so every reference, partner and initiative member) is renamed per copy, so the copies validate
exactly like the originals.
Each size is measured by running the real CLI as a subprocess (wall time and peak memory,
best of --repeat runs) and, in process, split into loading and checking.

    .venv/bin/python scripts/bench_validate.py --n 1000 --json bench-validate.json
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from digitale_agenda.core.diagnostics import Diagnostic
from digitale_agenda.core.framework import load_framework
from digitale_agenda.core.load import INITIATIVES_DIR, load_catalogue
from digitale_agenda.core.validate import check

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "agendas"


def make_copies(target: Path, n: int) -> int:
    """Write copies of the example set under ``target``: at least ``n`` agendas, in whole sets."""
    slugs = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir() and not p.name.startswith("_"))
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, slugs)) + r")(?![\w-])")
    sources = {slug: {p.name: p.read_text(encoding="utf-8") for p in (EXAMPLES / slug).iterdir()} for slug in slugs}
    initiatives = {p.name: p.read_text(encoding="utf-8") for p in (EXAMPLES / INITIATIVES_DIR).glob("*.md")}
    (target / INITIATIVES_DIR).mkdir(parents=True)
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
    return sets * len(slugs)


def run_cli(agendas: Path, repeat: int) -> dict[str, float | int]:
    """Best wall time and peak memory of the real `agenda validate` command."""
    script = Path(sys.executable).parent / "agenda"
    best = float("inf")
    peak_kib = 0
    exit_code = 0
    for _ in range(repeat):
        start = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        done = subprocess.run([str(script), "validate", str(agendas)], capture_output=True, text=True)
        best = min(best, time.perf_counter() - start)
        peak_kib = max(peak_kib, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
        exit_code = done.returncode
    return {"cli_seconds": round(best, 3), "cli_peak_mib": round(peak_kib / 1024, 1), "exit_code": exit_code}


def run_in_process(agendas: Path) -> dict[str, float | int]:
    framework = load_framework()
    start = time.perf_counter()
    catalogue = load_catalogue(agendas, framework, [])
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    result = check(agendas, framework)
    total = time.perf_counter() - start
    diagnostics: list[Diagnostic] = result.diagnostics
    return {
        "agendas": len(catalogue.agendas),
        "files": sum(1 for _ in agendas.rglob("*.*")),
        "measures": sum(len(a.measures()) for a in catalogue.agendas.values()),
        "load_seconds": round(loaded, 3),
        "load_and_check_seconds": round(total, 3),
        "errors": result.errors,
        "warnings": result.warnings,
        "diagnostics": len(diagnostics),
    }


def measure(label: str, agendas: Path, repeat: int) -> dict[str, object]:
    row: dict[str, object] = {"label": label, **run_in_process(agendas), **run_cli(agendas, repeat)}
    row["cli_ms_per_agenda"] = round(1000 * float(row["cli_seconds"]) / max(1, int(row["agendas"])), 2)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1000], help="numbers of agendas to generate")
    parser.add_argument("--repeat", type=int, default=3, help="CLI runs per size; the best counts")
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    args = parser.parse_args()

    rows = [measure("Beispiele", EXAMPLES, args.repeat)]
    for n in args.n:
        work = Path(tempfile.mkdtemp(prefix="agenda-bench-"))
        try:
            print(f"… {n} Agenden erzeugen", file=sys.stderr)
            make_copies(work / "agendas", n)
            print(f"… {n} Agenden prüfen", file=sys.stderr)
            rows.append(measure(f"N={n}", work / "agendas", args.repeat))
        finally:
            shutil.rmtree(work, ignore_errors=True)

    columns = ["label", "agendas", "files", "measures", "errors", "warnings", "load_seconds",
               "load_and_check_seconds", "cli_seconds", "cli_ms_per_agenda", "cli_peak_mib"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(row[c]) for c in columns) + " |")
    if args.json:
        args.json.write_text(json.dumps({"python": sys.version.split()[0], "rows": rows}, indent=2), encoding="utf-8")
    return 0 if all(row["errors"] == 0 for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
