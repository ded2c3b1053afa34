"""The cross-agenda views of the core (core.views), on a synthetic catalogue of 40 agendas."""

from __future__ import annotations

from pathlib import Path

from digitale_agenda.core.framework import load_framework
from digitale_agenda.core.validate import check
from digitale_agenda.core.views import RELATED_LIMIT, build_views
from synthetic import write_agendas


def test_related_measures_put_references_first_then_most_shared_tags(tmp_path: Path) -> None:
    write_agendas(tmp_path, 40)
    catalogue = check(tmp_path, load_framework(None)).catalogue
    measures = {m.ref: m for agenda in catalogue.agendas.values() for m in agenda.measures()}
    related = build_views(catalogue).related
    by_tags = 0
    for ref, entries in related.items():
        measure = measures[ref]
        assert 0 < len(entries) <= RELATED_LIMIT
        reasons = [entry.reason for entry in entries]
        assert reasons == sorted(reasons, key=["verweis", "verwiesen", "schlagwort"].index)
        assert len({entry.measure.ref for entry in entries}) == len(entries)
        for entry in entries:
            if entry.reason == "verweis":
                assert entry.measure.ref in measure.references
            elif entry.reason == "verwiesen":
                assert ref in entry.measure.references
        tagged = [entry.measure for entry in entries if entry.reason == "schlagwort"]
        shared = [sum(tag in other.tags for tag in measure.tags) for other in tagged]
        assert all(other.agenda != measure.agenda and other.field_id == measure.field_id for other in tagged)
        assert all(count > 0 for count in shared)
        ranking = [(-count, other.ref) for count, other in zip(shared, tagged, strict=True)]
        assert ranking == sorted(ranking)  # most shared tags first, then by reference
        by_tags += len(tagged)
    assert by_tags > 100 and any(entry.reason == "verweis" for entries in related.values() for entry in entries)
