"""The verifier's pick among the head of the ranking (knowledge/rerank.py)."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

from knowledge.rerank import Rerank, answer_first, may_read, pick


def _exhaustive(rank: list[float], verifier: list[float], rr: Rerank) -> int:
    n = min(rr.depth, len(rank))
    return max(range(n), key=lambda i: (rr.weight * rank[i] + verifier[i], -i))


def _cases(seed: int, ceiling: float) -> Iterator[tuple[list[float], list[float]]]:
    """2,000 random heads: rank scores best first, and verifier scores under ``ceiling``."""
    rng = random.Random(seed)
    for _ in range(2000):
        n = rng.randint(1, 8)
        rank = sorted((rng.uniform(-2, 6) for _ in range(n)), reverse=True)
        yield rank, [rng.uniform(-7.5, ceiling) for _ in range(n)]


def test_stopping_early_never_changes_the_pick_when_scores_stay_under_the_ceiling() -> None:
    rr = Rerank(weight=2.0, depth=5, ceiling=6.9)
    for rank, verifier in _cases(7, rr.ceiling):
        best, read = pick(rank, verifier.__getitem__, rr)
        assert best == _exhaustive(rank, verifier, rr)
        assert best in read and read[best] == verifier[best]


def test_a_clear_top_costs_one_pass_and_a_close_call_reads_on() -> None:
    rr = Rerank(weight=2.0, depth=5, ceiling=6.9)
    calls: list[int] = []

    def verify(i: int, scores: tuple[float, ...]) -> float:
        calls.append(i)
        return scores[i]

    # The top is far ahead and the verifier likes it: nothing below could catch up.
    best, _ = pick([9.0, 4.0, 3.0], lambda i: verify(i, (5.0, 6.9, 6.9)), rr)
    assert (best, calls) == (0, [0])
    # A close second the verifier prefers wins; the third is read only while it could.
    calls.clear()
    best, read = pick([5.0, 4.8, 1.0], lambda i: verify(i, (-3.0, 4.0, 6.0)), rr)
    assert best == 1 and calls == [0, 1] and read == {0: -3.0, 1: 4.0}


def test_depth_one_keeps_the_rankers_order() -> None:
    best, read = pick([1.0, 0.9], lambda i: (-5.0, 5.0)[i], Rerank())
    assert best == 0 and list(read) == [0]


def test_answer_first_moves_only_the_pick() -> None:
    items = ["a", "b", "c", "d"]
    assert answer_first(items, 2) == ["c", "a", "b", "d"]
    assert answer_first(items, 0) == items
    for i in range(4):
        assert sorted(answer_first(items, i)) == items
    assert list(itertools.islice(answer_first(items, 3), 1)) == ["d"]


def test_the_entries_read_ahead_hold_every_one_the_pick_reads() -> None:
    """The search scores ``may_read`` two at a time before the pick: the pick must never
    need an entry outside it, and ``may_read`` is empty exactly when the first settles it."""
    rr = Rerank(weight=1.5, depth=5, ceiling=6.5)
    for rank, verifier in _cases(11, rr.ceiling):
        _, read = pick(rank, verifier.__getitem__, rr)
        ahead = may_read(rank, verifier[0], rr)
        assert set(read) - {0} <= set(ahead)
        assert ahead == list(range(1, len(ahead) + 1))  # a prefix of the head
        assert (not ahead) == (list(read) == [0])
