"""Set up the two sites the benchmark compares, for one dataset.

ours/   a copy of the site (mkdocs.yml, docs/, overrides/) with the dataset as data/ and macros/
        linked to the repository's package: built exactly as `make site` builds the real site.
plain/  the same pages as plain MkDocs + Material: the Markdown that site.generate() makes from
        the dataset, written to docs/ once (outside any timing), beside a copy of the hand-written
        pages; mkdocs.yml is ours without the macros plugin, the hooks and the watch list. Same
        theme, overrides, Markdown extensions, other plugins and the same explicit small nav with
        the record pages left out of it.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


# --- mkdocs.yml round trip that keeps tags such as !ENV and !!python/name ------------------------

class Tagged:
    def __init__(self, tag: str, node: yaml.Node, value):
        self.tag, self.kind, self.value = tag, type(node), value


class _Loader(yaml.SafeLoader):
    pass


def _tagged(loader, suffix, node):
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        return Tagged(tag, node, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(tag, node, loader.construct_sequence(node, deep=True))
    return Tagged(tag, node, loader.construct_mapping(node, deep=True))


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper, t: Tagged):
    if t.kind is yaml.ScalarNode:
        return dumper.represent_scalar(t.tag, t.value)
    if t.kind is yaml.SequenceNode:
        return dumper.represent_sequence(t.tag, t.value)
    return dumper.represent_mapping(t.tag, t.value)


_Dumper.add_representer(Tagged, _represent_tagged)


def _plugin_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def plain_config(ours_yml: Path, not_in_nav: list[str]) -> str:
    """mkdocs.yml for the plain site: ours minus the macros plugin, hooks and watch list."""
    cfg = yaml.load(ours_yml.read_text(encoding="utf-8"), Loader=_Loader)
    plugins = cfg.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{k: v} for k, v in plugins.items()]
    cfg["plugins"] = [p for p in plugins if _plugin_name(p) != "macros"]
    cfg.pop("hooks", None)
    cfg.pop("watch", None)
    if not cfg.get("repo_url"):  # ours gets repo_url from its hook (REPO_URL or git remote); plain has none
        cfg.pop("edit_uri", None)
    cfg["site_name"] = cfg.get("site_name", "Kulturskole 3.0")
    existing = (cfg.get("not_in_nav") or "").splitlines()
    cfg["not_in_nav"] = "\n".join(dict.fromkeys([*existing, *not_in_nav])) + "\n"
    return ("# Plain MkDocs + Material build of the same pages (bench/projects.py). Generated file.\n"
            + yaml.dump(cfg, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120))


# --- projects ---------------------------------------------------------------------------------

def _copy_site_sources(dest: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name)


def make_ours(dest: Path, data: Path) -> Path:
    """Our site in dest with `data` copied in as data/ (exactly what `make site` builds)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    _copy_site_sources(dest)
    shutil.copytree(data, dest / "data")
    (dest / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
    return dest


def generated_pages(data_dir: Path) -> list:
    from macros.core.catalog import validate
    from macros.site.generate import generate

    catalog, problems = validate(data_dir)
    if problems:
        raise SystemExit("Benchmark data has problems:\n" + "\n".join(str(p) for p in problems[:20]))
    return generate(catalog)


def _in_nav(nav) -> set[str]:
    out: set[str] = set()
    stack = [nav]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.add(item)
        elif isinstance(item, list):
            stack += item
        elif isinstance(item, dict):
            stack += list(item.values())
    return out


CAPTURE_HOOK = Path(__file__).resolve().parent / "capture_hook.py"


def capture_config(ours: Path, out_dir: Path) -> Path:
    """ours/mkdocs-capture.yml: ours plus a hook that saves the Markdown of the hand-written pages
    that use macros (render_macros: true) as mkdocs-macros rendered it, into out_dir."""
    cfg = yaml.load((ours / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    cfg["hooks"] = [*(cfg.get("hooks") or []), str(CAPTURE_HOOK)]
    cfg.setdefault("extra", {})["bench_capture_dir"] = str(out_dir)
    path = ours / "mkdocs-capture.yml"
    path.write_text(yaml.dump(cfg, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    return path


def make_plain(dest: Path, ours: Path, rendered: Path | None = None) -> Path:
    """Plain MkDocs + Material project with the Markdown our generator makes for ours/data.

    rendered: hand-written pages as mkdocs-macros rendered them (capture_config); they replace
    the copies of the hand-written pages, so the plain site has the same text without macros."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    _copy_site_sources(dest)
    cfg = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    nav = _in_nav(cfg.get("nav") or [])
    patterns = set()
    for page in generated_pages(ours / "data"):
        path = dest / "docs" / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        content = page.content
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(str(content), encoding="utf-8")
        if page.src_uri.endswith(".md") and page.src_uri not in nav:
            # Records stay out of the nav, as in ours (hooks.py adds them as NOT_IN_NAV).
            top = page.src_uri.split("/", 1)[0]
            patterns.add(f"/{top}/" if "/" in page.src_uri else f"/{page.src_uri}")
    for page in sorted(rendered.rglob("*.md")) if rendered else []:
        shutil.copy(page, dest / "docs" / page.relative_to(rendered))
    (dest / "mkdocs.yml").write_text(plain_config(ROOT / "mkdocs.yml", sorted(patterns)), encoding="utf-8")
    return dest


def case_slugs(data_dir: Path) -> list[str]:
    return sorted(p.stem for p in (data_dir / "kommuner").glob("*.yml") if p.stem != "eksempelkommune")


def env() -> dict:
    e = dict(os.environ)
    e["NO_MKDOCS_2_WARNING"] = "1"
    e["PYTHONDONTWRITEBYTECODE"] = "1"
    e.setdefault("SITE_URL", "")
    return e


