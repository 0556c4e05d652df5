"""Benchmark helper hook (bench/projects.py): save the Markdown of hand-written pages that use macros,
as mkdocs-macros rendered it, so the plain MkDocs site gets the same text without the plugin."""
from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.plugins import event_priority


@event_priority(-100)  # after mkdocs-macros has rendered the page
def on_page_markdown(markdown, page, config, files):
    out = config.extra.get("bench_capture_dir")
    if out and page.meta.get("render_macros") and page.file.generated_by is None:
        meta = {k: v for k, v in page.meta.items() if k != "render_macros"}
        path = Path(out) / page.file.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        front = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" if meta else ""
        path.write_text(front + markdown, encoding="utf-8")
    return markdown
