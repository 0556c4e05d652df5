"""One `mkdocs build` in-process, with wall-clock time per phase (where our build spends its time).

    .venv/bin/python bench/phases.py <mkdocs.yml> <site_dir> <out.json>

Phases: loading the config, each plugin/hook event summed over pages (config = our data load and
validation, files = generating pages from data, page_markdown = mkdocs-macros, post_build = the
Pagefind index), MkDocs' Markdown conversion of all pages (_populate_page) and theme rendering
and writing (_build_page). Used by bench/run.py for ours' warm-up build; same result as the CLI.
"""
from __future__ import annotations

import collections
import json
import os
import sys
import time
from pathlib import Path


def main(config_file: str, site_dir: str, out: str) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    import logging
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")  # show why a build stops
    t_start = time.perf_counter()
    from mkdocs import plugins
    from mkdocs.commands import build as mkbuild
    from mkdocs.config import load_config

    acc: collections.Counter = collections.Counter()
    run_event = plugins.PluginCollection.run_event

    def timed_event(self, name, item=None, **kwargs):
        t0 = time.perf_counter()
        try:
            return run_event(self, name, item, **kwargs)
        finally:
            acc[f"event {name}"] += time.perf_counter() - t0

    plugins.PluginCollection.run_event = timed_event
    for name in ("_populate_page", "_build_page"):
        original = getattr(mkbuild, name)

        def timed(*args, _original=original, _name=name, **kwargs):
            t0 = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                acc[_name] += time.perf_counter() - t0

        setattr(mkbuild, name, timed)
    t0 = time.perf_counter()
    config = load_config(config_file, site_dir=site_dir)
    acc["load_config"] = time.perf_counter() - t0
    config.plugins.on_startup(command="build", dirty=False)
    t0 = time.perf_counter()
    try:
        mkbuild.build(config)
    finally:
        config.plugins.on_shutdown()
    acc["build"] = time.perf_counter() - t0
    acc["total"] = time.perf_counter() - t_start
    Path(out).write_text(json.dumps(dict(acc), indent=1), encoding="utf-8")


if __name__ == "__main__":
    config_file, site, out = (Path(a).resolve() for a in sys.argv[1:4])
    os.chdir(config_file.parent)  # mkdocs-macros finds module_name from here
    main(str(config_file), str(site), str(out))
