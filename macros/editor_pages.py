"""Pages for editors under /bidra/ (issue 3): field guide generated from the model."""
from __future__ import annotations


def editor_pages(cat) -> list:
    return []
