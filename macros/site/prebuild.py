"""The pre-build step: every page and file generated from data, as files any engine can read.

`pages()` is the one list. Each generated Markdown page names its source in the front matter
(`kilde: data/kommuner/bodo.yml`), so an engine that only reads files can still point «Rediger
denne siden» at the YAML. The MkDocs hook takes exactly these pages (in memory, as MkDocs files with
the edit link set); `write()` puts the same text on disk, and `prepare()` makes one folder with the
hand-written pages and the generated ones, for an engine that reads a single docs folder:

    kulturskole generer --til bygg/kilder     # then e.g. zensical or properdocs with docs_dir: bygg/kilder

Files whose text is unchanged are not rewritten (engines that rebuild only changed files stay
fast), and files a previous run wrote that are no longer generated are removed.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..core.catalog import Catalog
from ..core.forked import Workers
from . import scripts
from .generate import generate, with_source  # noqa: F401 - with_source: the engines' name for it
from .pages import GeneratedPage

MANIFEST = ".generert.json"  # in the output folder: what this step wrote there


def pages(cat: Catalog, site_url: str | None = None, workers: Workers | None = None, *, make_case=None,
          checkpoint=None) -> list[GeneratedPage]:
    """Every generated page and file, as the engine gets it (workers, make_case, checkpoint: see
    generate())."""
    return generate(cat, site_url, workers, make_case=make_case, checkpoint=checkpoint, sourced=True)


def _as_bytes(content) -> bytes:
    return content if isinstance(content, bytes) else str(content).encode("utf-8")


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write data to path only if it differs, atomically (a reader never sees half a file)."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.ny")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # an engine watching the folder, or a request, never reads half a file
    return True


@dataclass
class Written:
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def write(files: dict[str, bytes | str], dest: Path) -> Written:
    """Write {relative path: content} under dest: only what changed; remove what a previous run wrote
    there and this one did not."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    result = Written()
    for rel, content in sorted(files.items()):
        if write_if_changed(dest / rel, _as_bytes(content)):
            result.changed.append(rel)
        else:
            result.unchanged += 1
    manifest = dest / MANIFEST
    try:
        before = set(json.loads(manifest.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        before = set()
    for rel in sorted(before - set(files)):
        path = dest / rel
        if path.is_file() and dest.resolve() in path.resolve().parents:
            path.unlink()
            result.removed.append(rel)
    manifest.write_text(json.dumps(sorted(files), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return result


def hand_written(docs_dir: Path) -> dict[str, bytes | str]:
    """The files in docs/ by relative path (hidden files left out, as MkDocs does); Markdown pages
    get `kilde: docs/<file>` in their front matter, as generated pages name their data."""
    docs_dir = Path(docs_dir)
    out: dict[str, bytes | str] = {}
    for root, dirs, names in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.startswith("."):
                continue
            path = Path(root) / name
            rel = path.relative_to(docs_dir).as_posix()
            if name.endswith(".md"):
                page = GeneratedPage(rel, path.read_text(encoding="utf-8"), f"{docs_dir.name}/{rel}")
                out[rel] = with_source(page).content
            elif not scripts.ours(rel):
                out[rel] = path.read_bytes()
    out.update(scripts.serve(scripts.sources(docs_dir)))  # our scripts, as the MkDocs hook serves them
    return out


def prepare(cat: Catalog, docs_dir: Path, dest: Path, site_url: str | None = None,
            workers: Workers | None = None) -> Written:
    """One folder with the hand-written pages and the generated ones, for any engine."""
    generated = {p.src_uri: p.content for p in pages(cat, site_url, workers)}
    files: dict[str, bytes | str] = dict(hand_written(docs_dir))
    clash = sorted(set(files) & set(generated))
    if clash:
        raise ValueError(f"docs/ har filer som også lages fra data: {', '.join(clash)}")
    files.update(generated)
    return write(files, dest)

