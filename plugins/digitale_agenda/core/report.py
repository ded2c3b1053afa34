"""`agenda report`: completeness per agenda and action field, as Markdown (PR comment) or JSON.

In a pull request the report covers the agendas it changed (``Scope.since``), and its Markdown
table stops at ``MARKDOWN_ROWS`` rows: GitHub shows a job summary of at most 1 MiB and GitLab takes
a comment of at most 1,000,000 characters, while the table of all 11,000 German municipalities
is 1.6 MB. JSON always holds every agenda in scope.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass

from .completeness import Completeness, completeness
from .diagnostics import Diagnostic, Severity, count
from .progress import de_count, de_number
from .validate import Result

MARKDOWN_ROWS = 1_000  # about 250 KB of table at most


@dataclass(frozen=True)
class Scope:
    """Which agendas a report covers: all (``agendas`` None), or those changed since ``since``, which
    names the agendas ``removed`` since, too."""

    agendas: Collection[str] | None = None
    since: str | None = None
    removed: tuple[str, ...] = ()


def scores(result: Result, scope: Scope = Scope()) -> list[Completeness]:
    framework = result.catalogue.framework
    return [completeness(agenda, framework) for slug, agenda in result.catalogue.agendas.items()
            if scope.agendas is None or slug in scope.agendas]


def _in_scope(result: Result, scope: Scope) -> list[Diagnostic]:
    """The diagnostics the report counts: all, or those of the agendas in scope."""
    if scope.agendas is None:
        return result.diagnostics
    return [d for d in result.diagnostics if d.agenda in scope.agendas]


def _listed(slugs: list[str]) -> str:
    """Agenda folders in a sentence: at most ``MARKDOWN_ROWS``, then how many more."""
    named = ", ".join(f"`{slug}`" for slug in slugs[:MARKDOWN_ROWS])
    more = len(slugs) - MARKDOWN_ROWS
    return named + (f" und {de_number(more)} weitere" if more > 0 else "")


def _pct(value: float) -> str:
    return f"{round(value * 100)} %"


def as_markdown(result: Result, scope: Scope = Scope()) -> str:
    framework = result.catalogue.framework
    rows = sorted(scores(result, scope), key=lambda r: r.name)
    unreadable = sorted(slug for slug in result.catalogue.unreadable if scope.agendas is None or slug in scope.agendas)
    diagnostics = _in_scope(result, scope)
    by_agenda: dict[str, list[int]] = {}
    for d in diagnostics:
        counts = by_agenda.setdefault(d.agenda or "", [0, 0])
        counts[d.severity is Severity.WARNING] += 1
    lines = ["## Vollständigkeit der Digitalen Agenden", ""]
    removed = [f"Seit {scope.since} entfernt: {_listed(list(scope.removed))}."] if scope.removed else []
    if scope.agendas is not None and not scope.agendas:
        return "\n".join([*lines, *removed, f"Seit {scope.since} wurde keine andere Agenda geändert." if removed
                           else f"Seit {scope.since} wurde keine Agenda geändert."]) + "\n"
    covered = len(rows) + len(unreadable)
    which = de_count(covered, "Agenda", "Agenden")
    if scope.since is not None:
        which = de_count(covered, f"seit {scope.since} geänderte Agenda", f"seit {scope.since} geänderte Agenden")
    errors = de_count(count(diagnostics, Severity.ERROR), "Fehler", "Fehler")
    warnings = de_count(count(diagnostics, Severity.WARNING), "Warnung", "Warnungen")
    lines.append(f"{which}, Rahmen „{framework.title}“. {errors}, {warnings}.")
    if rows:
        lines += [
            "",
            "| Agenda | Status | Gesamt | " + " | ".join(f.title for f in framework.fields) + " | Fehler | Warnungen |",
            "|---|---|---:|" + "---:|" * len(framework.fields) + "---:|---:|",
        ]
    for row in rows[:MARKDOWN_ROWS]:
        agenda = result.catalogue.agendas[row.slug]
        own_errors, own_warnings = by_agenda.get(row.slug, [0, 0])
        cells = " | ".join(_pct(f.score) for f in row.fields)
        lines.append(f"| {row.name} (`{row.slug}`) | {agenda.status or '–'} | **{_pct(row.score)}** | {cells} "
                     f"| {own_errors} | {own_warnings} |")
    if len(rows) > MARKDOWN_ROWS:
        lines += ["", f"… und {de_count(len(rows) - MARKDOWN_ROWS, 'weitere Agenda', 'weitere Agenden')}; "
                      f"alle zeigt `agenda report --format json`."]
    if unreadable:
        lines += ["", f"Ohne Wert, weil ihre `agenda.yml` fehlt oder nicht lesbar ist: {_listed(unreadable)} "
                      f"(siehe `agenda validate`)."]
    if removed:
        lines += ["", *removed]
    lines += [
        "",
        "Definition: 10 % Stammdaten, 90 % Mittelwert der Handlungsfelder; je Feld zur Hälfte die gefüllten "
        "Pflichtabschnitte, zur Hälfte die Angaben der Maßnahmen (siehe docs/format.md, „Vollständigkeit“).",
    ]
    return "\n".join(lines) + "\n"


def as_json(result: Result, scope: Scope = Scope()) -> str:
    diagnostics = _in_scope(result, scope)
    data = {
        "framework": result.catalogue.framework.id,
        **({"changed_since": scope.since, "removed": list(scope.removed)} if scope.since is not None else {}),
        "errors": count(diagnostics, Severity.ERROR),
        "warnings": count(diagnostics, Severity.WARNING),
        "agendas": [
            {
                "slug": row.slug, "name": row.name, "score": round(row.score, 4), "metadata": round(row.metadata, 4),
                "fields": [
                    {"id": f.field_id, "title": f.title, "score": round(f.score, 4), "sections": round(f.sections, 4),
                     "measures": round(f.measures, 4), "measure_count": f.measure_count}
                    for f in row.fields
                ],
            }
            for row in scores(result, scope)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
