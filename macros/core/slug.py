"""URL slugs in Norwegian style: æ→ae, ø→o, å→a, other accents dropped, the rest → '-'."""
from __future__ import annotations

import re
import unicodedata

_NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})


def slugify(text: str) -> str:
    text = text.translate(_NORWEGIAN).lower()
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
