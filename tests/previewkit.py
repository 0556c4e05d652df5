"""The preview server (`make serve`) for tests: the fixture site built by a Preview and served on a
free port of 127.0.0.1, stopped cleanly afterwards."""
from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from macros.engine.serve import Preview, PreviewServer

from .conftest import FIXTURE_DATA, make_project


@contextlib.contextmanager
def serving(tmp: Path, prepare=None):
    """(Preview, PreviewServer) of the fixture site in tmp; prepare(tmp) runs after the build, before
    the first request (to plant files)."""
    (tmp / "p").mkdir()
    project = make_project(tmp / "p", FIXTURE_DATA)
    preview = Preview(project / "mkdocs.yml", tmp / "served")
    assert preview.full_build()
    if prepare is not None:
        prepare(tmp)
    server = PreviewServer(preview, "127.0.0.1", 0)
    server.server_bind()
    server.server_activate()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield preview, server
    finally:
        server.shutdown()
        server.server_close()
        preview.stop()
        preview.search.wait(120)
