"""`make serve`: the site with a live preview that rebuilds only what a save changed.

    python -m macros.engine.serve [--dev-addr 127.0.0.1:8000]

MkDocs 1.6's `mkdocs serve` rebuilds the whole site on every save (7 s at 357 cases). This server
builds the site once with MkDocs (the same mkdocs.yml, hooks and theme as `make site`), keeps MkDocs'
files, navigation and theme environment, and after a save:

1. reloads the data (only the saved file is parsed again), makes the page of the saved case (or
   the saved hand-written page) with MkDocs' own page rendering and writes it; the browser tab
   showing that page reloads;
2. then, in the background, every other page whose text changed because of the save (county,
   focus-area and criteria pages, the explorer, the exports, the home page); each browser tab
   reloads when its own page was rewritten, unchanged pages are not rewritten;
3. then the search index (macros/site/search.py, in its own process), off the save path.

A data error is shown in the terminal and at the top of every page in the browser, while the last
good site stays served and the server keeps running; fixing the file removes the message. A change
to mkdocs.yml, overrides/ or the set of files in docs/ rebuilds everything; a change to the Python
code restarts the server.

The parts: watch.py (what changed on disk), renderer.py (MkDocs, the only module with MkDocs'
private API), worker.py (the background job and its cancel token), preview.py (what a save does),
http.py (what the browser gets), __main__.py (the command).
"""
from __future__ import annotations

from macros.engine.serve.http import PreviewServer
from macros.engine.serve.preview import Preview, banner_html

__all__ = ["Preview", "PreviewServer", "banner_html"]
