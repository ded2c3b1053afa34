"""The MkDocs adapter: validates the agendas once per build, adds the generated pages and indexes
the built site for search.

Errors stop the build with the CLI's messages; warnings become MkDocs warnings, so that
``mkdocs build --strict`` fails on them. The core (``core.site``) renders the generated pages'
content as HTML; here they become pages that skip MkDocs' Markdown step and are rendered only
when MkDocs writes them, so the build holds one generated page's HTML at a time. The agendas are
loaded, checked and rendered in a second process (``core.prefetch``), which sends this one just
the plan of the site (``core.siteplan``): MkDocs' process never holds the model of the agendas.
After the build, Pagefind writes a chunked search index into the site: a query loads only the
chunks it needs, instead of one index of the whole site. It reads copies of the pages' indexed
parts that are set aside while the pages are written (``core.searchtext``), not the whole pages.
Under ``mkdocs serve --dirty`` (``scripts/site serve``) a rebuild writes only the pages whose
content changed (``core.rewrite``) and indexes them in the background.
"""

from __future__ import annotations

import functools
import html
import logging
import os
import sys
import threading
import time
from pathlib import Path

import jinja2
import yaml
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import clean_directory

from .core.bulkload import LoadOptions, available_cores
from .core.cache import AgendaCache
from .core.changes import PREVIEW_FROM, ChangeError, preview_since
from .core.csp import inline_script_hashes, write_policy_files
from .core.diagnostics import Severity
from .core.formats import as_text
from .core.framework import FrameworkError, load_framework
from .core.indexcache import IndexCache, pagefind_version, part_key
from .core.indexing import IndexRun, SearchIndexError, run_all
from .core.prefetch import Prefetcher, PrefetchError
from .core.privacy import external_assets
from .core.progress import Tenths, de_count, de_number
from .core.publish import publish, staging_dir
from .core.rewrite import Written, folder_state, shared_digest
from .core.searchshards import SHARD_PAGES, Shard, bundle_pages, glob, owner
from .core.searchtext import SearchText
from .core.site import AGENDAS_URI, PageInfo, Rendered, toc_tokens
from .core.siteplan import PlanOptions
from .core.siteplan import prepare as prepare_site
from .core.trash import discard_later
from .pageshell import TEMPLATE as SHELL_TEMPLATE
from .pageshell import PageShells
from .thememo import ThemeMemo, Translations, theme_loader

log = logging.getLogger("mkdocs.plugins.digital_agenda")
PREVIEW_ENV = "AGENDA_VORSCHAU"
PREVIEW_SINCE_ENV = "AGENDA_VORSCHAU_SEIT"
PAGES_SHOWN_FROM = 5_000  # a site with fewer pages is written in seconds: no progress messages


class DigitalAgendaConfig(Config):
    agendas_dir = config_options.Type(str, default="agendas")
    framework = config_options.Optional(config_options.Type(str))
    templates_dir = config_options.Type(str, default="overrides/agenda")
    search = config_options.Type(bool, default=True)
    # pages per Pagefind run: a larger site gets its index in parts, each built with that much memory
    search_shard_pages = config_options.Type(int, default=SHARD_PAGES)
    # other sites' Pagefind bundles to search together with this one, e.g. for a portal split into
    # one site per Land: [{bundle: /bayern/pagefind/, base: /bayern/}, …]
    merge_search = config_options.ListOfItems(config_options.Type(dict), default=[])
    # a preview of a few agendas (slugs), for editors in a large repository: only these, the agendas
    # they name and the initiatives are read, checked and built. Also set by AGENDA_VORSCHAU=a,b.
    vorschau = config_options.ListOfItems(config_options.Type(str), default=[])
    # in a pull request: a preview of the agendas changed since this Git reference and of those
    # pointing at them, once the repository holds ``vorschau_ab`` agendas (core.changes.preview_since);
    # the whole site below that, where what every page is built from changed too, or where no remaining
    # agenda changed; agendas named in ``vorschau`` go first.
    # Also set by AGENDA_VORSCHAU_SEIT=origin/main.
    vorschau_seit = config_options.Type(str, default="")
    vorschau_ab = config_options.Type(int, default=PREVIEW_FROM)
    # load the agendas and render the generated pages in a second process while MkDocs writes them (core.prefetch),
    # and load agendas on every core (see core.bulkload)
    parallel = config_options.Type(bool, default=True)
    # keep loaded agendas by content hash outside the repository (see core.cache)
    cache = config_options.Type(bool, default=True)


class RenderedPage(Page):
    """A generated page: its content comes from the core, not from Markdown."""

    def __init__(self, info: PageInfo, nav_title: str | None, file: File, config: MkDocsConfig) -> None:
        super().__init__(nav_title, file, config)
        self.info = info
        self.external: list[str] = []  # assets from other servers in the content (``fill``)

    def read_source(self, config: MkDocsConfig) -> None:
        """The title as HTML: it holds names from the agendas, and the theme writes a page's title
        into ``<title>`` and its header as it is, unescaped (MkDocs' templates do not escape)."""
        self.markdown = ""
        self.meta = {"title": html.escape(self.info.title), **self.info.meta, "template": SHELL_TEMPLATE}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Nothing to convert: the content is rendered in ``fill`` when the page is written."""
        self.content = ""

    def fill(self, rendered: Rendered) -> list[str]:
        """Take the rendered content and table of contents; returns prose links that lead to no page."""
        self.content, self.toc = rendered.html, get_toc(toc_tokens(rendered.html))  # type: ignore[arg-type]
        self.external = external_assets(rendered.html)
        return rendered.broken_links

    def theme_around(self, output: str) -> str:
        """The written page without its content, which was looked through where it was rendered;
        the whole page if the theme did not write the content as it is."""
        start = output.find(self.content) if self.content else -1
        return output if start < 0 else output[:start] + output[start + len(self.content):]

    def release(self) -> None:
        """Drop the HTML once the page is written."""
        self.content, self.toc, self.external = "", get_toc([]), []


class GeneratedFile(File):
    """A generated page's file. It has no source to compare with what was written, so under
    ``mkdocs serve --dirty`` the plugin says whether the page changed (``core.rewrite``)."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged


class DigitalAgendaPlugin(BasePlugin[DigitalAgendaConfig]):
    def __init__(self) -> None:
        self.pages: list[PageInfo] = []
        self.templates = Path()
        self.command, self.dirty = "build", False
        self.prefetcher: Prefetcher | None = None
        self.site_dir: Path | None = None  # the real site folder while the build writes to a staging folder
        self.warnings = _WarningCounter()
        self.script_hashes: set[str] = set()  # of every inline script written, for the CSP
        self.shards: list[Shard] = []  # the Pagefind runs of this build
        self.search_text: SearchText | None = None  # what Pagefind reads, set aside as pages are written
        self.nav_pages: list[Page] = []  # the pages listed in the navigation, of this build
        self.progress = page_progress(0)
        self.stylesheets: list[str] = []  # of the site, as MkDocs copies them
        self.shells: PageShells | None = None  # the theme's pages, rendered once per kind of page
        self.written = Written()  # under mkdocs serve --dirty: the site as the last build wrote it
        self.rewrote_all = True  # whether this build writes every page (else: _skip_unchanged)
        self.indexing: threading.Thread | None = None  # under mkdocs serve --dirty: Pagefind after a rebuild
        self.config_files: list[Path] = []  # the configuration file and those it inherits from (config_chain)

    @property
    def incremental(self) -> bool:
        """Under ``mkdocs serve --dirty`` a rebuild writes only the pages that changed (``core.rewrite``)."""
        return self.command == "serve" and self.dirty

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        if self.incremental:
            logging.getLogger("mkdocs.commands.build").addFilter(_no_dirty_warning)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load, validate and render once per build, before any page is read (default priority)."""
        self.rewrote_all = True
        if not self.incremental:  # there, pages written by earlier builds stay (``_skip_unchanged``)
            self.script_hashes = set()
        if config.strict:
            logging.getLogger("mkdocs").addHandler(self.warnings)
        base = Path(config.config_file_path or ".").parent
        root = base / self.config.agendas_dir
        if not root.is_dir():
            raise PluginError(f"Agenda-Verzeichnis „{root}“ nicht gefunden (Option agendas_dir)")
        try:
            framework = load_framework(base / self.config.framework if self.config.framework else None)
        except FrameworkError as error:
            raise PluginError("\n".join(as_text(d) for d in error.diagnostics)) from None
        self.templates = base / self.config.templates_dir
        self._stop_prefetch()
        prepare = functools.partial(prepare_site, PlanOptions(
            root, framework, self.templates, self._preview(root), self._load_options(), tuple(self._merge_search()),
            config.use_directory_urls, self.config.search_shard_pages))
        # the model of the agendas lives in a second process where there is one (core.prefetch)
        started = time.monotonic()
        try:
            self.prefetcher = Prefetcher(prepare, fork=self._forking())
        except jinja2.TemplateError as error:
            where = f" ({error.filename}:{error.lineno})" if isinstance(error, jinja2.TemplateSyntaxError) else ""
            raise PluginError(f"Vorlage für die Agenda-Seiten fehlerhaft{where}: {error}") from None
        plan = self.prefetcher.plan
        log.info(f"Agenden gelesen und geprüft in {de_number(round(time.monotonic() - started, 1))} s")
        if self.command == "serve" and not self.dirty and len(plan.pages) >= PAGES_SHOWN_FROM:
            log.info("Tipp: Mit „mkdocs serve --dirty“ (so startet „scripts/site serve“) schreibt eine Änderung nur "
                     "die geänderten Seiten neu; „scripts/site vorschau ORDNER“ baut nur diese Agenda.")
        for diagnostic in plan.diagnostics:
            if diagnostic.severity is Severity.WARNING:
                log.warning(as_text(diagnostic))
        if plan.errors:
            raise PluginError(
                f"{len(plan.errors)} Fehler in den Agenden; der Build wurde abgebrochen:\n"
                + "\n".join(as_text(d) for d in plan.errors))
        config.extra["rechtliches"] = plan.footer
        self.shards, self.pages = plan.shards, plan.pages
        self.config_files = config_chain(Path(config.config_file_path) if config.config_file_path else None)
        framework_file = [str(base / self.config.framework)] if self.config.framework else []
        # MkDocs watches the configuration file itself, not the files it inherits from
        config.watch.extend([str(root), str(self.templates), *framework_file, *map(str, self.config_files[1:])])
        if self.command == "build" and not self.dirty:  # not for gh-deploy, which reads site_dir afterwards
            self.site_dir = Path(config.site_dir)
            config.site_dir = str(staging_dir(self.site_dir))
        return config

    def _forking(self) -> bool:
        """Several processes only for a build: ``mkdocs serve``'s server threads make forking unsafe."""
        return self.config.parallel and self.command != "serve"

    def _load_options(self) -> LoadOptions:
        return LoadOptions(AgendaCache.default() if self.config.cache else None,
                           available_cores() if self._forking() else 1, log.info)

    def _preview(self, root: Path) -> set[str] | None:
        """The agendas of a preview build, or None for the whole site."""
        slugs = set(self.config.vorschau) | {s.strip() for s in os.environ.get(PREVIEW_ENV, "").split(",") if s.strip()}
        since = os.environ.get(PREVIEW_SINCE_ENV, "").strip() or self.config.vorschau_seit
        if not slugs and since:
            try:
                scope = preview_since(root, since, self.config.vorschau_ab)
            except ChangeError as error:
                raise PluginError(f"Vorschau seit {since}: {error}") from None
            log.info(scope.message)
            return set(scope.agendas) or None
        if not slugs:
            return None
        unknown = sorted(slug for slug in slugs if not (root / slug).is_dir())
        if unknown:
            raise PluginError(f"Vorschau: keine Agenda „{', '.join(unknown)}“ in „{root}“ (Ordnernamen angeben)")
        log.info(f"Vorschau: nur {', '.join(sorted(slugs))} und die Agenden, auf die sie verweisen")
        return slugs

    def _merge_search(self) -> list[dict[str, str]]:
        sites = []
        for entry in self.config.merge_search:
            if not isinstance(entry.get("bundle"), str) or not str(entry["bundle"]).endswith("/"):
                raise PluginError("merge_search: jeder Eintrag braucht „bundle“ (Adresse des pagefind/-Ordners "
                                  "mit „/“ am Ende) und optional „base“ (Adresse der Website)")
            sites.append({"bundle": entry["bundle"], "base": str(entry.get("base", "/"))})
        return sites

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add the generated pages; a hand-written page at the same place would be ambiguous.

        The page templates sit in the theme's custom_dir, whose files MkDocs would publish: they
        are taken out of the site here. A generated page listed in the ``nav`` keeps the nav's title.
        """
        templates = self.templates.resolve()
        nav_titles = {path: title for entry in config.nav or [] if isinstance(entry, dict)
                      for title, path in entry.items() if isinstance(path, str)}
        for file in list(files):
            if file.abs_src_path and templates in Path(file.abs_src_path).resolve().parents:
                files.remove(file)
        for page in self.pages:
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                raise PluginError(f"„{config.docs_dir}/{page.src_uri}“ überschneidet sich mit einer erzeugten "
                                  f"Seite; bitte umbenennen oder entfernen")
            file = GeneratedFile.generated(config, page.src_uri, content="")
            RenderedPage(page, nav_titles.get(page.src_uri), file, config)
            files.append(file)
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav_pages = nav.pages
        if self.incremental:
            self._skip_unchanged(config, files)
        return nav

    def _skip_unchanged(self, config: MkDocsConfig, files: Files) -> None:
        """Under ``mkdocs serve --dirty``: mark the generated pages whose content is as last written,
        which MkDocs then leaves as they are, and delete the pages no longer generated. Where what
        every page shares changed, the whole site is written again (``core.rewrite``).

        The comparison runs beside the previous build's Pagefind, if it is still at work
        (``_index_in_background``); whatever writes into the site or the copies Pagefind reads waits for it."""
        for page in self.nav_pages:  # every page's navigation shows their titles, read or not
            if page.markdown is None:
                page.read_source(config)
        shared = shared_digest([
            [path.read_bytes() for path in self.config_files], config.extra.get("rechtliches"),
            [(page.title, page.url) for page in self.nav_pages],
            folder_state(Path(config.theme.custom_dir) if config.theme.custom_dir else None, self.templates)])
        if shared != self.written.shared:
            self._wait_for_index()
            if self.written.shared is not None:
                log.info("Navigation, Konfiguration oder Theme geändert: Die ganze Website wird neu geschrieben")
            clean_directory(config.site_dir)
            self.written, self.script_hashes = Written(shared, files=frozenset(file.dest_uri for file in files)), set()
            self._drop_search_text()
            return
        self.rewrote_all = False
        changed = 0
        compared = Tenths(len(self.pages), log.info, "Seiten mit dem zuletzt geschriebenen Stand verglichen",
                          PAGES_SHOWN_FROM)
        for info in self.pages:
            rendered = self._rendered(info.src_uri)
            file = files.get_file_from_path(info.src_uri)
            if isinstance(file, GeneratedFile) and self.written.unchanged(file.dest_uri, info, rendered):
                file.unchanged = True
                self._warn_broken(info.src_uri, rendered.broken_links)  # as a full build would
            else:
                changed += 1
            compared.advance()
        self._wait_for_index()
        site = Path(config.site_dir)
        for dest_uri in self.written.gone(file.dest_uri for file in files):
            (site / dest_uri).unlink(missing_ok=True)
            if self.search_text is not None:
                self.search_text.forget(dest_uri)
        log.info(f"{de_count(changed, 'erzeugte Seite', 'erzeugte Seiten')} von {de_number(len(self.pages))} "
                 f"geändert: nur sie werden neu geschrieben")

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Pages are about to be written: give the theme a fresh memo of the parts it renders once for
        many pages (``thememo``), and set aside what Pagefind will read.
        """
        env.loader = theme_loader(env.loader)
        legal = config.extra.get("rechtliches") or {}
        memo = ThemeMemo(self.nav_pages, [url for _, url in legal.get("links", [])])
        env.globals["da_memo"] = memo
        env.globals["da_translate"] = Translations(env, config)
        self.shells = env.globals["da_shells"] = PageShells(env, memo, config)
        self.progress = page_progress(sum(1 for file in files.documentation_pages()
                                          if not (isinstance(file, GeneratedFile) and file.unchanged)))
        self.stylesheets = [file.dest_uri for file in files if file.dest_uri.endswith(".css")]
        # mkdocs build --dirty writes only changed pages: Pagefind reads the site. Under mkdocs serve
        # --dirty the copies of the pages written by earlier builds are kept instead (_skip_unchanged).
        if self.config.search and (not self.dirty or self.incremental) and self.search_text is None:
            self.search_text = SearchText.beside(Path(config.site_dir), len(self.pages))
        return env

    def on_page_context(self, context: dict, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        """Fill a generated page just before the theme writes it."""
        if isinstance(page, RenderedPage) and self.prefetcher is not None:
            rendered = self._rendered(page.file.src_uri)
            self._warn_broken(page.file.src_uri, page.fill(rendered))
            if self.incremental:
                self.written.remember(page.file.dest_uri, page.info, rendered)
        return context

    def _rendered(self, src_uri: str) -> Rendered:
        """A generated page's content. Under ``mkdocs serve --dirty`` a changed page is rendered twice,
        to compare it and to write it; the prefetcher renders in this process there, so holding
        the few changed pages' HTML would save little."""
        assert self.prefetcher is not None, "pages are rendered only while a build has its agendas"
        try:
            return self.prefetcher.get(src_uri)
        except (jinja2.TemplateError, PrefetchError) as error:
            self._stop_prefetch()
            raise PluginError(f"Vorlage für die Agenda-Seiten fehlerhaft: {error}") from None

    @staticmethod
    def _warn_broken(src_uri: str, targets: list[str]) -> None:
        for target in targets:
            log.warning(f"Seite „{src_uri}“: Link „{target}“ im Text führt zu keiner Seite. Relative "
                        f"Links zeigen auf Dateien im Ordner agendas/, z. B. „bildung.md“ oder "
                        f"„../musterdorf/verwaltung.md#massnahme-id“.")

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Stop the build if any page would load a third party's asset; collect the theme's inline
        scripts for the CSP; free a generated page's HTML.

        A generated page's content was looked through for assets when it was filled in; here only
        the theme around it is, and not even that for a page filled into a shell (``pageshell``):
        the shell is the theme as written for the first pages of its kind, checked here then, and
        what is put into it is the page's escaped title and what comes from its checked content.
        A generated page's inline scripts are not hashed: its content has none of its own, and a
        script that got into it anyway stays blocked by the CSP."""
        checked = output
        found: list[str] = []
        if isinstance(page, RenderedPage):
            in_shell = self.shells is not None and self.shells.filled(page)
            checked, found = "" if in_shell else page.theme_around(output), page.external
            page.release()
        self.progress.advance()
        _refuse_external([*external_assets(checked), *found], f"Seite „{page.file.src_uri}“")
        self.script_hashes |= inline_script_hashes(checked)
        if self.search_text is not None:
            self.search_text.add(page.file.dest_uri, output)
        return output

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """Theme pages such as 404.html: the same checks as for content pages."""
        _refuse_external(external_assets(output_content), f"Vorlage „{template_name}“")
        self.script_hashes |= inline_script_hashes(output_content)
        if self.search_text is not None:
            self.search_text.add(template_name, output_content)
        return output_content

    def _stop_prefetch(self) -> None:
        if self.prefetcher is not None:
            self.prefetcher.close()
            self.prefetcher = None

    def _drop_search_text(self) -> None:
        if self.search_text is not None:
            self.search_text.remove()
            self.search_text = None

    def on_build_error(self, *, error: Exception) -> None:
        self._wait_for_index()
        self._stop_prefetch()
        self._drop_search_text()
        self.written = Written()  # what the failed build left in the site is unknown: write it all next time

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the written site with Pagefind (runs last: the HTML must be complete), then publish it."""
        self._stop_prefetch()
        self._check_stylesheets(config)
        if self.shells is not None:
            filled, rendered = self.shells.kinds
            log.debug(f"Seitengerüste: {filled} Arten von Seiten gefüllt, {rendered} vom Theme gerendert")
        if self.config.search and not self.rewrote_all:
            self._index_in_background(config)
        elif self.config.search:
            source = self.search_text.folder if self.search_text else Path(config.site_dir)
            self._index(*self._index_runs(config, source))
            if not self.incremental:
                self._drop_search_text()
        write_policy_files(Path(config.site_dir), self.script_hashes)
        self._publish(config)

    def _index_runs(self, config: MkDocsConfig, source: Path) -> tuple[list[IndexRun], IndexCache | None]:
        """One Pagefind run per shard, and the index cache to take them from, for ``_index``.
        Pagefind reads the pages in ``source`` (their indexed parts, or the site itself) and writes
        into the site."""
        site = Path(config.site_dir)
        program = (sys.executable, "-m", "pagefind")
        cache = IndexCache.default() if self.config.cache and self.search_text is not None else None
        version = pagefind_version(program) if cache is not None else None
        read = self.search_text.pages_by(owner(self.shards, AGENDAS_URI)) if self.search_text and version else {}
        runs = []
        for number, shard in enumerate(self.shards, 1):
            options = ["--silent"]
            pattern = glob(shard, self.shards, source, AGENDAS_URI)
            if pattern is not None:
                options += ["--glob", pattern]
            if len(self.shards) > 1:
                what = "übrige Seiten"
                if shard.agendas:
                    what = f"{', '.join(shard.laender)}: {len(shard.agendas)} Agenden, {shard.pages} Seiten"
                message = f"Suchindex Teil {number} von {len(self.shards)} ({what})"
                reused = f"{message} unverändert, aus dem Zwischenspeicher"
            else:
                message = "Suchindex wird geschrieben (Pagefind)"
                reused = "Suchindex unverändert, aus dem Zwischenspeicher"
            key = part_key(version, options, read.get(shard.folder, [])) if version else None
            pages = bundle_pages(shard, self.shards, len(self.pages))
            runs.append(IndexRun([*program, "--site", str(source), *options], site / shard.folder, pages, message,
                                 key, reused))
        return runs, cache

    @staticmethod
    def _index(runs: list[IndexRun], cache: IndexCache | None) -> None:
        """Run Pagefind, two runs at a time where memory allows (``core.indexing``). A shard whose
        copies are unchanged since an earlier build takes that build's bundle from the index cache
        (``core.indexcache``)."""
        try:
            run_all(runs, available_cores(), log.info, cache=cache)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    def _index_in_background(self, config: MkDocsConfig) -> None:
        """After a rebuild that wrote only the changed pages (``mkdocs serve --dirty``), index while the
        browser already shows them: Pagefind took a third of such a rebuild (at N = 1,000 about 12 s
        for the part holding the changed agenda). The next build reads and renders the agendas
        meanwhile, and waits for it before it writes (``_skip_unchanged``)."""
        assert self.search_text is not None, "kept across rebuilds under mkdocs serve --dirty"
        runs, cache = self._index_runs(config, self.search_text.folder)  # here: the next build replaces the plan

        def index() -> None:
            try:
                self._index(runs, cache)
                log.info("Suchindex aktualisiert")
            except Exception as error:  # in this thread no one else would hear of it
                # a part that failed is not in the index cache: the next build runs it again
                log.error(f"Suchindex nicht aktualisiert: {error}")

        log.info("Die geänderten Seiten sind geschrieben; der Suchindex wird im Hintergrund aktualisiert")
        self.indexing = threading.Thread(target=index, name="pagefind", daemon=True)
        self.indexing.start()

    def _wait_for_index(self) -> None:
        if self.indexing is not None:
            self.indexing.join()
            self.indexing = None

    def _check_stylesheets(self, config: MkDocsConfig) -> None:
        """The theme's and the docs' stylesheets, found among MkDocs' files: walking the site for
        them took 2-12 s at N = 11,000."""
        for uri in self.stylesheets:
            sheet = Path(config.site_dir) / uri
            if sheet.is_file():
                _refuse_external(external_assets(sheet.read_text(encoding="utf-8", errors="replace")),
                                 f"Stylesheet „{uri}“")

    def _publish(self, config: MkDocsConfig) -> None:
        """Swap the finished build in, unless --strict is about to fail it for a warning."""
        if self.site_dir is None or self.warnings.count:
            return
        publish(Path(config.site_dir), self.site_dir)
        config.site_dir, self.site_dir = str(self.site_dir), None

    def on_shutdown(self) -> None:
        """Let a search index still being written under ``mkdocs serve --dirty`` finish (its Pagefind
        would go on writing into the removed site), and remove what a build leaves behind: the
        copies for Pagefind, and the staging folder of a build that did not publish."""
        if self.indexing is not None and self.indexing.is_alive():
            log.info("Der Suchindex wird noch fertig geschrieben …")
        try:
            self._wait_for_index()
        finally:
            self._stop_prefetch()
            self._drop_search_text()
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        logging.getLogger("mkdocs.commands.build").removeFilter(_no_dirty_warning)
        if self.site_dir is not None:
            discard_later(staging_dir(self.site_dir))
            self.site_dir = None


def config_chain(config_file: Path | None) -> list[Path]:
    """The configuration file and the files it inherits from (MkDocs' ``INHERIT``, a path relative to
    the inheriting file), the file itself first: together they are the configuration every page is
    built with, so under ``mkdocs serve`` a change to any of them must be noticed."""
    chain: list[Path] = []
    while config_file is not None and config_file not in chain and config_file.is_file():
        chain.append(config_file)
        config_file = _inherited(config_file)
    return chain


def _inherited(config_file: Path) -> Path | None:
    """The file ``config_file`` names under ``INHERIT``, resolved as MkDocs resolves it. Composed,
    not loaded: MkDocs' own tags (``!ENV``, ``!relative``) need no constructor for that."""
    try:
        root = yaml.compose(config_file.read_bytes(), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return None  # MkDocs read the file a moment ago; if it cannot now, the next build says why
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if key.value == "INHERIT" and isinstance(value, yaml.ScalarNode):
            return Path(os.path.normpath(config_file.parent / value.value))
    return None


def _refuse_external(addresses: list[str], where: str) -> None:
    if addresses:
        raise PluginError(f"{where} lädt {', '.join(sorted(set(addresses))[:3])} von einem fremden Server: "
                          f"Das würde die Adressen der Leserinnen und Leser dorthin senden. Die Datei in die "
                          f"Website aufnehmen (z. B. unter overrides/assets/) oder weglassen; bei Schriften im "
                          f"Theme „font: false“ setzen.")


def _no_dirty_warning(record: logging.LogRecord) -> bool:
    """Leave out MkDocs' warning that a dirty build may show inaccurate navigation and links: under
    ``mkdocs serve --dirty`` the plugin writes the whole site again where they changed (``_skip_unchanged``)."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def page_progress(total: int) -> Tenths:
    """Logs every tenth of the pages written, on a site large enough to take a while."""
    return Tenths(total, log.info, "Seiten geschrieben", PAGES_SHOWN_FROM)


class _WarningCounter(logging.Handler):
    """Counts warnings as MkDocs does for --strict, which fails the build only after post_build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
