#!/usr/bin/env python3
"""Benchmark the whole site at scale: N synthetic agendas, validated, built, searched, compared.

For each N it generates agendas (scripts/synthetic.py) and measures
- validate-only time of the real `agenda validate`, with an empty agenda cache and again with the
  cache it filled (every agenda unchanged);
- the full build (`mkdocs build --strict` with the plugin and Pagefind), as in the first run of the
  publishing workflow: with the cache `agenda validate` filled, from which a build takes nothing (a
  check keeps what it found, not the loaded agendas), so every agenda is parsed: time, peak memory,
  and the time of its three phases (loading and planning, writing the pages, the search index);
- with ``--cached-build``, the build once more with nothing changed, with the cache the first build
  filled (``build_cached_*``);
- with ``--rebuild``, the publishing workflow after a merge that changed one agenda: a sentence added
  to the middle agenda, then `agenda validate` and the build with the cache the first build filled
  (what the check found, the loaded agendas and the search index parts, ``core.indexcache``):
  ``rebuild_*``;
- with ``--pull-request``, the pull-request workflow after one agenda's field file was edited, in a
  Git repository of all agendas: `agenda validate` and `agenda report` of what changed (``pr_*``;
  the report's Markdown size too) and the preview site (``AGENDA_VORSCHAU_SEIT``), and the preview
  of a pull request that only removes an agenda (``pr_removal_preview_*``);
- for each build, the cores it kept busy on average (CPU time over wall time);
- pages, site size, median and maximum HTML bytes of the generated pages;
- bytes a reader loads for a one-word query, for the same query limited to a Land and for a place
  name, each in a new page of headless Chromium: the response bodies of all requests to /pagefind/
  (script, WebAssembly, index chunks, result fragments), and the whole search page with theme
  assets for reference;
- the baseline: plain mkdocs-material with its default search on the same generated agenda
  Markdown (nine pages per agenda), and the ratio of the two build times.

    .venv/bin/python scripts/bench.py --n 100 1000 --json bench.json
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import http.server
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO

import yaml

from digitale_agenda.core.cache import CACHE_ENV
from digitale_agenda.core.changes import Affected, affected
from digitale_agenda.core.trash import TRASH_PREFIX
from sitetools import ROOT, site_config
from synthetic import write_agendas

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

BIN = Path(sys.executable).parent
GENERATED = ("index.html", "suche", "kommunen", "handlungsfelder", "laender", "kreise", "vergleich", "initiativen")
QUERY = "Förderprogramm"
PART = re.compile(r"/pagefind/(teil-\d+)/")
SEARCH_WAIT_MS = 300_000
LOADED_MESSAGE = "Agenden gelesen und geprüft"  # what the plugin logs when the site is planned
INDEX_MESSAGE = "Suchindex "  # ... and when the first Pagefind run starts
REUSED_MESSAGE = "unverändert, aus dem Zwischenspeicher"  # ... for each index part taken from the cache
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


MEMORY_LIMIT = float(os.environ.get("BENCH_MEMORY_LIMIT_GIB", "20")) * 2**30  # stop before the machine runs out
FINE_SAMPLING_SECONDS = 30  # short runs (N = 100) are sampled every 0.2 s throughout


def timed(command: list[str], cwd: Path, cache: Path | None = None) -> dict[str, float | int]:
    """Wall time, CPU time and peak memory of one command, which must succeed.

    The peak is the largest sum of memory over the command and its child processes (MkDocs keeps
    its memory while Pagefind runs as its child), sampled every 0.2 s for ``FINE_SAMPLING_SECONDS``,
    then every second: reading the proportional set sizes walks every page of every process, which
    at 0.2 s took about 15 % of a core and slowed the N = 11,000 build it measured by about 20 s,
    while memory over a long build changes over seconds, not fractions of one. A command
    that grows beyond BENCH_MEMORY_LIMIT_GIB is stopped and reported as such. ``cache``: the folder
    of the agenda cache (core.cache) if not the run's own (see ``run``).

    The wall time ends when the command does, not at the next sample (a sleep between samples
    added up to 0.2 s to every figure, a lot for a check of six agendas).

    The CPU time (user and system, of the command and every process it waited for) against the
    wall time says how busy the machine's cores were: a build that keeps both of two cores busy
    only gets faster with less work. For a build, the ``phase_*`` entries split the wall time by the
    plugin's messages (see ``build_phases``).
    """
    log = cwd / "command.log"
    started = time.perf_counter()
    cpu_before, busy_before = _children_cpu_seconds(), _busy_seconds()
    peak = 0
    lines: list[Line] = []
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True, errors="replace",
                                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                        **({CACHE_ENV: str(cache)} if cache else {})})
        reader = threading.Thread(target=_keep_lines, args=(process, output, started, busy_before, lines), daemon=True)
        reader.start()
        while process.poll() is None:
            peak = max(peak, _tree_rss(process.pid))
            if peak > MEMORY_LIMIT:
                subprocess.run(["pkill", "-KILL", "-P", str(process.pid)], check=False)
                process.kill()
                process.wait()
                raise SystemExit(f"{' '.join(command)}: stopped at {peak / 2**30:.1f} GiB "
                                 f"after {time.perf_counter() - started:.0f} s (BENCH_MEMORY_LIMIT_GIB)")
            with contextlib.suppress(subprocess.TimeoutExpired):  # waits for the end, not for the next sample
                process.wait(0.2 if time.perf_counter() - started < FINE_SAMPLING_SECONDS else 1.0)
        seconds, busy = time.perf_counter() - started, _busy_seconds() - busy_before
        reader.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{log.read_text()[-3000:]}")
    cpu = _children_cpu_seconds() - cpu_before
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 1), "peak_mib": round(peak / 2**20, 1),
            **build_phases(lines, Line(seconds, busy, ""))}


class Line(NamedTuple):
    """A line of a command's output, with when it came: seconds since the start, and the CPU seconds
    all of the machine's cores had been busy by then (from any process: the machine runs nothing else)."""

    at: float
    busy: float
    text: str


def _keep_lines(process: subprocess.Popen[str], output: TextIO, started: float, busy_before: float,
                lines: list[Line]) -> None:
    """Copy the command's output into its log, noting when each line came."""
    assert process.stdout is not None
    for text in process.stdout:
        lines.append(Line(time.perf_counter() - started, _busy_seconds() - busy_before, text))
        output.write(text)


def _busy_seconds() -> float:
    """CPU seconds the machine's cores have been busy since it started (Linux: /proc/stat)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(value) for value in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build_phases(lines: list[Line], end: Line) -> dict[str, float]:
    """A build's wall time in its three phases, by when the plugin said what (empty for other commands):
    loading and checking the agendas and planning the site (up to "Agenden gelesen und geprüft"),
    writing the pages (up to the first Pagefind run, "Suchindex …"), and the search index; and how
    many cores were busy in each, on average."""
    planned = next((line for line in lines if LOADED_MESSAGE in line.text), None)
    indexing = next((line for line in lines if INDEX_MESSAGE in line.text), None)
    if planned is None or indexing is None:
        return {}
    phases: dict[str, float] = {}
    start = Line(0, 0, "")
    for name, first, last in (("load", start, planned), ("pages", planned, indexing), ("index", indexing, end)):
        seconds = last.at - first.at
        phases[f"phase_{name}_seconds"] = round(seconds, 1)
        phases[f"phase_{name}_cores"] = round((last.busy - first.busy) / seconds, 2) if seconds > 0 else 0.0
    return phases


def _tree_rss(root: int) -> int:
    """Memory of a process and all its descendants (Linux /proc): proportional set sizes, so that
    pages a forked child shares with its parent count once, not twice."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            total += int(rollup.split("\nPss:", 1)[1].split()[0]) * 1024
        except (OSError, IndexError, ValueError):
            continue
    return total


def site_stats(site: Path) -> dict[str, float | int]:
    pages = [p for p in site.rglob("*.html") if p.relative_to(site).parts[0] in GENERATED]
    sizes = sorted(p.stat().st_size for p in pages)
    return {
        "pages": sum(1 for _ in site.rglob("*.html")),
        "generated_pages": len(pages),
        "site_mib": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20, 1),
        "html_median_kib": round(statistics.median(sizes) / 1024, 1),
        "html_max_kib": round(sizes[-1] / 1024, 1),
        "search_index_mib": round(sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
                                  / 2**20, 1),
    }


def search_bytes(site: Path, place: str) -> dict[str, float | str]:
    """KB loaded by the search page for a query; for the same query limited to a Land; and for the
    name of one place: a word on a few pages instead of all. Each in a new browser page (cold)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                                 args=CHROMIUM_ARGS)
            started = time.perf_counter()
            page, loaded = _search(browser, f"{base}suche/?q={QUERY}")
            first_result = time.perf_counter() - started
            query = _search_bytes(loaded)
            parts_loaded = len({match.group(1) for url, _ in loaded if (match := PART.search(url))})
            page_total = sum(size for _, size in loaded)
            land = page.locator("#da-filter-Land option").nth(1).get_attribute("value") or ""
            filtered = _search_bytes(_search(browser, f"{base}suche/?q={QUERY}&Land={urllib.parse.quote(land)}")[1])
            rare = _search_bytes(_search(browser, f"{base}suche/?q={place}")[1])
            browser.close()
    finally:
        server.shutdown()
    return {"query_kib": round(query / 1024, 1), "query_first_result_seconds": round(first_result, 1),
            "query_with_filter_kib": round(filtered / 1024, 1), "filter_land": land,
            "query_place_kib": round(rare / 1024, 1),
            "search_page_total_kib": round(page_total / 1024, 1),
            # agenda parts of the index (pagefind/teil-N/) the query searched, of how many
            "query_parts": parts_loaded, "index_parts": len(list((site / "pagefind").glob("teil-*")))}


def _search(browser: Browser, url: str) -> tuple[Page, list[tuple[str, int]]]:
    """A new page (its own context, so nothing cached) that opens a search and waits for the results
    and for every request to finish; returns it and the (address, body bytes) of each response."""
    loaded: list[tuple[str, int]] = []
    page = browser.new_page()
    page.on("requestfinished", lambda request: loaded.append((request.url, request.sizes()["responseBodySize"])))
    page.goto(url)
    page.locator("#da-suche-treffer > li").first.wait_for(timeout=SEARCH_WAIT_MS)
    page.wait_for_load_state("networkidle")
    return page, loaded


def _middle_agenda(agendas: Path) -> Path:
    """The agenda folder in the middle of the alphabet: neither first nor last in any list."""
    folders = sorted(p for p in agendas.iterdir() if (p / "agenda.yml").is_file())
    return folders[len(folders) // 2]


def _place_name(agendas: Path) -> str:
    """The last word of the middle agenda's name, e.g. 'Lindenburg': a word on few pages.

    Beyond a few thousand agendas the generated names repeat with a number ('Modell-Moortal 54');
    the number is not the name, and searching for it finds every page with that number.
    """
    record = yaml.safe_load((_middle_agenda(agendas) / "agenda.yml").read_text(encoding="utf-8"))
    words = str(record["name"]).replace("-", " ").split()
    return next(word for word in reversed(words) if not word.isdigit())


def _search_bytes(loaded: list[tuple[str, int]]) -> int:
    """What the search itself costs: Pagefind's script, WebAssembly, index chunks and fragments."""
    return sum(size for url, size in loaded if "/pagefind/" in url)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def baseline(agendas: Path, work: Path) -> dict[str, float | int]:
    """Plain mkdocs-material with its own search on the same agenda Markdown: each agenda's field
    files as they are, an index page from its name and summary, and the initiatives' texts."""
    docs = work / "baseline-docs"
    shutil.copytree(ROOT / "docs", docs)
    for source in sorted(agendas.iterdir()):
        if not source.is_dir():
            continue
        target = docs / source.name
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.yml"))
        record = yaml.safe_load((source / "agenda.yml").read_text(encoding="utf-8")) if source.name[0] != "_" else None
        if record:
            (target / "index.md").write_text(f"# {record['name']}\n\n{record.get('zusammenfassung', '')}\n",
                                             encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(docs), site_dir=str(work / "baseline-site"), plugins=["search"])
    config["nav"] = [{"Agenda-Format": "format.md"}]  # a nav of every page would grow with pages × pages
    config["theme"] = {"name": "material", "language": "de", "font": False}
    (work / "baseline.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    measured = timed([str(BIN / "mkdocs"), "build", "-f", str(work / "baseline.yml")], work)
    pages = sum(1 for _ in (work / "baseline-site").rglob("*.html"))
    index = work / "baseline-site" / "search" / "search_index.json"
    return {"baseline_seconds": measured["seconds"], "baseline_peak_mib": measured["peak_mib"],
            "baseline_pages": pages, "baseline_search_index_kib": round(index.stat().st_size / 1024, 1)}


def fast_edits(agendas: Path, work: Path) -> dict[str, float]:
    """An editor's turnaround on one agenda in the middle of the alphabet: `agenda validate` on its
    folder, and the seconds from saving a field file to the changed page being served by
    `mkdocs serve`: as `scripts/site serve` runs it (``--dirty``: only changed pages are written,
    ``serve_dirty_*``), plain (the whole site written again, ``serve_*``), and for a preview of that
    agenda (AGENDA_VORSCHAU, as `scripts/site vorschau` runs it, ``preview_*``)."""
    slug = _middle_agenda(agendas).name
    result = {"validate_one_seconds": timed([str(BIN / "agenda"), "validate", str(agendas / slug)], work)["seconds"]}
    for name, preview, dirty in (("serve", False, False), ("serve_dirty", False, True), ("preview", True, True)):
        start, rebuilt = _serve_edit(agendas, work / name, slug, preview, dirty)
        result[f"{name}_start_seconds"], result[f"{name}_edit_seconds"] = start, rebuilt
    return result


def rebuild(agendas: Path, work: Path, cache: Path) -> dict[str, float | int]:
    """The publishing workflow after a merge that changed one agenda: a sentence added to a field of
    the middle agenda, then `agenda validate` and the build, both with ``cache`` as the previous
    build left it. The field is restored afterwards, for the measurements that follow.

    It starts once the earlier builds' folders are deleted (``core.trash`` does that in the
    background): on a CI runner, which starts empty, the workflow competes with no such deletion.
    """
    _wait_for_deletions()
    field = _middle_agenda(agendas) / "bildung.md"
    original = field.read_text(encoding="utf-8")
    field.write_text(original + "\nEin neuer Absatz nach der Zusammenführung.\n", encoding="utf-8")
    try:
        checked = timed([str(BIN / "agenda"), "validate", str(agendas)], work, cache)
        built = timed([str(BIN / "mkdocs"), "build", "--strict", "-f", str(site_config(agendas, work))], work, cache)
    finally:
        field.write_text(original, encoding="utf-8")
    log = (work / "command.log").read_text(encoding="utf-8", errors="replace")
    return {"rebuild_validate_seconds": checked["seconds"], "rebuild_seconds": built["seconds"],
            "rebuild_cores": cores(built), "rebuild_peak_mib": built["peak_mib"],
            "rebuild_index_parts_reused": log.count(REUSED_MESSAGE),
            **{f"rebuild_{key}": value for key, value in built.items() if key.startswith("phase_")}}


def _wait_for_deletions() -> None:
    """Until no background deleter runs, and then BENCH_SETTLE_SECONDS more (35 unless set; the
    smoke test, which times nothing, sets 0): ext4 without a journal (this machine's disk) passes
    over inodes freed in the last 30 s whenever it creates a file, which made creating 20,000 files
    two to four times as slow right after deleting as many."""
    while subprocess.run(["pgrep", "-f", TRASH_PREFIX], capture_output=True).returncode == 0:
        time.sleep(1)
    time.sleep(float(os.environ.get("BENCH_SETTLE_SECONDS", "35")))


def pull_request(agendas: Path, work: Path, cache: Path) -> dict[str, float]:
    """The shipped pull-request workflow after one field file of the middle agenda was edited, in a
    Git repository holding all agendas, with ``cache`` as the main branch's build left it: the
    check of what changed and of the agendas pointing at it (``pr_validate_seconds``), the
    completeness report of what changed (``pr_report_*``, with the size of its Markdown, which
    GitHub and GitLab show), and the preview site (``AGENDA_VORSCHAU_SEIT``; from ``vorschau_ab``
    agendas on it holds only what changed: ``pr_preview_*``)."""
    repo = agendas.parent
    git = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "agendas"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "Stand"], cwd=repo, check=True)
    field = _middle_agenda(agendas) / "bildung.md"
    original = field.read_text(encoding="utf-8")
    field.write_text(original + "\nEin neuer Absatz.\n", encoding="utf-8")
    agenda = str(BIN / "agenda")
    preview = work / "pull-request"
    preview.mkdir()
    try:
        validate = timed([agenda, "validate", "--changed-since", "HEAD", str(agendas)], repo, cache)
        report = timed([agenda, "report", "--changed-since", "HEAD", str(agendas)], repo, cache)
        markdown = subprocess.run([agenda, "report", "--changed-since", "HEAD", str(agendas)], cwd=repo,
                                  capture_output=True, check=True, env={**os.environ, CACHE_ENV: str(cache)}).stdout
        built = timed([str(BIN / "mkdocs"), "build", "--strict", "-f",
                       str(site_config(agendas, preview, vorschau_seit="HEAD"))], preview, cache)
    finally:
        field.write_text(original, encoding="utf-8")
    removal = _removal_preview(agendas, work / "pull-request-removal", cache)
    return {"pr_validate_seconds": validate["seconds"], "pr_report_seconds": report["seconds"],
            "pr_report_peak_mib": report["peak_mib"], "pr_report_kib": round(len(markdown) / 1024, 1),
            "pr_preview_seconds": built["seconds"], "pr_preview_mib": site_stats(preview / "site")["site_mib"],
            **removal}


def _removal_preview(agendas: Path, preview: Path, cache: Path) -> dict[str, float]:
    """The preview of a pull request that only removes an agenda of a county, one that no other
    agenda names (else the strict build would rightly fail on the broken links): its county and the
    agendas it named lose a link, so the preview shows those (``pr_removal_preview_*``), not the
    whole site. The agenda is the first such from the middle of the alphabet on; its folder is
    moved aside, not deleted."""
    in_county = sorted(p.parent for p in agendas.glob("*/agenda.yml")
                       if "\nkreis: " in p.read_text(encoding="utf-8"))
    removed = next(folder for folder in in_county[len(in_county) // 2:]
                   if not _named_elsewhere(affected(agendas, [folder / "agenda.yml"])))
    aside = preview / "beiseite" / removed.name
    aside.parent.mkdir(parents=True)
    removed.rename(aside)
    try:
        built = timed([str(BIN / "mkdocs"), "build", "--strict", "-f",
                       str(site_config(agendas, preview, vorschau_seit="HEAD"))], preview, cache)
    finally:
        aside.rename(removed)
    return {"pr_removal_preview_seconds": built["seconds"],
            "pr_removal_preview_mib": site_stats(preview / "site")["site_mib"]}


def _named_elsewhere(change: Affected) -> bool:
    return bool(change.referencing or change.referencing_files)


def _serve_edit(agendas: Path, work: Path, slug: str, preview: bool, dirty: bool) -> tuple[float, float]:
    """Seconds until the page is first served, and from saving an edit to the edited page served.
    The edit names the run, so that no run finds its search index in the cache of an earlier one."""
    work.mkdir()
    config = site_config(agendas, work, **({"vorschau": [slug]} if preview else {}))
    field = agendas / slug / "bildung.md"
    original = field.read_text(encoding="utf-8")
    old = original.split("titel: ", 1)[1].split("\n", 1)[0]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/kommunen/{slug}/bildung/"
    started = time.perf_counter()
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", *(["--dirty"] if dirty else []), "-f", str(config),
                               "-a", f"127.0.0.1:{port}"],
                              cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        _wait_for(url, old)
        start = time.perf_counter() - started
        time.sleep(1)  # let the file watcher settle
        saved = time.perf_counter()
        edited = f"Geändert ({work.name}) – {old}"
        field.write_text(original.replace(old, edited, 1), encoding="utf-8")
        _wait_for(url, edited)
        return round(start, 2), round(time.perf_counter() - saved, 2)
    finally:
        server.terminate()
        server.wait(timeout=60)
        field.write_text(original, encoding="utf-8")


def _wait_for(url: str, text: str, seconds: float = 3600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if html.escape(text, quote=False) in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not show „{text}“ in time")


def cores(measured: dict[str, float | int]) -> float:
    """How many cores a command kept busy on average: its CPU time over its wall time."""
    return round(measured["cpu_seconds"] / measured["seconds"], 2)


def run(n: int, browser: bool, with_baseline: bool, edits: bool = False,
        cached_build: bool = False, rebuild_after_change: bool = False,
        pull_request_workflow: bool = False) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix=f"agenda-bench-{n}-"))
    try:
        agendas = work / "agendas"
        os.environ[CACHE_ENV] = str(work / "cache")  # this run's agenda cache, not the user's
        print(f"… {n}: Agenden erzeugen", file=sys.stderr)
        written = write_agendas(agendas, n)
        row: dict[str, object] = {"n": written}
        print(f"… {n}: prüfen", file=sys.stderr)
        validate = timed([str(BIN / "agenda"), "validate", str(agendas)], work)
        row.update(validate_seconds=validate["seconds"], validate_cores=cores(validate),
                   validate_peak_mib=validate["peak_mib"])
        print(f"… {n}: noch einmal prüfen, unveränderte Agenden aus dem Zwischenspeicher", file=sys.stderr)
        row["validate_cached_seconds"] = timed([str(BIN / "agenda"), "validate", str(agendas)], work)["seconds"]
        print(f"… {n}: Website bauen", file=sys.stderr)
        # every agenda parsed, as in a first run (the timing to compare); from then on, the cache holds
        # what the workflow's cache holds
        shutil.copytree(work / "cache", work / "cache-build")
        build = timed([str(BIN / "mkdocs"), "build", "--strict", "-f", str(site_config(agendas, work))], work,
                      work / "cache-build")
        row.update(build_seconds=build["seconds"], build_cores=cores(build), build_peak_mib=build["peak_mib"],
                   **{key: value for key, value in build.items() if key.startswith("phase_")},
                   **site_stats(work / "site"))
        row["ms_per_page"] = round(1000 * build["seconds"] / int(row["pages"]), 2)
        if cached_build:
            print(f"… {n}: Website noch einmal bauen, nichts geändert, mit dem Zwischenspeicher des ersten Builds",
                  file=sys.stderr)
            again = timed([str(BIN / "mkdocs"), "build", "--strict", "-f", str(site_config(agendas, work))], work,
                          work / "cache-build")
            row.update(build_cached_seconds=again["seconds"], build_cached_cores=cores(again),
                       **{f"build_cached_{key}": value for key, value in again.items() if key.startswith("phase_")})
        if rebuild_after_change:
            print(f"… {n}: eine Agenda ändern, noch einmal prüfen und bauen, mit dem Zwischenspeicher des Builds",
                  file=sys.stderr)
            row.update(rebuild(agendas, work, work / "cache-build"))
        print(json.dumps(row), file=sys.stderr)  # kept in the log even if a later step fails
        if browser:
            print(f"… {n}: Suche im Browser messen", file=sys.stderr)
            try:
                row.update(search_bytes(work / "site", _place_name(agendas)))
            except Exception as error:  # a search that never answers is a result too
                row["search_error"] = f"{type(error).__name__}: {str(error).splitlines()[0]}"
        if edits:
            print(f"… {n}: schnelle Änderungen messen (validate, serve, Vorschau)", file=sys.stderr)
            row.update(fast_edits(agendas, work))
        if pull_request_workflow:
            print(f"… {n}: einen Pull Request prüfen (validate, report, Vorschau seit)", file=sys.stderr)
            row.update(pull_request(agendas, work, work / "cache-build"))
        if with_baseline:
            print(f"… {n}: Vergleich mit mkdocs-material", file=sys.stderr)
            row.update(baseline(agendas, work))
            row["build_ratio"] = round(build["seconds"] / float(row["baseline_seconds"]), 2)
        return row
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[100], help="numbers of agendas")
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    parser.add_argument("--no-browser", action="store_true", help="skip the search measurement in Chromium")
    parser.add_argument("--no-baseline", action="store_true", help="skip the plain mkdocs-material build")
    parser.add_argument("--edits", action="store_true",
                        help="also measure one agenda's validation and save-to-page times in mkdocs serve")
    parser.add_argument("--cached-build", action="store_true",
                        help="also build with the agenda cache that validate filled, as the publishing workflow does")
    parser.add_argument("--rebuild", action="store_true",
                        help="also change one agenda and validate and build again with the first build's cache")
    parser.add_argument("--pull-request", action="store_true",
                        help="also measure the pull-request workflow after one agenda changed (check, report, preview)")
    args = parser.parse_args()
    rows = [run(n, not args.no_browser, not args.no_baseline, args.edits, args.cached_build, args.rebuild,
                args.pull_request)
            for n in args.n]
    columns = [key for key in rows[0] if all(key in row for row in rows)]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(row[c]) for c in columns) + " |")
    if args.json:
        args.json.write_text(json.dumps({"python": sys.version.split()[0], "rows": rows}, indent=2),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
