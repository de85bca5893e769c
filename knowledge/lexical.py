"""Content-word terms for lexical overlap (a tiny, dependency-free BM25-ish signal).

Terms are lower-case words minus English stopwords, lightly stemmed so "allergies",
"allergy" and "allergic" meet. Weights are IDF over the FAQ being searched, so nothing
depends on a particular FAQ's vocabulary.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

from knowledge.textnorm import normalize

_STOPWORDS_TEXT = """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each few
    for from further get gets got had has have having he her here hers herself him himself
    his how i if in into is it its itself just let like me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so
    some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself yourselves okay ok please thanks thank hi
    hello hey guys yall also really much many any anything something thing things need
    want wanted know tell ask us im ive one kind sort well still even ever way lot
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_WORD = re.compile(r"[a-z0-9]+")
_SUFFIXES = ("ies", "ied", "ing", "ers", "er", "ed", "es", "ic", "s", "y")


def stem(word: str) -> str:
    """Crude suffix stripping; enough for plural/verb forms to meet. Keeps short words."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def terms(text: str, normalized: bool = False) -> frozenset[str]:
    """Distinct stemmed content words of ``text``."""
    if not normalized:
        text = normalize(text)
    return frozenset(stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS)


def idf(df: int, n_docs: int) -> float:
    """Smoothed IDF; a term no entry contains gets the largest weight."""
    return math.log((n_docs + 1) / (df + 0.5))


def overlap(
    query_terms: Iterable[str], doc_terms: frozenset[str], df: Mapping[str, int], n_docs: int,
    *, prefix_credit: float = 0.0,
) -> float:
    """IDF-weighted share of the query's content words found in the document (0..1);
    ``prefix_credit``: the share a truncated word earns (see :func:`fuzzy_overlap`)."""
    total = hit = 0.0
    for t in query_terms:
        w = idf(df.get(t, 0), n_docs)
        total += w
        if t in doc_terms:
            hit += w
        elif prefix_credit and _prefix_hit(t, doc_terms):
            hit += prefix_credit * w
    return hit / total if total else 0.0


# A texted query word that is the start of an entry word ("min" of "minimum", "info" of
# "information", "veg" of "vegetarian") counts for this much of an exact match.
PREFIX_CREDIT = 0.7
MIN_PREFIX = 3


def _prefix_hit(term: str, doc_terms: frozenset[str]) -> bool:
    return len(term) >= MIN_PREFIX and any(
        len(d) > len(term) and d.startswith(term) for d in doc_terms
    )


def fuzzy_overlap(
    query_terms: Iterable[str], doc_terms: frozenset[str], df: Mapping[str, int], n_docs: int
) -> float:
    """Like :func:`overlap`, with partial credit for truncated words (texting shorthand)."""
    return overlap(query_terms, doc_terms, df, n_docs, prefix_credit=PREFIX_CREDIT)


def coverage(query_terms: Iterable[str], df: Mapping[str, int], n_docs: int) -> float:
    """IDF-weighted share of the query's content words found anywhere in the FAQ."""
    total = hit = 0.0
    for t in query_terms:
        w = idf(df.get(t, 0), n_docs)
        total += w
        if df.get(t, 0) > 0:
            hit += w
    return hit / total if total else 0.0
