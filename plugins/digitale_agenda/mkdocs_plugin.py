"""The MkDocs adapter: validates the agendas once per build with the same rules as the CLI.

Errors stop the build with the CLI's messages; warnings become MkDocs warnings, so that
``mkdocs build --strict`` fails on them. Page generation builds on this adapter.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .core.diagnostics import Severity
from .core.formats import as_text
from .core.framework import FrameworkError, load_framework
from .core.validate import Result, check

log = logging.getLogger("mkdocs.plugins.digital_agenda")


class DigitalAgendaConfig(Config):
    agendas_dir = config_options.Type(str, default="agendas")
    framework = config_options.Optional(config_options.Type(str))


class DigitalAgendaPlugin(BasePlugin[DigitalAgendaConfig]):
    def __init__(self) -> None:
        self.result: Result | None = None

    def on_config(self, config):
        """Load and validate once per build, before any page is read (default priority)."""
        base = Path(config.config_file_path or ".").parent
        root = base / self.config.agendas_dir
        if not root.is_dir():
            raise PluginError(f"Agenda-Verzeichnis „{root}“ nicht gefunden (Option agendas_dir)")
        try:
            framework = load_framework(base / self.config.framework if self.config.framework else None)
        except FrameworkError as error:
            raise PluginError("\n".join(as_text(d) for d in error.diagnostics)) from None
        self.result = check(root, framework)
        errors = [d for d in self.result.diagnostics if d.severity is Severity.ERROR]
        for diagnostic in self.result.diagnostics:
            if diagnostic.severity is Severity.WARNING:
                log.warning(as_text(diagnostic))
        if errors:
            raise PluginError(
                f"{len(errors)} Fehler in den Agenden; der Build wurde abgebrochen:\n"
                + "\n".join(as_text(d) for d in errors))
        config.watch.append(str(root))
        return config
