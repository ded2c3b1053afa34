"""What Pagefind reads of each page, written beside the site as a small HTML file of its own.

Pagefind indexes only the part of a page marked ``data-pagefind-body`` (``overrides/main.html``),
but it parses the whole page: on this site mostly the theme's navigation, header and scripts,
which are more than half of every page's bytes. Given just the marked part, under the same path
and with the same ``<html lang>``, it writes exactly the same index (the same fragments and index
chunks) in about a fifth less time (20-21 s instead of 25-29 s for 9,100 pages).

The part is cut out as text when MkDocs writes the page, where the page is at hand anyway: from the
first ``<div data-pagefind-body>`` (the theme's, which comes before any content) to the end marker
after the content (the theme's is the last one, since it follows the content). Content cannot move
either end past the theme's, so the copy never holds more than the page's own marked part.

The list "Wer macht das auch?" under each measure (``measure.html.j2``) is marked
``data-pagefind-ignore``: Pagefind parses it and drops it. It is left out of the copy instead, which
makes the copies of an agenda's field pages about 29 % smaller and spares Pagefind parsing them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from .memfolder import memory_folder
from .trash import discard_later

BODY_START = "<div data-pagefind-body>"
BODY_END = "<!-- ende data-pagefind-body -->"  # written by overrides/main.html after the body's </div>
IGNORED_START = '<div class="da-related" data-pagefind-ignore>'  # as measure.html.j2 writes it
IGNORED_END = "</div>"
BYTES_PER_PAGE = 16 * 1024  # a copy of a page's marked part, as stored in memory (whole 4 KB pages)
IN_MEMORY_LIMIT = 512 * 2**20  # above that (N = 11,000: 1.6 GB) memory is the scarcer resource: disk


def search_document(page_html: str) -> str | None:
    """The marked part of a page as a document of its own; None for a page that is not indexed."""
    start = page_html.find(BODY_START)
    end = page_html.rfind(BODY_END)
    if start < 0 or end < start:
        return None
    html_tag_start = page_html.find("<html")
    html_tag = page_html[html_tag_start:page_html.find(">", html_tag_start) + 1] if html_tag_start >= 0 else "<html>"
    body = _without_ignored(page_html[start:end])
    return f'<!doctype html>{html_tag}<head><meta charset="utf-8"></head><body>{body}</body></html>'


def _without_ignored(body: str) -> str:
    """The body without the lists Pagefind is told to ignore; one holding a further ``<div>`` (which
    the template never writes) and all after it stay, for Pagefind to drop as it would."""
    kept: list[str] = []
    done = 0
    start = body.find(IGNORED_START)
    while start >= 0:
        end = body.find(IGNORED_END, start)
        if end < 0 or body.find("<div", start + len(IGNORED_START), end) >= 0:
            break
        kept.append(body[done:start])
        done = end + len(IGNORED_END)
        start = body.find(IGNORED_START, done)
    return "".join(kept) + body[done:] if kept else body


class SearchText:
    """A folder of the pages' marked parts under the pages' own paths, for Pagefind's ``--site``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.digests: dict[str, bytes] = {}  # of each copy, by its path: what the index cache's keys cover

    @classmethod
    def beside(cls, site: Path, pages: int) -> SearchText:
        """The folder for a site of about ``pages`` pages: in memory if it is small enough
        (``core.memfolder``; at N = 1,000 about 150 MB), else on disk beside the site."""
        need = pages * BYTES_PER_PAGE
        folder = memory_folder("agenda-suchtext-", 2 * need) if need <= IN_MEMORY_LIMIT else None
        if folder is None:
            folder = site.with_name(f".{site.name}.suchtext")
            discard_later(folder)  # left by a build that was killed
        return cls(folder)

    def add(self, dest_uri: str, page_html: str) -> None:
        """Write a page's marked part, if it has one, under its path in the site (e.g. ``a/index.html``)."""
        document = search_document(page_html)
        if document is None:
            return
        data = document.encode("utf-8")
        target = self.folder / dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.digests[dest_uri] = hashlib.blake2b(data, digest_size=16).digest()

    def forget(self, dest_uri: str) -> None:
        """Delete the copy of a page that is no longer in the site."""
        (self.folder / dest_uri).unlink(missing_ok=True)
        self.digests.pop(dest_uri, None)

    def pages_by(self, owner: Callable[[str], str]) -> dict[str, list[tuple[str, bytes]]]:
        """The copies' (path, digest) grouped by ``owner`` of their path (the Pagefind run that reads them)."""
        grouped: dict[str, list[tuple[str, bytes]]] = {}
        for uri, digest in self.digests.items():
            grouped.setdefault(owner(uri), []).append((uri, digest))
        return grouped

    def remove(self) -> None:
        """Delete the copies, in the background (``core.trash``): at N = 11,000 they are 100,000
        files on disk, which took 11 s to delete."""
        discard_later(self.folder)
