"""The site operator's legal information: imprint, privacy notice, accessibility statement, feedback.

A public body's website must carry all three texts (§ 5 DDG, Art. 13 DSGVO, § 7 BITV 2.0). They are
written from ``agendas/_rechtliches.yml``, so they go through the same review as the agendas, and a
missing required element stops the build with its own code (DA602) and its legal basis.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Mark
from .schema import Record, convert_record
from .schemas import LEGAL
from .sink import Sink
from .yamlsafe import read_yaml_file

LEGAL_FILE = "_rechtliches.yml"


@dataclass(frozen=True)
class Requirement:
    path: str  # dotted key, e.g. "anbieter.name"
    basis: str  # the legal basis, shown in the message
    hint: str  # what to write


REQUIRED = (
    Requirement("anbieter", "§ 5 DDG", "Angaben zum Anbieter der Website"),
    Requirement("anbieter.name", "§ 5 Abs. 1 Nr. 1 DDG", "Name der Körperschaft"),
    Requirement("anbieter.rechtsform", "§ 5 Abs. 1 Nr. 1 DDG", "z. B. Körperschaft des öffentlichen Rechts"),
    Requirement("anbieter.vertreten_durch", "§ 5 Abs. 1 Nr. 1 DDG", "vertretungsberechtigte Person mit Funktion"),
    Requirement("anbieter.anschrift", "§ 5 Abs. 1 Nr. 1 DDG", "Postanschrift"),
    Requirement("anbieter.email", "§ 5 Abs. 1 Nr. 2 DDG", "E-Mail-Adresse"),
    Requirement("anbieter.telefon", "§ 5 Abs. 1 Nr. 2 DDG", "Telefonnummer für die schnelle Kontaktaufnahme"),
    Requirement("datenschutz", "Art. 13 DSGVO", "Angaben für die Datenschutzerklärung"),
    Requirement("datenschutz.beauftragte", "Art. 13 Abs. 1 lit. b DSGVO", "Datenschutzbeauftragte(r)"),
    Requirement("datenschutz.email", "Art. 13 Abs. 1 lit. b DSGVO", "Kontakt der oder des Datenschutzbeauftragten"),
    Requirement("datenschutz.hosting", "Art. 13 Abs. 1 lit. e DSGVO", "wer die Website im Auftrag betreibt"),
    Requirement("datenschutz.protokolle_tage", "Art. 13 Abs. 2 lit. a DSGVO",
                "Speicherdauer der Server-Protokolle in Tagen"),
    Requirement("datenschutz.aufsichtsbehoerde", "Art. 13 Abs. 2 lit. d DSGVO",
                "Aufsichtsbehörde für Beschwerden mit „name:“"),
    Requirement("datenschutz.aufsichtsbehoerde.name", "Art. 13 Abs. 2 lit. d DSGVO",
                "Name der Aufsichtsbehörde"),
    Requirement("barrierefreiheit", "§ 7 BITV 2.0", "Angaben für die Erklärung zur Barrierefreiheit"),
    Requirement("barrierefreiheit.stand", "§ 7 Abs. 1 BITV 2.0", "vollstaendig, teilweise oder nicht"),
    Requirement("barrierefreiheit.methode", "§ 7 Abs. 1 BITV 2.0", "selbstbewertung oder pruefung-durch-dritte"),
    Requirement("barrierefreiheit.erstellt_am", "§ 7 Abs. 1 BITV 2.0", "Datum der Erklärung"),
    Requirement("barrierefreiheit.kontakt_email", "§ 7 Abs. 1 Nr. 2 BITV 2.0",
                "E-Mail-Adresse für Mängel und Anfragen"),
    Requirement("barrierefreiheit.schlichtungsstelle", "§ 7 Abs. 1 Nr. 3 BITV 2.0",
                "Schlichtungsstelle mit „name:“ und „website:“"),
    Requirement("barrierefreiheit.schlichtungsstelle.name", "§ 7 Abs. 1 Nr. 3 BITV 2.0",
                "Name der Schlichtungsstelle"),
    Requirement("barrierefreiheit.schlichtungsstelle.website", "§ 7 Abs. 1 Nr. 3 BITV 2.0",
                "Internetadresse der Schlichtungsstelle"),
    Requirement("rueckmeldung", "§ 7 Abs. 1 Nr. 2 BITV 2.0", "Rückmeldung zu jeder Seite mit „email:“"),
    Requirement("rueckmeldung.email", "§ 7 Abs. 1 Nr. 2 BITV 2.0", "Adresse für Rückmeldungen"),
)


@dataclass(frozen=True)
class Legal:
    """The checked legal information; templates read it through ``record``."""

    path: str
    record: Record

    def get(self, dotted: str) -> object:
        """A value by dotted key ("anbieter.name"), or None."""
        value: object = self.record
        for key in dotted.split("."):
            value = value.get(key) if isinstance(value, Record) else None
        return value


def load_legal(root: Path, path_shown: str, out: list[Diagnostic]) -> Legal | None:
    """Read and check ``_rechtliches.yml`` in the agendas folder; None if it cannot be used."""
    path = root / LEGAL_FILE
    sink = Sink(f"{path_shown}/{LEGAL_FILE}", out)
    if not path.exists() and not path.is_symlink():
        sink.emit("DA601", Mark(1, 1))
        return None
    node = read_yaml_file(path, sink)
    record = convert_record(node, LEGAL, sink) if node is not None else None
    if record is None:
        return None
    _report_required(record, sink)
    accessibility = record.get("barrierefreiheit")
    if (isinstance(accessibility, Record) and accessibility.get("stand") in ("teilweise", "nicht")
            and not accessibility.get("nicht_barrierefrei")):
        sink.emit("DA603", accessibility.mark, stand=accessibility.get("stand"))
    return Legal(sink.path, record)


def _report_required(record: Record, sink: Sink) -> None:
    """Report each missing required element once: under a missing section, not its keys as well."""
    absent: list[str] = []
    for requirement in REQUIRED:
        parent_path, _, key = requirement.path.rpartition(".")
        if any(requirement.path.startswith(gone + ".") for gone in absent):
            continue
        parent = _record_at(record, parent_path)
        if parent is None or parent.has(key):
            continue
        absent.append(requirement.path)
        sink.emit("DA602", parent.mark, key=requirement.path, basis=requirement.basis, hint=requirement.hint)


def _record_at(record: Record, dotted: str) -> Record | None:
    for key in filter(None, dotted.split(".")):
        value = record.get(key)
        if not isinstance(value, Record):
            return None
        record = value
    return record
