"""Cap the BLAS thread pool numpy uses.

An OpenBLAS pool sized to every core spins between calls; on a 2-core box that turns a
few-millisecond query embedding into a stall for the event loop. Environment variables
(``OPENBLAS_NUM_THREADS``) only work before numpy is first imported, which an
application cannot always guarantee, so we also set the pool size at run time through
OpenBLAS's own C entry point when numpy ships it.
"""

from __future__ import annotations

import ctypes
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

# Exported names differ between the scipy-openblas wheels numpy bundles and a system
# OpenBLAS; try them in order.
_SETTERS = (
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)
_applied: int | None = None


def _openblas_libraries() -> list[Path]:
    import numpy

    libs_dir = Path(numpy.__file__).resolve().parent.parent / "numpy.libs"
    if not libs_dir.is_dir():
        return []
    return sorted(p for p in libs_dir.iterdir() if "openblas" in p.name)


def limit_blas_threads(n: int | None = None) -> int | None:
    """Set numpy's OpenBLAS pool to ``n`` threads (default ``HIBACHI_BLAS_THREADS`` or 1).

    Returns the number applied, or None when no OpenBLAS entry point was found (then the
    environment variables are the only lever). Idempotent and cheap to call again.
    """
    global _applied
    if n is None:
        n = int(os.environ.get("HIBACHI_BLAS_THREADS", "1"))
    if _applied == n:
        return n
    for path in _openblas_libraries():
        try:
            lib = ctypes.CDLL(str(path))
        except OSError:
            continue
        for name in _SETTERS:
            setter = getattr(lib, name, None)
            if setter is None:
                continue
            setter.argtypes = [ctypes.c_int]
            setter.restype = None
            setter(n)
            _applied = n
            return n
    log.info("no OpenBLAS thread setter found; set OPENBLAS_NUM_THREADS before start")
    return None
