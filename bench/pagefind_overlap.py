"""Experiment: how much of Pagefind's indexing could run while MkDocs is still writing pages?

Our build indexes the finished site afterwards (`python -m pagefind --site`, macros/site/search.py), so
the indexing adds its full time to every build. Pagefind's Python API can take pages one by one
(`add_html_file`) while the build goes on, on the second core, leaving only the final write after
the build. This script measures, on an already built site:

  cli    `python -m pagefind --site <site>` (what the build does today)
  add    feeding every page's HTML to the API (the part that could overlap with the build)
  write  `write_files` at the end (the part that cannot)

    .venv/bin/python bench/pagefind_overlap.py bench/work/n2000/ours/site
"""
from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


async def _api(site: Path, out: Path) -> tuple[float, float, int]:
    from pagefind.index import IndexConfig, PagefindIndex

    pages = [(p, p.relative_to(site).as_posix()) for p in sorted(site.rglob("*.html"))
             if not p.relative_to(site).as_posix().startswith("pagefind/")]
    t0 = time.perf_counter()
    async with PagefindIndex(config=IndexConfig(output_path=str(out))) as index:
        await asyncio.gather(*(index.add_html_file(content=p.read_text(encoding="utf-8"), source_path=rel)
                               for p, rel in pages))
        t1 = time.perf_counter()
        await index.write_files(output_path=str(out))
        t2 = time.perf_counter()
    return t1 - t0, t2 - t1, len(pages)


def main(site: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "site"
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(copy), "--output-subdir", "pagefind"],
                       check=True, capture_output=True)
        cli = time.perf_counter() - t0
        add, write, n = asyncio.run(_api(copy, copy / "pagefind-api"))
    print(f"{n} pages: cli {cli:.2f} s; api add {add:.2f} s + write {write:.2f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
