"""Leave-one-business-out check of the verifier decision's inputs (docs/faq.md, session 28).

Reads a ``python -m knowledge.train_verifier --save-validation FILE`` pickle (the
validation businesses' shortlists, scored by the shipped verifier), makes the shipped pick
on each question, and for each set of inputs fits the decision as ``fit_decision`` does
(CLINC rows half the weight, the per-business CLINC cap) on all businesses but one, then
scores the one left out. Prints right-or-declined pooled over the left-out businesses and
the CLINC share they answered::

    python -m bench.decision_cv /path/to/validation.pkl

A fit on all rows scores itself; this one does not, so an input that only memorises the
validation businesses shows no gain here.
"""

from __future__ import annotations

import argparse
import functools
import pickle
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from knowledge import train_verifier as tv
from knowledge.answerability import fit_logistic, load_model
from knowledge.embedder import LocalEmbedder
from knowledge.rerank import pick
from knowledge.train_answerability import capped_threshold


@dataclass(frozen=True)
class Row:
    """One validation message after the pick: what the decision could read."""

    business: str
    clinc: bool
    oos: bool
    right: bool  # the pick is the expected entry
    logit: float  # the pipeline's logit
    score: float  # the verifier's score of the pick
    rank: float  # the pick's rank score
    runner_up: float  # the best verifier score of the other shortlisted entries (all read)
    margin: float  # the reranker's margin of its first over its second


INPUTS: dict[str, Callable[[Row], float]] = {
    "logit": lambda r: r.logit,
    "score": lambda r: r.score,
    "rank": lambda r: r.rank,
    "runner_up": lambda r: r.runner_up,
    "gap": lambda r: r.score - r.runner_up,
    "margin": lambda r: r.margin,
    "logit2": lambda r: r.logit**2,
    "logit*score": lambda r: r.logit * r.score,
}
SETS = (
    ("logit", "score"),  # shipped
    ("logit", "score", "rank"),
    ("logit", "score", "runner_up"),
    ("logit", "score", "gap"),
    ("logit", "score", "margin"),
    ("logit", "score", "logit2"),
    ("logit", "score", "logit*score"),
)


def rows(items: list[tv.Item], scores: np.ndarray) -> tuple[list[Row], dict[str, tuple[int, int]]]:
    """Rows of the messages with a shortlist, and per business the (right, count) of the
    questions without one (always declined)."""
    stage = load_model(LocalEmbedder.model_id).verifier
    if stage is None:
        raise SystemExit("the shipped model has no verifier stage")
    out: list[Row] = []
    empty: dict[str, tuple[int, int]] = {}
    for n, it in enumerate(items):
        if not it.keys:
            if not it.clinc:
                right, count = empty.get(it.business, (0, 0))
                empty[it.business] = (right + (it.expected is None), count + 1)
            continue
        best, read = pick(it.scores, functools.partial(tv._cell, scores[n]), stage.rerank)
        others = [float(scores[n][i]) for i in range(len(it.keys)) if i != best]
        p = min(max(it.p, 1e-6), 1 - 1e-6)
        out.append(Row(
            it.business, it.clinc, it.expected is None, it.keys[best] == it.expected,
            float(np.log(p / (1 - p))), read[best], it.scores[best],
            max(others, default=tv.NO_SHORTLIST),
            it.scores[0] - it.scores[1] if len(it.scores) > 1 else 0.0,
        ))
    return out, empty


def left_out(
    data: list[Row], empty: dict[str, tuple[int, int]], names: tuple[str, ...], clinc_share: float = 0.5
) -> tuple[float, float]:
    """Pooled right-or-declined of the left-out businesses, and the most CLINC any of them
    answered."""
    x = np.array([[INPUTS[k](r) for k in names] for r in data])
    x = (x - x.mean(0)) / (x.std(0) + 1e-9)
    y = np.array([r.right for r in data], dtype=float)
    clinc = np.array([r.clinc for r in data])
    oos = np.array([r.oos for r in data])
    business = np.array([r.business for r in data])
    right = total = 0
    worst = 0.0
    for b in sorted(set(business)):
        train, test = business != b, business == b
        n_q, n_c = int((train & ~clinc).sum()), int((train & clinc).sum())
        weight = np.where(clinc[train], clinc_share / (1 - clinc_share) * n_q / max(n_c, 1), 1.0)
        coef, intercept = fit_logistic(x[train], y[train], weight, l2=tv.L2)
        prob = 1 / (1 + np.exp(-(x @ coef + intercept)))
        caps = [prob[clinc & (business == c)] for c in sorted(set(business[train & clinc]))]
        t, _ = capped_threshold(prob[train & ~clinc], y[train & ~clinc] == 1, oos[train & ~clinc], caps)
        q = test & ~clinc
        answered = prob[q] >= t
        e_right, e_count = empty.get(b, (0, 0))
        right += int(np.where(answered, y[q] == 1, oos[q]).sum()) + e_right
        total += int(q.sum()) + e_count
        if (test & clinc).any():
            worst = max(worst, float((prob[test & clinc] >= t).mean()))
    return right / total, worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("validation", type=Path, help="a --save-validation pickle")
    args = parser.parse_args()
    # The pickle holds train_verifier's Items as pickled by its __main__.
    sys.modules["__main__"].Item = tv.Item  # type: ignore[attr-defined]
    with args.validation.open("rb") as f:
        items, scores = pickle.load(f)  # our own file, written by train_verifier
    data, empty = rows(items, scores)
    print(f"{'inputs':34s} right-or-declined  most CLINC answered")
    for names in SETS:
        rod, worst = left_out(data, empty, names)
        print(f"{' + '.join(names):34s} {rod:17.1%}  {worst:.1%}")


if __name__ == "__main__":
    main()
