"""A learned linear adapter on query embeddings (issue 4): ``rank vector = unit(W @ q)``.

MiniLM places a texted question ("do u take venmo", "portion sizes?") some way from the
FAQ entry that answers it. ``W`` (384x384, initialised and regularised towards the
identity) is fitted contrastively: for each training question, a softmax over every
entry of its FAQ, an entry scored by a smooth maximum over its passages' cosines, must
pick the right entry. Only the reranker sees the adapted vector; the pgvector shortlist
and the off-topic/conversation-act similarities keep the raw one.

Training data (``python -m knowledge.train_answerability``): the tuning FAQ's questions
and a fourth business written for this purpose (``data/adapter/``); the held-out FAQs
are never used. Generalisation across FAQs was checked by training on these and testing
on the held-out FAQs (docs/faq.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# Chosen by 5-fold cross-validation on the tuning questions (the fourth business always
# in training): top-1 86.1% at 0.1 vs 85.6% at 0.03, 84.6% at 0.01, 82.2% at 1.
ADAPTER_L2 = 0.1
STEPS = 150
LEARNING_RATE = 0.01
TEMPERATURE = 0.05  # softmax over entries
PASSAGE_TEMPERATURE = 0.05  # smooth max over an entry's passages


@dataclass(frozen=True)
class AdapterGroup:
    """One FAQ's training questions: unit query rows, right entry per row, passages."""

    queries: np.ndarray  # (b, dim)
    gold: np.ndarray  # (b,) entry index
    passages: np.ndarray  # (p, dim) unit rows of all entries
    owner: np.ndarray  # (p,) entry index of each passage
    n_entries: int


def adapt(matrix: np.ndarray | None, vector: np.ndarray) -> np.ndarray:
    """The rank vector of a query: ``unit(W @ q)``, or ``q`` without an adapter."""
    if matrix is None:
        return vector
    out = matrix @ vector
    norm = float(np.linalg.norm(out))
    return (out / norm).astype(np.float32) if norm > 0 else vector


def _entry_max(values: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    """Per query row, the max of ``values`` over each entry's passages: (b, n)."""
    out = np.full((values.shape[0], n), -np.inf)
    for j in range(n):
        out[:, j] = values[:, owner == j].max(axis=1)
    return out


def _entry_sum(values: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros((values.shape[0], n))
    for j in range(n):
        out[:, j] = values[:, owner == j].sum(axis=1)
    return out


def _loss_grad(
    w: np.ndarray, groups: Sequence[AdapterGroup], l2: float
) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of the right entry plus ``l2 * |W - I|^2``, and its gradient."""
    eye = np.eye(w.shape[0])
    loss = l2 * float(((w - eye) ** 2).sum())
    grad = 2 * l2 * (w - eye)
    total = sum(len(g.gold) for g in groups)
    for g in groups:
        b = len(g.gold)
        rows = np.arange(b)
        projected = g.queries @ w.T
        norm = np.linalg.norm(projected, axis=1, keepdims=True)
        u = projected / norm
        s = u @ g.passages.T  # (b, p) cosines
        m = _entry_max(s, g.owner, g.n_entries)
        e = np.exp((s - m[:, g.owner]) / PASSAGE_TEMPERATURE)
        z = _entry_sum(e, g.owner, g.n_entries)
        entry_score = m + PASSAGE_TEMPERATURE * np.log(z)
        within = e / z[:, g.owner]  # d entry_score / d passage cosine
        logits = entry_score / TEMPERATURE
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        loss -= float(np.log(p[rows, g.gold] + 1e-12).sum()) / total
        d_entry = p.copy()
        d_entry[rows, g.gold] -= 1.0
        d_entry /= TEMPERATURE * total
        d_u = (d_entry[:, g.owner] * within) @ g.passages
        d_projected = (d_u - u * (u * d_u).sum(axis=1, keepdims=True)) / norm
        grad += d_projected.T @ g.queries
    return loss, grad


def fit_adapter(
    groups: Sequence[AdapterGroup],
    l2: float = ADAPTER_L2,
    steps: int = STEPS,
    lr: float = LEARNING_RATE,
) -> np.ndarray:
    """W by full-batch Adam from the identity (deterministic: no sampling)."""
    dim = groups[0].queries.shape[1]
    w = np.eye(dim)
    m1 = np.zeros_like(w)
    m2 = np.zeros_like(w)
    for t in range(1, steps + 1):
        _, grad = _loss_grad(w, groups, l2)
        m1 = 0.9 * m1 + 0.1 * grad
        m2 = 0.999 * m2 + 0.001 * grad * grad
        w -= lr * (m1 / (1 - 0.9**t)) / (np.sqrt(m2 / (1 - 0.999**t)) + 1e-8)
    return w


def save_adapter(matrix: np.ndarray, path: Path) -> None:
    """Stored as ``W - I`` in float16: entries are ~1e-2, so rounding is ~1e-5."""
    np.save(path, (matrix - np.eye(matrix.shape[0])).astype(np.float16), allow_pickle=False)


def load_adapter(path: Path) -> np.ndarray:
    delta = np.load(path, allow_pickle=False).astype(np.float32)
    return delta + np.eye(delta.shape[0], dtype=np.float32)
