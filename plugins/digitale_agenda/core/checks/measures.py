"""Measure rules (DA3xx): ids, status against progress, start against end (a passed end is in
``dates``)."""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..framework import Framework
from ..model import Agenda, Measure
from ..schema import SLUG
from ..sink import Sink
from ..suggest import slugify


def check_measures(agenda: Agenda, framework: Framework, out: list[Diagnostic]) -> None:
    first: dict[str, Measure] = {}
    for field_id, doc in agenda.fields.items():
        sink = Sink(doc.source.path, out, agenda.slug)
        if not doc.declared_measures:
            sink.emit("DA301", doc.front_matter_mark, field=framework.field(field_id).title)
        for measure in doc.measures:
            _check_measure(measure, framework, sink)
            if not measure.id:
                continue  # still a placeholder, reported as DA110
            earlier = first.setdefault(measure.id, measure)
            if earlier is not measure:
                sink.emit("DA302", measure.record.mark_for("id"), id=measure.id,
                          first=f"{earlier.source.path}:{earlier.record.mark_for('id').line}")


def _check_measure(measure: Measure, framework: Framework, sink: Sink) -> None:
    record = measure.record
    if measure.id and not SLUG.match(measure.id):
        sink.emit("DA303", record.mark_for("id"), id=measure.id, suggestion=slugify(measure.id) or "massnahme-1")
    status = framework.status(measure.status)
    if status is None:
        return
    if status.fixed_progress and measure.progress is not None and measure.progress != status.default_progress:
        sink.emit("DA304", record.mark_for("fortschritt"), status=measure.status, progress=measure.progress,
                  fix=f"Fortschritt auf {status.default_progress} setzen oder den Status anpassen",
                  fix_en=f"set progress to {status.default_progress} or change the status")
    if measure.ends_before_start:
        sink.emit("DA305", record.mark_for("ende"), start=measure.start, end=measure.end)
