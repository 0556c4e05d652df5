"""MkDocs for the preview: one full build, kept (files, navigation, theme), then single pages made
again and written. The only module of the project that uses MkDocs' private API; each use below
says what it is and the MkDocs version it was read from (1.6.1, pinned `<2` in pyproject.toml).
tests/test_serve.py compares the preview's pages after saves with a full build's.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands import build as mkbuild
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page

from macros.engine import fastpages
from macros.engine.state import Build
from macros.site.prebuild import write_if_changed

PLUGIN = "kulturskole-forhandsvisning"


def serve_url(host: str, port: int, mount_path: str) -> str:
    """The preview's address, as `mkdocs serve` makes it (mkdocs.livereload._serve_url, 1.6.1)."""
    path = ("/" + mount_path.lstrip("/")).rstrip("/") + "/"
    return f"http://{host}:{port}{path}"


class _Capture(BasePlugin):
    """Keeps what MkDocs' build makes (files, navigation, theme environment) for later updates."""

    def __init__(self):
        self.nav = self.files = self.env = None

    def on_nav(self, nav, config, files):
        self.nav, self.files = nav, files
        return nav

    def on_env(self, env, config, files):
        self.env = env
        return env


class Renderer:
    """The site as MkDocs built it, and single pages made again from it."""

    def __init__(self, config_file: Path, site_dir: Path, dev_addr: str | None = None):
        self.config_file = Path(config_file).resolve()
        self.site_dir = Path(site_dir)
        self.dev_addr = dev_addr
        self.config = None
        self.files = self.nav = self.env = None
        self.mount_path = "/"
        self.serve_url = ""
        self.capture = _Capture()

    def load_config(self):
        """The config as `make site` reads it, with the preview's address as site_url. mkdocs-macros
        finds its module from the config file's folder, and MkDocs reads the hooks from there: no
        change of the working folder."""
        kwargs = {"dev_addr": self.dev_addr} if self.dev_addr else {}
        config = load_config(str(self.config_file), site_dir=str(self.site_dir), strict=False, **kwargs)
        host, port = config.dev_addr
        self.mount_path = urlsplit(config.site_url or "/").path
        config.site_url = self.serve_url = serve_url(host, port, self.mount_path)
        self.capture = _Capture()
        config.plugins[PLUGIN] = self.capture
        return config

    def build(self, catalog) -> None:
        """Everything, with MkDocs' build, from the catalog the preview loaded; raises what stops it."""
        config = self.load_config()
        Build.preload(config, catalog)
        config.plugins.on_startup(command="serve", dirty=False)  # the hooks: serial, no publishing checks
        self.config = config
        mkbuild.build(config, serve_url=self.serve_url)
        self.files, self.nav, self.env = self.capture.files, self.capture.nav, self.capture.env

    @property
    def build_state(self) -> Build | None:
        return Build.of(self.config) if self.config is not None else None

    def populate(self, page: Page) -> None:
        """Read and render a page's Markdown. Private: mkdocs.commands.build._populate_page (1.6.1),
        the plugins' page events around Page.read_source and Page.render."""
        mkbuild._populate_page(page, self.config, self.files)

    def html(self, page: Page) -> str:
        """The theme's HTML for a populated page. A copy of mkdocs.commands.build._build_page (1.6.1)
        without the writing; private there: config._current_page, which MkDocs' url filter reads."""
        config = self.config
        config._current_page = page
        try:
            page.active = True
            doc_files = self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            context = mkbuild.get_context(self.nav, doc_files, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            output = template.render(context)
            return config.plugins.on_post_page(output, page=page, config=config)
        finally:
            page.active = False
            config._current_page = None

    def write(self, page: Page) -> bool:
        """Write the page if its HTML changed."""
        data = self.html(page).encode("utf-8", errors="xmlcharrefreplace")
        return write_if_changed(Path(page.file.abs_dest_path), data)

    def in_nav(self, page: Page) -> bool:
        return any(p is page for p in self.nav.pages)

    def set_content(self, src_uri: str, content, edit_path: str | None) -> File:
        """A generated page or file with new text, in MkDocs' files (added when new)."""
        f = self.files.get_file_from_path(src_uri)
        if f is None:
            f = File.generated(self.config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
            f.edit_uri = edit_path
            self.files.append(f)
            if f.is_documentation_page():
                Page(None, f, self.config)  # sets f.page
        elif isinstance(content, bytes):
            f.content_bytes = content
        else:
            f.content_string = str(content)
        if f.is_documentation_page():
            build = self.build_state
            fastpages.final_html(f.page, build.ready if build else fastpages.ReadyStore(self.config))
        return f

    def remove(self, src_uri: str) -> File | None:
        f = self.files.get_file_from_path(src_uri)
        if f is not None:
            self.files.remove(f)
        return f

    def documentation_pages(self):
        return self.files.documentation_pages()

    def file(self, src_uri: str) -> File | None:
        return self.files.get_file_from_path(src_uri)
