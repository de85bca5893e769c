"""The verifier's pick of the answer among the head of the ranking (session 7).

The reranker (knowledge/retrieval.py) scores entries by vector similarity and word
overlap, each side embedded apart; the verifier (knowledge/crossenc.py) reads the message
and an entry together, and was trained listwise over exactly this shortlist. The answer
is the entry maximising ``weight · rank score + verifier score`` among the first
``depth`` ranked entries. Entries are read best first, and reading stops once even a
``ceiling`` verifier score could not beat the best so far: the rank scores only fall
down the list, so no later entry could either. A clear top costs the one pass the
decision needs anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Rerank:
    """``depth`` 1 keeps the reranker's order (the verifier only decides)."""

    weight: float = 0.0
    depth: int = 1
    ceiling: float = 0.0  # a score no entry below the best so far needs to beat (speed)


def pick(
    rank_scores: Sequence[float], verify: Callable[[int], float], rerank: Rerank
) -> tuple[int, dict[int, float]]:
    """Index of the answer among entries ranked best first (``rank_scores`` descending),
    and the verifier scores read, by index. ``verify(i)`` scores entry ``i``."""
    read = {0: verify(0)}
    best, best_z = 0, rerank.weight * rank_scores[0] + read[0]
    for i in range(1, min(rerank.depth, len(rank_scores))):
        if not _may_beat(rank_scores[i], best_z, rerank):
            break
        read[i] = verify(i)
        z = rerank.weight * rank_scores[i] + read[i]
        if z > best_z:
            best, best_z = i, z
    return best, read


def may_read(rank_scores: Sequence[float], first: float, rerank: Rerank) -> list[int]:
    """The entries after the first that ``pick`` may still read once the first scored
    ``first``: those a ``ceiling`` score could lift above it. ``pick`` reads a prefix of
    them (it stops early when a later entry raises the best), so scoring them all ahead
    gives it the same scores it would compute."""
    bar = rerank.weight * rank_scores[0] + first
    return [i for i in range(1, min(rerank.depth, len(rank_scores))) if _may_beat(rank_scores[i], bar, rerank)]


def _may_beat(rank_score: float, best_z: float, rerank: Rerank) -> bool:
    """Whether an entry could still beat the best so far with a ``ceiling`` score (the one
    stopping rule of ``pick`` and ``may_read``, which must agree)."""
    return rerank.weight * rank_score + rerank.ceiling > best_z


def answer_first(items: Sequence[T], index: int) -> list[T]:
    """The list with the picked item moved to the front, the rest in their order."""
    return [items[index], *items[:index], *items[index + 1 :]]
