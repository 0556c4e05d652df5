"""Giving memory back to the system while the build waits for its search process.

A parallel build holds two big processes at its end: this one, with everything MkDocs and the data
made, and the search process, which builds the whole index from every page at that moment (about
350 MB each at 2,000 cases). This process only waits then; what it frees is handed back to the
system (glibc keeps freed memory for reuse unless asked: malloc_trim), so the peak of the two
together is lower. Measured with `make bench` (peak memory, the sum of PSS): at 2,000 cases the peak
went from 740-830 MB to 560-610 MB (plain MkDocs: 369 MB); what is left is mostly the search
process's last step (about 390 MB) beside this process (about 180 MB).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import lru_cache


@lru_cache(maxsize=1)
def _libc():
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name)
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def release(collect: bool = True) -> None:
    """Give free memory back to the system where the C library can (glibc's malloc_trim), after a
    full garbage collection (collect: 0.3 s at 2,000 cases, so only where this process waits)."""
    from macros.core.catalog import forget_loaded

    forget_loaded()
    if collect:
        gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
