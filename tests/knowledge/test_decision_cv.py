"""bench.decision_cv scores each business with a decision fitted without it."""

from __future__ import annotations

import random

from bench.decision_cv import Row, left_out


def _rows(seed: int, informative: bool) -> list[Row]:
    rng = random.Random(seed)
    out = []
    for b in ("a", "b", "c"):
        for i in range(60):
            right = i % 2 == 0
            score = (3.0 if right else -3.0) if informative else rng.gauss(0, 1)
            out.append(Row(b, False, not right, right, rng.gauss(0, 1), score, 0.0, 0.0, 0.0))
        for _ in range(40):  # CLINC rows: off-topic, scored low when the score informs
            out.append(Row(b, True, True, False, rng.gauss(0, 1), -3.0 if informative else rng.gauss(0, 1),
                           0.0, 0.0, 0.0))
    return out


def test_a_separating_input_is_right_on_every_left_out_business() -> None:
    rod, clinc = left_out(_rows(1, True), {}, ("logit", "score"))
    assert rod == 1.0
    assert clinc == 0.0


def test_noise_is_not() -> None:
    rod, _ = left_out(_rows(1, False), {}, ("logit", "score"))
    assert rod < 0.75


def test_questions_without_a_shortlist_count_as_declined() -> None:
    rod, _ = left_out(_rows(1, True), {"a": (0, 60)}, ("logit", "score"))  # 60 answerable, declined
    assert rod == 180 / 240
