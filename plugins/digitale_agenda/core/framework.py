"""The framework: which action fields an agenda covers, their sections and the status vocabulary.

It is data (a YAML file), not code, so a site can use another framework than the reference one.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field  # Framework has a method "field"
from importlib import resources
from pathlib import Path

from .diagnostics import Diagnostic, Mark
from .files import read_text
from .schema import Record, convert_record, report_missing
from .schemas import FRAMEWORK
from .sink import Sink
from .yamlsafe import compose

DEFAULT_FRAMEWORK = "referenzrahmen.yml"


@dataclass(frozen=True)
class Status:
    id: str
    title: str
    default_progress: int
    fixed_progress: bool = False  # any other progress contradicts the status
    ongoing: bool = False  # after the planned end this status is out of date


@dataclass(frozen=True)
class ActionField:
    id: str
    title: str
    description: str
    cross_cutting: bool
    required_sections: tuple[str, ...]
    optional_sections: tuple[str, ...]

    @property
    def file_name(self) -> str:
        return f"{self.id}.md"


@dataclass(frozen=True)
class Framework:
    id: str
    title: str
    description: str
    path: str
    review_months: int
    measures_section: str
    statuses: tuple[Status, ...]
    fields: tuple[ActionField, ...]
    # looked up for every measure of every page: a search through the tuple was 2 % of rendering
    _fields_by_id: dict[str, ActionField] = dataclass_field(init=False, repr=False, compare=False)
    _statuses_by_id: dict[str, Status] = dataclass_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Filled here rather than on first use, so that a framework pickles the same before and after
        # its first lookup: its pickle's digest is part of the agenda cache's keys (``load``).
        # Reversed: the first of equal ids wins, as the search through the tuple did.
        object.__setattr__(self, "_fields_by_id", {f.id: f for f in reversed(self.fields)})
        object.__setattr__(self, "_statuses_by_id", {s.id: s for s in reversed(self.statuses)})

    def field(self, field_id: str) -> ActionField | None:
        return self._fields_by_id.get(field_id)

    def status(self, status_id: str) -> Status | None:
        return self._statuses_by_id.get(status_id)

    @property
    def status_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.statuses)

    @property
    def field_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.fields)


class FrameworkError(Exception):
    """The framework file cannot be used; carries the diagnostics that say why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} Fehler im Rahmen")
        self.diagnostics = diagnostics


def default_framework_path() -> Path:
    return Path(str(resources.files("digitale_agenda") / "frameworks" / DEFAULT_FRAMEWORK))


def load_framework(path: Path | None = None, display_path: str | None = None) -> Framework:
    """Load and check a framework file (the reference framework by default)."""
    path = path or default_framework_path()
    shown = display_path or str(path)
    diagnostics: list[Diagnostic] = []
    sink = Sink(shown, diagnostics)
    text = read_text(path, sink)
    node = compose(text, sink) if text is not None else None
    record = convert_record(node, FRAMEWORK, sink) if node is not None else None
    if record is not None:
        report_missing(record, FRAMEWORK, sink)
    if diagnostics or record is None:
        if not diagnostics:
            sink.emit("DA501", Mark(1, 1), problem="die Datei ist leer", problem_en="the file is empty")
        raise FrameworkError(diagnostics)
    framework = _build(record, shown)
    _check(framework, record, sink)
    if diagnostics:
        raise FrameworkError(diagnostics)
    return framework


def _build(record: Record, path: str) -> Framework:
    required = tuple(record.get("pflichtabschnitte", ()))
    optional = tuple(record.get("optionale_abschnitte", ()))
    fields = tuple(
        ActionField(
            id=entry.get("id", ""),
            title=entry.get("titel", ""),
            description=entry.get("beschreibung", ""),
            cross_cutting=entry.get("querschnitt") == "true",
            required_sections=tuple(entry.get("pflichtabschnitte", required)),
            optional_sections=tuple(entry.get("optionale_abschnitte", optional)),
        )
        for entry in record.get("handlungsfelder", ())
    )
    statuses = tuple(Status(s.get("id", ""), s.get("titel", ""), s.get("fortschritt", 0),
                            s.get("fortschritt_fest") == "true", s.get("laufend") == "true")
                     for s in record.get("status", ()))
    return Framework(
        id=record.get("id"),
        title=record.get("titel"),
        description=record.get("beschreibung", ""),
        path=path,
        review_months=record.get("pruefintervall_monate", 24),
        measures_section=record.get("massnahmenabschnitt", "Maßnahmen"),
        statuses=statuses,
        fields=fields,
    )


def _check(framework: Framework, record: Record, sink: Sink) -> None:
    def problem(de: str, en: str, key: str) -> None:
        sink.emit("DA501", record.mark_for(key), problem=de, problem_en=en)

    if not framework.fields:
        problem("keine Handlungsfelder", "no action fields", "handlungsfelder")
    if not framework.statuses:
        problem("kein Status-Vokabular", "no status vocabulary", "status")
    for label, ids, key in (("Handlungsfeld", framework.field_ids, "handlungsfelder"),
                            ("Status", framework.status_ids, "status")):
        for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
            problem(f"{label} „{duplicate}“ ist doppelt", f"'{duplicate}' is defined twice", key)
    for action_field in framework.fields:
        if framework.measures_section not in action_field.required_sections + action_field.optional_sections:
            problem(f"Handlungsfeld „{action_field.id}“ kennt den Maßnahmenabschnitt "
                    f"„{framework.measures_section}“ nicht",
                    f"action field '{action_field.id}' lacks the measures section", "handlungsfelder")
