"""Contributed content cannot run code or inject script.

A real site is built from a copy of the fixture dataset in which an attacker filled every text
field (YAML) and a case's story (Markdown) with template expressions and script. The tests read
the HTML a visitor gets: template syntax shows as text, no code ran during the build, and no
payload became live markup. Where the model refuses a value instead, the exact Norwegian message
is asserted.
"""
from __future__ import annotations

import json
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from macros.core.catalog import validate

from .conftest import FIXTURE_DATA, ROOT, build, make_project, read

MARK = "ks-xss"
JINJA = "{{ cycler.__init__.__globals__.os.getcwd() }}"
JINJA_FOR = "{% for x in range(3) %}ks-loop{% endfor %}"
SCRIPT = f"<script>alert('{MARK}')</script>"
IMG = f"<img src=x onerror=\"alert('{MARK}')\">"
IFRAME = f"<iframe src=\"https://example.org/{MARK}\"></iframe>"
STYLE = f"<p style=\"background:url(https://example.org/{MARK})\">stil</p>"
EVENT = f"<b onclick=\"alert('{MARK}')\">klikk</b>"
JS_LINK_MD = f"[js-lenke](javascript:alert('{MARK}'))"
DATA_LINK_MD = "[data-lenke](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"
JS_LINK_HTML = f"<a href=\"javascript:alert('{MARK}')\">rå lenke</a>"
# Everything at once, for free-text fields. A blank line tries to break out of the HTML block
# the value sits in, so that what follows would be read as Markdown (a live link).
PAYLOAD = " ".join([JINJA, JINJA_FOR, SCRIPT, IMG, IFRAME, STYLE, EVENT, JS_LINK_HTML]) + "\n\n" + JS_LINK_MD
# Titles and names may not contain < > {{ {% (see the validation tests below); the rest is allowed.
TITLE = f"Lag \"med\" 'sitater' & {JS_LINK_MD}"

STORY = f"""---
render_macros: true
---
# Fortellingen

{{{{ 7 * 191 }}}} og {JINJA}

Som kode: `{JINJA}`

{JINJA_FOR}

{{{{ cycler.__init__.__globals__.os.mkdir('{{side_effect}}') }}}}

{SCRIPT}

{IMG}

{IFRAME}

<object data="https://example.org/{MARK}"></object><embed src="https://example.org/{MARK}">

<svg onload="alert('{MARK}')"><circle r="1"/></svg>

<p style="color:red" onclick="alert('{MARK}')">stil og klikk</p>

{JS_LINK_MD}

{DATA_LINK_MD}

{JS_LINK_HTML}

<a href="JaVaScRiPt:alert('{MARK}')">blandet</a> <a href="&#106;avascript:alert('{MARK}')">entitet</a>

[referanse][r]

[r]: javascript:alert('{MARK}')

![bilde](https://example.org/{MARK}.png)

<form action="https://example.org/{MARK}"><input name="{MARK}"></form>

<style>body {{ background: url(https://example.org/{MARK}) }}</style>

[trygg lenke](https://example.org/trygg)
"""


def _write(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def attack(data: Path, side_effect: Path) -> None:
    """Fill the fixture dataset with payloads, in every field an editor writes free text into."""
    side = f"{{{{ cycler.__init__.__globals__.os.mkdir('{side_effect}') }}}}"
    _write(data / "kommuner" / "bodo.yml", {
        "navn": "Bodø", "kommunenummer": "1804", "program": "kulturskole-3-0",
        "deltakelse": [{"status": "valgt", "dato": "2021-04-22", "merknad": PAYLOAD + " " + side}],
        "fokusomrade": "helhetlig-oppvekst",
        "utviklingsprosjekt": {"tittel": TITLE, "sammendrag": PAYLOAD},
        "kommunegruppe": [{"rolle": PAYLOAD, "sektor": "kulturskole"}, {"rolle": "b", "sektor": "skole"},
                          {"rolle": "c", "sektor": "helse"}, {"rolle": "d", "sektor": "frivillighet"}],
        "partnere": [{"navn": TITLE, "type": "frivillighet"}],  # a type the clean fixture has: no new facet box
        "fremtidsbilde": {"slik_vil_vi_fremsta": PAYLOAD,
                          "hva_skal_til": {"beskrivelse": PAYLOAD, "tiltak": [PAYLOAD]}},
        "erfaringer": {"dette_fungerte": [PAYLOAD], "dette_fungerte_ikke": [PAYLOAD]},
        "suksesskriterier": [{"id": "vaer-nysgjerrig", "belegg": PAYLOAD}],
        "kontakt": {"rolle": PAYLOAD, "navn": TITLE, "epost": f"ks\"onmouseover=\"alert('{MARK}')\"@example.org",
                    "samtykke": True},
        "kilder": [{"tittel": TITLE, "url": f"https://example.org/\"onmouseover=\"alert('{MARK}')"}],
        "oppdatert": "2026-10-01",
    })
    (data / "kommuner" / "bodo.md").write_text(STORY.replace("{side_effect}", str(side_effect)), encoding="utf-8")
    fokus = yaml.safe_load((data / "fokusomrader.yml").read_text(encoding="utf-8"))
    fokus[0].update(kort=PAYLOAD, beskrivelse=PAYLOAD + " " + side)
    _write(data / "fokusomrader.yml", fokus)
    kriterier = yaml.safe_load((data / "suksesskriterier.yml").read_text(encoding="utf-8"))
    kriterier[0].update(beskrivelse=PAYLOAD)
    _write(data / "suksesskriterier.yml", kriterier)
    samlinger = yaml.safe_load((data / "samlinger.yml").read_text(encoding="utf-8"))
    samlinger[0].update(sted=PAYLOAD, beskrivelse=PAYLOAD,
                        kilde={"tittel": TITLE, "url": "https://example.org/kilde"})
    _write(data / "samlinger.yml", samlinger)


def _data_copy(dest: Path) -> Path:
    shutil.copytree(FIXTURE_DATA, dest)
    for extra in (ROOT / "data").glob("*.yml"):  # data files of other features the fixture lacks
        if not (dest / extra.name).exists():
            shutil.copy(extra, dest / extra.name)
    return dest


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    root = tmp_path_factory.mktemp("angrep")
    side_effect = root / "koden-kjorte"
    data = _data_copy(root / "data-kopi")
    attack(data, side_effect)
    project = root / "prosjekt"
    project.mkdir()
    site = build(make_project(project, data))
    return site, side_effect, project


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """The same fixture dataset without payloads: the site's own live markup, for comparison."""
    root = tmp_path_factory.mktemp("rent")
    project = root / "prosjekt"
    project.mkdir()
    return build(make_project(project, _data_copy(root / "data-kopi")))


# --- What a browser would treat as live -------------------------------------------------------

LIVE_TAGS = {"script", "iframe", "object", "embed", "img", "style", "form", "input", "button", "base", "link",
             "meta", "frame", "frameset", "applet", "svg", "math", "template"}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcdoc"}


class Live(HTMLParser):
    """Everything on a page a browser would run or load: elements that can, event handlers,
    style attributes, javascript:/data: URLs and script text. `signatures` describes each one
    without its (data-dependent) values, to compare a page with the same page built from clean
    data; `marked` lists live places that carry the payload marker, which is always wrong."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.signatures: list[str] = []
        self.marked: list[str] = []
        self.text: list[str] = []
        self.depth = 0
        self._script: str | None = None  # type of the <script> we are in

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        names = sorted(k for k, _ in attrs)
        if tag in LIVE_TAGS:
            self.signatures.append(f"<{tag} {' '.join(names)}>")
        for key, value in attrs:
            value = value or ""
            squeezed = "".join(value.split()).lower()
            if key.startswith("on") or key == "style":
                self.signatures.append(f"<{tag} {key}>")
            if key in URL_ATTRS and squeezed.startswith(("javascript:", "data:", "vbscript:")):
                self.signatures.append(f"<{tag} {key}={squeezed.split(':')[0]}:>")
                self.marked.append(f"<{tag} {key}={value[:80]}>")
            if (key.startswith("on") or key == "style") and MARK in value:
                self.marked.append(f"<{tag} {key}={value[:80]}>")
        if tag == "script":
            self._script = dict(attrs).get("type") or "text/javascript"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "article":
            self.depth -= 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            if "json" in self._script:
                try:
                    json.loads(data)
                except ValueError:
                    self.marked.append(f"JSON in <script> does not parse (broken out of?): {data[:80]}")
            elif MARK in data or "os.getcwd" in data:
                self.marked.append(f"script text: {data[:80]}")
        elif self.depth:
            self.text.append(data)


def scan(html: str) -> Live:
    parser = Live()
    parser.feed(html)
    return parser


def visible(site: Path, url: str) -> str:
    return " ".join(" ".join(scan(read(site, url)).text).split())


def test_no_payload_is_live_markup_anywhere(attacked, clean):
    site, _, _ = attacked
    extra, marked = {}, {}
    for html_file in sorted(site.rglob("*.html")):
        name = str(html_file.relative_to(site))
        live = scan(html_file.read_text(encoding="utf-8"))
        baseline = scan((clean / name).read_text(encoding="utf-8")).signatures if (clean / name).exists() else []
        new = Counter(live.signatures) - Counter(baseline)
        if new:
            extra[name] = sorted(new.elements())
        if live.marked:
            marked[name] = live.marked
    assert marked == {}
    assert extra == {}


@pytest.mark.parametrize("url", ["kommuner/bodo", "fokusomrader/helhetlig-oppvekst", "suksesskriterier/vaer-nysgjerrig",
                                 "tidslinje", "fylker/vestland", "fokusomrader"])
def test_payload_pages_carry_the_payload_as_text(attacked, url):
    # Guard for the scan above: the payloads did reach these pages, as text.
    site, _, _ = attacked
    assert MARK in visible(site, url)


def test_no_code_ran_during_the_build(attacked):
    site, side_effect, project = attacked
    assert not side_effect.exists()  # os.mkdir in YAML values and in the story never ran
    for html_file in site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert str(project) not in html, html_file  # getcwd() never ran
        assert "ks-loopks-loop" not in html, html_file  # {% for %} never looped


def test_yaml_values_appear_literally(attacked):
    site, _, _ = attacked
    text = visible(site, "kommuner/bodo")
    for payload in (JINJA, JINJA_FOR, SCRIPT, IMG, IFRAME, STYLE, EVENT, JS_LINK_HTML, JS_LINK_MD, TITLE):
        assert payload in text, payload
    assert JINJA in visible(site, "fokusomrader/helhetlig-oppvekst")
    assert SCRIPT in visible(site, "suksesskriterier/vaer-nysgjerrig")
    assert JINJA_FOR in visible(site, "tidslinje")


def test_markdown_story_keeps_template_syntax_as_text_and_safe_links(attacked):
    site, _, _ = attacked
    html = read(site, "kommuner/bodo")
    story = html.split('<div class="ks-fortelling">', 1)[1].split("</div>", 1)[0]
    text = " ".join(" ".join(scan("<article>" + story + "</article>").text).split())
    assert "{{ 7 * 191 }}" in text and "1337" not in text
    # Markdown reads __init__ as emphasis; the expression is still plain text, and in code it is exact.
    assert "{{ cycler. init . globals .os.getcwd() }}" in text
    assert f"Som kode: {JINJA}" in text and JINJA_FOR in text
    assert "render_macros: true" in text  # front matter in a story is just text
    assert '<a href="https://example.org/trygg" rel="noopener noreferrer">trygg lenke</a>' in story
    # What the sanitizer removed, it removed whole: no tag, attribute or URL left.
    for gone in ("<script", "<img", "<iframe", "<object", "<embed", "<svg", "<form", "<input", "<style",
                 "onerror", "onclick", "onload", "style=", "javascript:", "data:text"):
        assert gone not in story.lower(), gone


def test_attribute_values_stay_inside_their_attribute(attacked):
    site, _, _ = attacked
    html = read(site, "kommuner/bodo")
    # A quote in a URL or an e-mail address is escaped, so it cannot open a new attribute.
    assert 'href="https://example.org/&#34;onmouseover=&#34;alert(&#39;ks-xss&#39;)"' in html
    assert 'href="mailto:ks&#34;onmouseover=&#34;alert(&#39;ks-xss&#39;)&#34;@example.org"' in html


# --- Refused by validation, with the exact Norwegian message ------------------------------------

GOOD = 'navn: Bodø\nkommunenummer: "1804"\nprogram: kulturskole-3-0\ndeltakelse:\n  - status: valgt\n    dato: 2021-04-22\noppdatert: 2026-10-01\n'
# Appended after a field that states a fact: the facts rule wants a source (macros/core/facts.py).
SOURCE = 'kilder:\n  - {tittel: Testkilde, url: "https://example.org/kilde"}\n'


def problems(data: Path, text: str) -> list[str]:
    (data / "kommuner" / "bodo.yml").write_text(text, encoding="utf-8")
    _, found = validate(data)
    return [str(p) for p in found]


MARKUP = "tegnene < > {{ og {% er ikke lov i titler og navn; skriv vanlig tekst"


@pytest.mark.parametrize("extra,expected", [
    ('utviklingsprosjekt:\n  tittel: "<script>alert(1)</script>"\n  sammendrag: x\n',
     f"data/kommuner/bodo.yml:9: utviklingsprosjekt.tittel: fant «<script>alert(1)</script>»; {MARKUP}"),
    ('utviklingsprosjekt:\n  tittel: "{{ cycler.__init__ }}"\n  sammendrag: x\n',
     f"data/kommuner/bodo.yml:9: utviklingsprosjekt.tittel: fant «{{{{ cycler.__init__ }}}}»; {MARKUP}"),
    ('utviklingsprosjekt:\n  tittel: "{% for x in y %}"\n  sammendrag: x\n',
     f"data/kommuner/bodo.yml:9: utviklingsprosjekt.tittel: fant «{{% for x in y %}}»; {MARKUP}"),
    ('partnere:\n  - navn: "<img src=x onerror=alert(1)>"\n    type: annet\n',
     f"data/kommuner/bodo.yml:9: partnere[1].navn: fant «<img src=x onerror=alert(1)>»; {MARKUP}"),
    ('kilder:\n  - tittel: "a > b"\n    url: https://example.org\n',
     f"data/kommuner/bodo.yml:9: kilder[1].tittel: fant «a > b»; {MARKUP}"),
    ('kontakt:\n  rolle: rektor\n  navn: "<b>Ola</b>"\n  samtykke: true\n',
     f"data/kommuner/bodo.yml:10: kontakt.navn: fant «<b>Ola</b>»; {MARKUP}"),
    ('kilder:\n  - tittel: Kilde\n    url: "javascript:alert(1)"\n',
     "data/kommuner/bodo.yml:10: kilder[1].url: fant «javascript:alert(1)»; lenken må være en fullstendig "
     "adresse som begynner med https://"),
    ('kilder:\n  - tittel: Kilde\n    url: "data:text/html,<script>alert(1)</script>"\n',
     "data/kommuner/bodo.yml:10: kilder[1].url: fant «data:text/html,<script>alert(1)</script>»; lenken må være "
     "en fullstendig adresse som begynner med https://"),
    ('kilder:\n  - tittel: Kilde\n    url: "http://example.org"\n',
     "data/kommuner/bodo.yml:10: kilder[1].url: fant «http://example.org»; lenken må være en fullstendig adresse "
     "som begynner med https://"),
    ('kontakt:\n  rolle: rektor\n  epost: "<script>@example.org"\n  samtykke: true\n',
     "data/kommuner/bodo.yml:10: kontakt.epost: fant «<script>@example.org»; skriv en gyldig e-postadresse, "
     "f.eks. navn@kommune.no"),
])
def test_markup_in_titles_and_unsafe_urls_are_refused(data, extra, expected):
    assert problems(data, GOOD + extra + ("" if "kilder:" in extra else SOURCE)) == [expected]


def test_long_title_is_shortened_in_the_message(data):
    title = "<b>" + "x" * 80
    assert problems(data, GOOD + f'utviklingsprosjekt:\n  tittel: "{title}"\n  sammendrag: x\n' + SOURCE) == [
        f"data/kommuner/bodo.yml:9: utviklingsprosjekt.tittel: fant «{title[:60]}…»; {MARKUP}"
    ]


def test_focus_area_title_with_markup_is_refused(data):
    fokus = (data / "fokusomrader.yml").read_text(encoding="utf-8")
    (data / "fokusomrader.yml").write_text(fokus.replace("tittel: Et område uten kommuner",
                                                         'tittel: "Område {{ 7*7 }}"'), encoding="utf-8")
    _, found = validate(data)
    assert [str(p) for p in found] == [f"data/fokusomrader.yml:7: [2].tittel: fant «Område {{{{ 7*7 }}}}»; {MARKUP}"]


def test_unknown_field_cannot_switch_rendering_on(data):
    assert problems(data, GOOD + "render_macros: true\n") == [
        "data/kommuner/bodo.yml:8: render_macros: ukjent felt; tillatte felt her er: navn, kommunenummer, sprak, "
        "program, deltakelse, fokusomrade, fokusomrade_tolkning, utviklingsprosjekt, kommunegruppe, partnere, "
        "fremtidsbilde, erfaringer, resultater, ressursbruk, forutsetninger, brukergrupper, metoder, "
        "suksesskriterier, kontakt, belegg, kilder, oppdatert, eksempel"
    ]
