"""Parts of the theme rendered once per kind of place instead of once per page.

mkdocs-material renders its whole navigation, its configuration script, its header and its footer
for every page: about half of the theme's work per page in a large site. For a page that is not
itself in the navigation (every agenda page), nothing in them is marked active, and they depend on
the page only through their relative links: to the pages of the navigation (and the footer's legal
pages), and to the theme's assets by way of ``base_url``. So such a page reuses the parts rendered
for an earlier page whose links come out the same (in practice: at the same depth in the same
section); a page in the navigation renders its own, with its active entry. The header and the footer
also show the page's title: they are kept with the title taken out, and get the page's own put in.

The theme overrides (``overrides/partials/nav.html``, the ``config``, ``header`` and ``footer``
blocks in ``main.html``) ask this memo. The navigation override includes Material's own partial,
which ``theme_loader`` makes reachable as ``material/partials/nav.html`` beside the override that
shadows it.
"""

from __future__ import annotations

from collections.abc import Iterable

import jinja2
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, get_theme_dir

MATERIAL_PREFIX = "material"
_TITLE = "\x00titel\x00"  # where a kept part had its page's title: no page's text holds a NUL


class ThemeMemo:
    """Rendered theme parts for the pages outside the navigation, by what their links depend on; one per build."""

    def __init__(self, nav_pages: Iterable[Page], also_linked: Iterable[str] = ()) -> None:
        """``also_linked``: the site-relative URLs of other pages the parts link to (the footer's legal pages)."""
        pages = list(nav_pages)
        self._in_nav = {id(page) for page in pages}
        self._linked_urls = [page.url for page in pages] + list(also_linked)
        self._rendered: dict[tuple[str, ...], str] = {}
        self._last: tuple[int, tuple[str, ...]] = (0, ())

    def get(self, page: Page | None, base_url: str, part: str, title: str | None = None) -> str | None:
        """The part as rendered for an earlier page like this one, or None: render it, then ``put`` it.
        ``title``: for a part that also shows the page's title (the header, the footer's feedback
        link), the exact text the part writes for it; it is put in where the kept part had its own."""
        kept = None if self.own(page) else self._rendered.get((part, *self.links(page, base_url)))
        return kept if kept is None or title is None else kept.replace(_TITLE, title)

    def put(self, page: Page | None, base_url: str, part: str, html: str, title: str | None = None) -> str:
        """Keep the part for later pages like this one; returns it. A part with the page's title is
        kept with the title taken out, and only where it occurs exactly once, so that the place to
        put another page's title is certain."""
        kept = html
        if title is not None:
            if not title or html.count(title) != 1:
                return html
            kept = html.replace(title, _TITLE)
        if not self.own(page):
            self._rendered[(part, *self.links(page, base_url))] = kept
        return html

    def own(self, page: Page | None) -> bool:
        """Whether the page needs parts of its own: it is in the navigation, or not a page at all (404)."""
        return page is None or id(page) in self._in_nav

    def links(self, page: Page, base_url: str) -> tuple[str, ...]:
        """The relative links the theme would write on this page, as MkDocs' ``url`` filter makes them."""
        if self._last[0] != id(page):
            self._last = (id(page), (base_url, *(get_relative_url(url, page.url) for url in self._linked_urls)))
        return self._last[1]


def theme_loader(loader: jinja2.BaseLoader) -> jinja2.BaseLoader:
    """The theme's loader, plus Material's templates under ``material/``, unshadowed by overrides."""
    material = jinja2.FileSystemLoader(get_theme_dir(MATERIAL_PREFIX))
    return jinja2.ChoiceLoader([loader, jinja2.PrefixLoader({MATERIAL_PREFIX: material})])


class Translations:
    """Material's interface texts ("Zum Inhalt", "Suche", …), each looked up once per build.

    Material's language template builds its whole table of about 100 texts anew for every text a
    page asks for, some 30 times per page: at N = 1,000 over a quarter of MkDocs' work per page
    (py-spy samples of its process 3,839 -> 2,779 without it). The override
    ``overrides/partials/language.html`` asks this object instead, which asks Material's own
    template once per text and keeps the answer: the texts depend only on the site's language.
    """

    def __init__(self, env: jinja2.Environment, config: object) -> None:
        self._material = env.get_template(f"{MATERIAL_PREFIX}/partials/language.html").make_module({"config": config})
        self._texts: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        if key not in self._texts:
            self._texts[key] = self._material.t(key)
        return self._texts[key]
