"""Cross-reference rules (DA4xx): partners, measure references, county membership, initiatives."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Diagnostic, Mark
from ..model import Agenda, AgendaHead, Catalogue, Initiative, Measure, MeasureSkeleton, Skeleton
from ..schema import Record
from ..sink import Sink
from ..suggest import hint, suggestion_text
from .metadata import is_valid_key


def skeleton(agenda: Agenda) -> Skeleton:
    """An agenda reduced to what these rules and the rules of the day (``dates``) read: its
    agenda.yml and each measure's id, status, end and links, without prose, sections, indicators
    or evidence. A check keeps only this of each agenda (``validate.check``), to pass between
    processes and to keep in the cache: a fifth of the work to pickle and unpickle of an
    ``Agenda`` reduced to these parts, which was a tenth of a cold check."""
    return Skeleton(agenda.slug, agenda.source, agenda.record, tuple(map(_measure_skeleton, agenda.measures())),
                    agenda.unreadable)


def _measure_skeleton(measure: Measure) -> MeasureSkeleton:
    return MeasureSkeleton(measure.id, measure.path, measure.status, measure.end, measure.end_mark,
                           measure.ends_before_start, tuple(measure.partner_municipalities),
                           tuple(measure.partner_marks), tuple(measure.references), tuple(measure.reference_marks))


def check_references(catalogue: Catalogue, out: list[Diagnostic]) -> None:
    """The rules across agendas, on a catalogue of whole agendas or of skeletons: both forms of a
    measure name their links and the position of each alike."""
    for agenda in catalogue.agendas.values():
        _check_agenda_links(agenda, catalogue, out)
        for measure in agenda.measures():
            if not (measure.partner_municipalities or measure.references):
                continue  # most measures name no partner and no other measure
            sink = Sink(measure.path, out, agenda.slug)
            partners = zip(measure.partner_municipalities, measure.partner_marks, strict=True)
            _check_slugs(partners, catalogue, sink, own=agenda.slug)
            own = f"{agenda.slug}#{measure.id}"
            for ref, mark in zip(measure.references, measure.reference_marks, strict=True):
                if ref == own:
                    sink.emit("DA404", mark, ref=ref)
                else:
                    _check_measure_ref(ref, mark, catalogue, sink)
    for initiative in catalogue.initiatives.values():
        _check_initiative(initiative, catalogue, out)


def _items(record: Record, key: str) -> list[tuple[str, Mark]]:
    values = record.values.get(key)
    if not values:  # most records name no partner and no other measure
        return []
    return list(zip(values, record.item_marks_for(key), strict=True))


def _check_slugs(items: Iterable[tuple[str, Mark]], catalogue: Catalogue, sink: Sink,
                 own: str | None = None) -> list[str]:
    """Report unknown and self slugs among (slug, position) pairs; return the known ones."""
    known = []
    for slug, mark in items:
        if slug == own:
            sink.emit("DA404", mark, ref=slug)
        elif catalogue.exists_unchecked(slug):
            continue  # exists, but its agenda.yml is broken (reported there) or was not loaded
        elif slug not in catalogue.agendas:
            _unknown_slug(slug, mark, catalogue, sink)
        else:
            known.append(slug)
    return known


def _unknown_slug(slug: str, mark: Mark, catalogue: Catalogue, sink: Sink) -> None:
    sink.emit("DA401", mark, slug=slug, **_slug_hints(slug, catalogue))


def _slug_hints(slug: str, catalogue: Catalogue) -> dict[str, str]:
    """The "did you mean" of a message about an unknown agenda slug, in both languages."""
    match = catalogue.closest_slug(slug)
    return {"suggestion": hint(match, slug), "suggestion_en": hint(match, slug, "en")}


def _check_agenda_links(agenda: AgendaHead, catalogue: Catalogue, out: list[Diagnostic]) -> None:
    sink = Sink(agenda.source.path, out, agenda.slug)
    partners = _items(agenda.record, "partner")
    known = set(_check_slugs(partners, catalogue, sink, own=agenda.slug))
    for partner, mark in partners:
        other = catalogue.agendas.get(partner)
        if partner in known and agenda.slug not in other.partners and "partner" not in other.record.partial:
            sink.emit("DA403", mark, other=partner, slug=agenda.slug)
    kreis = agenda.get("kreis")
    if kreis is None:
        return
    mark = agenda.record.mark_for("kreis")
    county = catalogue.agendas.get(kreis)
    if catalogue.exists_unchecked(kreis):
        return
    if county is None:
        _unknown_slug(kreis, mark, catalogue, sink)
    elif county.kind is None:
        return  # reported as missing or invalid in the county's agenda.yml
    elif county.kind != "landkreis":
        sink.emit("DA405", mark, kreis=kreis, problem="diese Agenda ist kein Landkreis",
                  problem_en="this agenda is not a Landkreis")
    elif is_valid_key(agenda.key) and is_valid_key(county.key) and agenda.key[:5] != county.key[:5]:
        sink.emit("DA405", mark, kreis=kreis,
                  problem=f"der Schlüssel {agenda.key} beginnt nicht mit der Kreiskennung {county.key[:5]}",
                  problem_en=f"key {agenda.key} does not start with the county code {county.key[:5]}")


def _check_measure_ref(ref: str, mark: Mark, catalogue: Catalogue, sink: Sink) -> str | None:
    """Report a dangling ``slug#id``; return the agenda slug if the reference resolves."""
    slug, hash_sign, measure_id = ref.partition("#")
    if not hash_sign or not slug or not measure_id:
        sink.emit("DA402", mark, ref=ref, problem="die Form „slug#id“ fehlt", problem_en="not of the form 'slug#id'")
        return None
    if catalogue.is_partly_unreadable(slug):
        return None  # the target's files are broken and reported; the reference may well be right
    agenda = catalogue.agendas.get(slug)
    if agenda is None:
        sink.emit("DA402", mark, ref=ref, problem=f"es gibt keine Agenda „{slug}“",
                  problem_en=f"there is no agenda '{slug}'", **_slug_hints(slug, catalogue))
        return None
    if catalogue.measure(ref) is None:
        ids = [m.id for m in agenda.measures()]
        sink.emit("DA402", mark, ref=ref, problem=f"„{slug}“ hat keine Maßnahme „{measure_id}“",
                  problem_en=f"'{slug}' has no measure '{measure_id}'",
                  suggestion=suggestion_text(measure_id, ids), suggestion_en=suggestion_text(measure_id, ids, "en"))
        return None
    return slug


def _check_initiative(initiative: Initiative, catalogue: Catalogue, out: list[Diagnostic]) -> None:
    sink = Sink(initiative.source.path, out)
    record = initiative.record
    members = _check_slugs(_items(record, "mitglieder"), catalogue, sink)
    # with a member reported as unknown or malformed, checks of the whole list would only repeat that
    complete = "mitglieder" not in record.partial and len(members) == len(record.get("mitglieder", []))
    if complete and "mitglieder" in record.values and len(set(members)) < 2:
        sink.emit("DA406", record.mark_for("mitglieder"), problem="weniger als zwei Mitglieder",
                  problem_en="fewer than two members", fix="mindestens zwei Mitglieder eintragen",
                  fix_en="list at least two members")
    lead = record.get("federfuehrung")
    if complete and lead is not None and lead not in members:
        sink.emit("DA406", record.mark_for("federfuehrung"), problem=f"„{lead}“ ist kein Mitglied",
                  problem_en=f"'{lead}' is not a member", fix="ein Mitglied als federführend eintragen",
                  fix_en="name a member as lead")
    field_ids = catalogue.framework.field_ids
    for field_id, mark in _items(record, "handlungsfelder"):
        if field_id not in field_ids:
            sink.emit("DA104", mark, value=field_id, key="handlungsfelder", allowed=", ".join(field_ids),
                      suggestion=suggestion_text(field_id, field_ids),
                      suggestion_en=suggestion_text(field_id, field_ids, "en"))
    for ref, mark in _items(record, "massnahmen"):
        slug = _check_measure_ref(ref, mark, catalogue, sink)
        if complete and slug is not None and slug not in members:
            sink.emit("DA406", mark, problem=f"„{ref}“ gehört keinem Mitglied",
                      problem_en=f"'{ref}' belongs to no member",
                      fix=f"„{slug}“ als Mitglied aufnehmen oder den Verweis entfernen",
                      fix_en=f"add '{slug}' as a member or remove the reference")
