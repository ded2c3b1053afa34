"""Links to agendas and measures, status badges, progress bars and the facts listed under each
measure, written in Python.

On an agenda's field page, Jinja spent about two thirds of the page's rendering on a measure's
facts (lead, period, partners, budget, …) and its list "Wer macht das auch?": N = 1,000, 0.63 ms
per measure, most of it in the machinery Jinja runs for every call of a macro, a filter or a
method (``k.get("name")`` is one) and for every ``{% set %}`` block. An agenda's field pages are
nine in ten of a large site's pages. Here the same markup is put together as plain strings, with
one ``Markup`` per value; the templates still lay it out (``measure.html.j2``, ``macros.facts``).
A field page then rendered in about 0.75 instead of 1.2 ms; plain-string escaping (below) brought
it to about 0.65 ms (CPU time).

The text is exactly what the templates wrote before: escaped as Jinja's autoescape escapes
(``markupsafe.escape``), trimmed as its ``trim`` filter trims. Inside, values are escaped into plain
strings (``_escaped``) and each returned value becomes a ``Markup`` once: ``markupsafe.escape`` makes a
``Markup`` of every piece through Python-level constructors, and a field page made about 300 of them,
a sixth of its rendering time.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from .model import Agenda, Measure
from .progress import de_number
from .schema import Record
from .views import Views

RELATED_REASONS = {"verweis": " – Bezug dieser Maßnahme", "verwiesen": " – bezieht sich auf diese Maßnahme"}
Href = Callable[[str], str]  # a site-relative target ("kommunen/musterstadt.md#id") as this page links to it


def agenda_link(agenda: Agenda, href: Href, agenda_uri: Callable[[str], str]) -> Markup:
    """The agenda's name, linked to its page."""
    return Markup(f'<a href="{_escaped(href(agenda_uri(agenda.slug)))}">{_escaped(agenda.name)}</a>')


def measure_link(measure: Measure, views: Views, href: Href, measure_uri: Callable[[Measure], str]) -> Markup:
    """The measure's title linked to it, then its municipality: "Glasfaser (Musterstadt)"."""
    return Markup(f'<a href="{_escaped(href(measure_uri(measure)))}">{_escaped(measure.title)}</a> '
                  f"({_escaped(views.catalogue.agendas[measure.agenda].name)})")


def status_badge(status_id: str, views: Views) -> Markup:
    """A status as a coloured label that is also text: "In Umsetzung". A measure table of 100 rows
    called the macro for this and ``progress_bar`` 200 times; as functions, the pages
    with such tables (a field in one Land, comparisons) render about a fifth faster."""
    return Markup(f'<span class="da-badge da-status-{_escaped(status_id)}">'
                  f"{_escaped(views.status_title(status_id))}</span>")


def progress_bar(value: object) -> Markup:
    """A progress bar for the eye, with the number as text for everyone: "65 %"."""
    text = _escaped(value)
    return Markup(f'<progress class="da-progress" value="{text}" max="100" aria-hidden="true"></progress> {text} %')


def measure_facts(measure: Measure, views: Views, agenda_link: Callable[[Agenda], Markup],
                  measure_link: Callable[[Measure], Markup]) -> list[tuple[str, Markup]]:
    """(label, value) of each fact the measure has, in the order shown, empty ones left out."""
    agendas = views.catalogue.agendas
    partners = [agenda_link(agendas[slug]) for slug in measure.partner_municipalities if slug in agendas]
    items = (("Federführung", _escaped(measure.lead or "")),
             ("Zeitraum", _period(measure)),
             ("Partner", ", ".join([*partners, *map(_escaped, measure.partner_organisations)])),
             ("Budget", _budget(measure.budget)),
             ("Kennzahlen", "<br>".join(map(_indicator, measure.indicators))),
             ("Nachweise", "<br>".join(f'<a href="{_escaped(record.get("url"))}">{_escaped(record.get("titel"))}</a>'
                                       for record in measure.evidence)),
             ("Bezüge", "<br>".join(map(measure_link, views.references(measure)))),
             ("Schlagworte", ", ".join(map(_escaped, measure.tags))))
    return [(label, Markup(text)) for label, value in items if (text := value.strip())]


def related_items(measure: Measure, views: Views, measure_link: Callable[[Measure], Markup]) -> list[Markup]:
    """The list "Wer macht das auch?": each related measure linked, with why it is related where it
    refers to this one or this one to it (``views.related``)."""
    return [Markup(f"{measure_link(entry.measure)}{RELATED_REASONS.get(entry.reason, '')}")
            for entry in views.related.get(measure.ref, ())]


def _period(measure: Measure) -> str:
    if not (measure.start or measure.end):
        return ""
    return f"{_escaped(measure.start or 'offen')} bis {_escaped(measure.end or 'offen')}"


def _budget(budget: Record | None) -> str:
    if not budget:
        return ""
    amount, funding = budget.get("betrag_eur"), budget.get("finanzierung")
    text = "" if amount is None else f"{_escaped(de_number(amount))} €"
    if funding:
        text += f"{' – ' if amount is not None else ''}{_escaped(funding)}"
    return text


def _indicator(record: Record) -> str:
    """"Name: 81 von 100 % (Ausgangswert 10)", each part only where its value is given."""
    actual, target, unit, baseline = (record.get(key) for key in ("istwert", "zielwert", "einheit", "ausgangswert"))
    text = _escaped(record.get("name"))
    if actual is not None:
        text += f": {_escaped(de_number(actual))}"
    if target is not None:
        text += f" von {_escaped(de_number(target))}"
    if unit:
        text += f" {_escaped(unit)}"
    if baseline is not None:
        text += f" (Ausgangswert {_escaped(de_number(baseline))})"
    return text


def _escaped(value: object) -> str:
    """``value`` as text, escaped exactly as ``markupsafe.escape`` escapes it, but as a plain string:
    the ``Markup`` that function returns is built by Python-level code for every piece."""
    if type(value) is not str:  # the common case first: a str has no __html__ to look for
        if hasattr(value, "__html__"):
            return str(value.__html__())
        value = str(value)
    return (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))
