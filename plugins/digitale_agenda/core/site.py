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


def generate(views: Views, env: jinja2.Environment) -> Iterator[GeneratedPage]:
    """Every generated page; each is rendered once from the model."""
    framework = views.framework

    def page(uri: str, template: str, **context: Any) -> GeneratedPage:
        def link(target: str) -> str:
            path, _, anchor = target.partition("#")
            relative = posixpath.relpath(path, posixpath.dirname(uri) or ".")
            return relative + (f"#{anchor}" if anchor else "")

        text = env.get_template(template).render(views=views, framework=framework, link=link, uri=uri,
                                                 agenda_uri=agenda_uri, agenda_field_uri=agenda_field_uri,
                                                 measure_uri=measure_uri, field_uri=field_uri, land_uri=land_uri,
                                                 kreis_uri=kreis_uri, compare_uri=compare_uri,
                                                 initiative_uri=initiative_uri, **context)
        return GeneratedPage(uri, text)

    yield page("index.md", "home.md.j2")
    yield page("kommunen/index.md", "kommunen.md.j2")
    for agenda in views.agendas:
        yield page(agenda_uri(agenda.slug), "kommune.md.j2", agenda=agenda)
        for action_field in framework.fields:
            doc = agenda.fields.get(action_field.id)
            if doc is not None:
                yield page(agenda_field_uri(agenda.slug, action_field.id), "kommune_feld.md.j2", agenda=agenda,
                           field=action_field, doc=doc)
    yield page("handlungsfelder/index.md", "handlungsfelder.md.j2")
    for action_field in framework.fields:
        yield page(field_uri(action_field.id), "handlungsfeld.md.j2", field=action_field,
                   groups=views.measures_by_field(action_field.id))
    yield page("laender/index.md", "laender.md.j2")
    yield page("vergleich/index.md", "vergleich.md.j2")
    for region in views.by_land.values():
        yield page(land_uri(region.slug), "land.md.j2", region=region, kreise=views.kreise_by_land.get(region.slug, []))
        yield page(compare_uri(region.slug), "vergleich_land.md.j2", region=region)
    for region in views.kreise.values():
        yield page(kreis_uri(region.slug), "kreis.md.j2", region=region)
    yield page("suche.md", "suche.md.j2")
    yield page("initiativen/index.md", "initiativen.md.j2")
    for initiative in views.catalogue.initiatives.values():
        yield page(initiative_uri(initiative.id), "initiative.md.j2", initiative=initiative)

