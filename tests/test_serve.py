"""The preview server (`make serve`, macros/engine/serve.py): a save rewrites the saved page at once
and every other page whose text changed in the background, leaves the rest alone, ends with the same
site a full build makes, shows data errors in every page while keeping the last good site, and
reloads exactly the browser tabs whose page changed."""
from __future__ import annotations

import re
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from macros.engine.serve import Preview, PreviewServer, banner_html
from macros.engine.serve.watch import Watcher

from .conftest import FIXTURE_DATA, build, make_project


@pytest.fixture
def preview(tmp_path):
    (tmp_path / "p").mkdir()
    project = make_project(tmp_path / "p", FIXTURE_DATA)
    pv = Preview(project / "mkdocs.yml", tmp_path / "served")
    assert pv.full_build()
    pv.search.wait(120)
    yield pv
    pv.stop()
    pv.search.wait(120)


def _edit(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, new, text, count=1, flags=re.M)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


def _times(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*")
            if p.is_file() and not p.relative_to(site).as_posix().startswith("sok/")}


def _html_files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*")
            if p.is_file() and p.suffix in (".html", ".json", ".csv", ".geojson", ".xml", ".ics")
            and not p.name.startswith("sitemap") and "sok" not in p.parts}


def test_a_saved_case_is_rewritten_first_and_the_pages_that_show_it_follow(preview):
    root, site = preview.root, preview.site_dir
    before = _times(site)
    time.sleep(0.05)
    _edit(root / "data" / "kommuner" / "bodo.yml", r"^oppdatert:.*$", "oppdatert: 2031-03-11")
    preview.update()
    first = preview.timings[-1]
    assert first["kind"] == "lagret side" and first["pages"] == ["kommuner/bodo.md"]
    assert "11. mars 2031" in (site / "kommuner" / "bodo" / "index.html").read_text(encoding="utf-8")
    preview.wait_background()
    after = _times(site)
    rewritten = {p for p in after if after[p] != before.get(p)}
    assert "kommuner/bodo/index.html" in rewritten
    assert "data/index.html" in rewritten  # the open-data page shows the newest date
    assert "data/kommuner.json" in rewritten
    # Unchanged pages are not rewritten: the other case, county and focus-area pages, the field guide.
    for same in ("kommuner/sunnfjord/index.html", "fylker/vestland/index.html", "bidra/felter/index.html",
                 "om/index.html", "assets/kulturskole.css"):
        assert after[same] == before[same], same
    assert len(rewritten) < 12


def test_after_saves_the_served_site_is_what_a_full_build_makes(preview, tmp_path, monkeypatch):
    root = preview.root
    _edit(root / "data" / "kommuner" / "bodo.yml", r"^oppdatert:.*$", "oppdatert: 2031-03-13")
    preview.update()
    (root / "data" / "kommuner" / "sunnfjord.md").write_text("## Ny del\n\nEin ny forteljing.\n", encoding="utf-8")
    preview.update()
    _edit(root / "docs" / "om.md", r"^# (.*)$", r"# \1 (endret)")
    preview.update()
    preview.wait_background()
    served = _html_files(preview.site_dir)
    monkeypatch.setenv("SITE_URL", preview.renderer.serve_url)  # the preview's address, as in its canonical links
    full = _html_files(build(root))
    assert sorted(served) == sorted(full)
    for path, text in full.items():  # the same policy too: the preview adds its nonce per response
        assert served[path] == text, path
    assert "13. mars 2031" in served["data/index.html"]
    assert "Ein ny forteljing" in served["kommuner/sunnfjord/index.html"]


def test_a_saved_script_or_part_of_one_is_served_as_the_build_serves_it(preview):
    """A part of the search script (docs/assets/sok/) and a script of its own: the served file changes
    at once, compacted as a full build makes it, and nothing else of the site."""
    root, site = preview.root, preview.site_dir
    before = _times(site)
    part = root / "docs" / "assets" / "sok" / "5-dialog.js"
    part.write_text(part.read_text(encoding="utf-8") + "// a comment\nvar lagret = 1;\n", encoding="utf-8")
    single = root / "docs" / "assets" / "utforsk.js"
    single.write_text(single.read_text(encoding="utf-8") + "\n  var ogsaLagret = 2;\n", encoding="utf-8")
    preview.update()
    served = (site / "assets" / "sok.js").read_text(encoding="utf-8")
    assert served.endswith("startDialog();\nvar lagret = 1;\n})();\n") and "a comment" not in served
    assert (site / "assets" / "utforsk.js").read_text(encoding="utf-8").endswith("\nvar ogsaLagret = 2;\n")
    assert not (site / "assets" / "sok").exists()
    preview.wait_background()
    after = _times(site)
    assert {p for p in after if after[p] != before.get(p)} == {"assets/sok.js", "assets/utforsk.js"}
    assert served == (build(root) / "assets" / "sok.js").read_text(encoding="utf-8")


def test_a_data_error_is_shown_and_the_last_good_site_stays(preview):
    case = preview.root / "data" / "kommuner" / "bodo.yml"
    good = case.read_text(encoding="utf-8")
    page = preview.site_dir / "kommuner" / "bodo" / "index.html"
    html_before = page.read_text(encoding="utf-8")
    case.write_text(re.sub(r"(?m)^navn:", "navn: [uavsluttet\nx:", good, count=1), encoding="utf-8")
    preview.update()
    title, lines = preview.error
    assert title == "Datafilene har feil"
    assert any(line.startswith("data/kommuner/bodo.yml:") and "ugyldig YAML" in line for line in lines)
    assert page.read_text(encoding="utf-8") == html_before
    case.write_text(good, encoding="utf-8")
    preview.update()
    assert preview.error is None


def test_the_message_in_the_browser_is_norwegian_and_escaped():
    html = banner_html(["data/kommuner/x.yml:3: navn: fant «<b>»"], "Datafilene har feil")
    assert 'role="alert"' in html and 'lang="nb"' in html
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert "forrige versjon" in html


def test_http_reloads_only_the_tab_whose_page_changed_and_shows_errors(preview):
    server = PreviewServer(preview, "127.0.0.1", 0)
    server.server_bind()
    server.server_activate()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = server.url

    def get(path: str, referer: str | None = None) -> str:
        req = urllib.request.Request(base + path, headers={"Referer": base + referer} if referer else {})
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.read().decode("utf-8")

    try:
        page = get("kommuner/bodo/")
        script = re.search(r'<script nonce="([^"]+)">[^<]*\}\)\((\d+), \d+\);\s*</script>', page)
        epoch = int(script.group(2))
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
        assert f"script-src 'nonce-{script.group(1)}' 'self'" in policy and "unsafe-inline" not in policy
        again = get("kommuner/bodo/")
        assert script.group(1) not in again  # a new nonce for every response
        server.poll_response_timeout = 0.5
        assert int(get(f"livereload/{epoch}/1", "kommuner/bodo/")) == epoch  # nothing changed: no reload
        _edit(preview.root / "data" / "kommuner" / "bodo.yml", r"^oppdatert:.*$", "oppdatert: 2031-03-12")
        preview.update()
        assert int(get(f"livereload/{epoch}/1", "kommuner/bodo/")) > epoch  # this tab reloads
        assert int(get(f"livereload/{epoch}/2", "bidra/felter/")) == epoch  # that one does not
        assert "12. mars 2031" in get("kommuner/bodo/")
        preview.wait_background()
        case = preview.root / "data" / "kommuner" / "bodo.yml"
        case.write_text(re.sub(r"(?m)^navn:", "navn: [x\ny:", case.read_text(encoding="utf-8"), count=1),
                        encoding="utf-8")
        preview.update()
        shown = get("bidra/felter/")
        assert "Datafilene har feil" in shown and "data/kommuner/bodo.yml" in shown
        assert "Alle feltene" in shown  # the last good page is still there under the message
        assert int(get(f"livereload/{epoch}/3", "bidra/felter/")) > epoch  # every tab shows the message
    finally:
        server.shutdown()
        server.server_close()


def test_an_event_without_a_change_lets_the_paused_background_finish(preview):
    """A save pauses the last save's background work while it looks at the files; when nothing had
    changed after all (an editor's temporary file, __pycache__), that work goes on."""
    root, site = preview.root, preview.site_dir
    _edit(root / "data" / "kommuner" / "bodo.yml", r"^oppdatert:.*$", "oppdatert: 2031-03-12")
    preview.update()
    preview.update()  # no file changed since: the background must still end with every page
    preview.wait_background()
    assert "12. mars 2031" in (site / "data" / "index.html").read_text(encoding="utf-8")


def test_a_saved_story_reaches_the_pages_that_read_the_catalog_themselves(preview):
    """The home page's macros read the build's catalog (engine/page_macros.py); after a story save it
    is the catalog with the new text, without checking every case again, and a later YAML save is
    not hidden."""
    root = preview.root
    story = root / "data" / "kommuner" / "sunnfjord.md"
    story.write_text("## Ny del\n\nForteljing etter lagring.\n", encoding="utf-8")
    preview.update()
    preview.wait_background()
    cat = preview.renderer.build_state.catalog
    assert cat is preview._loaded[1]
    assert "Forteljing etter lagring" in next(c for c in cat.cases if c.slug == "sunnfjord").markdown
    _edit(root / "data" / "kommuner" / "bodo.yml", r"^oppdatert:.*$", "oppdatert: 2031-03-14")
    preview.update()
    preview.wait_background()
    cat2 = preview.renderer.build_state.catalog
    assert next(c for c in cat2.cases if c.slug == "bodo").record.oppdatert.isoformat() == "2031-03-14"


def test_reading_the_data_is_not_a_change_but_writing_is(preview):
    """inotify also reports files opened for reading; the preview's own reading must not count as a
    save (it kept the server rebuilding in a loop). Editors' hidden swap files do not count either."""
    data = preview.root / "data"
    watcher = Watcher(preview.root, lambda: None)
    watcher.watch(data)
    watcher.observer.start()
    try:
        time.sleep(0.3)
        watcher.wanted = False
        for path in sorted(data.rglob("*.yml"))[:20]:
            path.read_bytes()
        (data / "kommuner" / ".bodo.yml.swp").write_text("x", encoding="utf-8")
        time.sleep(0.5)
        assert watcher.wanted is False
        _edit(data / "kommuner" / "bodo.yml", r"^oppdatert:.*$", "oppdatert: 2031-03-15")
        deadline = time.time() + 5
        while not watcher.wanted and time.time() < deadline:
            time.sleep(0.05)
        assert watcher.wanted is True
    finally:
        watcher.stop()


def test_a_save_that_changed_nothing_lets_the_background_go_on_where_it_was(preview):
    """While a save looks at the files, the background waits at a checkpoint; when nothing changed it
    goes on from there (it is not started again), so events that change nothing never starve it."""
    root, site = preview.root, preview.site_dir
    _edit(root / "data" / "kommuner" / "bodo.yml", r"^oppdatert:.*$", "oppdatert: 2031-03-16")
    preview.update()
    bg = preview.worker.thread
    for _ in range(5):
        preview.update()  # nothing changed since
        assert preview.worker.thread is bg  # the same run, paused and resumed
    preview.wait_background()
    assert "16. mars 2031" in (site / "data" / "index.html").read_text(encoding="utf-8")
