"""`agenda`: the command line adapter over the core (validate, new, report, rules, schema).

Exit codes: 0 no errors, 1 errors in the agendas, 2 usage, configuration or I/O problems. No input
ever produces a traceback: unexpected failures are reported in one line (set AGENDA_DEBUG=1 to see
the traceback when developing).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
import tomllib
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NoReturn

from .core.bulkload import LoadOptions, available_cores
from .core.cache import CACHE_ENV, AgendaCache
from .core.changes import ChangeError, affected, changed_agendas, changed_paths
from .core.codeowners import CODEOWNERS_FILE, agenda_owners, codeowners
from .core.diagnostics import Diagnostic, Severity, count
from .core.formats import as_github, as_gitlab, as_json, as_text, summary
from .core.framework import Framework, FrameworkError, load_framework
from .core.gcpause import model_building
from .core.jsonschema import build_schemas
from .core.laender import CODE_BY_NAME, resolve_land
from .core.legal import LEGAL_FILE
from .core.load import AGENDA_FILE, INITIATIVES_DIR
from .core.paths import display
from .core.report import Scope
from .core.report import as_json as report_json
from .core.report import as_markdown as report_markdown
from .core.rules import GROUPS, RULES
from .core.scaffold import ScaffoldError, write_skeleton
from .core.schema import OWNER, SLUG, YEARS
from .core.schemas import AGENDA_KINDS
from .core.suggest import suggestion_text
from .core.validate import Result, check

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
# the models a command built, freed with the process rather than object by object (see ``run``);
# the next ``main`` in the same process (a test) frees the last one
_built: list[object] = []


class UsageError(Exception):
    """A problem with how the command was called or with its files; exit 2."""


class _GermanFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix or "Aufruf: ")


class _Parser(argparse.ArgumentParser):
    """argparse with German headings and errors that exit 2 with a hint instead of a traceback."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _GermanFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "Argumente"
        self._optionals.title = "Optionen"
        self.add_argument("-h", "--help", action="help", help="diese Hilfe anzeigen")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: Fehler: {_german(message)}\n")


def _german(message: str) -> str:
    for english, german in (("the following arguments are required", "diese Argumente fehlen"),
                            ("unrecognized arguments", "unbekannte Argumente"),
                            ("invalid choice", "ungültige Auswahl"),
                            ("expected one argument", "ein Wert fehlt"),
                            ("argument", "Argument"), ("choose from", "erlaubt sind")):
        message = message.replace(english, german)
    return message


def _date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{text}“ ist kein Datum der Form JJJJ-MM-TT") from None
    if day.year not in YEARS:
        raise argparse.ArgumentTypeError(f"„{text}“ liegt außerhalb der Jahre {YEARS.start} bis {YEARS.stop - 1}")
    return day


def _months(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 240:
        raise argparse.ArgumentTypeError(f"„{text}“ ist keine Zahl von 1 bis 240")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="agenda", description="Digitale Agenden prüfen, anlegen und auswerten.")
    commands = parser.add_subparsers(dest="command", metavar="BEFEHL", parser_class=_Parser)
    commands.required = True

    def no_cache(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--no-cache", action="store_true",
                         help="jede Agenda neu einlesen, ohne den Zwischenspeicher unveränderter Agenden "
                              f"(Ort: ~/.cache/digitale-agenda oder Umgebungsvariable {CACHE_ENV})")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--framework", metavar="DATEI", type=Path,
                         help="Rahmendatei (Standard: der Referenzrahmen)")
        sub.add_argument("--lang", choices=("de", "en"), default="de", help="Sprache der Meldungen (Standard: de)")

    validate = commands.add_parser("validate", prog="agenda validate", help="Agenden prüfen",
                                   description="Prüft Agenden und meldet Probleme mit Datei, Zeile und Code.")
    validate.add_argument("paths", nargs="*", metavar="PFAD", type=Path,
                          help="Agenda-Verzeichnis, Agenda-Ordner oder Datei (Standard: agendas/)")
    validate.add_argument("--changed-since", metavar="REF",
                          help="nur Agenden prüfen, die seit der Git-Referenz REF geändert wurden, und die, "
                               "die auf sie verweisen (z. B. origin/main)")
    validate.add_argument("--format", choices=("text", "json", "github", "gitlab"), default="text",
                          help="Ausgabeformat (github: Anmerkungen für GitHub Actions)")
    validate.add_argument("--strict", action="store_true", help="auch Warnungen führen zu Exit-Code 1")
    validate.add_argument("--today", type=_date, metavar="JJJJ-MM-TT", help="Stichtag statt heute (für Tests)")
    validate.add_argument("--review-months", type=_months, metavar="N",
                          help="Monate, nach denen eine Überprüfung überfällig ist (Standard: aus dem Rahmen)")
    no_cache(validate)
    common(validate)

    new = commands.add_parser("new", prog="agenda new", help="Gerüst für eine neue Agenda anlegen",
                              description="Legt einen Agenda-Ordner mit allen Pflichtabschnitten an.")
    new.add_argument("slug", metavar="SLUG", help="Ordnername, z. B. musterhausen")
    new.add_argument("--name", required=True, help="Name der Kommune")
    new.add_argument("--kind", required=True, choices=AGENDA_KINDS, help="Art der Kommune")
    new.add_argument("--land", required=True, help="Bundesland (Name, Kürzel wie BY oder Kennziffer wie 09)")
    new.add_argument("--root", type=Path, default=Path("agendas"), help="Agenda-Verzeichnis (Standard: agendas/)")
    common(new)

    report = commands.add_parser("report", prog="agenda report", help="Vollständigkeit je Agenda und Handlungsfeld",
                                 description="Bericht zur Vollständigkeit, z. B. als Kommentar im Pull Request.")
    report.add_argument("path", nargs="?", type=Path, default=Path("agendas"), metavar="PFAD",
                        help="Agenda-Verzeichnis (Standard: agendas/)")
    report.add_argument("--format", choices=("markdown", "json"), default="markdown", help="Ausgabeformat")
    report.add_argument("--changed-since", metavar="REF",
                        help="nur die Agenden, die seit der Git-Referenz REF geändert wurden (z. B. origin/main): "
                             "der Bericht für einen Pull Request")
    report.add_argument("--today", type=_date, metavar="JJJJ-MM-TT", help="Stichtag statt heute")
    no_cache(report)
    common(report)

    rules = commands.add_parser("rules", prog="agenda rules",
                                help="alle Prüfregeln mit Erklärung, Beispiel und Behebung")
    rules.add_argument("--format", choices=("text", "markdown", "json"), default="text", help="Ausgabeformat")
    rules.add_argument("--lang", choices=("de", "en"), default="de", help="Sprache (Standard: de)")

    schema = commands.add_parser("schema", prog="agenda schema", help="JSON-Schemas für Editoren schreiben",
                                 description="Schreibt JSON-Schemas der YAML-Dateien, damit Editoren wie VS Code "
                                             "Schlüssel vervollständigen und Fehler beim Tippen zeigen.")
    schema.add_argument("--out", type=Path, default=Path("schemas"), metavar="ORDNER",
                        help="Zielordner (Standard: schemas/)")
    schema.add_argument("--check", action="store_true",
                        help="nichts schreiben, nur prüfen, ob die Dateien aktuell sind (sonst Exit-Code 1)")
    schema.add_argument("--framework", metavar="DATEI", type=Path, help="Rahmendatei (Standard: der Referenzrahmen)")
    owners = commands.add_parser(
        "codeowners", prog="agenda codeowners", help="CODEOWNERS aus den Redaktionen der Agenden schreiben",
        description="Schreibt CODEOWNERS: jede Agenda gehört ihrer Redaktion (redaktion: in agenda.yml), "
                    "alles andere den Maintainern des Projekts.")
    owners.add_argument("path", nargs="?", type=Path, default=Path("agendas"), metavar="PFAD",
                        help="Agenda-Verzeichnis (Standard: agendas/)")
    owners.add_argument("--maintainers", nargs="+", metavar="KONTO",
                        help="Maintainer des Projekts (Standard: [tool.digitale-agenda] maintainers in pyproject.toml)")
    owners.add_argument("--out", type=Path, metavar="DATEI", help="Zieldatei (Standard: CODEOWNERS neben PFAD)")
    owners.add_argument("--check", action="store_true", help="nur prüfen, ob die Datei aktuell ist (Exit-Code 1: nein)")
    return parser


def run() -> NoReturn:
    """The ``agenda`` command: ``main``, then the end of the process without freeing the model one
    object at a time (11,000 agendas: 0.6 s after the report was written, a tenth of a check
    from the cache). Nothing is left to do by then: worker processes have ended, the cache's
    transactions are committed, and the output is flushed here."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    _built.clear()
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")
        sys.stderr.reconfigure(encoding="utf-8", errors="replace")
    args = build_parser().parse_args(argv)
    try:
        return {"validate": cmd_validate, "new": cmd_new, "report": cmd_report, "rules": cmd_rules,
                "schema": cmd_schema, "codeowners": cmd_codeowners}[args.command](args)
    except UsageError as error:
        print(f"agenda: Fehler: {error}", file=sys.stderr)
        return EXIT_USAGE
    except FrameworkError as error:
        for diagnostic in error.diagnostics:
            print(as_text(diagnostic, getattr(args, "lang", "de")), file=sys.stderr)
        print("agenda: Fehler: Die Rahmendatei ist ungültig; es wurde nichts geprüft.", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # the promise: never a traceback for an editor
        if os.environ.get("AGENDA_DEBUG"):
            traceback.print_exc()
        print(f"agenda: interner Fehler ({type(error).__name__}: {error}). Bitte melden Sie dies mit der "
              f"Eingabe, die ihn auslöst; mit AGENDA_DEBUG=1 erscheinen Details.", file=sys.stderr)
        return EXIT_USAGE


def _framework(args: argparse.Namespace) -> Framework:
    if args.framework is not None and not args.framework.is_file():
        raise UsageError(f"Rahmendatei „{args.framework}“ nicht gefunden")
    return load_framework(args.framework)


def _targets(paths: list[Path]) -> dict[Path, list[Path]]:
    """Group the given paths by the agenda root each belongs to; the value filters the output.

    A path may be the repository (its agendas/ is meant), an agenda root, an agenda folder, the
    initiatives folder or one file in either.
    """
    groups: dict[Path, list[Path]] = {}
    for path in paths or [Path("agendas")]:
        if not path.exists():
            raise UsageError(f"„{path}“ existiert nicht")
        target = Path(os.path.abspath(path))  # absolute, but links are not followed: see _within
        if target.is_dir() and (target / "agendas").is_dir() and not (target / AGENDA_FILE).exists():
            target = target / "agendas"  # the repository
        if target.is_file() and target.name == LEGAL_FILE:
            root = target.parent
        elif target.is_file():
            if not _is_agenda_folder(target.parent):
                raise UsageError(f"„{path}“ liegt in keinem Agenda-Ordner; einen Agenda-Ordner oder agendas/ angeben")
            root = target.parent.parent
        elif _is_agenda_folder(target):
            root = target.parent
        else:
            root = target
        groups.setdefault(root, []).append(target)
    return groups


def _is_agenda_folder(folder: Path) -> bool:
    """An agenda folder holds agenda.yml, or Markdown files beside other agendas (agenda.yml missing);
    the initiatives folder counts as one too."""
    if (folder / AGENDA_FILE).exists() or folder.name == INITIATIVES_DIR:
        return True
    siblings = [p for p in folder.parent.iterdir() if p.is_dir() and p != folder]
    in_root = any(p.name == INITIATIVES_DIR or (p / AGENDA_FILE).exists() for p in siblings)
    return in_root and any(folder.glob("*.md"))


def _run_checks(args: argparse.Namespace, paths: list[Path]) -> tuple[list[Diagnostic], int]:
    """Check each agenda root once; report only what lies in the given paths."""
    framework = _framework(args)
    diagnostics: list[Diagnostic] = []
    agendas = 0
    for root, targets in _targets(paths).items():
        with model_building():
            result = check(root, framework, args.today, getattr(args, "review_months", None), _focus(root, targets),
                           _load_options(args), whole=False)
        _built.append(result)
        diagnostics += _reported_in(result.diagnostics, targets)
        agendas += sum(1 for slug in result.catalogue.agendas if _overlaps(root / slug, targets))
    return diagnostics, agendas


def _load_options(args: argparse.Namespace) -> LoadOptions:
    """Cached (unless --no-cache) and on every core; how far a long load is goes to stderr, beside the
    messages on stdout that tools may read."""
    cache = None if getattr(args, "no_cache", False) else AgendaCache.default()
    return LoadOptions(cache, available_cores(), _say)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _focus(root: Path, targets: list[Path]) -> set[str] | None:
    """The agenda folders named, if only agenda folders (or files in them) were named: then the
    others need not be read. None if the whole root or the initiatives are to be checked."""
    slugs = set()
    for target in targets:
        folder = target if target.parent == root else target.parent
        if folder.parent != root or folder.name == INITIATIVES_DIR:
            return None
        slugs.add(folder.name)
    return slugs


def _reported_in(diagnostics: list[Diagnostic], targets: list[Path]) -> list[Diagnostic]:
    """The diagnostics about files in the targets. Each file is placed once: a repository with
    thousands of findings has far fewer files, and placing a path costs a walk up its parents."""
    inside: dict[str, bool] = {}
    for diagnostic in diagnostics:
        if diagnostic.path not in inside:
            inside[diagnostic.path] = _within(Path(os.path.abspath(diagnostic.path)), targets)
    return [diagnostic for diagnostic in diagnostics if inside[diagnostic.path]]


def _within(path: Path, targets: list[Path]) -> bool:
    return any(path == target or target in path.parents for target in targets)


def _overlaps(folder: Path, targets: list[Path]) -> bool:
    """An agenda folder counts if it lies in a target or holds one (a single file was named)."""
    return _within(folder, targets) or any(folder in target.parents for target in targets)


def _run_changed(args: argparse.Namespace) -> tuple[list[Diagnostic], int]:
    """Check what changed since ``--changed-since`` and the agendas pointing at it."""
    framework = _framework(args)
    diagnostics: list[Diagnostic] = []
    agendas = 0
    for root in _targets(args.paths):
        with _git_errors():
            change = affected(root, changed_paths(root, args.changed_since))
        changed = [*sorted(change.changed), *map(display, sorted(change.files))]
        referencing = [*sorted(change.referencing), *map(display, sorted(change.referencing_files))]
        print(f"Seit {args.changed_since} geändert: {', '.join(changed) or 'keine Agenda'}"
              + (f"; verweisen darauf: {', '.join(referencing)}" if referencing else ""), file=sys.stderr)
        targets = [root / slug for slug in sorted(change.slugs)] + sorted(change.files | change.referencing_files)
        if not targets:
            continue
        with model_building():
            result = check(root, framework, args.today, args.review_months, change.slugs, _load_options(args),
                           whole=False)
        _built.append(result)
        diagnostics += _reported_in(result.diagnostics, targets)
        agendas += len(change.slugs & result.catalogue.agendas.keys())
    return diagnostics, agendas


def cmd_validate(args: argparse.Namespace) -> int:
    diagnostics, agendas = _run_changed(args) if args.changed_since else _run_checks(args, args.paths)
    errors = count(diagnostics, Severity.ERROR)
    warnings = count(diagnostics, Severity.WARNING)
    if args.format == "json":
        print(as_json(diagnostics, errors, warnings, agendas, args.lang))
    elif args.format == "gitlab":
        print(as_gitlab(diagnostics, args.lang))
        print(summary(errors, warnings, agendas, args.lang), file=sys.stderr)
    elif args.format == "github":
        for diagnostic in diagnostics:
            print(as_github(diagnostic, args.lang))
        print(summary(errors, warnings, agendas, args.lang))
    else:
        for diagnostic in diagnostics:
            print(as_text(diagnostic, args.lang))
        print(summary(errors, warnings, agendas, args.lang))
    if errors or (args.strict and warnings):
        return EXIT_ERRORS
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    if not SLUG.match(args.slug):
        raise UsageError(f"„{args.slug}“ ist kein gültiger Slug: nur Kleinbuchstaben, Ziffern und Bindestriche, "
                         f"z. B. „musterhausen“ oder „bad-beispiel“")
    land = resolve_land(args.land)
    if land is None:
        hint = suggestion_text(args.land, CODE_BY_NAME)
        raise UsageError(f"„{args.land}“ ist kein Bundesland; {hint}erlaubt sind: {', '.join(CODE_BY_NAME)}")
    if not args.root.is_dir():
        raise UsageError(f"Agenda-Verzeichnis „{args.root}“ nicht gefunden (Option --root)")
    framework = _framework(args)
    try:
        written = write_skeleton(args.root, args.slug, args.name, args.kind, land, framework)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(f"Schreiben fehlgeschlagen: {error.strerror} ({error.filename})") from None
    print(f"Neue Agenda „{args.name}“ angelegt in {args.root / args.slug}:")
    for path in written:
        print(f"  {path}")
    print(f"Nächster Schritt: Platzhalter „[ERGÄNZEN: …]“ ersetzen und prüfen mit\n"
          f"  agenda validate {args.root / args.slug}")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    if not args.path.is_dir():
        raise UsageError(f"„{args.path}“ ist kein Verzeichnis")
    (root,) = _targets([args.path])  # the repository means its agendas/, as for validate
    scope = Scope()
    if args.changed_since:
        with _git_errors():
            changed, removed = changed_agendas(root, args.changed_since)
        scope = Scope(changed, args.changed_since, tuple(sorted(removed)))
    with model_building():
        result: Result = check(root, _framework(args), args.today, only=scope.agendas, options=_load_options(args))
    _built.append(result)
    print(report_json(result, scope) if args.format == "json" else report_markdown(result, scope), end="")
    return EXIT_OK


@contextlib.contextmanager
def _git_errors() -> Iterator[None]:
    """Git failing to tell what changed is a usage error, with the advice its message gives."""
    try:
        yield
    except ChangeError as error:
        raise UsageError(str(error)) from None


def cmd_rules(args: argparse.Namespace) -> int:
    lang = args.lang
    severity = {"de": {"error": "Fehler", "warning": "Warnung"}, "en": {"error": "error", "warning": "warning"}}[lang]
    draft = {"de": " (im Entwurf: Warnung)", "en": " (in a draft: warning)"}[lang]
    rules = list(RULES.values())
    if args.format == "json":
        print(json.dumps([{
            "code": r.code, "group": r.group[lang], "severity": r.severity.value, "draft_softened": r.draft_softened,
            "title": r.title[lang], "explanation": r.explanation[lang], "example": r.example, "fix": r.fix(lang),
        } for r in rules], ensure_ascii=False, indent=2))
        return EXIT_OK
    labels = {"de": ("Beispiel", "Behebung"), "en": ("Example", "Fix")}[lang]
    if args.format == "markdown":
        for prefix, group in GROUPS.items():
            print(f"## {group[lang]}\n")
            for r in (r for r in rules if r.code.startswith(prefix)):
                print(f"### {r.code} {r.title[lang]}\n\n*{severity[r.severity.value]}"
                      f"{draft if r.draft_softened else ''}.* {r.explanation[lang]}\n")
                print(f"{labels[0]}:\n\n```\n{r.example}\n```\n\n{labels[1]}: {r.fix(lang)}\n")
        return EXIT_OK
    for r in rules:
        print(f"{r.code}  {r.title[lang]}  [{r.group[lang]}; {severity[r.severity.value]}"
              f"{draft if r.draft_softened else ''}]")
        print(f"  {r.explanation[lang]}")
        print(f"  {labels[0]}:")
        for line in r.example.splitlines():
            print(f"    {line}")
        print(f"  {labels[1]}: {r.fix(lang)}\n")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Write (or with --check compare) the editors' JSON Schemas, generated from the validator's schemas."""
    texts = {name: json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
             for name, document in build_schemas(_framework(args)).items()}
    if args.check:
        stale = [name for name, text in texts.items() if not _same_text(args.out / name, text)]
        for name in stale:
            print(f"agenda: „{args.out / name}“ ist veraltet oder fehlt; neu erzeugen mit: "
                  f"agenda schema --out {args.out}", file=sys.stderr)
        if not stale:
            print(f"JSON-Schemas in {args.out} sind aktuell ({len(texts)} Dateien).")
        return EXIT_ERRORS if stale else EXIT_OK
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            (args.out / name).write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"Schreiben fehlgeschlagen: {error.strerror} ({error.filename})") from None
    print(f"{len(texts)} JSON-Schemas geschrieben nach {args.out}:")
    for name in texts:
        print(f"  {args.out / name}")
    return EXIT_OK


def _same_text(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False



def _maintainers(args: argparse.Namespace, repository: Path) -> list[str]:
    if args.maintainers:
        names = args.maintainers
    else:
        try:
            settings = tomllib.loads((repository / "pyproject.toml").read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            settings = {}
        names = settings.get("tool", {}).get("digitale-agenda", {}).get("maintainers", [])
    bad = [name for name in names if not isinstance(name, str) or not (OWNER.match(name) or "@" in name[1:])]
    if not names or bad:
        raise UsageError("Maintainer des Projekts fehlen oder sind ungültig"
                         + (f" ({', '.join(map(str, bad))})" if bad else "")
                         + "; mit --maintainers @organisation/team angeben oder in pyproject.toml unter "
                           "[tool.digitale-agenda] als maintainers = [\"@organisation/team\"] eintragen")
    return names


def cmd_codeowners(args: argparse.Namespace) -> int:
    (root,) = _targets([args.path])
    repository = root.parent
    target = args.out or repository / CODEOWNERS_FILE
    diagnostics: list[Diagnostic] = []
    owners = agenda_owners(root, diagnostics)
    text = codeowners(root.name, owners, _maintainers(args, repository))
    for diagnostic in diagnostics:
        print(as_text(diagnostic), file=sys.stderr)
    if diagnostics:
        print("agenda: CODEOWNERS nicht geschrieben: erst die Fehler in agenda.yml beheben.", file=sys.stderr)
        return EXIT_ERRORS
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if args.check:
        if current == text:
            print(f"{display(target)} ist aktuell.")
            return EXIT_OK
        print(f"agenda: {display(target)} ist nicht aktuell; neu schreiben mit „agenda codeowners“ und "
              f"die Datei mit committen.", file=sys.stderr)
        return EXIT_ERRORS
    if current != text:
        target.write_text(text, encoding="utf-8")
    print(f"{display(target)} geschrieben: {sum(map(bool, owners.values()))} von {len(owners)} Agenden mit "
          f"eigener Redaktion.")
    return EXIT_OK


if __name__ == "__main__":
    run()
