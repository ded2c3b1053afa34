"""Synthetic agendas for benchmarks and scale tests: plausible, fictional, valid, deterministic.

N agendas spread over the 16 Länder: Landkreise with their Gemeinden and Städte, kreisfreie Städte
and a few Verbände; every agenda covers all action fields of the reference framework with three
measures each and a few KB of prose per field, partners within its Kreis, references to its
Landkreis, and one joint initiative per Kreis. Names are built from "Muster"/"Beispiel"/"Probe"
and invented syllables, so none belongs to a real municipality.

    from synthetic import write_agendas
    write_agendas(Path("/tmp/bench/agendas"), 1000)
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from digitale_agenda.core.framework import load_framework
from digitale_agenda.core.laender import LAENDER
from digitale_agenda.core.legal import LEGAL_FILE

LEGAL_TEMPLATE = Path(__file__).resolve().parent.parent / "agendas" / LEGAL_FILE

PREFIXES = ("Muster", "Beispiel", "Probe", "Fiktiv", "Modell")
SYLLABLES = ("eich", "tann", "linden", "birk", "hasel", "rosen", "sonnen", "wiesen", "fels", "mühl", "brunn",
             "kirch", "stein", "wald", "heide", "moor", "see", "quell", "auen", "reben")
ENDINGS = ("au", "bach", "berg", "dorf", "feld", "hausen", "heim", "hofen", "ingen", "stadt", "tal", "walde",
           "rode", "stedt", "burg", "horst", "winkel", "brück")
STATUSES = ("geplant", "in-umsetzung", "in-umsetzung", "verzoegert", "abgeschlossen")
TAGS = ("breitband", "ozg", "open-data", "schule", "smart-city", "it-sicherheit", "coworking", "ehrenamt",
        "klimaschutz", "mobilitaet", "e-partizipation", "fachkraefte", "datenschutz", "tourismus")
SENTENCES = (
    "Die Verwaltung hat in den vergangenen Jahren erste Online-Dienste eingeführt, doch viele Abläufe "
    "enden noch in Papierakten.",
    "Gewerbegebiete und Ortsteile sind unterschiedlich gut versorgt; die Lücken sollen bis zum Ende der "
    "Laufzeit geschlossen werden.",
    "Bürgerinnen und Bürger erwarten, Anliegen rund um die Uhr erledigen zu können, ohne ins Rathaus zu "
    "kommen.",
    "Vereine, Schulen und Unternehmen sind wichtige Partner und werden früh beteiligt.",
    "Die Kommune arbeitet dabei eng mit dem Landkreis und den Nachbarkommunen zusammen.",
    "Förderprogramme von Bund und Land werden gezielt genutzt, der Eigenanteil ist im Haushalt gesichert.",
    "Fortschritte werden jährlich im Rat berichtet und auf dieser Website veröffentlicht.",
    "Datenschutz und Informationssicherheit werden von Anfang an mitgedacht.",
)


class _Names:
    """Unique fictional names and their slugs."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def next(self) -> tuple[str, str]:
        for attempt in range(1000):
            name = (self.rng.choice(PREFIXES) + "-" + self.rng.choice(SYLLABLES).capitalize()
                    + self.rng.choice(ENDINGS))
            if attempt > 50:
                name += f" {attempt}"
            slug = name.lower().replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").replace(" ", "-")
            if slug not in self.used:
                self.used.add(slug)
                return name, slug
        raise RuntimeError("no free name")


def _prose(rng: random.Random, paragraphs: int) -> str:
    return "\n\n".join(" ".join(rng.sample(SENTENCES, 4)) for _ in range(paragraphs))


def _measure(rng: random.Random, slug: str, field_id: str, number: int, county: str | None,
             partners: list[str]) -> str:
    status = rng.choice(STATUSES)
    progress = {"geplant": 0, "abgeschlossen": 100}.get(status, rng.randint(10, 90))
    start_year = 2023 if status == "abgeschlossen" else rng.randint(2023, 2025)
    end_year = 2025 if status == "abgeschlossen" else rng.randint(2027, 2030)
    lines = [
        f"  - id: {field_id}-{number}",
        f"    titel: Vorhaben {number} im Feld {field_id} in {slug}",
        f"    status: {status}",
        "    federfuehrung: Amt für Digitalisierung",
        f"    beginn: {start_year}-{rng.randint(1, 12):02d}",
        f"    ende: {end_year}-{rng.randint(1, 12):02d}" if status != "abgeschlossen" else f"    ende: {end_year}-06",
        f"    fortschritt: {progress}",
        "    budget:",
        f"      betrag_eur: {rng.randint(5, 500) * 1000}",
        "      finanzierung: Haushalt und Förderprogramm des Landes",
        "    kennzahlen:",
        "      - name: Erreichter Anteil",
        '        einheit: "%"',
        "        ausgangswert: 10",
        "        zielwert: 100",
        f"        istwert: {max(10, progress)}",
        "    nachweise:",
        f"      - titel: Beschluss zum Vorhaben {number}",
        f"        url: https://www.{slug}.example/beschluss/{field_id}-{number}",
        f"    schlagworte: [{', '.join(rng.sample(TAGS, 2))}]",
    ]
    if partners and number == 1:
        lines.append(f"    partner_kommunen: [{partners[0]}]")
    if county and number == 2:
        lines.append(f'    bezuege: ["{county}#{field_id}-1"]')
    lines += ["    beschreibung: >-", "      " + " ".join(rng.sample(SENTENCES, 3))]
    return "\n".join(lines)


def _field_file(rng: random.Random, slug: str, field_id: str, title: str, county: str | None,
                partners: list[str]) -> str:
    measures = "\n".join(_measure(rng, slug, field_id, n, county, partners) for n in (1, 2, 3))
    return (f"---\nmassnahmen:\n{measures}\n---\n# {title}\n\n## Ausgangslage\n\n{_prose(rng, 3)}\n\n"
            f"## Ziele\n\n{_prose(rng, 2)}\n\n## Maßnahmen\n\n{_prose(rng, 1)}\n")


def _agenda_yml(name: str, slug: str, kind: str, key: str | None, land: str, county: str | None,
                partners: list[str], rng: random.Random) -> str:
    lines = [f'name: "{name}"', f"art: {kind}"]
    if key:
        lines.append(f'schluessel: "{key}"')
    lines.append(f"land: {land}")
    if county:
        lines.append(f"kreis: {county}")
    lines += [
        f"einwohner: {rng.randint(800, 600_000) if kind == 'kreisfreie-stadt' else rng.randint(800, 90_000)}",
        "verantwortung:", "  rolle: Bürgermeisterin", "kontakt:", "  stelle: Stabsstelle Digitalisierung",
        f"  email: digitales@{slug}.example",
        "beschluss:", "  datum: 2024-03-14", '  drucksache: "DS 2024/0815"', "status: beschlossen",
        "letzte_pruefung: 2026-06-30", f"partner: [{', '.join(partners)}]", "lizenz: CC-BY-4.0",
        "zusammenfassung: >-", "  " + " ".join(rng.sample(SENTENCES, 2)),
    ]
    return "\n".join(lines) + "\n"


def write_agendas(root: Path, n: int, seed: int = 7) -> int:
    """Write ``n`` agendas (and one initiative per Kreis) under ``root``; returns the number written."""
    rng = random.Random(seed)
    names = _Names(rng)
    fields = [(f.id, f.title) for f in load_framework().fields]
    codes = sorted(LAENDER)
    (root / "_initiativen").mkdir(parents=True, exist_ok=True)
    shutil.copy(LEGAL_TEMPLATE, root / LEGAL_FILE)  # the site's imprint, privacy and accessibility texts
    written = 0
    kreis_number: dict[str, int] = {}
    while written < n:
        code = codes[written % len(codes)]
        land = LAENDER[code]
        kreis_number[code] = kreis_number.get(code, 49) + 1
        number = kreis_number[code]  # Regierungsbezirk and Kreis digits: up to 999 Kreise per Land
        kreis = f"{code}{number // 100}{number % 100:02d}"
        county_name, county = names.next()
        members = [names.next() for _ in range(min(rng.randint(4, 12), max(0, n - written - 1)))]
        member_slugs = [slug for _, slug in members]
        group = [(f"Landkreis {county_name}", county, "landkreis", f"{kreis}0000000", None,
                  member_slugs[:2])]
        for index, (name, slug) in enumerate(members, 1):
            kind = "stadt" if index % 5 == 0 else "gemeinde"
            partners = [county] if index <= 2 else []  # the county lists its first two members: mutual
            group.append((name, slug, kind, f"{kreis}{5000 + index:04d}{index:03d}", county, partners))
        for name, slug, kind, key, parent, partners in group:
            _write_agenda(root, rng, fields, name, slug, kind, key, land, parent, partners)
            written += 1
        if len(members) >= 2:
            refs = ", ".join(f'"{slug}#infrastruktur-1"' for slug in [county, *member_slugs[:2]])
            (root / "_initiativen" / f"verbund-{county}.md").write_text(
                f"---\ntitel: Digitalverbund {county_name}\nmitglieder: [{county}, {', '.join(member_slugs[:2])}]\n"
                f"federfuehrung: {county}\nhandlungsfelder: [infrastruktur, verwaltung]\nstatus: in-umsetzung\n"
                f"beginn: 2024-01\nmassnahmen: [{refs}]\n---\n{_prose(rng, 1)}\n", encoding="utf-8")
    return written


def _write_agenda(root: Path, rng: random.Random, fields: list[tuple[str, str]], name: str, slug: str, kind: str,
                  key: str, land: str, county: str | None, partners: list[str]) -> None:
    folder = root / slug
    folder.mkdir(parents=True)
    (folder / "agenda.yml").write_text(_agenda_yml(name, slug, kind, key, land, county, partners, rng),
                                       encoding="utf-8")
    for field_id, title in fields:
        (folder / f"{field_id}.md").write_text(_field_file(rng, slug, field_id, title, county, partners),
                                               encoding="utf-8")
