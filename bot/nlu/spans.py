"""Tiny helpers for blanking out text spans that an extractor has already used."""

from __future__ import annotations

Span = tuple[int, int]


def blank(text: str, spans: list[Span] | tuple[Span, ...]) -> str:
    """Replace each span with spaces, keeping every other index where it was."""
    chars = list(text)
    for start, end in spans:
        for i in range(max(start, 0), min(end, len(chars))):
            chars[i] = " "
    return "".join(chars)


def word_set(text: str) -> frozenset[str]:
    """A lexicon written as whitespace-separated words."""
    return frozenset(text.split())
