"""Loading many agendas quickly: unchanged ones from the cache, the rest on every core.

A national portal holds some 11,000 agendas; parsing them one after another takes minutes. Each
agenda folder is loaded on its own (cross-agenda rules run afterwards), so the folders that the
cache does not know are shared among forked worker processes, which send each result back
pickled, in the original order: diagnostics come out exactly as in a serial run. The same
workers first compute every folder's digest for the cache lookup, which reads every file.
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

from .cache import AgendaCache, dumps, folder_digest
from .diagnostics import Diagnostic
from .model import Agenda

LoadOne = Callable[[Path, list[Diagnostic]], Agenda | None]
PARALLEL_FROM = 64  # fewer folders (or misses) than this are read in-process: forking costs more than it saves
_CHUNK = 16
_STORE_BATCH = 1000  # loaded agendas stored in the cache per transaction


@dataclass
class LoadOptions:
    """How to load: with a cache (None: always parse) and with how many processes."""

    cache: AgendaCache | None = None
    workers: int = 1

    @classmethod
    def fast(cls) -> LoadOptions:
        """The default cache and one process per available core."""
        return cls(AgendaCache.default(), available_cores())


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def load_many(folders: Sequence[Path], load_one: LoadOne, context: str, out: list[Diagnostic],
              options: LoadOptions) -> list[Agenda | None]:
    """Each folder's agenda (None where unreadable), its diagnostics appended to ``out`` in order.

    ``context`` is whatever else decides the result (the framework, how paths are shown).
    """
    cache = options.cache
    results: list[tuple[Agenda | None, list[Diagnostic]] | None] = [None] * len(folders)
    digests: list[str] = []
    with _pool(options.workers, len(folders)) as pool:
        if cache is not None:
            digests = _digests(folders, context, pool)
            results = [cache.get(str(folder), digest) for folder, digest in zip(folders, digests, strict=True)]
        misses = [index for index, result in enumerate(results) if result is None]
        fresh: list[tuple[str, str, bytes]] = []
        # results are taken as the workers send them: unpickling them (a tenth of a cold load) and
        # storing them overlap with the loading, and no more than a batch of them waits in memory
        loaded = _load(folders, misses, load_one, pool if len(misses) >= PARALLEL_FROM else None)
        for index, blob in zip(misses, loaded, strict=True):
            results[index] = pickle.loads(blob) if isinstance(blob, bytes) else blob
            if cache is not None:
                fresh.append((str(folders[index]), digests[index], blob if isinstance(blob, bytes) else dumps(blob)))
                if len(fresh) >= _STORE_BATCH:
                    cache.put_many(fresh)
                    fresh.clear()
    if cache is not None and fresh:
        cache.put_many(fresh)
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
          pool: multiprocessing.pool.Pool | None) -> Iterator[bytes | tuple[Agenda | None, list[Diagnostic]]]:
    """Load the folders at ``indices``, in order: in worker processes (pickled results, each as soon
    as it arrives) or here (objects)."""
    if pool is not None:
        chunks = [[folders[i] for i in indices[start:start + _CHUNK]] for start in range(0, len(indices), _CHUNK)]
        return (blob for chunk in pool.imap(_Worker(load_one), chunks) for blob in chunk)
    return (_load_folder(folders[i], load_one) for i in indices)


def _load_folder(folder: Path, load_one: LoadOne) -> tuple[Agenda | None, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    return load_one(folder, diagnostics), diagnostics


class _Worker:
    """Runs in a worker process: loads a chunk of folders, returns each result pickled."""

    def __init__(self, load_one: LoadOne) -> None:
        self.load_one = load_one

    def __call__(self, chunk: list[Path]) -> list[bytes]:
        return [dumps(_load_folder(folder, self.load_one)) for folder in chunk]
