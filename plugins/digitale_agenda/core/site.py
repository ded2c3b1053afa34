"""The reader's site as generated pages, rendered from the model to HTML with Jinja2 templates.

The core renders each page's content; the MkDocs adapter puts it into the theme. Templates write
HTML directly (only editors' prose is Markdown, see ``prose``), because converting whole generated
pages as Markdown was most of a large build's time. Pages render lazily, one at a time, so the
memory of a build does not grow with the HTML of all pages. Templates live in the site's
``overrides/agenda/`` folder, so a site can restyle every page without touching Python.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from .facts import agenda_link, measure_facts, measure_link, progress_bar, related_items, status_badge
from .legal import Legal
from .load import INITIATIVES_DIR
from .model import Agenda, Measure
from .progress import de_number
from .prose import ProseRenderer
from .rules import GROUPS, RULES
from .schemas import AGENDA_KIND_TITLES, AGENDA_STATUS_TITLES
from .suggest import slugify
from .views import Views

AGENDAS_URI = "kommunen"  # each agenda's pages lie in a folder of its own below this one
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
class Rendered:
    """A generated page's HTML and the prose links in it that lead to no page. Its table of contents
    (``toc_tokens``) and the assets from other servers it would load (``privacy``) are looked for
    where MkDocs writes it: the process that renders the pages is the busier of the two."""

    html: str
    broken_links: list[str]


@dataclass(frozen=True)
class PageInfo:
    """What MkDocs needs to know of a generated page before it is written."""

    src_uri: str  # e.g. "kommunen/musterstadt/verwaltung.md"
    title: str
    meta: dict[str, Any]  # for the theme: "hide", and "suche: false" for pages left out of the search index


@dataclass(frozen=True)
class GeneratedPage(PageInfo):
    """A page of the site, rendered when it is written: a large site never holds all pages' HTML."""

    render: Callable[[], Rendered] = field(repr=False, compare=False)

    def info(self) -> PageInfo:
        """The page without its renderer, which holds the whole model."""
        return PageInfo(self.src_uri, self.title, self.meta)


# The legal pages, written from agendas/_rechtliches.yml; every page's footer links to them.
LEICHTE_SPRACHE = "leichte-sprache.md"
LEGAL_PAGES = (("impressum.md", "impressum.html.j2", "Impressum"),
               ("datenschutz.md", "datenschutz.html.j2", "Datenschutzerklärung"),
               ("barrierefreiheit.md", "barrierefreiheit.html.j2", "Erklärung zur Barrierefreiheit"),
               (LEICHTE_SPRACHE, "leichte_sprache.html.j2", "Leichte Sprache"))

LIST = {"suche": False}  # list pages repeat titles: not indexed for search
WIDE = {"suche": False, "hide": ["toc"]}


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The address MkDocs gives a page: 'a/b.md' -> 'a/b/' (or 'a/b.html'), 'a/index.md' -> 'a/'."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")] if directory_urls else f"{stem}.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_url(to_url: str, from_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` (both site-relative page addresses).

    'kommunen/b/' from 'vergleich/bayern/' -> '../../kommunen/b/'. Plain string work: this runs for
    every link of every page, and posixpath.relpath asks the operating system for the working folder.
    """
    from_dir = from_url.split("/")[:-1]
    to_parts = to_url.split("/")
    common = 0
    while common < len(from_dir) and common < len(to_parts) - 1 and from_dir[common] == to_parts[common]:
        common += 1
    relative = "../" * (len(from_dir) - common) + "/".join(to_parts[common:])
    return relative or "./"


_HEADING = re.compile(r'<h([1-3]) id="([^"]+)">(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")


def toc_tokens(html: str) -> list[dict[str, Any]]:
    """The headings with an id (h1 to h3), nested as Python-Markdown's toc extension reports them."""
    root: list[dict[str, Any]] = []
    open_levels: list[dict[str, Any]] = []
    for level, anchor, inner in _HEADING.findall(html):
        token = {"level": int(level), "id": anchor, "name": _TAG.sub("", inner).strip(), "children": []}
        while open_levels and open_levels[-1]["level"] >= token["level"]:
            open_levels.pop()
        (open_levels[-1]["children"] if open_levels else root).append(token)
        open_levels.append(token)
    return root


# Where each kind of page lives; every link between generated pages goes through these.
def agenda_uri(slug: str) -> str:
    return f"{AGENDAS_URI}/{slug}/index.md"


def indexed_pages(agenda: Agenda) -> int:
    """The pages of an agenda that the search indexes: its own page and one per action field
    (list pages are not indexed); ``searchshards`` sizes the index parts by it."""
    return 1 + len(agenda.fields)


def agenda_field_uri(slug: str, field_id: str) -> str:
    return f"{AGENDAS_URI}/{slug}/{field_id}.md"


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


def rule_uri(code: str) -> str:
    return f"handbuch/meldungen/{code.lower()}.md"


def initiative_uri(initiative_id: str) -> str:
    return f"initiativen/{initiative_id}.md"


def footer_links(legal: Legal | None, directory_urls: bool = True) -> dict[str, Any] | None:
    """What every page's footer links to: the legal pages (site-relative URLs) and the feedback address."""
    if legal is None:
        return None
    links = [(title, page_url(uri, directory_urls)) for uri, _, title in LEGAL_PAGES
             if uri != LEICHTE_SPRACHE or legal.get("leichte_sprache")]
    form = legal.get("rueckmeldung.formular")
    return {"links": links, "feedback": form or f"mailto:{legal.get('rueckmeldung.email')}"}


def environment(templates: Path) -> jinja2.Environment:
    """A strict environment: a typo in a template is an error, not an empty string."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             auto_reload=False)  # a fresh environment per build: no need to stat templates
    env.filters["de_number"] = de_number
    env.filters["slug"] = slugify
    env.globals.update(kind_titles=AGENDA_KIND_TITLES, agenda_status_titles=AGENDA_STATUS_TITLES)
    return env


def generate(views: Views, env: jinja2.Environment, merge_search: list[dict[str, str]] | None = None,
             directory_urls: bool = True, search_parts: list[dict[str, object]] | None = None) -> list[GeneratedPage]:
    """Every generated page, each rendered from the model when its ``render`` is called.

    ``merge_search`` lists other sites' search bundles ({"bundle": "/by/pagefind/", "base": "/by/"})
    that the search page queries together with this site's own index; ``search_parts`` the further
    bundles of this site's own index, relative to the site, with the Länder of their agendas
    ({"pfad": "pagefind/teil-2/", "laender": ["Bayern"], "seiten": 5000}, see ``searchshards``).
    """
    framework = views.framework
    uris = dict(agenda_uri=agenda_uri, agenda_field_uri=agenda_field_uri, measure_uri=measure_uri,
                field_uri=field_uri, land_uri=land_uri, kreis_uri=kreis_uri, compare_uri=compare_uri,
                initiative_uri=initiative_uri, field_land_uri=field_land_uri, letter_uri=letter_uri,
                kind_uri=kind_uri, rule_uri=rule_uri)
    markup = dict(badge=functools.partial(status_badge, views=views), progress=progress_bar)
    prose = ProseRenderer()
    result: list[GeneratedPage] = []
    known: set[str] = set()

    def render(uri: str, template: str, title: str, context: dict[str, Any]) -> Rendered:
        here = page_url(uri, directory_urls)

        def link(target: str) -> str:
            path, _, anchor = target.partition("#")
            return relative_url(page_url(path, directory_urls), here) + (f"#{anchor}" if anchor else "")

        def resolve(target: str) -> str | None:
            return link(target) if target.partition("#")[0] in known else None

        def prose_html(text: str, folder: str | None) -> Markup:
            return Markup(prose.render(text, folder or INITIATIVES_DIR, resolve))

        def to_agenda(agenda: Agenda) -> Markup:
            return agenda_link(agenda, link, agenda_uri)

        def to_measure(measure: Measure) -> Markup:
            return measure_link(measure, views, link, measure_uri)

        def facts(measure: Measure) -> list[tuple[str, Markup]]:
            return measure_facts(measure, views, to_agenda, to_measure)

        def related(measure: Measure) -> list[Markup]:
            return related_items(measure, views, to_measure)

        html = env.get_template(template).render(views=views, framework=framework, link=link, uri=uri, title=title,
                                                 prose=prose_html, agenda_link=to_agenda, measure_link=to_measure,
                                                 measure_facts=facts, related_items=related, **uris, **markup,
                                                 **context)
        return Rendered(html, prose.take_broken())

    def page(uri: str, template: str, title: str, meta: dict[str, Any] | None = None, **context: Any) -> None:
        known.add(uri)
        result.append(GeneratedPage(uri, title, dict(meta or {}),
                                    functools.partial(render, uri, template, title, context)))

    def pages(base: str, template: str, title: str, items: list[Any], size: int = PAGE_SIZE,
              meta: dict[str, Any] = LIST, **context: Any) -> None:
        """A list split into pages of ``size`` entries: base.md, base/seite-2.md, …"""
        chunks = [items[i:i + size] for i in range(0, len(items), size)] or [[]]
        pager_uris = tuple(paged_uri(base, number) for number in range(1, len(chunks) + 1))
        for number, chunk in enumerate(chunks, 1):
            suffix = f" (Seite {number})" if number > 1 else ""
            page(pager_uris[number - 1], template, title + suffix, meta, items=chunk,
                 pager=Pager(number, pager_uris), **context)

    legal = views.catalogue.legal
    page("index.md", "home.html.j2", "Digitale Agenden", WIDE, legal=legal)
    if legal is not None:
        for uri, template, title in LEGAL_PAGES:
            if uri != LEICHTE_SPRACHE or legal.get("leichte_sprache"):
                page(uri, template, title, LIST, legal=legal)
    page("kommunen/index.md", "kommunen.html.j2", "Kommunen von A bis Z", LIST)
    for letter, agendas in views.by_initial():
        pages(letter_uri(letter), "kommunen_liste.html.j2", f"Kommunen: {letter}", agendas)
    for kind, agendas in views.by_kind().items():
        pages(kind_uri(kind), "kommunen_liste.html.j2", AGENDA_KIND_TITLES[kind], agendas)
    page("handlungsfelder/index.md", "handlungsfelder.html.j2", "Handlungsfelder", LIST)
    for action_field in framework.fields:
        groups = views.measures_by_field(action_field.id)
        page(field_uri(action_field.id), "handlungsfeld.html.j2", action_field.title, LIST, field=action_field,
             groups=groups)
        for region, measures in groups:
            pages(field_land_uri(action_field.id, region.slug), "handlungsfeld_land.html.j2",
                  f"{action_field.title} in {region.name}", measures, field=action_field, region=region)
    page("laender/index.md", "laender.html.j2", "Länder", LIST)
    page("vergleich/index.md", "vergleich.html.j2", "Vergleich", LIST)
    for region in views.by_land.values():
        pages(land_uri(region.slug), "land.html.j2", region.name, region.agendas, region=region,
              kreise=views.kreise_by_land.get(region.slug, []))
        pages(compare_uri(region.slug), "vergleich_land.html.j2", f"Vergleich: {region.name}", region.agendas,
              MATRIX_PAGE_SIZE, WIDE, region=region)
    for region in views.kreise.values():
        members = ([region.lead] if region.lead else []) + region.agendas
        pages(kreis_uri(region.slug), "kreis.html.j2", region.name, members, region=region, members=members)
    page("suche.md", "suche.html.j2", "Suche", WIDE, merge_search=merge_search or [], search_parts=search_parts or [])
    initiatives = sorted(views.catalogue.initiatives.values(), key=lambda i: i.title)
    pages("initiativen/index.md", "initiativen.html.j2", "Gemeinsame Initiativen", initiatives)
    for initiative in initiatives:
        page(initiative_uri(initiative.id), "initiative.html.j2", initiative.title, initiative=initiative)
    # The handbook's reference of diagnostics comes from the rule registry, so it cannot drift from
    # what the validator reports.
    groups = [(group["de"], [rule for rule in RULES.values() if rule.code.startswith(prefix)])
              for prefix, group in GROUPS.items()]
    page("handbuch/meldungen/index.md", "meldungen.html.j2", "Meldungen der Prüfung", LIST, groups=groups)
    for rule in RULES.values():
        page(rule_uri(rule.code), "meldung.html.j2", f"{rule.code} {rule.title['de']}", LIST, rule=rule)
    agendas_start = len(result)  # all pages so far: lists, views, handbook; then each agenda's own
    for agenda in views.agendas:
        page(agenda_uri(agenda.slug), "kommune.html.j2", agenda.name, agenda=agenda)
        for action_field in framework.fields:
            doc = agenda.fields.get(action_field.id)
            if doc is not None:
                page(agenda_field_uri(agenda.slug, action_field.id), "kommune_feld.html.j2",
                     f"{action_field.title} – {agenda.name}", agenda=agenda, field=action_field, doc=doc)
    return spread(result[:agendas_start], result[agendas_start:])


T = TypeVar("T")


def spread(heavy: list[T], light: list[T]) -> list[T]:
    """The light pages in order, with the heavy ones spread evenly among them (each list keeps its order).

    MkDocs writes the pages in this order while another process renders them (``core.prefetch``).
    The pages across agendas (lists, comparisons) take three to six times longer to render than an
    agenda's own pages; all together at one end, one process waited for the other there
    (N = 11,000: about 20 s with both cores half idle).
    """
    gap = (len(light) + 1) / (len(heavy) + 1)
    keyed = [((index + 1) * gap, page) for index, page in enumerate(heavy)]
    keyed += [(float(index), page) for index, page in enumerate(light)]
    return [page for _, page in sorted(keyed, key=lambda item: item[0])]
