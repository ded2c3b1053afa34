"""`agenda new`: a complete skeleton with every required section and German guidance.

The skeleton is a draft (status ``entwurf``), so its placeholders are warnings until replaced.
Nothing is ever overwritten: an existing folder is refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .framework import ActionField, Framework
from .schemas import AGENDA_KIND_TITLES

_OWNER_HINT = {
    "gemeinde": "Erster Bürgermeister",
    "stadt": "Bürgermeisterin",
    "kreisfreie-stadt": "Oberbürgermeisterin",
    "landkreis": "Landrätin",
    "verband": "Verbandsdirektor",
}

_SECTION_GUIDANCE = {
    "Ausgangslage": "Wo steht die Kommune heute in diesem Handlungsfeld? Was ist erreicht, wo fehlt es?",
    "Ziele": "Was soll bis wann erreicht sein? Möglichst messbar formulieren.",
    "Maßnahmen": "Ein bis zwei Sätze zur Einordnung. Die Maßnahmen selbst stehen oben im Kopfbereich.",
    "Kennzahlen": "Woran wird der Fortschritt gemessen?",
    "Kooperationen": "Mit welchen Kommunen und Organisationen wird zusammengearbeitet?",
    "Ausblick": "Was folgt nach der Laufzeit dieser Agenda?",
}


# First line of agenda.yml: VS Code's YAML extension reads the schema from it and then completes keys
# and marks mistakes while typing (the path fits agendas/<slug>/agenda.yml; `agenda schema` writes it).
AGENDA_MODELINE = "# yaml-language-server: $schema=../../schemas/agenda.schema.json"


class ScaffoldError(Exception):
    """The skeleton cannot be written (the message is for the editor)."""


def write_skeleton(root: Path, slug: str, name: str, kind: str, land: str, framework: Framework,
                   today: dt.date | None = None) -> list[Path]:
    folder = root / slug
    if folder.exists():
        raise ScaffoldError(f"„{folder}“ existiert bereits; nichts wurde überschrieben.")
    files = {folder / "agenda.yml": _agenda_yml(name, kind, land, today or dt.date.today())}
    for action_field in framework.fields:
        files[folder / action_field.file_name] = _field_md(action_field, framework)
    folder.mkdir(parents=True)
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return list(files)


def _agenda_yml(name: str, kind: str, land: str, today: dt.date) -> str:
    key_line = ("# schluessel: nur bei Verbänden ohne amtlichen Schlüssel entbehrlich\n" if kind == "verband"
                else 'schluessel: "[ERGÄNZEN: ARS mit 12 Ziffern oder AGS mit 8 Ziffern]"\n')
    return f"""{AGENDA_MODELINE}
# Stammdaten der Digitalen Agenda von {name}.
# Beschreibung aller Angaben: docs/format.md. Platzhalter „[ERGÄNZEN: …]“ bitte ersetzen.
name: {_quote(name)}
art: {kind}  # {AGENDA_KIND_TITLES[kind]}
{key_line}land: {land}
# kreis: slug-des-landkreises   # nur für kreisangehörige Gemeinden und Städte
# einwohner: 12345
verantwortung:
  rolle: "[ERGÄNZEN: z. B. {_OWNER_HINT[kind]}]"
  # name: Vorname Nachname
kontakt:
  email: "[ERGÄNZEN: Funktionspostfach, z. B. digitales@kommune.example]"
  # stelle: Stabsstelle Digitalisierung
# website: https://www.kommune.example
# Nach dem Beschluss ergänzen und den Status auf „beschlossen“ setzen:
# beschluss:
#   datum: JJJJ-MM-TT
#   drucksache: "DS JJJJ/NNNN"
status: entwurf  # entwurf, beschlossen, in-umsetzung oder fortgeschrieben
letzte_pruefung: {today.isoformat()}
partner: []
lizenz: CC-BY-4.0
zusammenfassung: "[ERGÄNZEN: Ein bis drei Sätze, worum es in dieser Agenda geht.]"
# Wer Änderungen an dieser Agenda freigibt (wird mit „agenda codeowners“ in CODEOWNERS übernommen):
redaktion:
  - "[ERGÄNZEN: Konto wie @organisation/redaktion oder E-Mail-Adresse]"
"""


def _field_md(action_field: ActionField, framework: Framework) -> str:
    sections = []
    for name in action_field.required_sections:
        guidance = _SECTION_GUIDANCE.get(name, "Inhalt dieses Abschnitts.")
        sections.append(f"## {name}\n\n<!-- Hinweis: {guidance} -->\n[ERGÄNZEN: {guidance}]\n")
    optional = ", ".join(action_field.optional_sections)
    hint = f"<!-- Optionale Abschnitte: {optional}. -->\n\n" if optional else ""
    return f"""---
# Maßnahmen im Handlungsfeld „{action_field.title}“. Je Maßnahme ein Eintrag mit „- id: …“.
# Status: {", ".join(framework.status_ids)}. Beschreibung aller Angaben: docs/format.md.
massnahmen:
  - id: {action_field.id}-1
    titel: "[ERGÄNZEN: kurzer Titel der Maßnahme]"
    status: {framework.statuses[0].id}
    federfuehrung: "[ERGÄNZEN: federführende Stelle, z. B. Amt für Digitalisierung]"
    # beginn: JJJJ-MM
    # ende: JJJJ-MM
    # fortschritt: 0
    beschreibung: "[ERGÄNZEN: Was geschieht, für wen, mit welchem Ergebnis?]"
---
# {action_field.title}

<!-- {action_field.description} -->

{hint}{chr(10).join(sections)}"""


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
