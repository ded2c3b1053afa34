"""The reader's site as generated Markdown pages, rendered from the model with Jinja2 templates.

The core only renders text: the MkDocs adapter turns the pages into files, so MkDocs converts
their links (and validates them) like hand-written pages. Templates live in the site's
``overrides/agenda/`` folder, so a site can restyle every page without touching Python.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .model import Measure
from .schemas import AGENDA_KIND_TITLES, AGENDA_STATUS_TITLES
from .views import Views

PAGE_SIZE = 100  # entries per list page: keeps every page's size independent of the number of agendas
MATRIX_PAGE_SIZE = 20  # comparison rows carry eight cells each


@dataclass(frozen=True)
class Pager:
    """Where a page stands in a paged list; the templates render it as a short page navigation."""

    number: int
    uris: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.uris)

    def window(self, around: int = 2) -> list[int]:
        """First, last and a few pages around the current one: a constant number of links."""
        near = range(max(1, self.number - around), min(self.total, self.number + around) + 1)
        return sorted({1, self.total, *near})


def paged_uri(base: str, number: int) -> str:
    """'laender/bayern.md' -> 'laender/bayern/seite-2.md'; 'kommunen/index.md' -> 'kommunen/seite-2.md'."""
    if number == 1:
        return base
    folder = posixpath.dirname(base) if base.endswith("/index.md") else base[: -len(".md")]
    return f"{folder}/seite-{number}.md"


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # e.g. "kommunen/musterstadt/verwaltung.md"
    markdown: str


# Where each kind of page lives; every link between generated pages goes through these.
def agenda_uri(slug: str) -> str:
    return f"kommunen/{slug}/index.md"


def agenda_field_uri(slug: str, field_id: str) -> str:
    return f"kommunen/{slug}/{field_id}.md"


def measure_uri(measure: Measure) -> str:
    return f"{agenda_field_uri(measure.agenda, measure.field_id)}#{measure.id}"


def field_uri(field_id: str) -> str:
    return f"handlungsfelder/{field_id}.md"


def land_uri(land_slug: str) -> str:
    return f"laender/{land_slug}.md"


def kreis_uri(slug: str) -> str:
    return f"kreise/{slug}.md"


def compare_uri(land_slug: str) -> str:
    return f"vergleich/{land_slug}.md"


def field_land_uri(field_id: str, land_slug: str) -> str:
    return f"handlungsfelder/{field_id}/{land_slug}.md"


def letter_uri(letter: str) -> str:
    return f"kommunen/a-z/{letter.lower()}.md"


def kind_uri(kind: str) -> str:
    return f"kommunen/art/{kind}.md"


def initiative_uri(initiative_id: str) -> str:
    return f"initiativen/{initiative_id}.md"


def environment(templates: Path) -> jinja2.Environment:
    """A strict environment: a typo in a template is an error, not an empty string.

    Comments are ``{## … ##}`` because ``{#id}`` is Markdown's attribute syntax for anchors.
    """
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=True,
                             comment_start_string="{##", comment_end_string="##}",
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters["cell"] = lambda text: jinja2.filters.escape(str(text)).replace("|", "&#124;")
    env.filters["de_number"] = _de_number
    env.globals.update(kind_titles=AGENDA_KIND_TITLES, agenda_status_titles=AGENDA_STATUS_TITLES)
    return env


def _de_number(value: float | int) -> str:
    """1234567.5 -> '1.234.567,5' (German digit grouping)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def generate(views: Views, env: jinja2.Environment,
             merge_search: list[dict[str, str]] | None = None) -> Iterator[GeneratedPage]:
    """Every generated page; each is rendered once from the model.

    ``merge_search`` lists other sites' search bundles ({"bundle": "/by/pagefind/", "base": "/by/"})
    that the search page queries together with this site's own index.
    """
    framework = views.framework
    uris = dict(agenda_uri=agenda_uri, agenda_field_uri=agenda_field_uri, measure_uri=measure_uri,
                field_uri=field_uri, land_uri=land_uri, kreis_uri=kreis_uri, compare_uri=compare_uri,
                initiative_uri=initiative_uri, field_land_uri=field_land_uri, letter_uri=letter_uri,
                kind_uri=kind_uri)

    def page(uri: str, template: str, **context: Any) -> GeneratedPage:
        def link(target: str) -> str:
            path, _, anchor = target.partition("#")
            relative = posixpath.relpath(path, posixpath.dirname(uri) or ".")
            return relative + (f"#{anchor}" if anchor else "")

        text = env.get_template(template).render(views=views, framework=framework, link=link, uri=uri,
                                                 **uris, **context)
        return GeneratedPage(uri, text)

    def pages(base: str, template: str, items: list[Any], size: int = PAGE_SIZE,
              **context: Any) -> Iterator[GeneratedPage]:
        """A list split into pages of ``size`` entries: base.md, base/seite-2.md, …"""
        chunks = [items[i:i + size] for i in range(0, len(items), size)] or [[]]
        pager_uris = tuple(paged_uri(base, number) for number in range(1, len(chunks) + 1))
        for number, chunk in enumerate(chunks, 1):
            yield page(pager_uris[number - 1], template, items=chunk, pager=Pager(number, pager_uris), **context)

    yield page("index.md", "home.md.j2")
    yield page("kommunen/index.md", "kommunen.md.j2")
    for letter, agendas in views.by_initial():
        yield from pages(letter_uri(letter), "kommunen_liste.md.j2", agendas, title=f"Kommunen: {letter}")
    for kind, agendas in views.by_kind().items():
        yield from pages(kind_uri(kind), "kommunen_liste.md.j2", agendas, title=AGENDA_KIND_TITLES[kind])
    for agenda in views.agendas:
        yield page(agenda_uri(agenda.slug), "kommune.md.j2", agenda=agenda)
        for action_field in framework.fields:
            doc = agenda.fields.get(action_field.id)
            if doc is not None:
                yield page(agenda_field_uri(agenda.slug, action_field.id), "kommune_feld.md.j2", agenda=agenda,
                           field=action_field, doc=doc)
    yield page("handlungsfelder/index.md", "handlungsfelder.md.j2")
    for action_field in framework.fields:
        groups = views.measures_by_field(action_field.id)
        yield page(field_uri(action_field.id), "handlungsfeld.md.j2", field=action_field, groups=groups)
        for region, measures in groups:
            yield from pages(field_land_uri(action_field.id, region.slug), "handlungsfeld_land.md.j2", measures,
                             field=action_field, region=region)
    yield page("laender/index.md", "laender.md.j2")
    yield page("vergleich/index.md", "vergleich.md.j2")
    for region in views.by_land.values():
        yield from pages(land_uri(region.slug), "land.md.j2", region.agendas, region=region,
                         kreise=views.kreise_by_land.get(region.slug, []))
        yield from pages(compare_uri(region.slug), "vergleich_land.md.j2", region.agendas, MATRIX_PAGE_SIZE,
                         region=region)
    for region in views.kreise.values():
        members = ([region.lead] if region.lead else []) + region.agendas
        yield from pages(kreis_uri(region.slug), "kreis.md.j2", members, region=region, members=members)
    yield page("suche.md", "suche.md.j2", merge_search=merge_search or [])
    initiatives = sorted(views.catalogue.initiatives.values(), key=lambda i: i.title)
    yield from pages("initiativen/index.md", "initiativen.md.j2", initiatives)
    for initiative in initiatives:
        yield page(initiative_uri(initiative.id), "initiative.md.j2", initiative=initiative)
