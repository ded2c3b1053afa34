"""Prepare the site and render its generated pages in a second process, while MkDocs writes them.

The child process loads and checks the agendas (``siteplan.prepare``) and sends MkDocs only the
plan: the model of all agendas lives in the child alone. It then renders the pages in the order
MkDocs will ask for them, writes each to a file in a temporary folder and names it through a pipe,
so that on two cores rendering the content and putting it into the theme overlap. The messages
are small, so neither process holds more than one page's HTML; the files are deleted as they are
read. The child stays at most ``LEAD`` pages ahead, so the folder stays small enough to live in
memory (``core.memfolder``): on disk, creating and deleting thousands of files made the file
system's inode search a large share of the build's kernel time.

Where ``fork`` is not available (or not wanted, as under ``mkdocs serve``), the site is prepared
and rendered in the calling process. If the child fails, the calling process prepares the site
again and renders the remaining pages itself, with the same result; an error in the agendas or the
templates is raised there, as it would have been without a child.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import pickle
import shutil
import tempfile
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Semaphore
from pathlib import Path

from .memfolder import memory_folder
from .site import GeneratedPage, Rendered
from .siteplan import SitePlan

# pages the child may render ahead of MkDocs: about 100 MB of files. MkDocs prepares every page
# before it writes the first (N = 11,000: about 5 s); with a lead of 1,000 the child waited most of that
LEAD = 5000
# room in the pipe for LEAD messages (about 60 bytes each): the parent reads none while MkDocs prepares,
# and Linux's default pipe (64 KB, about 1,000 messages) would stop the child there, whatever LEAD says
MESSAGE_BYTES = 128

Prepare = Callable[[], tuple[SitePlan, list[GeneratedPage]]]


class Prefetcher:
    """The site's plan (``plan``), and each page's ``Rendered`` content, computed in a child process if possible."""

    def __init__(self, prepare: Prepare, fork: bool = True) -> None:
        self._prepare = prepare
        self._pages: dict[str, GeneratedPage] | None = None  # set when pages are rendered in this process
        self._waiting: dict[str, tuple[bool, str]] = {}  # (ok, file or error), arrived before MkDocs asked
        self._receiver: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        plan = self._start_child() if fork and "fork" in multiprocessing.get_all_start_methods() else None
        self.plan = plan or self._prepare_here()

    def _start_child(self) -> SitePlan | None:
        """Fork the child and wait for its plan; None if it ended without one."""
        context = multiprocessing.get_context("fork")
        self._folder = (memory_folder("agenda-seiten-", 256 * 2**20)
                        or Path(tempfile.mkdtemp(prefix="agenda-seiten-")))
        self._receiver, sender = context.Pipe(duplex=False)
        _widen(sender, LEAD * MESSAGE_BYTES)
        self._slots = context.BoundedSemaphore(LEAD)
        # not a daemon: the child loads the agendas with a pool of processes of its own
        self._process = context.Process(target=_prepare_and_render,
                                        args=(self._prepare, self._folder, sender, self._slots))
        self._process.start()
        atexit.register(self.close)  # before multiprocessing's exit handler would wait for the child
        sender.close()
        try:
            plan: SitePlan = self._receiver.recv()
        except (EOFError, OSError):  # the child failed: prepare here, which raises the error if there is one
            self.close()
            return None
        return plan

    def _prepare_here(self) -> SitePlan:
        plan, pages = self._prepare()
        self._pages = {page.src_uri: page for page in pages}
        return plan

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
            if self._pages is None:
                self._prepare_here()
            assert self._pages is not None
            return self._pages[src_uri].render()
        ok, value = item
        if not ok:
            raise PrefetchError(value)
        path = self._folder / value
        rendered = pickle.loads(path.read_bytes())  # written by the child into this process's private folder
        path.unlink()
        return Rendered(*rendered)

    def close(self) -> None:
        """Stop the child (it may still be ahead) and release the pipe."""
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._process = None
            atexit.unregister(self.close)
        if self._receiver is not None:
            self._receiver.close()
            self._receiver = None
            shutil.rmtree(self._folder, ignore_errors=True)


def _widen(pipe: Connection, size: int) -> None:
    """Let the pipe hold ``size`` bytes where the system allows (Linux, up to
    /proc/sys/fs/pipe-max-size, 1 MB by default); elsewhere the child may wait earlier, nothing else."""
    import fcntl  # POSIX only, as is the fork that needs it

    setting = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setting is None:
        return
    with contextlib.suppress(OSError):  # above the system's limit
        fcntl.fcntl(pipe.fileno(), setting, size)


class PrefetchError(Exception):
    """Rendering a page failed in the child; the message is the child's error."""


def _prepare_and_render(prepare: Prepare, folder: Path, sender: Connection, slots: Semaphore) -> None:
    try:
        plan, pages = prepare()
    except Exception:  # the parent prepares again and reports the error there, without this process's traceback
        return
    sender.send(plan)
    for number, page in enumerate(pages):
        slots.acquire()  # released by the parent when it receives the page's message
        try:
            rendered = page.render()
            name = f"{number}.pickle"
            (folder / name).write_bytes(pickle.dumps((rendered.html, rendered.broken_links), pickle.HIGHEST_PROTOCOL))
            item = (True, name)
        except Exception as error:  # reported in the parent when MkDocs reaches this page
            item = (False, str(error) or traceback.format_exc(limit=1))
        try:
            sender.send((page.src_uri, item))
        except OSError:  # the parent stopped listening: nothing left to do
            return
    sender.close()
