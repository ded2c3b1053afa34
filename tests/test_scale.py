"""Scale: page sizes do not grow with the number of agendas, and the benchmarks run end to end.

The benchmarks' figures are not asserted here (timings belong in their reports); the tests check
that ``bench.py`` runs at N = 1,000 and ``bench_validate.py`` on two copies of the examples, and
that they report every figure.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, site_config
from synthetic import write_agendas

HREF = re.compile(r'href="[^"]*kommunen/([a-z0-9-]+)/"')


def _build(tmp: Path, n: int) -> Path:
    write_agendas(tmp / "agendas", n)
    config = site_config(tmp / "agendas", tmp, search=False)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    done = subprocess.run([str(mkdocs), "build", "--strict", "-f", str(config)], cwd=tmp, capture_output=True,
                          text=True, timeout=1800)
    assert done.returncode == 0, done.stderr[-3000:]
    return tmp / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    return {n: _build(tmp_path_factory.mktemp(f"scale-{n}"), n) for n in (50, 500)}


def test_a_fixed_agendas_pages_do_not_grow_with_n(sites: dict[int, Path]) -> None:
    small, large = sites[50], sites[500]
    agenda = sorted(p.name for p in (small / "kommunen").iterdir() if (p / "verwaltung").is_dir())[0]
    for page in (f"kommunen/{agenda}/index.html", f"kommunen/{agenda}/verwaltung/index.html"):
        a, b = (small / page).stat().st_size, (large / page).stat().st_size
        assert abs(a - b) / a < 0.10, (page, a, b)


def test_no_page_lists_all_municipalities_and_pages_stay_small(sites: dict[int, Path]) -> None:
    site = sites[500]
    agendas = {p.name for p in (site / "kommunen").iterdir() if (p / "index.html").is_file() and
               p.name not in ("a-z", "art") and not p.name.startswith("seite-")}
    assert len(agendas) == 500
    largest = 0
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        linked = set(HREF.findall(text)) & agendas
        assert len(linked) < len(agendas) / 2, (html, len(linked))
        largest = max(largest, len(text.encode()))
    assert largest <= 60 * 1024, largest


def test_benchmark_smoke_at_1000(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--n", "1000", "--rebuild",
                           "--pull-request", "--json", str(out)],
                          capture_output=True, text=True, timeout=3000, env={**os.environ, "BENCH_SETTLE_SECONDS": "0"})
    assert done.returncode == 0, done.stderr[-3000:]
    (row,) = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert row["n"] >= 1000 and row["pages"] > 9000 and row["generated_pages"] > 9000
    for key in ("validate_seconds", "validate_cached_seconds", "build_seconds", "build_peak_mib", "site_mib",
                "html_median_kib", "html_max_kib", "query_kib", "query_with_filter_kib", "query_place_kib",
                "baseline_seconds", "build_ratio"):
        assert row[key] > 0, key
    # the three phases split the build's wall time; CPU over wall time is at most the machine's cores
    phases = [row[f"phase_{name}_seconds"] for name in ("load", "pages", "index")]
    assert all(seconds > 0 for seconds in phases) and abs(sum(phases) - row["build_seconds"]) < 0.5, phases
    for key in ("validate_cores", "build_cores", "phase_load_cores", "phase_pages_cores", "phase_index_cores"):
        assert 0 < row[key] <= (os.cpu_count() or 1) + 0.2, key
    # from 4,000 pages the index comes in two parts of whole Länder: a search over all Länder starts
    # with one of them (suche.js), and a search in one Land loads only its own
    assert (row["query_parts"], row["index_parts"]) == (1, 2)
    assert row["query_place_kib"] < row["query_kib"]  # a rare word loads less than one on every page
    # after one agenda's prose changed, only its part of the index is built again (the search above
    # ran on that rebuilt site); the main bundle lists no prose
    assert row["rebuild_index_parts_reused"] == 2
    assert row["rebuild_phase_index_seconds"] > 0 and row["rebuild_validate_seconds"] > 0
    # a pull request that changed one agenda: a report of one row, a preview of it and what it names
    assert row["pr_validate_seconds"] > 0 and row["pr_report_seconds"] > 0 and 0 < row["pr_report_kib"] < 4
    assert 0 < row["pr_preview_mib"] < row["site_mib"] / 10
    # one that only removed an agenda: a preview of its county and what it named, not the whole site
    assert row["pr_removal_preview_seconds"] > 0 and 0 < row["pr_removal_preview_mib"] < row["site_mib"] / 10
    assert "| n |" in done.stdout


def test_validate_benchmark_copies_validate_like_the_examples(tmp_path: Path) -> None:
    """Two copies of the examples report what the examples report, twice (the benchmark stops on
    any error); figures are reported, not asserted."""
    out = tmp_path / "bench-validate.json"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_validate.py"), "--n", "12", "--repeat", "1",
                           "--json", str(out)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    examples, copies = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert (examples["label"], copies["label"]) == ("Beispiele", "N=12")
    assert copies["agendas"] == 2 * examples["agendas"] and copies["measures"] == 2 * examples["measures"] > 0
    assert (copies["errors"], copies["warnings"]) == (0, 2 * examples["warnings"])
    for key in ("cli_seconds", "cli_cached_seconds", "cli_peak_mib"):
        assert copies[key] > 0, key
    assert 0 < copies["cli_cores"] <= (os.cpu_count() or 1) + 0.2
    assert "| label |" in done.stdout
