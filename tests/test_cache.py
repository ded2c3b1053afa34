"""The agenda cache and the parallel loader: faster, and never a different answer."""

from __future__ import annotations

import json
import os
import pickle
import re
import sqlite3
from pathlib import Path

import pytest

from conftest import TODAY, Catalogue, run_cli
from digitale_agenda.core import bulkload, files
from digitale_agenda.core.bulkload import LoadOptions
from digitale_agenda.core.cache import CACHE_ENV, CHECKED, LOADED, AgendaCache, dumps, safe_loads
from digitale_agenda.core.checks.references import skeleton
from digitale_agenda.core.diagnostics import Diagnostic, Mark, Severity
from digitale_agenda.core.framework import load_framework
from digitale_agenda.core.load import load_agenda
from digitale_agenda.core.model import Skeleton
from digitale_agenda.core.progress import Tenths, de_duration, de_number
from digitale_agenda.core.validate import check


def _validate(catalogue: Catalogue, cache: Path, *extra: str, today: str = TODAY.isoformat()) -> tuple[int, str]:
    os.environ[CACHE_ENV] = str(cache)
    result = run_cli("validate", "--format", "json", "--today", today, *extra, str(catalogue.agendas))
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout


def _rows(cache: Path, table: str = CHECKED) -> dict[str, str]:
    with sqlite3.connect(cache / "agenden.sqlite") as db:
        return dict(db.execute(f"SELECT folder, digest FROM {table}"))


def test_a_warm_run_answers_as_a_cold_run_and_an_edit_is_seen(catalogue: Catalogue, tmp_path: Path,
                                                              agenda_cache: Path) -> None:
    catalogue.edit("beta/bildung.md", "status: abgeschlossen", "status: fertig")
    cache = tmp_path / "cache"
    try:
        cold = _validate(catalogue, cache)
        stored = _rows(cache)
        warm = _validate(catalogue, cache)
        uncached = _validate(catalogue, cache, "--no-cache")
        assert cold == warm == uncached
        assert cold[0] == 1 and '"DA104"' in cold[1]
        assert {Path(folder).name for folder in stored} == {"alpha", "beta", "gamma"}
        assert _rows(cache) == stored  # nothing changed, nothing stored again
        assert _rows(cache, LOADED) == {}  # a check keeps what it found, not the loaded agendas

        catalogue.edit("beta/bildung.md", "status: fertig", "status: abgeschlossen")
        fixed = _validate(catalogue, cache)
        assert fixed[0] == 0 and '"DA104"' not in fixed[1]
        changed = _rows(cache)
        assert [Path(f).name for f in stored if stored[f] != changed[f]] == ["beta"]
    finally:
        os.environ[CACHE_ENV] = str(agenda_cache)


def test_a_cached_check_still_sees_what_the_passing_of_time_makes_wrong(catalogue: Catalogue, tmp_path: Path,
                                                                         agenda_cache: Path) -> None:
    """Overdue reviews (DA108) and measures past their end (DA306) depend on the day of the check,
    not only on the files: a check from the cache on a later day finds them as a fresh one does."""
    cache = tmp_path / "cache"
    later = "2028-04-01"  # after every planned end (2027-12), 24 months after beta's review (2026-03) only
    try:
        today = _validate(catalogue, cache)
        assert today[0] == 0 and '"DA306"' not in today[1] and '"DA108"' not in today[1]
        stored = _rows(cache)
        warm = _validate(catalogue, cache, today=later)
        assert _rows(cache) == stored  # answered from the cache
        assert warm == _validate(catalogue, cache, "--no-cache", today=later)
        found = json.loads(warm[1])["diagnostics"]
        assert [d["agenda"] for d in found if d["code"] == "DA108"] == ["beta"]
        assert sum(1 for d in found if d["code"] == "DA306") >= 3
    finally:
        os.environ[CACHE_ENV] = str(agenda_cache)


def test_loading_in_several_processes_gives_the_serial_result(catalogue: Catalogue, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Also with the cache: the worker processes then compute the digests, and a second parallel
    run, served from the cache by those digests, gives the same result again. And also when only
    the agendas' skeletons are kept (``whole=False``, as ``agenda validate`` does): each agenda is
    then checked in the worker that loaded it, and the rules across agendas see only skeletons."""
    catalogue.edit("alpha/arbeiten.md", "status: in-umsetzung", "status: laeuft")
    catalogue.write("gamma/notizen.txt", "keine Datei des Rahmens\n")
    catalogue.edit("beta/verwaltung.md", '"alpha#alpha-verwaltung"', '"alpha#alpha-verwaltng"')
    catalogue.edit("beta/verwaltung.md", "partner_kommunen: [alpha]", "partner_kommunen: [alpah]")
    monkeypatch.setattr(bulkload, "PARALLEL_FROM", 1)
    monkeypatch.setattr(bulkload, "_STORE_BATCH", 2)  # stored in full batches and a rest
    framework = load_framework()
    serial = check(catalogue.agendas, framework, TODAY, options=LoadOptions(None, 1))
    assert {d.code for d in serial.diagnostics} >= {"DA104", "DA202", "DA401", "DA402"}
    runs = {(workers, whole): check(catalogue.agendas, framework, TODAY, options=LoadOptions(None, workers),
                                    whole=whole) for workers in (1, 2) for whole in (True, False)}
    for result in runs.values():
        assert result.diagnostics == serial.diagnostics
    assert runs[2, True].catalogue.agendas == serial.catalogue.agendas
    skeletons = runs[1, False].catalogue.agendas
    assert runs[2, False].catalogue.agendas == skeletons
    assert skeletons.keys() == serial.catalogue.agendas.keys()
    for slug, agenda in serial.catalogue.agendas.items():
        assert isinstance(skeletons[slug], Skeleton)
        assert skeletons[slug] == skeleton(agenda)
        assert [m.id for m in skeletons[slug].measures()] == [m.id for m in agenda.measures()]
    # one cache filled by a build's load, one by a check's: the first serves both, the second checks
    caches = [AgendaCache(tmp_path / name / "agenden.sqlite") for name in ("gebaut", "geprueft")]
    for cache, whole in zip(caches, (True, False), strict=True):
        filled = check(catalogue.agendas, framework, TODAY, options=LoadOptions(cache, 2), whole=whole)
        assert filled.diagnostics == serial.diagnostics

    def not_again(folder: Path, load_one: object, files: object = None) -> None:
        raise AssertionError(f"{folder} was loaded again")

    with monkeypatch.context() as patched:
        patched.setattr(bulkload, "_load_folder", not_again)  # forked workers inherit it
        for cache, whole in zip(caches, (True, False), strict=True):
            for workers in (2, 1):  # the digests from the workers and from this process agree
                if whole:
                    cached = check(catalogue.agendas, framework, TODAY, options=LoadOptions(cache, workers))
                    assert cached.diagnostics == serial.diagnostics
                    assert cached.catalogue.agendas == serial.catalogue.agendas
                checked = check(catalogue.agendas, framework, TODAY, options=LoadOptions(cache, workers),
                                whole=False)
                assert checked.diagnostics == serial.diagnostics
                assert checked.catalogue.agendas == skeletons
    # a build finds no loaded agendas in the check's cache: it loads them, with the same result
    built = check(catalogue.agendas, framework, TODAY, options=LoadOptions(caches[1], 2))
    assert built.diagnostics == serial.diagnostics and built.catalogue.agendas == serial.catalogue.agendas
    for cache in caches:
        cache.close()


@pytest.mark.parametrize("whole", [False, True], ids=["check", "build"])
def test_a_load_with_a_cache_reads_each_file_once(catalogue: Catalogue, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch, whole: bool) -> None:
    """The cache's digest and the loader share one reading of an agenda's files, in a check and
    in a build's load: reading them twice was about 4 % of a cold check, and what is stored
    belongs to the bytes digested."""
    catalogue.edit("beta/bildung.md", "status: abgeschlossen", "status: fertig")
    catalogue.write("gamma/karte.png", b"\x89PNG" + bytes(5000))  # only listed: the loader ignores it
    framework = load_framework()
    uncached = check(catalogue.agendas, framework, TODAY, options=LoadOptions(None, 1), whole=whole)
    reads: list[str] = []
    read_bytes = files.read_bytes
    monkeypatch.setattr(files, "read_bytes", lambda path, size: reads.append(str(path)) or read_bytes(path, size))
    cache = AgendaCache(tmp_path / "cache" / "agenden.sqlite")
    try:
        checked = check(catalogue.agendas, framework, TODAY, options=LoadOptions(cache, 1), whole=whole)
    finally:
        cache.close()
    assert checked.catalogue.agendas == uncached.catalogue.agendas
    assert checked.diagnostics == uncached.diagnostics and any(d.code == "DA104" for d in checked.diagnostics)
    agenda_files = {str(path) for slug in ("alpha", "beta", "gamma") for path in (catalogue.agendas / slug).iterdir()
                    if path.suffix != ".png"}
    assert len(agenda_files) > 3 and agenda_files <= set(reads)
    assert not any(path.endswith(".png") for path in reads)
    assert sorted(reads) == sorted(set(reads))


def test_a_long_check_says_on_stderr_how_far_it_is(tmp_path: Path) -> None:
    """As many agenda folders as it takes (here without agenda.yml, so that reading them is quick):
    `agenda validate` says in tenths how many it has read, on stderr; stdout keeps only the report."""
    total = bulkload.PROGRESS_FROM
    for number in range(total):
        (tmp_path / "agendas" / f"ort-{number}").mkdir(parents=True)
    result = run_cli("validate", "--format", "json", "--no-cache", str(tmp_path / "agendas"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    tenth, took = total // 10, r"\d+ s|\d+ min \d+ s"
    lines = result.stderr.splitlines()
    assert len(lines) == 10
    for k, line in enumerate(lines, 1):
        timing = rf"in (?:{took})" if k == 10 else rf"nach (?:{took}), noch etwa (?:{took})"
        counted = re.escape(f"{de_number(k * tenth)} von {de_number(total)}")
        assert re.fullmatch(rf"Agenden gelesen: {counted} \({timing}\)", line), line
    report = json.loads(result.stdout)
    assert report["summary"]["agendas"] == 0
    assert sum(1 for d in report["diagnostics"] if d["code"] == "DA200") == total


def test_progress_is_said_in_tenths_with_the_time_taken_and_left_and_not_for_small_runs() -> None:
    said: list[str] = []
    now = [100.0]
    progress = Tenths(25, said.append, "Seiten geschrieben", 20, clock=lambda: now[0])
    for _ in range(25):
        now[0] += 2  # two seconds a page: the time left is estimated from the pace so far
        progress.advance()
    assert said == [f"Seiten geschrieben: {done} von 25 (nach {2 * done} s, noch etwa {2 * (25 - done)} s)"
                    for done in (3, 6, 9, 12, 15, 18, 21, 24)] + ["Seiten geschrieben: 25 von 25 (in 50 s)"]
    quiet: list[str] = []
    small = Tenths(19, quiet.append, "Seiten geschrieben", 20)
    small.advance(19)
    assert quiet == []
    big = Tenths(12_345, said.append, "Agenden gelesen", 20, clock=lambda: 7.0)
    big.advance(12_345)  # a cache answers many at once: one message, not ten
    assert said[-1] == "Agenden gelesen: 12.345 von 12.345 (in 0 s)" and said[-2].startswith("Seiten")


def test_durations_are_said_in_whole_seconds_and_minutes() -> None:
    assert [de_duration(seconds) for seconds in (0.2, 42.4, 59.6, 200, 3725)] == [
        "0 s", "42 s", "1 min 0 s", "3 min 20 s", "62 min 5 s"]


class _Planted:
    """What a tampered cache entry would run while being unpickled, if unpickling were not restricted."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


@pytest.mark.parametrize("planted", ["code", "model"])
def test_a_tampered_cache_entry_is_not_run_and_the_agenda_is_loaded_afresh(catalogue: Catalogue, tmp_path: Path,
                                                                            planted: str) -> None:
    """A row that would run code, or one that holds a model object but not an agenda's entry."""
    cache = AgendaCache(tmp_path / "cache" / "agenden.sqlite")
    framework = load_framework()
    first = check(catalogue.agendas, framework, TODAY, options=LoadOptions(cache, 1))
    marker = tmp_path / "angriff"
    payload = pickle.dumps(_Planted(marker) if planted == "code" else Mark(3, 4))
    with sqlite3.connect(tmp_path / "cache" / "agenden.sqlite") as db:
        db.execute("UPDATE agenda SET result = ?", (payload,))
    again = check(catalogue.agendas, framework, TODAY, options=LoadOptions(cache, 1))
    assert not marker.exists()
    assert again.diagnostics == first.diagnostics
    assert again.catalogue.agendas == first.catalogue.agendas
    # the same for what a check keeps: its rows are read in the workers, but unpickled here
    checked = check(catalogue.agendas, framework, TODAY, options=LoadOptions(cache, 1), whole=False)
    with sqlite3.connect(tmp_path / "cache" / "agenden.sqlite") as db:
        db.execute("UPDATE checked SET result = ?", (payload,))
    for workers in (1, 2):
        with pytest.MonkeyPatch.context() as patched:
            patched.setattr(bulkload, "PARALLEL_FROM", 1)
            tampered = check(catalogue.agendas, framework, TODAY, options=LoadOptions(cache, workers), whole=False)
        assert not marker.exists()
        assert tampered.diagnostics == checked.diagnostics == first.diagnostics
        assert tampered.catalogue.agendas == checked.catalogue.agendas
    cache.close()


def test_an_unusable_cache_location_only_costs_speed(catalogue: Catalogue, tmp_path: Path,
                                                     agenda_cache: Path) -> None:
    blocked = tmp_path / "datei"
    blocked.write_text("kein Ordner")
    try:
        code, output = _validate(catalogue, blocked)
        assert code == 0 and '"errors": 0' in output
        code, output = _validate(catalogue, Path("aus"))
        assert code == 0
    finally:
        os.environ[CACHE_ENV] = str(agenda_cache)


@pytest.mark.parametrize("payload", [
    b"cos\nsystem\n(S'true'\ntR.",  # a function outside the model
    b"cdigitale_agenda.core.publish\ndiscard\n(S'/tmp/x'\ntR.",  # a function of this package
    b"cdigitale_agenda.core.model\nFramework\n.",  # a class imported into a model module, not defined there
    b"\x80\x04\x95\x00\x00\x00\x00\x00\x00\x00\x00\x8c\x1bdigitale_agenda.core.schema\x8c\x04re.compile\x93.",
])
def test_the_cache_refuses_anything_but_model_classes(tmp_path: Path, payload: bytes) -> None:
    cache = AgendaCache(tmp_path / "agenden.sqlite")
    cache.put_many([("ordner", "pruefsumme", payload)])
    assert cache.get("ordner", "pruefsumme") is None
    cache.put_many([("ordner", "pruefsumme", pickle.dumps(({"a": [1]}, [])))])
    assert cache.get("ordner", "pruefsumme") == ({"a": [1]}, [])
    assert cache.get("ordner", "andere") is None
    cache.close()


def test_a_record_gives_its_positions_as_marks_also_from_the_cache(catalogue: Catalogue) -> None:
    """A record keeps where each value was read as the YAML parser gave it until asked for it: then,
    and in what is pickled for the cache and between processes, it is a 1-based Mark at the value."""
    agenda = load_agenda(catalogue.path("beta"), load_framework(), [])
    assert agenda is not None
    record = agenda.fields["verwaltung"].measures[0].record
    assert record is not None
    lines = catalogue.path("beta/verwaltung.md").read_text(encoding="utf-8").splitlines()
    title, partners = record.mark_for("titel"), record.item_marks_for("partner_kommunen")
    assert lines[title.line - 1][title.col - 1:] == record.get("titel")
    assert [lines[mark.line - 1][mark.col - 1:].rstrip("]") for mark in partners] == record.get("partner_kommunen")
    copy = safe_loads(dumps(record))
    assert copy == record
    assert {type(mark) for mark in [*copy.marks.values(), *partners, *copy.item_marks["partner_kommunen"]]} == {Mark}
    assert (copy.mark_for("titel"), copy.item_marks_for("partner_kommunen")) == (title, partners)


def test_a_result_with_diagnostics_comes_back_from_the_cache(tmp_path: Path) -> None:
    """Python 3.11.2 (Debian 12's, which ``scripts/setup-venv`` prefers) pickled an enum member
    as ``getattr(Severity, name)``, which the unpickler refuses: every agenda with a finding was
    a cache miss there. ``Severity`` pickles by value on every Python."""
    diagnostic = Diagnostic("DA104", Severity.WARNING, "alpha/arbeiten.md", Mark(5, 13), {"value": "x"}, "alpha")
    pickled = dumps((None, [diagnostic]))
    assert b"getattr" not in pickled
    cache = AgendaCache(tmp_path / "agenden.sqlite")
    cache.put_many([("ordner", "pruefsumme", pickled)])
    assert cache.get("ordner", "pruefsumme") == (None, [diagnostic])
    cache.close()
