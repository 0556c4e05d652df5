"""The command `python -m macros.engine.serve` (what `make serve` runs)."""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from macros.engine.serve.http import PreviewServer
from macros.engine.serve.preview import Preview
from macros.engine.serve.watch import Watcher

log = logging.getLogger("mkdocs.kulturskole.serve")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m macros.engine.serve",
                                 description="Forhåndsvisning av nettstedet som oppdateres når du lagrer.")
    ap.add_argument("--dev-addr", default="127.0.0.1:8000", help="adresse og port (standard 127.0.0.1:8000)")
    ap.add_argument("--config-file", "-f", default="mkdocs.yml")
    ap.add_argument("--site-dir", help="bygg hit og behold mappen (standard: en midlertidig mappe som slettes)")
    args = ap.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _logging()
    signal.signal(signal.SIGTERM, _stop)  # as Ctrl+C: stop cleanly, remove the temporary folder
    keep = bool(args.site_dir)
    site_dir = Path(args.site_dir) if keep else Path(tempfile.mkdtemp(prefix="kulturskole-forhandsvisning-"))
    preview = Preview(Path(args.config_file), site_dir, args.dev_addr)
    watcher = None
    try:
        preview.full_build()
        host, port = _addr(args.dev_addr)
        server = PreviewServer(preview, host, port)
        watcher = Watcher(preview.root, preview.update)
        watcher.watch_project()
        try:
            server.server_bind()
            server.server_activate()
            watcher.start()
            log.info("Forhåndsvisning på %s (Ctrl+C avslutter)", server.url)
            server.serve_forever()
        except KeyboardInterrupt:
            log.info("Avslutter ...")
        finally:
            server.server_close()
    finally:
        if watcher is not None:
            watcher.stop()
        preview.stop()
        preview.search.wait(60)
        if not keep:
            shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def _stop(*_) -> None:
    raise KeyboardInterrupt


def _addr(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host.strip("[]") or "127.0.0.1", int(port)


def _logging() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    for name in ("mkdocs", "macros"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


if __name__ == "__main__":
    sys.exit(main())
