"""Which agendas a change touches, for checking a pull request without reading the whole repository.

A pull request usually edits one agenda; checking all of them costs seconds per thousand. What a
change can break is the changed agendas themselves and the agendas that point at them (partners,
county, measure references, initiatives), so those are checked. Finding who points at a changed
agenda by loading everything would cost what we want to save; a plain text search for the slug in
every file is a superset of the real references and reads each file once without parsing.

That search reads every file of the repository, so it works on bytes (a slug is ASCII, and no byte of
a multi-byte UTF-8 character is), with one directory listing per folder and no ``pathlib``: at
N = 11,000 agendas (100,000 files), checking a pull request that changed one agenda took 10.1 s,
most of it in this search; now 2.9 s. Git is asked only about the agendas folder: untracked files
elsewhere (a built site) would otherwise be listed and sorted one by one.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .files import read_file, regular_files
from .legal import LEGAL_FILE
from .load import INITIATIVES_DIR
from .progress import de_count, de_number

_TEXT_SUFFIXES = (".md", ".yml", ".yaml")
# agendas from which a pull request's site is a preview of what it changed (``preview_since``): the
# whole site of 500 agendas builds in about 20 s into some 120 MB, of 11,000 in minutes into 2.7 GB
PREVIEW_FROM = 500
# what every page is built from, in the repository: a change there is previewed on the whole site. Not
# all of ``codeowners.BUILD_PATHS``: CODEOWNERS (which a new agenda changes), CI files and scripts do
# not show on the site
SITE_PATHS = ("mkdocs.yml", "pyproject.toml", "plugins/", "overrides/", "docs/")
_NAMED_IN_LOG = 10  # agendas or files a preview names in its log line; more are counted
_NO_GIT = "Git ist nicht installiert; --changed-since braucht Git"
_LINES_AT_ONCE = 10_000  # removed lines searched for slugs at a time: one search per line costs more


class ChangeError(Exception):
    """Git could not tell what changed; the message is for the editor, in German."""


@dataclass
class Affected:
    """What a change means for one agendas folder."""

    changed: set[str] = field(default_factory=set)  # agenda slugs with a changed file (or removed)
    referencing: set[str] = field(default_factory=set)  # other agendas that mention a changed one
    files: set[Path] = field(default_factory=set)  # changed initiatives and the legal file
    referencing_files: set[Path] = field(default_factory=set)  # unchanged initiatives naming a changed agenda

    @property
    def slugs(self) -> set[str]:
        return self.changed | self.referencing


@dataclass(frozen=True)
class PreviewScope:
    """What a pull request's site shows: ``agendas`` (none: the whole site), and why, for the log."""

    agendas: frozenset[str]
    message: str


def changed_paths(folder: Path, ref: str) -> list[Path]:
    """The files in ``folder`` that differ from where the current branch left ``ref``, including
    uncommitted and new files: what a pull request from this branch changes there
    (``git diff --merge-base``)."""
    return _changed_paths(folder, _top(folder, ref), ref)


def _changed_paths(folder: Path, top: Path, ref: str) -> list[Path]:
    # only what lies in ``folder``: nothing else decides which agendas to check (see ``affected``)
    inside = _inside(folder, top)
    names = _changed_names(top, ref, inside)
    names += _git(top, "ls-files", "-z", "--others", "--exclude-standard", "--", inside).split("\0")
    return sorted({top / name for name in names if name})


def _inside(folder: Path, top: Path) -> str:
    """Git's pathspec for everything in ``folder`` of the repository ``top``, its name taken literally."""
    return ":(literal)" + os.path.relpath(folder.resolve(), top.resolve())


def _site_files_changed(top: Path, ref: str) -> list[str]:
    """The files every page is built from (``SITE_PATHS``: configuration, plugin, theme, pages) that
    the branch changed since ``ref``, as paths in the repository ``top``."""
    return sorted(name for name in _changed_names(top, ref, *(f":(top,literal){path}" for path in SITE_PATHS))
                  if name)


def _top(folder: Path, ref: str) -> Path:
    """The repository's top folder, once Git has confirmed that ``ref`` names a commit."""
    top = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}",
         failure=f"Git-Referenz „{ref}“ nicht gefunden; in CI das Repository mit der ganzen Historie "
                 f"auschecken (GitHub: fetch-depth: 0, GitLab: GIT_DEPTH: 0) und den Zielzweig holen")
    return top


def _changed_names(top: Path, ref: str, *pathspecs: str) -> list[str]:
    return _git(top, "diff", "--name-only", "-z", "--no-renames", "--merge-base", ref, "--", *pathspecs).split("\0")


def preview_since(root: Path, ref: str, smallest: int = PREVIEW_FROM) -> PreviewScope:
    """The agendas a pull request's site shows: those changed since ``ref``, those pointing at them,
    and those named in lines the change removed (a removed agenda's county and partners, a partner
    taken off a list, a member taken out of an initiative: their pages lose a link). The whole site
    in a repository of fewer than ``smallest`` agendas, where it builds in seconds and reviewers see
    every view; where the configuration, the plugin or the theme changed, which every page shows;
    and where no remaining agenda is touched (a change of the legal notice, say). ChangeError if
    Git cannot tell what changed."""
    folders = agenda_folders(root)
    whole = f"Vorschau seit {ref}: die ganze Website"
    if len(folders) < smallest:
        return PreviewScope(frozenset(), f"{whole} ({de_count(len(folders), 'Agenda', 'Agenden')}, eine Vorschau "
                                         f"nur der geänderten erst ab {de_number(smallest)})")
    top = _top(root, ref)
    site = _site_files_changed(top, ref)
    if site:
        return PreviewScope(frozenset(), f"{whole}, denn geändert ist auch, woraus jede Seite entsteht: {_named(site)}")
    change = affected(root, _changed_paths(root, top, ref))
    agendas = frozenset((change.slugs | _named_in_removed_lines(root, top, ref, folders)) & folders)
    removed = sorted(change.changed - folders)
    gone = f"; entfernt: {_named(removed)}" if removed else ""
    if not agendas:
        why = f"entfernt: {_named(removed)}; keine verbliebene Agenda betroffen" if removed else "keine Agenda geändert"
        return PreviewScope(agendas, f"{whole} ({why})")
    return PreviewScope(agendas, f"Vorschau seit {ref}: nur {_named(sorted(agendas))} (geändert, mit Verweis "
                                 f"darauf oder in entfernten Zeilen genannt) und die Agenden, auf die sie "
                                 f"verweisen{gone}")


def _named_in_removed_lines(root: Path, top: Path, ref: str, slugs: set[str]) -> set[str]:
    """The agendas among ``slugs`` that lines removed from ``root`` since ``ref`` name: what the
    change took away from their pages. Read from Git's diff without context lines, as Git writes
    it: a change that rewrites every file makes a diff as large as the repository."""
    named: set[str] = set()
    removed: list[bytes] = []
    in_hunk = False  # a file's header ("--- a/...") comes before its first hunk ("@@ ...")
    for line in _git_lines(top, "diff", "--merge-base", ref, "--no-renames", "--no-ext-diff", "--no-textconv",
                           "--no-color", "--unified=0", "--", _inside(root, top)):
        if line.startswith(b"diff --git "):
            in_hunk = False
        elif line.startswith(b"@@"):
            in_hunk = True
        elif in_hunk and line.startswith(b"-"):
            removed.append(line[1:])  # with its newline
            if len(removed) == _LINES_AT_ONCE:
                named |= _mentioned(os.fsdecode(b"".join(removed)), slugs)
                removed.clear()
    return named | _mentioned(os.fsdecode(b"".join(removed)), slugs)


def _named(items: list[str]) -> str:
    """The first few items for a log line, and how many more there are."""
    more = len(items) - _NAMED_IN_LOG
    return ", ".join(items[:_NAMED_IN_LOG]) + (f" und {de_number(more)} weitere" if more > 0 else "")


def agenda_folders(root: Path) -> set[str]:
    """The names of the agenda folders in ``root``: not hidden, not ``_initiativen`` and the like, and
    not links, which the loader refuses (DA011)."""
    with os.scandir(root) as entries:
        return {entry.name for entry in entries
                if entry.is_dir(follow_symlinks=False) and not entry.name.startswith((".", "_"))}


def changed_agendas(root: Path, ref: str) -> tuple[set[str], set[str]]:
    """The agendas in ``root`` with a file changed since ``ref``, and those removed since, without
    looking for the agendas that point at them."""
    changed = _classified(root.resolve(), changed_paths(root, ref)).changed
    folders = agenda_folders(root)
    return changed & folders, changed - folders


def affected(root: Path, paths: list[Path]) -> Affected:
    """Sort changed files under the agendas folder ``root`` into agendas and other files, and find
    the agendas whose text mentions a changed agenda or is mentioned by a changed initiative."""
    root = root.resolve()
    result = _classified(root, paths)
    slugs = agenda_folders(root)
    for initiative in result.files:
        if initiative.name != LEGAL_FILE:  # a removed one reads as empty
            result.referencing |= _mentioned(_read(initiative).decode("utf-8", errors="replace"), slugs)
    if result.changed:
        changed = [slug.encode() for slug in sorted(result.changed)]
        pattern = _slug_pattern(changed)
        for slug in sorted(slugs - result.changed):
            if any(_mentions(data, changed, pattern) for data in _contents(os.path.join(root, slug), _TEXT_SUFFIXES)):
                result.referencing.add(slug)
        initiatives = root / INITIATIVES_DIR
        if initiatives.is_dir() and not initiatives.is_symlink():
            result.referencing_files.update(
                path for path in map(Path, regular_files(str(initiatives), (".md",)))
                if path not in result.files and _mentions(_read(path), changed, pattern))
    result.referencing -= result.changed
    return result


def _classified(root: Path, paths: list[Path]) -> Affected:
    """The changed agendas and other files among ``paths`` under ``root`` (resolved), nothing more."""
    result = Affected()
    for path in paths:
        try:
            parts = path.resolve().relative_to(root).parts
        except ValueError:
            continue  # outside the agendas folder: the build configuration, checked by the site build
        if parts[0] == INITIATIVES_DIR or parts == (LEGAL_FILE,):
            result.files.add(root.joinpath(*parts))
        elif len(parts) > 1 and not parts[0].startswith((".", "_")):
            result.changed.add(parts[0])
    return result


def _mentioned(text: str, slugs: set[str]) -> set[str]:
    return {word for word in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text) if word in slugs}


def _mentions(data: bytes, slugs: list[bytes], pattern: re.Pattern[bytes]) -> bool:
    """Whether ``data`` names a slug as a whole word; the plain substring test first is what keeps
    this fast, since most files name none of the changed agendas."""
    return any(slug in data for slug in slugs) and pattern.search(data) is not None


def _slug_pattern(slugs: list[bytes]) -> re.Pattern[bytes]:
    """A slug as a whole word: "beta" matches "[beta]" and "beta#id", not "betastadt"."""
    alternatives = b"|".join(re.escape(slug) for slug in sorted(slugs, key=len, reverse=True))
    return re.compile(rb"(?<![a-z0-9-])(?:" + alternatives + rb")(?![a-z0-9-])")


def _contents(folder: str, suffixes: tuple[str, ...]) -> Iterator[bytes]:
    """The bytes of the folder's text files, one file at a time, so a search stops reading at the
    first match."""
    return map(_read, regular_files(folder, suffixes))


def _read(path: str | Path) -> bytes:
    """A file's bytes, as much as the loader reads (``files.read_file``); nothing if it is not a
    regular file or cannot be read."""
    return read_file(path).data


def _git(folder: Path, *args: str, failure: str = "") -> str:
    """What Git writes for ``args``, decoded as the file system names paths: a name that is not UTF-8
    comes back as it was. ChangeError (``failure`` if given) if Git fails."""
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False)
    except FileNotFoundError:
        raise ChangeError(_NO_GIT) from None
    if done.returncode != 0:
        raise _failed(folder, args, done.returncode, done.stderr, failure)
    return os.fsdecode(done.stdout)


def _git_lines(folder: Path, *args: str) -> Iterator[bytes]:
    """The lines Git writes for ``args``, one at a time, as bytes; ChangeError at the end if it failed."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: Git never waits for us to read it
        try:
            git = subprocess.Popen(["git", *args], cwd=folder, stdout=subprocess.PIPE, stderr=errors)
        except FileNotFoundError:
            raise ChangeError(_NO_GIT) from None
        with git:
            assert git.stdout is not None
            yield from git.stdout
        if git.returncode != 0:
            errors.seek(0)
            raise _failed(folder, args, git.returncode, errors.read())


def _failed(folder: Path, args: tuple[str, ...], code: int, stderr: bytes, failure: str = "") -> ChangeError:
    message = stderr.decode("utf-8", errors="replace").strip()
    detail = message.splitlines()[-1] if message else f"Exit-Code {code}"
    return ChangeError(failure or f"git {args[0]} ist gescheitert ({detail}); liegt „{folder}“ in einem "
                                  f"Git-Repository?")
