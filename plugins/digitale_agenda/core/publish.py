"""Never publish a half-written site: build into a staging folder, swap it in only on success.

A build that fails (an error in an agenda, a template, Pagefind, or a warning under --strict)
leaves the previous site exactly as it was, so a web server that serves ``site/`` keeps serving
the last good state. The staging folder sits beside the site, on the same file system, so the
swap is two renames. The previous site is deleted in the background (``core.trash``).
"""

from __future__ import annotations

from pathlib import Path

from .trash import discard_later


def staging_dir(site_dir: Path) -> Path:
    """Where a build writes before it is published: 'site' -> '.site.neu' beside it."""
    return site_dir.with_name(f".{site_dir.name}.neu")


def publish(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by the finished ``staging`` folder."""
    discard_later(site_dir)
    staging.rename(site_dir)
