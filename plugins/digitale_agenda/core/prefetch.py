"""Render the generated pages in a second process while the theme writes them in the first.

A build spends about as long rendering the generated pages' content (templates and prose) as
MkDocs spends putting it into the theme and writing it; both are single-threaded Python. A forked
child renders the pages in the order MkDocs will ask for them, writes each to a file in a
temporary folder and names it through a pipe, so on two cores the two halves overlap. The
messages are small, so neither process holds more than one page's HTML; the files are deleted as
they are read. The child stays at most ``LEAD`` pages ahead, so the folder stays small enough to
live in memory (``core.memfolder``): on disk, creating and deleting thousands of files made
the file system's inode search a large share of the build's kernel time.

Where ``fork`` is not available, or the child fails, pages are rendered in the calling process,
with the same result.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import shutil
import tempfile
import traceback
from collections.abc import Sequence
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Semaphore
from pathlib import Path

from .memfolder import memory_folder
from .site import GeneratedPage, Rendered

LEAD = 200  # pages the child may render ahead of MkDocs


class Prefetcher:
    """Hands out each page's ``Rendered`` content, computed ahead in a child process if possible."""

    def __init__(self, pages: Sequence[GeneratedPage]) -> None:
        self._pages = {page.src_uri: page for page in pages}
        self._waiting: dict[str, tuple[bool, str]] = {}  # (ok, file or error), arrived before MkDocs asked
        self._receiver: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        if "fork" not in multiprocessing.get_all_start_methods() or not pages:
            return
        context = multiprocessing.get_context("fork")
        self._folder = (memory_folder("agenda-seiten-", 64 * 2**20)
                        or Path(tempfile.mkdtemp(prefix="agenda-seiten-")))
        self._receiver, sender = context.Pipe(duplex=False)
        self._slots = context.BoundedSemaphore(LEAD)
        self._process = context.Process(target=_render_all, args=(list(pages), self._folder, sender, self._slots),
                                        daemon=True)
        self._process.start()
        sender.close()

    def get(self, src_uri: str) -> Rendered:
        """The page's content; raises what rendering raised (a template error, say)."""
        while src_uri not in self._waiting and self._receiver is not None:
            try:
                uri, item = self._receiver.recv()
            except (EOFError, OSError):  # the child ended early: render the rest here
                self.close()
                break
            self._waiting[uri] = item
            self._slots.release()  # on receipt, not on use: pages asked for out of order cannot block the child
        item = self._waiting.pop(src_uri, None)
        if item is None:
            return self._pages[src_uri].render()
        ok, value = item
        if not ok:
            raise PrefetchError(value)
        path = self._folder / value
        data = json.loads(path.read_text(encoding="utf-8"))
        path.unlink()
        return Rendered(data["html"], data["toc"], data["broken_links"])

    def close(self) -> None:
        """Stop the child (it may still be ahead) and release the pipe."""
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._process = None
        if self._receiver is not None:
            self._receiver.close()
            self._receiver = None
            shutil.rmtree(self._folder, ignore_errors=True)


class PrefetchError(Exception):
    """Rendering a page failed in the child; the message is the child's error."""


def _render_all(pages: list[GeneratedPage], folder: Path, sender: Connection, slots: Semaphore) -> None:
    for number, page in enumerate(pages):
        slots.acquire()  # released by the parent when it receives the page's message
        try:
            rendered = page.render()
            name = f"{number}.json"
            (folder / name).write_text(json.dumps(dataclasses.asdict(rendered)), encoding="utf-8")
            item = (True, name)
        except Exception as error:  # reported in the parent when MkDocs reaches this page
            item = (False, str(error) or traceback.format_exc(limit=1))
        try:
            sender.send((page.src_uri, item))
        except OSError:  # the parent stopped listening: nothing left to do
            return
    sender.close()
