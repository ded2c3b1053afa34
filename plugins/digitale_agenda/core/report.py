"""`agenda report`: completeness per agenda and action field, as Markdown (PR comment) or JSON."""

from __future__ import annotations

import json

from .completeness import Completeness, completeness
from .diagnostics import Severity
from .validate import Result


def scores(result: Result) -> list[Completeness]:
    framework = result.catalogue.framework
    return [completeness(agenda, framework) for agenda in result.catalogue.agendas.values()]


def _pct(value: float) -> str:
    return f"{round(value * 100)} %"


def as_markdown(result: Result) -> str:
    framework = result.catalogue.framework
    rows = scores(result)
    by_agenda: dict[str, list[int]] = {}
    for d in result.diagnostics:
        counts = by_agenda.setdefault(d.agenda or "", [0, 0])
        counts[d.severity is Severity.WARNING] += 1
    lines = [
        "## Vollständigkeit der Digitalen Agenden",
        "",
        f"{len(rows)} Agenden, Rahmen „{framework.title}“. {result.errors} Fehler, {result.warnings} Warnungen.",
        "",
        "| Agenda | Status | Gesamt | " + " | ".join(f.title for f in framework.fields) + " | Fehler | Warnungen |",
        "|---|---|---:|" + "---:|" * len(framework.fields) + "---:|---:|",
    ]
    for row in sorted(rows, key=lambda r: r.name):
        agenda = result.catalogue.agendas[row.slug]
        errors, warnings = by_agenda.get(row.slug, [0, 0])
        cells = " | ".join(_pct(f.score) for f in row.fields)
        lines.append(f"| {row.name} (`{row.slug}`) | {agenda.status or '–'} | **{_pct(row.score)}** | {cells} "
                     f"| {errors} | {warnings} |")
    lines += [
        "",
        "Definition: 10 % Stammdaten, 90 % Mittelwert der Handlungsfelder; je Feld zur Hälfte die gefüllten "
        "Pflichtabschnitte, zur Hälfte die Angaben der Maßnahmen (siehe docs/format.md, „Vollständigkeit“).",
    ]
    return "\n".join(lines) + "\n"


def as_json(result: Result) -> str:
    data = {
        "framework": result.catalogue.framework.id,
        "errors": result.errors,
        "warnings": result.warnings,
        "agendas": [
            {
                "slug": row.slug, "name": row.name, "score": round(row.score, 4), "metadata": round(row.metadata, 4),
                "fields": [
                    {"id": f.field_id, "title": f.title, "score": round(f.score, 4), "sections": round(f.sections, 4),
                     "measures": round(f.measures, 4), "measure_count": f.measure_count}
                    for f in row.fields
                ],
            }
            for row in scores(result)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
