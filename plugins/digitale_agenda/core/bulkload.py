"""Loading many agendas quickly: unchanged ones from the cache, the rest on every core.

A national portal holds some 11,000 agendas; parsing them one after another takes minutes. Each
agenda folder is loaded on its own (cross-agenda rules run afterwards), so the folders that the
cache does not know are shared among forked worker processes, which send each result back
pickled, in the original order: diagnostics come out exactly as in a serial run. The same
workers first compute every folder's digest for the cache lookup, which reads every file.

A caller that needs less than the whole model (a check, which keeps only what the rules across
agendas read) passes a ``Finish`` step: then each folder is digested, taken from the cache or
loaded, checked and reduced in a worker, and only the small result comes back, so this process
never holds the whole model. ``agenda validate`` at N = 11,000: 2.2 GB at its peak before, 0.7 GB
after; its time stayed the same within the noise (the workers now unpickle what this process did).
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
    """
    progress = Tenths(len(folders), options.report, PROGRESS_WHAT, PROGRESS_FROM)
    if finish is not None:
        return _load_finished(folders, _FinishJob(load_one, context, finish), out, options, progress)
    cache = options.cache
    results: list[Entry | None] = [None] * len(folders)
    digests = [""] * len(folders)  # without a cache, nothing is looked up or stored
    with _pool(options.workers, len(folders)) as pool:
        if cache is not None:
            digests = _digests(folders, context, pool)
            results = [_entry(cache.get(str(folder), digest)) for folder, digest in zip(folders, digests, strict=True)]
        misses = [index for index, result in enumerate(results) if result is None]
        progress.advance(len(folders) - len(misses))
        fresh = _FreshRows(cache)
        # results are taken as the workers send them: unpickling them (a tenth of a cold load) and
        # storing them overlap with the loading
        loaded = _load(folders, misses, load_one, pool if len(misses) >= PARALLEL_FROM else None)
        for index, blob in zip(misses, loaded, strict=True):
            results[index] = pickle.loads(blob) if isinstance(blob, bytes) else blob
            progress.advance()
            fresh.add(folders[index], digests[index], blob)
    fresh.store()
    agendas = []
    for result in results:
        assert result is not None
        agenda, diagnostics = result
        out.extend(diagnostics)
        agendas.append(agenda)
    return agendas


@contextlib.contextmanager
def _pool(workers: int, folders: int) -> Iterator[multiprocessing.pool.Pool | None]:
    """Forked worker processes for ``folders`` folders, or None where one process is enough."""
    if workers > 1 and folders >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield pool
    else:
        yield None


def _digests(folders: Sequence[Path], context: str, pool: multiprocessing.pool.Pool | None) -> list[str]:
    """Every folder's digest: reading and hashing every file is a tenth of a cold check, and
    all of a warm one apart from the cache itself, so it runs on every core too."""
    digest = functools.partial(folder_digest, context=context)
    return pool.map(digest, folders, chunksize=4 * _CHUNK) if pool is not None else [digest(f) for f in folders]


def _load(folders: Sequence[Path], indices: list[int], load_one: LoadOne,
          pool: multiprocessing.pool.Pool | None) -> Iterator[bytes | Entry]:
    """Load the folders at ``indices``, in order: in worker processes (pickled results, each as soon
    as it arrives) or here (objects)."""
    if pool is not None:
        chunks = [[folders[i] for i in indices[start:start + _CHUNK]] for start in range(0, len(indices), _CHUNK)]
        return (blob for chunk in pool.imap(_Worker(load_one), chunks) for blob in chunk)
    return (_load_folder(folders[i], load_one) for i in indices)


def _load_finished(folders: Sequence[Path], job: _FinishJob, out: list[Diagnostic],
                   options: LoadOptions, progress: Tenths) -> list[AgendaHead | None]:
    """``load_many`` with a finishing step: everything per folder happens in the workers."""
    cache = options.cache
    agendas: list[AgendaHead | None] = []
    fresh = _FreshRows(cache, CHECKED)
    with _pool(options.workers, len(folders)) as pool:
        if pool is not None:
            worker = _FinishWorker(job, cache.file if cache is not None else None)
            chunks = [folders[start:start + _CHUNK] for start in range(0, len(folders), _CHUNK)]
            outcomes: Iterator[_Outcome] = (outcome for chunk in pool.imap(worker, chunks) for outcome in chunk)
        else:
            outcomes = (job(folder, cache) for folder in folders)
        for folder, (digest, new, pickled) in zip(folders, outcomes, strict=True):
            # from the cache file, so unpickled with care, like everything read from there
            entry = _entry(safe_loads(pickled))
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


class _FreshRows:
    """Freshly loaded agendas on their way into a table of the cache (if there is one), a batch at a
    time: no more than a batch waits in memory, and each batch is one transaction."""

    def __init__(self, cache: AgendaCache | None, table: str = LOADED) -> None:
        self.cache = cache
        self.table = table
        self.rows: list[tuple[str, str, bytes]] = []

    def add(self, folder: Path, digest: str, loaded: bytes | Entry) -> None:
        if self.cache is None:
            return
        self.rows.append((str(folder), digest, loaded if isinstance(loaded, bytes) else dumps(loaded)))
        if len(self.rows) >= _STORE_BATCH:
            self.store()

    def store(self) -> None:
        if self.cache is not None and self.rows:
            self.cache.put_many(self.rows, self.table)
            self.rows.clear()


# (digest, whether the result is new, so to be stored in the cache, the finished entry pickled)
_Outcome = tuple[str, bool, bytes]


@dataclass(frozen=True)
class _FinishJob:
    """One folder, start to end: digest, then the checked result from the cache, or the loaded
    agenda from the cache or the loader, finished."""

    load_one: LoadOne
    context: str
    finish: Finish

    def __call__(self, folder: Path, cache: AgendaCache | None) -> _Outcome:
        if cache is None:
            return "", True, self.finished(folder, None)
        files = read_folder(folder)  # read once, for the digest and, on a miss, for loading
        digest = folder_digest(folder, self.context, files)
        checked = cache.get_pickled(str(folder), digest, CHECKED)
        if checked is not None:
            return digest, False, checked
        return digest, True, self.finished(folder, _entry(cache.get(str(folder), digest)), files)

    def finished(self, folder: Path, loaded: Entry | None, files: Files | None = None) -> bytes:
        """The folder's entry finished, pickled: from ``loaded``, else loaded now (from ``files``
        if given)."""
        agenda, diagnostics = loaded or _load_folder(folder, self.load_one, files)
        diagnostics = list(diagnostics)  # a loaded entry from the cache keeps the loader's diagnostics only
        return dumps((self.finish(agenda, diagnostics) if agenda is not None else None, diagnostics))


@dataclass(frozen=True)
class _FinishWorker:
    """Runs in a worker process: a chunk of folders. The cache is opened once per process (a
    connection must not cross a fork) and only read here."""

    job: _FinishJob
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


class _Worker:
    """Runs in a worker process: loads a chunk of folders, returns each result pickled."""

    def __init__(self, load_one: LoadOne) -> None:
        self.load_one = load_one

    def __call__(self, chunk: list[Path]) -> list[bytes]:
        return [dumps(_load_folder(folder, self.load_one)) for folder in chunk]
