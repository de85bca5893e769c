"""Text hygiene at the edges: characters no customer means to send, that PostgreSQL
(U+0000) or XML (other C0 controls, lone surrogates) refuse."""

from __future__ import annotations

import re
from typing import Any

# C0 controls except tab, newline and carriage return; DEL; lone surrogates; U+FFFE/F.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """``text`` without characters that would break storage or XML; otherwise unchanged."""
    return _ILLEGAL.sub("", text) if _ILLEGAL.search(text) else text


def clean_strings(value: Any) -> Any:
    """:func:`clean_text` applied to every string inside JSON-like data."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_strings(k): clean_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_strings(v) for v in value]
    return value
