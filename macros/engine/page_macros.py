"""The mkdocs-macros entry: macros that hand-written pages (render_macros: true) may call.

Each macro is a thin call into site generation; editors' content never reaches here.
"""
from __future__ import annotations


def define_env(env):  # pragma: no cover - exercised by the site build tests
    import weakref
    from pathlib import Path

    from markupsafe import Markup

    from ..core.catalog import load_site
    from ..site.pages import home_blocks

    data_dir = Path(env.project_dir).resolve() / "data"  # mkdocs-macros and Zensical's built-in macros both have it

    # (catalog, url, blocks): a page calls several of the macros below. The catalog by weak reference:
    # the build lets go of it while it waits for its search process (engine/memory.py).
    last: list = [lambda: None, None, None]

    def site_catalog():
        """The build's catalog (engine/state.py: the preview's after a save), else loaded here (another
        engine's macros)."""
        build = getattr(env.conf, "kulturskole", None)  # engine/state.py's Build, without importing MkDocs
        if build is not None and build.catalog is not None:
            return build.catalog
        catalog, problems = load_site(data_dir)
        if problems:  # the hook stops the build with the full list; never render half a page
            raise RuntimeError("datafeil")
        return catalog

    def blocks():
        catalog = site_catalog()
        page = env.page
        url = page.url if page else ""
        if last[0]() is not catalog or last[1] != url:
            last[:] = [weakref.ref(catalog), url, home_blocks(catalog, url)]
        return last[2]

    @env.macro
    def tall():
        """Key counts from the data, for the home page."""
        return Markup(blocks()["tall"])

    @env.macro
    def fokusomrader_kort():
        return Markup(blocks()["fokus"])

    @env.macro
    def sist_oppdatert():
        return Markup(blocks()["siste"])

    @env.macro
    def kart():
        """Map of Norway with the participating municipalities, and the same list as text."""
        from ..site.pages import site_map
        return Markup(site_map(site_catalog(), env.page.url if env.page else ""))

    @env.macro
    def repo_lenke(tekst: str, sti: str = "") -> str:
        """A Markdown link into the repository, or just the text when the site has no repository."""
        url = env.conf.get("repo_url")
        return f"[{tekst}]({url.rstrip('/')}/{sti})" if url else tekst

    @env.macro
    def skjema():
        """The case form on /bidra/skjema/: built in the browser from the model (site/form.py)."""
        from ..site.form import form_block
        conf = env.conf
        return form_block(env.page.url if env.page else "bidra/skjema/", conf.get("repo_url"), conf.get("edit_uri"))

    @env.macro
    def hvor_star_vi():
        """The self-assessment «Hvor står vi?»: form, result sections and plan (site/selfassess.py)."""
        from ..site.selfassess import page_html
        return page_html(site_catalog(), env.page.url if env.page else "hvor-star-vi/", env.conf.get("repo_url"))

    @env.macro
    def tilgjengelighetserklaering():
        """The accessibility statement from data/tilgjengelighet.yml and the latest test results."""
        from ..site.statement import statement_markdown
        return statement_markdown(data_dir, env.page.url if env.page else "tilgjengelighet/")
