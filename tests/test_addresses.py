"""No invented addresses: the repository is one the publisher named (REPO_URL or the checkout's
GitHub remote) or none at all; the accessibility statement's owner and feedback channel are data
the publisher fills in; and no built page links to a host or repository that the configuration,
the data's own sources or the hand-written pages did not name.
"""
from __future__ import annotations

import logging
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.editor.links import EXAMPLE_HOSTS, URL, find_urls
from macros.site.repository import Repository, RepositoryError, find_repository, github_url

from .conftest import FIXTURE_DATA, ROOT, build, make_project, read

REPO = "https://github.com/eksempel-eier/kulturskole-test"  # a test value, never visited


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory):
    """The real site built with REPO_URL set, as the publishing workflow builds it."""
    return build(make_project(tmp_path_factory.mktemp("med-repo")), env={"REPO_URL": REPO})


# --- Where the repository address comes from -------------------------------------------------------

def _git(path: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(path), *args], check=True, capture_output=True)


@pytest.mark.parametrize("remote,expected", [
    ("https://github.com/eier/repo.git", "https://github.com/eier/repo"),
    ("https://github.com/eier/repo", "https://github.com/eier/repo"),
    ("https://x-access-token:hemmelig@github.com/eier/repo.git", "https://github.com/eier/repo"),  # never the token
    ("git@github.com:eier/repo.git", "https://github.com/eier/repo"),
    ("ssh://git@github.com/eier/repo.git", "https://github.com/eier/repo"),
    ("https://gitlab.com/eier/repo.git", None),
    ("https://github.com.example.org/eier/repo", None),
    ("/srv/git/repo.git", None),
])
def test_github_address_from_a_remote(remote, expected):
    assert github_url(remote) == expected


def test_repository_from_env_then_remote_then_none(tmp_path):
    assert find_repository({}, tmp_path) == Repository(None, "ingen")  # not a git checkout
    _git(tmp_path, "init", "-q")
    assert find_repository({}, tmp_path).url is None  # a checkout without a remote
    _git(tmp_path, "remote", "add", "speil", "https://gitlab.com/eier/repo.git")
    assert find_repository({}, tmp_path).url is None  # not GitHub
    _git(tmp_path, "remote", "add", "origin", "git@github.com:eier/repo.git")
    assert find_repository({}, tmp_path) == Repository("https://github.com/eier/repo", "fra git remote i denne kopien")
    assert find_repository({"REPO_URL": "https://github.com/annen/repo/"}, tmp_path) == \
        Repository("https://github.com/annen/repo", "fra REPO_URL")
    with pytest.raises(RepositoryError, match="REPO_URL er «github.com/eier/repo»; den må være en fullstendig "
                                              "https-adresse"):
        find_repository({"REPO_URL": "github.com/eier/repo"}, tmp_path)


def test_build_without_repository_says_so_in_one_info_line(tmp_path, caplog):
    from mkdocs.config import load_config

    from macros.engine import hooks

    project = make_project(tmp_path)
    config = load_config(str(project / "mkdocs.yml"))
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.kulturskole"):
        hooks.set_repository(config)
    lines = [r.getMessage() for r in caplog.records if r.name == "mkdocs.hooks.kulturskole"]
    assert lines == ["Ingen adresse til et repositorium: REPO_URL er ikke satt, og git remote peker ikke på GitHub. "
                     "Nettstedet bygges uten lenke til kildekoden, uten «Rediger denne siden» og uten «send til "
                     "GitHub»."]
    assert config.repo_url is None and config.edit_uri is None


# --- What the pages link to -------------------------------------------------------------------------

ATTR = re.compile(r'\s(?:href|src|action|formaction|data|poster|cite)="([^"]*)"')


def external_links(site: Path) -> list[tuple[str, str]]:
    """(page, address) for every absolute or protocol-relative address in an attribute."""
    out = []
    for page in sorted(site.rglob("*.html")):
        for value in ATTR.findall(page.read_text(encoding="utf-8")):
            value = value.replace("&amp;", "&")
            if value.startswith(("http://", "https://", "//")):
                out.append((page.relative_to(site).as_posix(), value))
    return out


def named_hosts(repo_url: str | None, site_url: str | None = None) -> set[str]:
    """The allow-list: hosts the configuration, the data and the hand-written pages name.

    - configuration: SITE_URL and the repository (REPO_URL or git remote);
    - data: every address in data/ (sources, resources, the statement's feedback channel);
    - hand-written: addresses written literally in docs/, overrides/ and the page templates;
    - domains reserved for examples (the fictional example case links there).
    """
    urls = [u for u in (repo_url, site_url) if u]
    urls += [o.url for o in find_urls(ROOT / "data")]
    for folder in (ROOT / "docs", ROOT / "overrides", ROOT / "macros" / "site"):
        for path in folder.rglob("*"):
            if path.suffix in {".md", ".html", ".py"}:
                urls += URL.findall(path.read_text(encoding="utf-8"))
    hosts = set()
    for u in urls:
        try:
            hosts.add(urlsplit(u).hostname)
        except ValueError:  # a pattern in code, not an address
            pass
    return (hosts - {None}) | EXAMPLE_HOSTS


def unnamed(site: Path, repo_url: str | None) -> list[tuple[str, str]]:
    hosts = named_hosts(repo_url) - {"github.com"}
    bad = []
    for page, url in external_links(site):
        host = urlsplit(url if "://" in url else "https:" + url).hostname
        if host == "github.com":  # only the named repository, never another one
            if not (repo_url and (url == repo_url or url.startswith(repo_url + "/"))):
                bad.append((page, url))
        elif host not in hosts:
            bad.append((page, url))
    return bad


def test_without_repository_no_page_links_to_one(real_site):
    """The default build (tests run outside a GitHub checkout): no source, edit or GitHub links."""
    assert unnamed(real_site, None) == []
    for page in real_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "github.com" not in html, page
        assert 'rel="edit"' not in html and 'class="md-source"' not in html, page
    assert "Denne utgaven er ikke koblet til GitHub" in read(real_site, "bidra")


def test_with_repository_every_github_link_is_that_repository(repo_site):
    assert unnamed(repo_site, REPO) == []
    links = [url for _, url in external_links(repo_site)]
    assert REPO in links  # the header's «Kildekode og data»
    assert f"{REPO}/tree/main/data/kommuner" in links
    assert "Denne utgaven er ikke koblet til GitHub" not in read(repo_site, "bidra")


def test_the_check_catches_an_invented_repository(tmp_path):
    page = tmp_path / "side" / "index.html"
    page.parent.mkdir()
    page.write_text('<a href="https://github.com/kulturskoleradet/kulturskole-3-0/issues">Meld fra</a>'
                    '<img src="https://cdn.example.net.invalid/x.png">', encoding="utf-8")
    assert unnamed(tmp_path, REPO) == [
        ("side/index.html", "https://github.com/kulturskoleradet/kulturskole-3-0/issues"),
        ("side/index.html", "https://cdn.example.net.invalid/x.png"),
    ]


def test_edit_links_lead_to_files_that_exist(repo_site):
    edits = {}
    for page in repo_site.rglob("*.html"):
        m = re.search(r'<a href="([^"]+)"[^>]*rel="edit"|rel="edit"[^>]*href="([^"]+)"', page.read_text(encoding="utf-8"))
        if m:
            edits[page.relative_to(repo_site).parent.as_posix()] = m.group(1) or m.group(2)
    assert edits["kommuner/bodo"] == f"{REPO}/edit/main/data/kommuner/bodo.yml"
    assert edits["om"] == f"{REPO}/edit/main/docs/om.md"
    assert edits["fokusomrader/helhetlig-oppvekst"] == f"{REPO}/edit/main/data/fokusomrader.yml"
    missing = {page: url for page, url in edits.items()
               if not (ROOT / url.removeprefix(f"{REPO}/edit/main/")).exists()}
    assert missing == {}


# --- The accessibility statement's owner and feedback channel ----------------------------------------

def test_publishing_build_stops_when_the_statement_lacks_owner_and_channel(tmp_path, caplog):
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        build(make_project(tmp_path), env={"SITE_URL": "https://eksempel-eier.github.io/kulturskole-test/"})
    [message] = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert message.startswith("Tilgjengelighetserklæringen mangler det den som publiserer nettstedet, skal fylle "
                              "inn i data/tilgjengelighet.yml: virksomhet (hvem som har ansvar for nettstedet); "
                              "tilbakemelding.epost eller tilbakemelding.nettskjema")
    assert message.endswith("Nettstedet publiseres ikke før de er fylt inn.")


def test_local_build_warns_and_the_page_says_what_is_missing(tmp_path, caplog, real_site):
    from mkdocs.config import load_config

    from macros.engine import hooks

    config = load_config(str(make_project(tmp_path) / "mkdocs.yml"))
    with caplog.at_level(logging.WARNING, logger="kulturskole.bygg"):
        hooks.check_statement(config)  # no exception: a local build goes on
    [record] = [r for r in caplog.records if r.name == "kulturskole.bygg"]
    assert record.levelno == logging.WARNING and record.getMessage().startswith("ADVARSEL: Tilgjengelighetserklæringen")
    html = read(real_site, "tilgjengelighet")
    assert "Hvem som har ansvar for nettstedet, er ikke fylt inn ennå." in html
    assert "Kanalen for tilbakemeldinger er ikke fylt inn ennå." in html


def test_filled_in_statement_names_owner_and_channel(fixture_site, tmp_path):
    from mkdocs.config import load_config

    from macros.engine import hooks

    html = read(fixture_site, "tilgjengelighet")
    assert "som Testvirksomheten har ansvar for" in html
    assert 'href="mailto:post@example.org"' in html
    config = load_config(str(make_project(tmp_path, FIXTURE_DATA) / "mkdocs.yml"),
                         site_url="https://eksempel-eier.github.io/kulturskole-test/")
    hooks.check_statement(config)  # publishing with the fields filled in: no error


def test_a_feedback_form_must_be_https_and_an_address_an_email(data):
    """Checked by the model (core/statement.py), so `kulturskole sjekk` says it, with file, line and field."""
    from macros.core.catalog import validate

    path = data / "tilgjengelighet.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^  epost: .*\n", "  nettskjema: http://skjema.example.org/\n  epost: javascript:x\n",
                           text), encoding="utf-8")
    _, problems = validate(data)
    shown = [str(p) for p in problems]
    assert any(s.startswith("data/tilgjengelighet.yml:") and ": tilbakemelding.nettskjema: fant «http://skjema.example.org/»; "
               "lenken må være en fullstendig adresse som begynner med https://" in s for s in shown), shown
    assert any(": tilbakemelding.epost: fant «javascript:x»; skriv en gyldig e-postadresse" in s for s in shown), shown


def test_the_preview_is_not_a_publishing_build(tmp_path, caplog):
    """make serve gives the site its preview address (site_url) but publishes nothing: it warns like a
    local build instead of stopping on the statement's missing fields (the repository's own data)."""
    from mkdocs.config import load_config

    from macros.engine import hooks

    config = load_config(str(make_project(tmp_path) / "mkdocs.yml"), site_url="http://127.0.0.1:8000/")
    with caplog.at_level(logging.WARNING, logger="kulturskole.bygg"):
        hooks.check_statement(config, serving=True)
    assert any(r.getMessage().startswith("ADVARSEL: Tilgjengelighetserklæringen") for r in caplog.records)
    with pytest.raises(Exception, match="publiseres ikke"):
        hooks.check_statement(config)  # the same site_url in a build: publishing
