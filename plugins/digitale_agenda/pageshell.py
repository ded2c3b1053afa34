"""Whole theme pages for the generated pages outside the navigation, rendered once per kind of page.

With the memo of ``thememo`` taking the navigation, header and footer, rendering mkdocs-material's
``main.html`` still cost about 0.85 ms per page: at N = 1,000, 8.5 of the 14 CPU seconds of
MkDocs' process, in a build where each of the two processes keeps one core busy. Most of it is
Jinja's work around the page's few own values: blocks, includes that copy the whole context,
filters. Of those values, a generated page outside the navigation (every agenda page) gives the
theme its title, its content, its table of contents, the first entry of that table (the skip link)
and, where the site sets them, its canonical and edit addresses; everything else depends on its
place (the relative links, as in ``thememo``) and its front matter.

So for each kind of page (the same links, the same front matter apart from the title, and the
same yes or no for: content with an ``<h1>``, a table of contents, a canonical and an edit
address), the theme renders ``main.html`` once for a stand-in whose own values are markers. That
is the page's shell; a page of that kind is its shell with its own values put in. The title goes
in three forms: as it is, as text (``striptags``) and as text in an address (``urlencode``). The
marker for it differs in each form, so a form the theme may write that is none of these leaves a
marker unmatched, and that kind keeps the theme's rendering.

The table of contents is put together the same way (``TocPieces``): from Material's own partials,
rendered once for stand-in entries and cut where those are. Rendered per page by the partial, it
was about a quarter of MkDocs' work per page even with the shells.

Nothing else here assumes how the theme uses these values: each kind's shell is compared, byte
for byte, with the theme's own rendering of the first ``CHECKED_PAGES`` pages of that kind, and a
kind where one differs is rendered by the theme for all its pages.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass

import jinja2
from jinja2.filters import do_striptags, do_urlencode
from markupsafe import escape
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from .thememo import ThemeMemo

TEMPLATE = "agenda-seite.html"  # a generated page's template: it asks ``PageShells.page``
CHECKED_PAGES = 2

_TITLE = "\x00titel&amp;\x00"  # "&amp;" is "&" as text: the raw and the text form differ
_CONTENT = "\x00inhalt\x00"
_CONTENT_H1 = "\x00inhalt<h1>\x00"  # for content with its own <h1>: the theme then writes none
_TOC = "\x00inhaltsverzeichnis\x00"
_ANCHOR = "\x00anker\x00"
_CANONICAL = "\x00adresse\x00"
_EDIT = "\x00bearbeiten\x00"


def _title_forms(title: str) -> tuple[str, str, str]:
    text = str(do_striptags(title))
    return title, text, do_urlencode(text)


_SLOTS = dict(zip(_title_forms(_TITLE), ("title", "title_text", "title_url"), strict=True))
_SLOTS.update({_CONTENT: "content", _CONTENT_H1: "content", _TOC: "toc", _ANCHOR: "anchor",
               _CANONICAL: "canonical", _EDIT: "edit"})

Parts = list[str]  # literal text at even places, the names of values to put in at odd ones


def _cut(html: str, slots: dict[str, str]) -> Parts | None:
    """``html`` cut at the markers (the keys of ``slots``); None if a NUL is left in the text
    between them: a marker in a form not known here."""
    markers = re.compile("|".join(re.escape(marker) for marker in sorted(slots, key=len, reverse=True)))
    parts: Parts = []
    done = 0
    for found in markers.finditer(html) if slots else ():
        parts += [html[done:found.start()], slots[found.group()]]
        done = found.end()
    parts.append(html[done:])
    return None if any("\x00" in part for part in parts[::2]) else parts


def _filled(parts: Parts, values: dict[str, str]) -> str:
    return "".join(values[part] if index % 2 else part for index, part in enumerate(parts))


@dataclass
class _Kind:
    parts: Parts | None  # None: the theme renders the pages of this kind
    checked: int = 0  # pages of this kind the shell was found right for

    def fill(self, values: dict[str, str]) -> str:
        assert self.parts is not None
        return _filled(self.parts, values)


def _entry(name: str, level: int, *children: AnchorLink) -> AnchorLink:
    """A stand-in entry: its title differs as HTML and as text (``striptags``)."""
    entry = AnchorLink(f"\x00{name} <b>x</b>\x00", f"\x00{name}\x00", level)
    entry.children = list(children)
    return entry


def _entry_values(entry: AnchorLink) -> dict[str, str]:
    """What ``toc-item.html`` writes of an entry: its title as HTML and as text, and its anchor."""
    return {"title": entry.title, "text": str(escape(do_striptags(entry.title))), "id": entry.id}


def _entry_slots(entry: AnchorLink) -> dict[str, str]:
    """A stand-in entry's markers, by the value each stands for."""
    return {marker: name for name, marker in _entry_values(entry).items()}


class TocPieces:
    """Material's table of contents (``partials/toc.html``) for any headings, joined from pieces of
    its own output: the frame, and an entry with and without children (``partials/toc-item.html``,
    which the frame includes for each entry, and each entry for each of its children). The frame
    differs where the first heading is an ``<h1>``: the partial then lists only what is under it."""

    def __init__(self, toc: Callable[[TableOfContents], str], item: Callable[[AnchorLink], str]) -> None:
        self._toc = toc
        a, b, c, d = _entry("a", 2), _entry("b", 2), _entry("c", 3), _entry("d", 3)
        parent = _entry("p", 2, c, d)
        leaf, first, second = item(a), item(c), item(d)
        self._leaf = _cut(leaf, _entry_slots(a))
        self._parent = self._split(item(parent), first, second, _entry_slots(parent))
        self._frames = {under_h1: self._split(toc(TableOfContents([_entry("r", 1, a, b)] if under_h1 else [a, b])),
                                              leaf, item(b), {})
                        for under_h1 in (True, False)}
        self._empty = {under_h1: toc(TableOfContents([_entry("r", 1)] if under_h1 else []))
                       for under_h1 in (True, False)}

    @staticmethod
    def _split(html: str, first: str, second: str, slots: dict[str, str]) -> tuple[Parts, Parts, Parts] | None:
        """``html`` with two entries in it: what comes before the first, between and after them."""
        if html.count(first) != 1 or html.count(second) != 1:
            return None
        before, rest = html.split(first)
        between, after = rest.split(second)
        pieces = (_cut(before, slots), _cut(between, slots), _cut(after, slots))
        return None if None in pieces else pieces  # type: ignore[return-value]

    def html(self, toc: TableOfContents) -> str:
        """What the partial writes for this table of contents."""
        first = next(iter(toc), None)
        under_h1 = first is not None and first.level == 1
        entries = first.children if first is not None and under_h1 else list(toc)
        frame = self._frames[under_h1]
        if frame is None or self._leaf is None or self._parent is None:
            return self._toc(toc)
        if not entries:
            return self._empty[under_h1]
        return self._joined(frame, entries, {})

    def _joined(self, pieces: tuple[Parts, Parts, Parts], entries: list[AnchorLink], values: dict[str, str]) -> str:
        before, between, after = (_filled(piece, values) for piece in pieces)
        return before + between.join(map(self._entry, entries)) + after

    def _entry(self, entry: AnchorLink) -> str:
        values = _entry_values(entry)
        if not entry.children:
            return _filled(self._leaf, values)  # type: ignore[arg-type]
        return self._joined(self._parent, entry.children, values)  # type: ignore[arg-type]


class PageShells:
    """The shells of this build's kinds of generated pages; one per build (``on_env``)."""

    def __init__(self, env: jinja2.Environment, memo: ThemeMemo, config: object) -> None:
        self._env = env
        self._memo = memo
        toc = env.get_template("partials/toc.html")
        item = env.get_template("partials/toc-item.html")
        lang = env.get_template("partials/language.html").make_module({"config": config})
        self._toc = TocPieces(lambda entries: toc.render(page=_TocOnly(entries), config=config, lang=lang),
                              lambda entry: item.render(toc_item=entry))
        self._kinds: dict[tuple[object, ...], _Kind] = {}
        self._filled: Page | None = None  # the page last filled into a shell

    @jinja2.pass_context
    def page(self, context: jinja2.runtime.Context) -> str:
        """The whole page, as ``main.html`` would render it."""
        page: Page = context["page"]
        if self._memo.own(page):
            return self._render(context.get_all())
        key = (*self._memo.links(page, context["base_url"]), *sorted((name, repr(value)) for name, value
                                                                     in page.meta.items() if name != "title"),
               "<h1" in (page.content or ""), bool(page.toc), page.canonical_url is None, page.edit_url is None)
        kind = self._kinds.get(key)
        if kind is not None and kind.parts is not None and kind.checked >= CHECKED_PAGES:
            self._filled = page
            return kind.fill(self._values(page))
        variables = context.get_all()
        rendered = self._render(variables)
        if kind is None:
            kind = self._kinds[key] = self._shell(page, variables)
        if kind.parts is not None:
            if kind.fill(self._values(page)) == rendered:
                kind.checked += 1
            else:
                kind.parts = None
        return rendered

    def filled(self, page: Page) -> bool:
        """Whether the page just rendered was filled into a shell (not rendered by the theme)."""
        return self._filled is page

    @property
    def kinds(self) -> tuple[int, int]:
        """(kinds of page filled into a shell, kinds rendered by the theme): for tests and logs."""
        filled = sum(1 for kind in self._kinds.values() if kind.parts is not None and kind.checked >= CHECKED_PAGES)
        return filled, len(self._kinds) - filled

    def _render(self, variables: dict[str, object]) -> str:
        return self._env.get_template("main.html").render(variables)

    def _shell(self, page: Page, variables: dict[str, object]) -> _Kind:
        """The page rendered for a stand-in with markers for its own values, cut at the markers."""
        stand_in = copy.copy(page)
        stand_in.meta = {**page.meta, "title": _TITLE}
        stand_in.content = _CONTENT_H1 if "<h1" in (page.content or "") else _CONTENT
        stand_in.toc = TableOfContents([AnchorLink("\x00eintrag\x00", _ANCHOR, 1)] if page.toc else [])
        stand_in.canonical_url = None if page.canonical_url is None else _CANONICAL
        stand_in.edit_url = None if page.edit_url is None else _EDIT
        html = self._render({**variables, "page": stand_in})
        toc_html = self._toc_html(stand_in)
        if html.count(toc_html) != 1:
            return _Kind(None)
        return _Kind(_cut(html.replace(toc_html, _TOC), _SLOTS))

    def _toc_html(self, page: Page) -> str:
        return self._toc.html(page.toc)

    def _values(self, page: Page) -> dict[str, str]:
        title, text, url = _title_forms(page.meta["title"])
        first = next(iter(page.toc), None)
        return {"title": title, "title_text": text, "title_url": url, "content": page.content or "",
                "toc": self._toc_html(page), "anchor": first.id if first is not None else "",
                "canonical": page.canonical_url or "", "edit": page.edit_url or ""}


@dataclass
class _TocOnly:
    """What ``partials/toc.html`` reads of a page."""

    toc: TableOfContents
