"""Helpers shared by the benchmark and the tests: the production site configuration pointed elsewhere."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def site_config(agendas: Path, out: Path, **plugin_options: object) -> Path:
    """The project's own mkdocs.yml, docs and theme overrides, pointed at ``agendas``; returns its path."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "docs")
    config["site_dir"] = str(out / "site")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "digital-agenda" in plugin:
            plugin["digital-agenda"] = {"agendas_dir": str(agendas),
                                        "templates_dir": str(ROOT / "overrides" / "agenda"), **plugin_options}
    config_file = out / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return config_file
