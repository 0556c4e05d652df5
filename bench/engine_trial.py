"""Zensical trial (bench/ENGINE.md): the same generated files built with Zensical beside MkDocs.

Zensical is not a dependency of this project: install it in a throwaway virtual environment
outside the repository, with the packages our macros need, and pass its `zensical` command:

    python3 -m venv /tmp/zvenv && /tmp/zvenv/bin/pip install 'zensical<=0.0.73' pydantic==2.14.4 nh3==0.3.8
    .venv/bin/python bench/engine_trial.py --zensical /tmp/zvenv/bin/zensical [--sizes 16,357,2000]

For each dataset: `kulturskole generer` writes docs/ and the generated pages into one folder
(the pre-build step), then Zensical builds it with our mkdocs.yml (docs_dir pointed at that folder)
and each of our theme overrides tried on its own; one file is changed and Zensical builds again
(its cache kept); then the output is compared with ours (`mkdocs build` of the same project): which
pages exist, which have the same main content, what our post-build step (macros/engine/postbuild.py:
Material fixes, content security policy from the templates Zensical used, link check; then the search
index) makes of it. Prints JSON; writes nothing into the repository.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import gen  # noqa: E402
import projects  # noqa: E402

WORK = HERE / "work"
REPO = "https://git.example/kulturskole"  # a fictional address for the trial's edit links (both builds)
BIN = Path(sys.executable).parent


def run(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=3600)
    return time.perf_counter() - t0, r


def last_error(r: subprocess.CompletedProcess) -> str:
    lines = [line.strip() for line in (r.stderr + r.stdout).splitlines() if line.strip()]
    errors = [line for line in lines if "Error" in line or "error" in line]
    return (errors or lines or ["?"])[-1][:300]


def article_texts(site: Path) -> dict[str, str]:
    from tests.test_site import Text
    out = {}
    for p in sorted(site.rglob("*.html")):
        t = Text()
        t.feed(p.read_text(encoding="utf-8", errors="replace"))
        out[p.relative_to(site).as_posix()] = t.text
    return out


# Two changes to our overrides that Zensical's MiniJinja needs and Jinja2 accepts as well (found by this
# trial; the overrides' owners can apply them): a map's .items() is the `items` filter, and a partial
# imports `lang` itself (Jinja2 passes it down from base.html, MiniJinja does not).
# Changes the overrides needed under MiniJinja; both are now in overrides/ itself (Jinja2 accepts
# them too), so nothing is left to change. Kept as the place for the next one.
COMPAT: dict[str, list[tuple[str, str]]] = {}


_MD_LINK = re.compile(r"\]\(([^)\s#]+\.md)(#[^)\s]*)?\)")


def to_index_layout(kilder: Path, config_text: str) -> str:
    """Every page x.md becomes x/index.md (file folder = URL folder), Markdown links between pages are
    rewritten to match, and so is the nav; returns the new config text."""
    import posixpath
    pages = sorted(p.relative_to(kilder).as_posix() for p in kilder.rglob("*.md"))
    moved = {u: u[:-3] + "/index.md" for u in pages if not u.endswith("index.md")}
    new_of = lambda u: moved.get(u, u)  # noqa: E731
    for old in pages:
        path = kilder / old
        text = path.read_text(encoding="utf-8")

        def fix(m, old=old):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(old), m.group(1)))
            if target not in moved and target not in pages:
                return m.group(0)
            rel = posixpath.relpath(new_of(target), posixpath.dirname(new_of(old)) or ".")
            return f"]({rel}{m.group(2) or ''})"
        text = _MD_LINK.sub(fix, text)
        dest = kilder / new_of(old)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
        if dest != path:
            path.unlink()
    for old, new in moved.items():
        config_text = config_text.replace(f" {old}\n", f" {new}\n").replace(f"/{old}\n", f"/{new}\n")
    return config_text


def zensical_project(dest: Path, data: Path, overrides: list[str] | None, compat: bool = False,
                     index_pages: bool = False, edit_links: str | None = None) -> Path:
    """docs/ + generated pages (the pre-build step) in dest/kilder, our config with docs_dir: kilder,
    and only the given override files (None: all of them, []: none). compat: with the COMPAT changes.
    index_pages: every generated page as <its URL>/index.md, so a link relative to the page's URL is
    also relative to its file (Zensical resolves links in raw HTML against the file, MkDocs leaves
    them as written)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    (dest / "data").symlink_to(data.resolve(), target_is_directory=True)
    (dest / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
    r = subprocess.run([str(BIN / "kulturskole"), "generer", "--data", str(dest / "data"), "--docs", str(ROOT / "docs"),
                        "--til", str(dest / "kilder")], capture_output=True, text=True, env=projects.env())
    if r.returncode:
        raise SystemExit(r.stdout + r.stderr)
    src = ROOT / "overrides"
    for f in sorted(p for p in src.rglob("*") if p.is_file()):
        rel = f.relative_to(src).as_posix()
        if overrides is None or rel in overrides:
            (dest / "overrides" / rel).parent.mkdir(parents=True, exist_ok=True)
            text = f.read_text(encoding="utf-8")
            for old, new in COMPAT.get(rel, []) if compat else []:
                assert old in text, (rel, old)
                text = text.replace(old, new)
            (dest / "overrides" / rel).write_text(text, encoding="utf-8")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("strict: true", "strict: true\ndocs_dir: kilder", 1)
    if not (dest / "overrides").exists():
        text = text.replace("  custom_dir: overrides\n", "")
    if index_pages:
        text = to_index_layout(dest / "kilder", text)
    if edit_links:
        # Edit links to the data: a (trial-only, fictional) repository address, and Material's actions
        # partial reading the page's `kilde:` (what the pre-build step writes) instead of its file path.
        text = text.replace("edit_uri: edit/main/", f"repo_url: {REPO}\nedit_uri: edit/main/", 1)
        actions = Path(edit_links).read_text(encoding="utf-8")
        actions = actions.replace("{% if page.edit_url %}",
                                  "{% set edit_url = (config.repo_url ~ '/' ~ config.edit_uri ~ '/' ~ page.meta.kilde)"
                                  " if page.meta.kilde else page.edit_url %}\n{% if edit_url %}", 1)
        actions = actions.replace("page.edit_url", "edit_url")
        (dest / "overrides" / "partials").mkdir(parents=True, exist_ok=True)
        (dest / "overrides" / "partials" / "actions.html").write_text(actions, encoding="utf-8")
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    return dest


def trial(n: int, zensical: str, try_overrides: bool) -> dict:
    base = WORK / f"n{n}"
    data = base / "data"
    if not (data / "kommuneregister.yml").exists():
        gen.generate(n, data) if n != 16 else None
    if n == 16:
        data = ROOT / "data"
    env = {**projects.env(), "PYTHONPATH": str(WORK / f"zensical-{n}")}  # `macros` importable as a package
    res: dict = {"n": n}
    overrides = sorted(p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides").rglob("*")
                       if p.is_file())
    if try_overrides:
        res["overrides"] = {}
        for o in ["(ingen)", *overrides, "(alle)"]:
            chosen = [] if o == "(ingen)" else None if o == "(alle)" else [o]
            proj = zensical_project(WORK / f"zensical-{n}", data, chosen)
            secs, r = run([zensical, "build", "--clean"], proj, env)
            res["overrides"][o] = "ok" if r.returncode == 0 else last_error(r)
            print(f"[{n}] override {o}: {res['overrides'][o]} ({secs:.1f} s)", flush=True)
        working = [o for o in overrides if res["overrides"].get(o) == "ok"]
    else:
        working = overrides
    # Timed: a clean build with every override (with the COMPAT changes) and generated pages as
    # <URL>/index.md, compared with ours; then builds again with nothing changed and with one page changed.
    actions = Path(zensical).resolve().parent.parent.glob("lib/python3*/site-packages/zensical/templates/partials/actions.html")
    proj = zensical_project(WORK / f"zensical-{n}", data, None, compat=True, index_pages=True,
                            edit_links=str(next(actions)))
    secs, r = run([zensical, "build", "--clean"], proj, env)
    res["build_s"], res["build_ok"] = secs, r.returncode == 0
    res["build_error"] = None if r.returncode == 0 else last_error(r)
    res["log_tail"] = (r.stdout + r.stderr).strip().splitlines()[-5:]
    site = proj / "site"
    res["pages"] = len(list(site.rglob("*.html"))) if site.exists() else 0
    ours = projects.make_ours(WORK / f"mkdocs-{n}", data)
    t0 = time.perf_counter()
    rm = subprocess.run([str(BIN / "mkdocs"), "build", "--clean"], cwd=ours, capture_output=True, text=True,
                        env={**projects.env(), "REPO_URL": REPO})
    res["mkdocs_build_s"] = time.perf_counter() - t0
    res["mkdocs_ok"] = rm.returncode == 0
    if site.exists() and rm.returncode == 0:
        theirs, mine = article_texts(site), article_texts(ours / "site")
        res["pages_only_mkdocs"] = sorted(set(mine) - set(theirs))[:20]
        res["pages_only_zensical"] = sorted(set(theirs) - set(mine))[:20]
        common = sorted(set(mine) & set(theirs))
        same = [p for p in common if mine[p] == theirs[p]]
        res["pages_common"], res["pages_same_main_content"] = len(common), len(same)
        res["examples_differing"] = [p for p in common if mine[p] != theirs[p]][:8]
        # What our post-build steps make of Zensical's output (on a copy): links, then the search index.
        copy = WORK / f"zensical-{n}-etter"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(site, copy)
        zdir = next(Path(zensical).resolve().parent.parent.glob("lib/python3*/site-packages/zensical/templates"))
        secs4, rp = run([sys.executable, "-m", "macros.engine.postbuild", str(copy), "--uten-sok",
                         "--maler", str(proj / "overrides"), "--tema", str(zdir)], ROOT, projects.env())
        res["postbuild_s"], res["postbuild_rc"] = secs4, rp.returncode
        out = (rp.stdout + rp.stderr).splitlines()
        res["postbuild_broken_links"] = sum(1 for line in out if "lenken «" in line)
        res["postbuild_tail"] = out[-4:]
        secs5, rs = run([sys.executable, "-m", "macros.site.search", str(copy)], ROOT, projects.env())
        res["search_index_s"], res["search_index_ok"] = secs5, rs.returncode == 0
        res["search_index_msg"] = last_error(rs) if rs.returncode else None
        res["search_index_files"] = len(list((copy / "sok").rglob("*"))) if (copy / "sok").exists() else 0
        page = next(iter(sorted((copy / "kommuner").glob("*/index.html"))), None)
        if page is not None:
            html = page.read_text(encoding="utf-8")
            res["case_page_has_policy"] = 'http-equiv="Content-Security-Policy"' in html
            # Inline scripts the policy trusts when only Material's templates are given (the default) and
            # with Zensical's own templates (--tema, as run above): Zensical's differ from Material's.
            from macros.engine.postbuild import theme_dirs
            from macros.site import csp
            scripts = csp.inline_scripts(html)
            res["case_page_inline_scripts"] = len(scripts)
            for key, theme in (("untrusted_material_templates", None), ("untrusted_zensical_templates", zdir)):
                trusted = csp.trusted_scripts(theme_dirs(proj / "overrides", theme))
                res["case_page_" + key] = sum(not trusted.trusts(x) for x in scripts)
            res["case_page_stylesheets"] = len(re.findall(r'<link rel="stylesheet"', html))
            res["case_page_edit_link"] = (re.findall(r'href="([^"]+)"[^>]*rel="edit"', html) or [None])[0]
            om = (copy / "om" / "index.html").read_text(encoding="utf-8")
            res["hand_written_page_edit_link"] = (re.findall(r'href="([^"]+)"[^>]*rel="edit"', om) or [None])[0]
        nn = [p for p, t in mine.items() if 'lang="nn"' in (ours / "site" / p).read_text(encoding="utf-8")]
        res["nynorsk_pages_lang_nn"] = [p for p in nn if 'lang="nn"' in (site / p).read_text(encoding="utf-8")]
        res["nynorsk_pages"] = nn
        res["zensical_search_files"] = sorted(p.relative_to(site).as_posix() for p in site.glob("search*"))
    secs2, r2 = run([zensical, "build"], proj, env)
    res["rebuild_nothing_changed_s"] = secs2
    case = next(p for p in sorted((proj / "kilder" / "kommuner").glob("*/index.md")))
    case.write_text(case.read_text(encoding="utf-8").replace("</dl>", "</dl>\n\n<p>Endret.</p>", 1), encoding="utf-8")
    secs3, r3 = run([zensical, "build"], proj, env)
    res["rebuild_one_page_s"] = secs3
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--zensical", required=True, help="the zensical command of a throwaway venv")
    ap.add_argument("--sizes", default="16,357,2000")
    ap.add_argument("--no-overrides", action="store_true", help="skip trying each override on its own")
    args = ap.parse_args(argv)
    v = subprocess.run([args.zensical, "--version"], capture_output=True, text=True).stdout.strip()
    results = {"zensical": v, "sizes": []}
    for i, n in enumerate(args.sizes.split(",")):
        results["sizes"].append(trial(int(n), args.zensical, try_overrides=not args.no_overrides and i == 0))
        print(json.dumps(results["sizes"][-1], ensure_ascii=False, indent=1), flush=True)
    out = WORK / "engine_trial.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"Wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
