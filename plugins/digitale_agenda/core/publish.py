"""Never publish a half-written site: build into a staging folder, swap it in only on success.

A build that fails (an error in an agenda, a template, Pagefind, or a warning under --strict)
leaves the previous site exactly as it was, so a web server that serves ``site/`` keeps serving
the last good state. The staging folder sits beside the site, on the same file system, so the
swap is two renames.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def staging_dir(site_dir: Path) -> Path:
    """Where a build writes before it is published: 'site' -> '.site.neu' beside it."""
    return site_dir.with_name(f".{site_dir.name}.neu")


def publish(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by the finished ``staging`` folder."""
    previous = site_dir.with_name(f".{site_dir.name}.alt")
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)


def discard(staging: Path) -> None:
    """Remove what a failed build wrote."""
    shutil.rmtree(staging, ignore_errors=True)
