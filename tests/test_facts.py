"""The facts under a measure and the links to agendas and measures (core.facts), on the example agendas."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from markupsafe import Markup, escape

from digitale_agenda.core.diagnostics import Mark
from digitale_agenda.core.facts import _escaped, agenda_link, measure_facts, measure_link, progress_bar, status_badge
from digitale_agenda.core.framework import load_framework
from digitale_agenda.core.model import Measure
from digitale_agenda.core.schema import Record
from digitale_agenda.core.site import agenda_uri, measure_uri
from digitale_agenda.core.validate import check
from digitale_agenda.core.views import Views, build_views

AGENDAS = Path(__file__).parent.parent / "agendas"


def _views() -> Views:
    return build_views(check(AGENDAS, load_framework(None)).catalogue)


def _href(target: str) -> str:
    return f"/{target}"


def _facts(views: Views, measure: Measure) -> dict[str, str]:
    facts = measure_facts(measure, views, lambda agenda: agenda_link(agenda, _href, agenda_uri),
                          lambda target: measure_link(target, views, _href, measure_uri))
    return {label: str(value) for label, value in facts}


def test_facts_are_complete_escaped_and_in_order() -> None:
    views = _views()
    measure = next(m for agenda in views.agendas for m in agenda.measures()
                   if m.budget and m.indicators and m.partner_municipalities and m.references)
    hostile = dataclasses.replace(measure, lead='Amt <b>"A & B"</b>', tags=["<x>", "y"],
                                  partner_organisations=["Verein & Co."])
    facts = _facts(views, hostile)
    assert list(facts) == [label for label in ("Federführung", "Zeitraum", "Partner", "Budget", "Kennzahlen",
                                               "Nachweise", "Bezüge", "Schlagworte") if label in facts]
    assert facts["Federführung"] == "Amt &lt;b&gt;&#34;A &amp; B&#34;&lt;/b&gt;"
    assert facts["Schlagworte"] == "&lt;x&gt;, y"
    partner = views.catalogue.agendas[measure.partner_municipalities[0]]
    assert facts["Partner"].startswith(f'<a href="/{agenda_uri(partner.slug)}">{partner.name}</a>')
    assert facts["Partner"].endswith(", Verein &amp; Co.")
    target = views.references(measure)[0]
    assert f'<a href="/{measure_uri(target)}">' in facts["Bezüge"]
    assert "€" in facts["Budget"] and facts["Kennzahlen"]


def test_budget_and_indicators_show_only_what_is_given() -> None:
    views = _views()
    measure = next(m for agenda in views.agendas for m in agenda.measures())
    record = Record({"finanzierung": "Förderprogramm"}, {}, Mark())
    indicator = Record({"name": "Anteil", "istwert": 1234.5, "einheit": "%"}, {}, Mark())
    bare = dataclasses.replace(measure, lead="", start=None, end=None, partner_municipalities=[],
                               partner_organisations=[], budget=record, indicators=[indicator], evidence=[],
                               references=[], tags=[])
    assert _facts(views, bare) == {"Budget": "Förderprogramm", "Kennzahlen": "Anteil: 1.234,5 %"}


def test_values_are_escaped_exactly_as_markupsafe_escapes_them() -> None:
    """The plain-string escaping inside ``facts`` writes what Jinja's autoescape would have written."""
    values = ['Amt <b>"A & B"</b>', "l'Été & Söhne", "", "plain", 1234, 12.5, None, dt.date(2026, 3, 1),
              Markup("<em>kept</em>"), "&amp; already"]
    for value in values:
        assert _escaped(value) == str(escape(value)), value


def test_measure_link_escapes_title_and_municipality() -> None:
    views = _views()
    measure = next(m for agenda in views.agendas for m in agenda.measures())
    hostile = dataclasses.replace(measure, title="<script>x</script> & 'y'")
    link = measure_link(hostile, views, lambda target: f'/{target}?a="1"', measure_uri)
    assert isinstance(link, Markup)
    assert link.startswith(f'<a href="/{measure_uri(measure)}?a=&#34;1&#34;">'
                           "&lt;script&gt;x&lt;/script&gt; &amp; &#39;y&#39;</a> (")


def test_status_badge_and_progress_bar_are_text_too() -> None:
    views = _views()
    status = views.framework.statuses[0]
    assert status_badge(status.id, views) == (f'<span class="da-badge da-status-{status.id}">{status.title}</span>')
    assert status_badge('x"><script>', views) == ('<span class="da-badge da-status-x&#34;&gt;&lt;script&gt;">'
                                                 "x&#34;&gt;&lt;script&gt;</span>")
    assert progress_bar(65) == '<progress class="da-progress" value="65" max="100" aria-hidden="true"></progress> 65 %'
