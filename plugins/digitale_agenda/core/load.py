"""Loading the agenda directory into the model, reporting what cannot be read.

Loading checks only what is needed to build a well-typed model (syntax, keys, types); rules that
look at the meaning or across agendas live in ``checks``. Each file is read exactly once.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Collection
from functools import partial
from pathlib import Path

import yaml

from .bulkload import Finish, LoadOptions, load_many
from .cache import dumps
from .diagnostics import Diagnostic, Mark
from .files import DATA_SUFFIXES, FileRead, Files, read_folder, read_text
from .framework import ActionField, Framework
from .legal import load_legal
from .markdown_doc import MarkdownDoc, parse
from .model import Agenda, Catalogue, FieldDoc, Initiative, Measure, Skeleton, Source
from .paths import display
from .schema import SLUG, Record, convert_record, missing, report_missing
from .schemas import AGENDA, FIELD_FRONT_MATTER, INITIATIVE
from .sink import Sink
from .suggest import slugify, suggestion_text
from .yamlsafe import read_yaml_file

AGENDA_FILE = "agenda.yml"
INITIATIVES_DIR = "_initiativen"


def load_catalogue(root: Path, framework: Framework, out: list[Diagnostic],
                   only: Collection[str] | None = None, options: LoadOptions | None = None,
                   finish: Finish | None = None) -> Catalogue:
    """Load every agenda folder and every initiative under ``root``.

    With ``only`` (agenda slugs), a focused load for checking a few agendas in a large repository:
    those agendas, the agendas they name (partners, county, referenced measures) and the
    initiatives are read; every other folder is only known to exist (``Catalogue.unloaded``).
    ``options`` allow a cache and several processes for the agenda folders, ``finish`` a step that
    checks and reduces each loaded agenda where it was loaded (see ``bulkload``).
    """
    options = options or LoadOptions()
    catalogue = Catalogue(framework, display(root))
    catalogue.legal = load_legal(root, catalogue.root, out)
    folders: dict[str, Path] = {}
    for entry in sorted(root.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():  # a linked folder could pull in anything from the build machine
            Sink(display(entry), out).emit("DA011", Mark(1, 1), name=entry.name, what="eine Verknüpfung (Symlink)",
                                           what_en="a symbolic link")
            continue
        if entry.name == INITIATIVES_DIR and entry.is_dir():
            for path in sorted(entry.glob("*.md")):
                initiative = load_initiative(path, framework, out)
                if initiative is not None:
                    catalogue.initiatives[initiative.id] = initiative
        elif entry.is_dir() and not entry.name.startswith("_"):
            folders[entry.name] = entry
    wanted = folders.keys() if only is None else folders.keys() & set(only)
    _load_agendas(catalogue, folders, sorted(wanted), framework, out, options, finish)
    if only is not None:
        named = {slug for agenda in catalogue.agendas.values() for slug in _named_slugs(agenda)}
        _load_agendas(catalogue, folders, sorted((named & folders.keys()) - set(wanted)), framework, out, options,
                      finish)
        catalogue.unloaded = set(folders) - set(catalogue.agendas) - catalogue.unreadable
    return catalogue


def _load_agendas(catalogue: Catalogue, folders: dict[str, Path], slugs: list[str], framework: Framework,
                  out: list[Diagnostic], options: LoadOptions, finish: Finish | None) -> None:
    # what besides a folder's files and how it is shown (both in ``folder_digest``) decides its
    # loaded form: the framework
    context = hashlib.sha256(dumps(framework)).hexdigest()
    loaded = load_many([folders[slug] for slug in slugs], partial(_load_agenda_into, framework), context, out, options,
                        finish)
    for slug, agenda in zip(slugs, loaded, strict=True):
        if agenda is not None:
            catalogue.agendas[agenda.slug] = agenda
        else:
            catalogue.unreadable.add(slug)


def _named_slugs(agenda: Agenda | Skeleton) -> set[str]:
    """The other agendas an agenda's references point into."""
    named = {*agenda.partners, str(agenda.get("kreis") or "")}
    for measure in agenda.measures():
        named.update(measure.partner_municipalities)
        named.update(ref.partition("#")[0] for ref in measure.references)
    return named


def _load_agenda_into(framework: Framework, folder: Path, out: list[Diagnostic],
                      files: Files | None = None) -> Agenda | None:
    return load_agenda(folder, framework, out, files)


def load_agenda(folder: Path, framework: Framework, out: list[Diagnostic], files: Files | None = None) -> Agenda | None:
    """The agenda in ``folder``; None if its agenda.yml is missing or unusable (reported).
    ``files``: the folder's files as read already (``files.read_folder``, for the cache's digest)."""
    files = read_folder(folder) if files is None else files
    slug = folder.name
    shown = display(folder)  # once per folder: each ``display`` asks for the working directory twice
    meta_path = folder / AGENDA_FILE
    sink = Sink(_shown_in(shown, AGENDA_FILE), out, agenda=slug)
    if not SLUG.match(slug):
        sink.emit("DA111", Mark(1, 1), slug=slug, suggestion=slugify(slug) or "musterstadt")
    meta = files.get(AGENDA_FILE)
    if meta is None or stat.S_ISDIR(meta.mode):  # a link or any other entry is reported as one when read
        Sink(shown, out, agenda=slug).emit("DA200", Mark(1, 1), slug=slug)
        return None
    record = load_agenda_record(meta_path, sink, meta)
    if record is None:
        return None
    report_missing(record, AGENDA, sink)
    if record.get("status") not in (None, "entwurf") and not record.has("beschluss"):
        missing(record, "beschluss", sink, "", "Datum und Drucksache des Beschlusses; nur im Entwurf entbehrlich")
    if record.get("art") not in (None, "verband") and not record.has("schluessel"):
        missing(record, "schluessel", sink, "", "ARS oder AGS in Anführungszeichen; nur bei Verbänden entbehrlich")
    agenda = Agenda(slug, Source(sink.path, record.mark), record)
    for name, read in files.items():  # names, not Paths: pathlib's parsing was a twentieth of a load
        stem, suffix = os.path.splitext(name)
        if name == AGENDA_FILE or suffix.lower() not in DATA_SUFFIXES or name.startswith("."):
            continue
        action_field = framework.field(stem) if suffix == ".md" else None
        if action_field is None:
            allowed = [f.file_name for f in framework.fields]
            Sink(_shown_in(shown, name), out, agenda=slug).emit(
                "DA202", Mark(1, 1), file=name, allowed=", ".join(allowed),
                suggestion=suggestion_text(name, [*allowed, AGENDA_FILE]),
                suggestion_en=suggestion_text(name, [*allowed, AGENDA_FILE], "en"))
            continue
        doc = load_field(folder / name, _shown_in(shown, name), action_field, slug, framework, out, read)
        if doc is not None:
            agenda.fields[action_field.id] = doc
        if doc is None or doc.declared_measures > len(doc.measures):
            agenda.unreadable.add(action_field.id)
    return agenda


def _shown_in(folder: str, name: str) -> str:
    """``display(folder / name)`` from ``display(folder)``: the shown folder plus the name, unless
    the folder is the working directory itself (then the name alone)."""
    return name if folder == "." else os.path.join(folder, name)


def load_field(path: Path, shown: str, action_field: ActionField, slug: str, framework: Framework,
               out: list[Diagnostic], read: FileRead) -> FieldDoc | None:
    """The field file at ``path``, named ``shown`` in messages, as read already (``read``)."""
    sink = Sink(shown, out, agenda=slug)
    doc = _read_markdown(path, sink, read)
    if doc is None:
        return None
    field_doc = FieldDoc(action_field.id, Source(sink.path), doc.sections, body_line=doc.body_line)
    if doc.front_matter is None:
        return field_doc
    record = convert_record(doc.front_matter, FIELD_FRONT_MATTER, sink, " im Kopfbereich",
                            choices={"status": framework.status_ids})
    if record is None:
        return field_doc
    field_doc.front_matter_mark = record.mark
    field_doc.declared_measures = _declared_measures(doc.front_matter)
    for item in record.get("massnahmen", []):
        # given, if perhaps unusable (a placeholder, say): the measure is shown with what is usable
        if item.values.keys() >= _ESSENTIAL or all(map(item.has, _ESSENTIAL)):
            field_doc.measures.append(_measure(item, sink.path, action_field.id, slug))
    return field_doc


_ESSENTIAL = frozenset({"id", "titel", "status", "federfuehrung"})  # a measure without one is not shown


def _declared_measures(front_matter: yaml.MappingNode) -> int:
    """Entries under ``massnahmen``, counting broken ones (a wrong shape counts as one), not empty ones."""
    for key, value in front_matter.value:
        if key.value != "massnahmen":
            continue
        if isinstance(value, yaml.SequenceNode):
            return sum(1 for item in value.value if not (isinstance(item, yaml.ScalarNode) and not item.value))
        return 0 if isinstance(value, yaml.ScalarNode) and not value.value.strip() else 1
    return 0


def _measure(record: Record, path: str, field_id: str, slug: str) -> Measure:
    get = record.values.get  # not ``record.get``: a method call less for each of 17 values of every measure
    return Measure(
        id=get("id", ""), title=get("titel", ""), status=get("status", ""),
        lead=get("federfuehrung", ""), field_id=field_id, agenda=slug, source=Source(path, record.mark),
        start=get("beginn"), end=get("ende"), progress=get("fortschritt"),
        partner_municipalities=get("partner_kommunen", []),
        partner_organisations=get("partner_organisationen", []),
        budget=get("budget"), indicators=get("kennzahlen", []),
        evidence=get("nachweise", []), references=get("bezuege", []),
        tags=get("schlagworte", []), description=get("beschreibung", ""), record=record,
    )


def load_initiative(path: Path, framework: Framework, out: list[Diagnostic]) -> Initiative | None:
    sink = Sink(display(path), out)
    initiative_id = path.stem
    if not SLUG.match(initiative_id):
        sink.emit("DA111", Mark(1, 1), slug=initiative_id, suggestion=slugify(initiative_id) or "initiative")
    doc = _read_markdown(path, sink)
    if doc is None:
        return None
    if doc.front_matter is None:
        sink.emit("DA009", Mark(1, 1), problem="eine Initiative braucht einen Kopfbereich mit ihren Angaben",
                  problem_en="an initiative needs a front matter with its data")
        return None
    record = convert_record(doc.front_matter, INITIATIVE, sink, choices={"status": framework.status_ids})
    if record is None:
        return None
    report_missing(record, INITIATIVE, sink)
    return Initiative(initiative_id, Source(sink.path), record, doc.body)


def _read_markdown(path: Path, sink: Sink, read: FileRead | None = None) -> MarkdownDoc | None:
    """Read (``read``: as read already) and outline a Markdown file, reporting what is wrong in its text."""
    text = read_text(path, sink, read)
    doc = parse(text, sink) if text is not None else None
    if doc is not None:
        for mark, heading_text, fixed in doc.bad_headings:
            sink.emit("DA208", mark, text=heading_text, fixed=fixed)
        for mark, placeholder in doc.placeholders:
            sink.emit("DA207", mark, text=placeholder)
    return doc


def load_agenda_record(path: Path, sink: Sink, read: FileRead | None = None) -> Record | None:
    """An agenda.yml (``read``: as read already) checked against its schema; None if it cannot be read
    (reported)."""
    node = read_yaml_file(path, sink, read)
    return convert_record(node, AGENDA, sink) if node is not None else None
