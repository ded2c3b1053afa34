"""How a path appears in messages: as the editor knows it."""

from __future__ import annotations

from pathlib import Path


def display(path: Path) -> str:
    """A path relative to the working directory if inside it, else absolute.

    The same file is therefore shown differently from different working directories, and a loaded
    agenda keeps the paths of its messages: the agenda cache keys its entries by this (see
    ``cache.folder_digest``).
    """
    absolute = path.absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)
