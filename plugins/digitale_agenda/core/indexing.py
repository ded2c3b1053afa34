"""Running Pagefind: one run per part of the search index, several at once where memory allows.

Each run is a Pagefind process of its own. It writes its bundle into memory where there is room
(``core.memfolder``: its threads write faster there than to disk), and the bundle is then copied
into the site. One run keeps about one and a half of two cores busy: parsing is spread over
threads, but indexing and most of the writing are not. A site in parts (``core.searchshards``)
therefore runs two parts at a time, so that the cores stay busy: at N = 11,000, 17 parts of
5,000-7,500 pages. Pagefind holds about 170 KB per page until it writes, so parts only run
together while their pages add up to at most ``TOGETHER_PAGES``; memory then stays within that of
the largest part the limit allows, plus half of it.

A part whose pages are unchanged since an earlier build is not run at all: its bundle comes from
``core.indexcache``, and each bundle Pagefind writes is kept there for the next build.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .indexcache import IndexCache
from .memfolder import link_or_copy, memory_folder
from .searchshards import SHARD_PAGES

BUNDLE_BYTES_PER_PAGE = 16 * 1024  # room asked for Pagefind's output: about 5 KB per page at N = 1,000
TOGETHER_PAGES = SHARD_PAGES * 3 // 2  # pages of all runs at once: about 2.6 GB of Pagefind's memory


@dataclass(frozen=True)
class IndexRun:
    """One Pagefind process: its command line (without the output folder) and where its bundle goes."""

    command: list[str]
    bundle: Path
    pages: int  # pages it indexes, for its memory and the room of its output
    message: str  # logged when it starts
    key: str | None = None  # of its bundle in the index cache (``core.indexcache.part_key``); None: not kept
    reused: str = ""  # logged instead of ``message`` when the bundle comes from the cache


class SearchIndexError(Exception):
    """Pagefind could not be run, or failed; the message says why, in German."""


def run_all(runs: Sequence[IndexRun], at_once: int, report: Callable[[str], None],
            together_pages: int = TOGETHER_PAGES, cache: IndexCache | None = None) -> None:
    """Run every run, in order, up to ``at_once`` at a time within ``together_pages``; a run whose
    bundle ``cache`` holds is taken from there first, and each fresh bundle is kept in it.

    After a failure no further run starts; the first failure is raised once the running ones end.
    """
    for run in runs:
        _empty(run.bundle, {other.bundle for other in runs})
    pending = []
    for run in runs:
        if cache is not None and run.key is not None and cache.restore(run.key, run.bundle):
            report(run.reused or run.message)
        else:
            pending.append(run)
    running_pages = 0
    failures: list[SearchIndexError] = []
    turn = threading.Condition()

    def next_run() -> IndexRun | None:
        nonlocal running_pages
        with turn:
            while pending and not failures:
                if running_pages == 0 or running_pages + pending[0].pages <= together_pages:
                    run = pending.pop(0)
                    running_pages += run.pages
                    return run
                turn.wait()
            return None

    def work() -> None:
        nonlocal running_pages
        while (run := next_run()) is not None:
            report(run.message)
            try:
                _execute(run, cache)
            except SearchIndexError as failure:
                failures.append(failure)
            except OSError as error:  # copying the bundle into the site
                failures.append(SearchIndexError(f"Suchindex konnte nicht geschrieben werden: {error}"))
            finally:
                with turn:
                    running_pages -= run.pages
                    turn.notify_all()

    workers = [threading.Thread(target=work, name=f"pagefind-{number}") for number in range(max(1, at_once) - 1)]
    for worker in workers:
        worker.start()
    try:
        work()  # in this thread too: a single run needs no second thread
    except BaseException:  # Ctrl-C: the other threads finish their runs and start no more
        with turn:
            pending.clear()
        raise
    for worker in workers:
        worker.join()
    if failures:
        raise failures[0]
    if cache is not None:
        cache.prune(len(runs))


def _empty(bundle: Path, bundles: set[Path]) -> None:
    """Take out of ``bundle`` whatever an earlier run left there, except the folders of ``bundles``
    within it (the other parts, written by their own runs).

    A new bundle must never be written over an old one: under ``mkdocs serve --dirty`` the site
    keeps the last build's bundles, whose files are hard links into the index cache
    (``core.indexcache``). Written over, a link would change the cached bundle too; and the old
    bundle's fragments would stay beside the new ones. Removing a link leaves the cache as it is.
    """
    if not bundle.is_dir():
        return
    for entry in bundle.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            if entry not in bundles:
                shutil.rmtree(entry)
        else:
            entry.unlink()


def _execute(run: IndexRun, cache: IndexCache | None) -> None:
    """Pagefind writes into memory if there is room, else into the site; the bundle is kept in the
    cache (copied there) and from there linked into the site, or else copied into it."""
    scratch = memory_folder("agenda-suchindex-", run.pages * BUNDLE_BYTES_PER_PAGE + 16 * 2**20)
    try:
        _pagefind([*run.command, "--output-path", str(scratch or run.bundle)])
        if cache is not None and run.key is not None and _kept(cache, run.key, scratch, run.bundle):
            return
        if scratch is not None:
            link_or_copy(scratch, run.bundle)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _kept(cache: IndexCache, key: str, scratch: Path | None, bundle: Path) -> bool:
    """Keep the bundle Pagefind wrote (in ``scratch``, else in ``bundle``) in the cache, and link
    it from there into the site; False if the cache could not take it."""
    if not cache.store(key, scratch or bundle):
        return False
    return scratch is None or cache.restore(key, bundle)


def _pagefind(command: list[str]) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"Suchindex konnte nicht erstellt werden: {error}") from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise SearchIndexError("Suchindex konnte nicht erstellt werden (Pagefind): " + " / ".join(detail)
                               + "\nIst „pagefind[bin]“ installiert? Sonst „search: false“ beim Plugin setzen.")
