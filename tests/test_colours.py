"""Theme colours meet WCAG 2.1 AA contrast in the light and the dark scheme.

The colours are read, not copied: Material's own stylesheets from the installed package, then
docs/assets/kulturskole.css, resolved as the browser would (custom properties, var(), alpha
blended over what lies beneath). Each pair below is a text or UI colour a reader actually sees
on a background, with the minimum WCAG sets: 4.5:1 for text (1.4.3), 3:1 for large text and for
UI components and focus rings (1.4.3, 1.4.11).
"""
from __future__ import annotations

import colorsys
import re
from pathlib import Path

import material
import pytest

from .conftest import ROOT

MATERIAL_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
OUR_CSS = ROOT / "docs" / "assets" / "kulturskole.css"

TEXT, LARGE, UI = 4.5, 3.0, 3.0


# --- A small CSS reader: rules, custom properties per scheme, var() and colours ---------------

def rules(css: str) -> list[tuple[list[str], dict[str, str]]]:
    """Top-level and @media rules as (selectors, declarations), in source order."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out, i = [], 0
    while True:
        brace = css.find("{", i)
        if brace < 0:
            return out
        head = css[i:brace].strip()
        depth, j = 1, brace + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
        body = css[brace + 1:j - 1]
        if head.startswith("@media"):
            if "print" not in head:
                out += rules(body)
        elif not head.startswith("@"):
            decls = {}
            for part in re.split(r";(?![^(]*\))", body):
                if ":" in part:
                    name, _, value = part.partition(":")
                    decls[name.strip()] = value.strip()
            selectors = [re.sub(r"\s+", " ", s.replace('"', "")).strip() for s in head.split(",")]
            out.append((selectors, decls))
        i = j


def stylesheets() -> list[str]:
    main = next(MATERIAL_CSS.glob("main.*.min.css"))
    palette = next(MATERIAL_CSS.glob("palette.*.min.css"))
    return [p.read_text(encoding="utf-8") for p in (main, palette, OUR_CSS)]


ALL_RULES = [r for css in stylesheets() for r in rules(css)]
SCHEME = {"lys": "[data-md-color-scheme=default]", "mork": "[data-md-color-scheme=slate]"}


def variables(scheme: str) -> dict[str, str]:
    """Custom properties a page in this scheme sees: :root (on <html>), then the scheme's own rules
    (on <body>, which win over what <html> passes down)."""
    found: dict[str, str] = {}
    for selector in (":root", SCHEME[scheme]):
        for selectors, decls in ALL_RULES:
            if selector in selectors:
                found.update({k: v for k, v in decls.items() if k.startswith("--")})
    return found


def declared(selector: str, prop: str) -> str:
    """The last value of prop in a rule whose selector list has exactly this selector."""
    values = [d[prop] for sels, d in ALL_RULES if selector in sels and prop in d]
    assert values, f"fant ingen regel «{selector} {{ {prop}: … }}» i stilarkene"
    return values[-1].replace("!important", "").strip()


def resolve(value: str, env: dict[str, str], depth: int = 0) -> str:
    assert depth < 20, f"var() i ring: {value}"
    m = re.search(r"var\((--[\w-]+)\s*(?:,\s*([^()]*))?\)", value)
    if not m:
        return value
    name, fallback = m.group(1), m.group(2)
    assert name in env or fallback is not None, f"{name} er ikke definert"
    return resolve(value[:m.start()] + env.get(name, fallback or "") + value[m.end():], env, depth + 1)


def parse_colour(text: str) -> tuple[float, float, float, float]:
    """RGBA with channels 0..1 from #rgb[a], #rrggbb[aa], rgb[a](), hsl[a]()."""
    text = text.strip().lower()
    if text.startswith("#"):
        h = text[1:]
        if len(h) in (3, 4):
            h = "".join(c * 2 for c in h)
        channels = [int(h[k:k + 2], 16) / 255 for k in range(0, len(h), 2)]
        channels += [1.0] * (4 - len(channels))
        # Browsers report alpha to two decimals (#00000052 -> 0.32), and axe blends with that.
        return (*channels[:3], round(channels[3], 2))  # type: ignore[return-value]
    m = re.fullmatch(r"(rgba?|hsla?)\((.*)\)", text)
    assert m, f"kan ikke lese fargen «{text}»"
    parts = [p.strip() for p in re.split(r"[,\s/]+", m.group(2)) if p.strip()]
    alpha = float(parts[3].rstrip("%")) / (100 if parts[3].endswith("%") else 1) if len(parts) > 3 else 1.0
    return _rgba(m.group(1), parts, alpha)


def _rgba(kind: str, parts: list[str], alpha: float) -> tuple[float, float, float, float]:
    if kind.startswith("rgb"):
        return (*(float(p) / 255 for p in parts[:3]), alpha)  # type: ignore[return-value]
    hue = float(parts[0].removesuffix("deg")) / 360
    sat, light = float(parts[1].rstrip("%")) / 100, float(parts[2].rstrip("%")) / 100
    return (*colorsys.hls_to_rgb(hue, light, sat), alpha)  # type: ignore[return-value]


def over(top, bottom):
    """Alpha-blend colour top over an opaque colour bottom."""
    a = top[3]
    return tuple(a * t + (1 - a) * b for t, b in zip(top[:3], bottom[:3])) + (1.0,)


def luminance(c) -> float:
    def lin(v):
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in c[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def colour(expr: str, env) -> tuple:
    return parse_colour(resolve(expr, env))


def pixel(c) -> tuple:
    """A blended colour as the screen shows it: whole 8-bit channels."""
    return tuple(round(v * 255) / 255 for v in c[:3]) + (1.0,)


def surface(layers: list[str], env) -> tuple:
    """The colour a reader sees where these backgrounds lie on top of each other (page first)."""
    result = (1.0, 1.0, 1.0, 1.0)  # the browser's canvas
    for layer in layers:
        result = over(colour(layer, env), result)
    return pixel(result)


# --- What a reader sees: (description, foreground, backgrounds from the page up, minimum) -------

PAGE = ["var(--md-default-bg-color)"]
CODE = PAGE + ["var(--md-code-bg-color)"]
HEADER = PAGE + ["var(--md-primary-fg-color)"]
FOOTER = PAGE + ["var(--md-footer-bg-color)"]
FOOTER_META = FOOTER + ["var(--md-footer-bg-color--dark)"]
SKIP = HEADER + ["var(--md-default-fg-color)"]


def pairs():
    copyright_colour = declared(".md-footer-meta .md-copyright", "color")
    focus = declared(".focus-visible:not(:where(.ks-kart-deltakere a))", "outline").split()[-1]
    focus_dark = declared(".md-header .focus-visible", "outline-color")
    return [
        ("brødtekst", "var(--md-typeset-color)", PAGE, TEXT),
        ("lysere tekst (ingress-data, datoer, h1)", "var(--md-default-fg-color--light)", PAGE, TEXT),
        ("lenker", "var(--md-typeset-a-color)", PAGE, TEXT),
        ("lenker med fokus eller mus over", "var(--md-accent-fg-color)", PAGE, TEXT),
        ("tekst i grå bokser (.ks-tom, kode)", "var(--md-typeset-color)", CODE, TEXT),
        ("lenker i grå bokser", "var(--md-typeset-a-color)", CODE, TEXT),
        ("kode", "var(--md-code-fg-color)", CODE, TEXT),
        ("kode: tall", "var(--md-code-hl-number-color)", CODE, TEXT),
        ("kode: spesialtegn", "var(--md-code-hl-special-color)", CODE, TEXT),
        ("kode: funksjoner", "var(--md-code-hl-function-color)", CODE, TEXT),
        ("kode: konstanter og nøkler", "var(--md-code-hl-constant-color)", CODE, TEXT),
        ("kode: nøkkelord", "var(--md-code-hl-keyword-color)", CODE, TEXT),
        ("kode: strenger", "var(--md-code-hl-string-color)", CODE, TEXT),
        ("kode: kommentarer og tegnsetting", "var(--md-code-hl-comment-color)", CODE, TEXT),
        ("toppmenyen", "var(--md-primary-bg-color)", HEADER, TEXT),
        ("tittel i mobilmenyen", "var(--md-primary-bg-color)", PAGE + ["var(--md-primary-fg-color--dark)"], TEXT),
        ("bunnteksten (forrige/neste)", "var(--md-footer-fg-color)", FOOTER, TEXT),
        ("bunnlinjen (lisens og lenker)", copyright_colour, FOOTER_META, TEXT),
        ("hoppelenken", "var(--md-default-bg-color)", SKIP, TEXT),
        ("fokusring på siden", focus, PAGE, UI),
        ("fokusring i grå bokser", focus, CODE, UI),
        ("fokusring i toppmenyen", focus_dark, HEADER, UI),
        ("fokusring i mobilmenyens tittel", focus_dark, PAGE + ["var(--md-primary-fg-color--dark)"], UI),
        ("fokusring i bunnteksten", focus_dark, FOOTER, UI),
        ("fokusring i bunnlinjen", focus_dark, FOOTER_META, UI),
        ("fokusring rundt hoppelenken (over toppmenyen)", focus_dark, HEADER, UI),
    ]


CASES = [(scheme, *p) for scheme in ("lys", "mork") for p in pairs()]


@pytest.mark.parametrize("scheme,what,fg,layers,minimum", CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_colour_pair_has_enough_contrast(scheme, what, fg, layers, minimum):
    env = variables(scheme)
    bg = surface(layers, env)
    text = pixel(over(colour(fg, env), bg))
    ratio = contrast(text, bg)
    assert ratio >= minimum, (
        f"{what} ({'lyst' if scheme == 'lys' else 'mørkt'} tema): kontrasten er {ratio:.2f}:1, "
        f"kravet er {minimum}:1 (forgrunn {resolve(fg, env)}, bakgrunn {[resolve(x, env) for x in layers]})")


def test_the_colour_reader_agrees_with_axe():
    """Guard for the reader itself: Material's stock copyright colour is the one axe measured at
    4.47:1 (foreground #7f7f7f on #171717); if this drifts, the numbers above cannot be trusted."""
    env = variables("lys")
    bg = surface(FOOTER_META, env)
    fg = pixel(over(colour("var(--md-footer-fg-color--lighter)", env), bg))
    as_hex = lambda c: "#" + "".join(f"{round(v * 255):02x}" for v in c[:3])  # noqa: E731
    assert (as_hex(fg), as_hex(bg)) == ("#7f7f7f", "#171717")
    assert 4.47 <= contrast(fg, bg) < 4.48  # axe prints 4.47 (it truncates)


def test_our_colours_are_set_for_both_schemes():
    light, dark = variables("lys"), variables("mork")
    for name in ("--md-primary-fg-color", "--md-accent-fg-color", "--md-typeset-a-color", "--ks-fokus",
                 "--ks-fokus-mork-flate"):
        assert name in light and name in dark, f"{name} mangler i ett av fargetemaene"
    assert light["--md-typeset-a-color"] != dark["--md-typeset-a-color"]
