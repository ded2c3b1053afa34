"""Loading many agendas quickly: unchanged ones from the cache, the rest on every core.

A national portal holds some 11,000 agendas; parsing them one after another takes minutes. Each
agenda folder is loaded on its own (cross-agenda rules run afterwards), so the folders that the
cache does not know are shared among forked worker processes, which send each result back
pickled, in the original order: diagnostics come out exactly as in a serial run. A worker reads
each of its folders once, for the digest of the cache lookup and, on a miss, for loading, and
takes a known folder's result from the cache itself.

A caller that needs less than the whole model (a check, which keeps only what the rules across
agendas read) passes a ``Finish`` step: then each folder is digested, taken from the cache or
loaded, checked and reduced in a worker, and only the small result comes back, so this process
never holds the whole model. ``agenda validate`` at N = 11,000: 2.2 GB at its peak before, 0.7 GB
after, 0.26 GB since the skeleton is made of tuples (``model.Skeleton``).
The cache keeps that small result too (table ``CHECKED``), not the loaded agenda: storing a whole
agenda cost a check more than a sixth of its time, and an unchanged agenda's result comes back
without being unpickled in a worker. A folder the check has not seen, but a build has, is
finished from the build's loaded agenda.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import multiprocessing.pool
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .cache import CHECKED, LOADED, AgendaCache, dumps, folder_digest, safe_loads
from .diagnostics import Diagnostic
from .files import Files, read_folder
from .model import Agenda, AgendaHead
from .progress import Tenths
from .readahead import reading_ahead

# loads the agenda in a folder, from the folder's files if given (read already for the digest)
LoadOne = Callable[[Path, list[Diagnostic], Files | None], Agenda | None]
# the per-agenda work after loading: appends its own diagnostics and returns the form of the agenda
# the caller keeps; both are cached, so they may depend on nothing but the agenda and the context
Finish = Callable[[Agenda, list[Diagnostic]], AgendaHead]
Entry = tuple[AgendaHead | None, list[Diagnostic]]  # an agenda as loaded, or as finished
PARALLEL_FROM = 64  # fewer folders (or misses) than this are read in-process: forking costs more than it saves
_CHUNK = 16
_STORE_BATCH = 1000  # loaded agendas stored in the cache per transaction
PROGRESS_FROM = 2_000  # folders from which loading says how far it is (in tenths): about ten seconds' work
PROGRESS_WHAT = "Agenden gelesen"


@dataclass
class LoadOptions:
    """How to load: with a cache (None: always parse), with how many processes, and where to say how
    far a long load is (None: nowhere)."""

    cache: AgendaCache | None = None
    workers: int = 1
    report: Callable[[str], None] | None = None


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def load_many(folders: Sequence[Path], load_one: LoadOne, context: str, out: list[Diagnostic],
              options: LoadOptions, finish: Finish | None = None) -> list[AgendaHead | None]:
    """Each folder's agenda (None where unreadable), its diagnostics appended to ``out`` in order.

    ``context`` is whatever else decides the result (say, the framework). With
    ``finish``, each agenda is what that step returned, and its diagnostics follow the loader's.
    Every folder is read once, in a worker process where there are several: for its digest and,
    if the cache does not know it, for loading.
    """
    progress = Tenths(len(folders), options.report, PROGRESS_WHAT, PROGRESS_FROM)
    job = _FolderJob(load_one, context, finish, LOADED if finish is None else CHECKED)
    cache = options.cache
    agendas: list[AgendaHead | None] = []
    fresh = _FreshRows(cache, job.table)
    # the pool's processes are forked before the readahead's threads start: none inherits a lock they hold
    with _pool(options.workers, len(folders)) as pool, reading_ahead(folders if len(folders) >= PARALLEL_FROM else ()):
        if pool is not None:
            worker = _Worker(job, cache.file if cache is not None else None)
            chunks = [folders[start:start + _CHUNK] for start in range(0, len(folders), _CHUNK)]
            outcomes: Iterator[_Outcome] = (outcome for chunk in pool.imap(worker, chunks) for outcome in chunk)
        else:
            outcomes = (job(folder, cache) for folder in folders)
        # results are taken as the workers send them: unpickling and storing them overlap with the loading
        for folder, (digest, new, pickled) in zip(folders, outcomes, strict=True):
            if pickled is None:  # a worker found it in the cache: read here, not passed through a pipe
                pickled = cache.get_pickled(str(folder), digest, job.table) if cache is not None else None
            # from the cache file, so unpickled with care, like everything read from there
            entry = _entry(safe_loads(pickled)) if pickled is not None else None
            if entry is None:  # a damaged or planted row
                pickled = job.finished(folder, None)
                entry, new = pickle.loads(pickled), True
            if new:
                fresh.add(folder, digest, pickled)
            agenda, diagnostics = entry
            out.extend(diagnostics)
            agendas.append(agenda)
            progress.advance()
    fresh.store()
    return agendas


@contextlib.contextmanager
def _pool(workers: int, folders: int) -> Iterator[multiprocessing.pool.Pool | None]:
    """Forked worker processes for ``folders`` folders, or None where one process is enough."""
    if workers > 1 and folders >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield pool
    else:
        yield None


class _FreshRows:
    """Freshly loaded agendas on their way into a table of the cache (if there is one), a batch at a
    time: no more than a batch waits in memory, and each batch is one transaction."""

    def __init__(self, cache: AgendaCache | None, table: str) -> None:
        self.cache = cache
        self.table = table
        self.rows: list[tuple[str, str, bytes]] = []

    def add(self, folder: Path, digest: str, pickled: bytes) -> None:
        if self.cache is None:
            return
        self.rows.append((str(folder), digest, pickled))
        if len(self.rows) >= _STORE_BATCH:
            self.store()

    def store(self) -> None:
        if self.cache is not None and self.rows:
            self.cache.put_many(self.rows, self.table)
            self.rows.clear()


# (digest, whether the result is new, so to be stored in the cache, the finished entry pickled; None
# where it is in the cache: this process reads it there, which costs less than passing it on, as
# a build's whole agendas are large)
_Outcome = tuple[str, bool, bytes | None]


@dataclass(frozen=True)
class _FolderJob:
    """One folder, start to end: its files read once, its digest, then its result from the cache
    table ``table``, or the agenda loaded (a check: from the build's table if there, see
    ``cache``) and finished."""

    load_one: LoadOne
    context: str
    finish: Finish | None
    table: str  # LOADED without a finishing step, else CHECKED

    def __call__(self, folder: Path, cache: AgendaCache | None) -> _Outcome:
        if cache is None:
            return "", True, self.finished(folder, None)
        files = read_folder(folder)  # read once, for the digest and, on a miss, for loading
        digest = folder_digest(folder, self.context, files)
        if cache.holds(str(folder), digest, self.table):
            return digest, False, None
        loaded = _entry(cache.get(str(folder), digest)) if self.table != LOADED else None
        return digest, True, self.finished(folder, loaded, files)

    def finished(self, folder: Path, loaded: Entry | None, files: Files | None = None) -> bytes:
        """The folder's entry, finished if there is a finishing step, pickled: from ``loaded``, else
        loaded now (from ``files`` if given)."""
        agenda, diagnostics = loaded or _load_folder(folder, self.load_one, files)
        if self.finish is not None:
            diagnostics = list(diagnostics)  # a loaded entry from the cache keeps the loader's diagnostics only
            agenda = self.finish(agenda, diagnostics) if agenda is not None else None
        return dumps((agenda, diagnostics))


@dataclass(frozen=True)
class _Worker:
    """Runs in a worker process: a chunk of folders. The cache is opened once per process (a
    connection must not cross a fork) and only read here."""

    job: _FolderJob
    cache_file: Path | None

    def __call__(self, chunk: Sequence[Path]) -> list[_Outcome]:
        cache = _worker_cache(self.cache_file) if self.cache_file is not None else None  # None: not cached here
        return [self.job(folder, cache) for folder in chunk]


@functools.cache
def _worker_cache(file: Path) -> AgendaCache | None:
    return AgendaCache.at(file)


def _entry(value: object) -> Entry | None:
    """A value from the cache if it has the shape of an entry; None for anything else, which only
    a damaged or planted row holds (the unpickler already refused everything but model classes)."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], list):
        return value  # type: ignore[return-value]
    return None


def _load_folder(folder: Path, load_one: LoadOne, files: Files | None = None) -> Entry:
    diagnostics: list[Diagnostic] = []
    return load_one(folder, diagnostics, files), diagnostics
