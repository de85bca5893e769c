"""Should the bot answer from the FAQ at all? A small calibrated logistic model.

A raw similarity threshold separates answerable from out-of-scope questions poorly, so
the decision uses several signals about the best match: its score, its margin over the
runner-up and its share of the reranker's softmax, lexical overlap, how much of the
query the FAQ's vocabulary covers, how close the query is to the FAQ as a whole (the
best five candidates), how much it looks like a conversation act (booking, complaint,
"a person please", small talk; ``data/nonfaq.yaml``) and how much like an off-topic
personal-assistant request (``data/offtopic.yaml``) rather than a question to the
business. Coefficients are fitted per embedding model by
``python -m knowledge.train_answerability`` and shipped in ``answerability.json``, with the
query adapter the reranker applies (``adapter_<model>.npy``, see knowledge/adapter.py).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from knowledge.adapter import adapt, load_adapter
from knowledge.embedder import Embedder
from knowledge.rerank import Rerank
from knowledge.retrieval import Query, Scored

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).with_name("answerability.json")
NONFAQ_PATH = Path(__file__).with_name("data") / "nonfaq.yaml"
OFFTOPIC_PATH = Path(__file__).with_name("data") / "offtopic.yaml"

DECISION_FEATURES = (
    "score",
    "margin",
    "p_top",
    "sim_q",
    "sim_a",
    "sim_qa",
    "lex",
    "coverage",
    "n_terms",
    "nonfaq",
    "nonfaq_gap",
    "offtopic",
    "offtopic_gap",
    "field_q",
    "field_qa",
)
FIELD_SIZE = 5  # candidates averaged for "how close is the query to this FAQ at all"


def _softmax_top(scores: Sequence[float]) -> float:
    """Share of the best candidate in a softmax over all candidates' rank scores."""
    if not scores:
        return 0.0
    top = max(scores)
    return 1.0 / sum(math.exp(s - top) for s in scores)


def _field(ranked: Sequence[Scored], name: str) -> float:
    values = sorted((s.features[name] for s in ranked), reverse=True)[:FIELD_SIZE]
    return sum(values) / len(values) if values else 0.0


def decision_features(
    query: Query,
    ranked: Sequence[Scored],
    coverage: float,
    nonfaq: float,
    offtopic: float = 0.0,
) -> dict[str, float]:
    """Features of the query and its best match (ranked best first, may be empty)."""
    if not ranked:
        top = {"sim_q": 0.0, "sim_a": 0.0, "sim_qa": 0.0, "lex": 0.0}
        score = margin = 0.0
    else:
        top = ranked[0].features
        score = ranked[0].score
        # A lone entry has no runner-up to beat: count it as a tie (no evidence that it is
        # the distinct answer), so a one-entry FAQ is judged on similarity alone.
        margin = score - ranked[1].score if len(ranked) > 1 else 0.0
    p_top = _softmax_top([s.score for s in ranked]) if len(ranked) > 1 else 0.5
    best_sim = max(top["sim_q"], top["sim_qa"])
    return {
        "score": score,
        "margin": margin,
        "p_top": p_top,
        "sim_q": top["sim_q"],
        "sim_a": top["sim_a"],
        "sim_qa": top["sim_qa"],
        "lex": top["lex"],
        "coverage": coverage,
        "n_terms": math.log1p(len(query.terms)),
        "nonfaq": nonfaq,
        "nonfaq_gap": best_sim - nonfaq,
        "offtopic": offtopic,
        "offtopic_gap": best_sim - offtopic,
        "field_q": _field(ranked, "sim_q"),
        "field_qa": _field(ranked, "sim_qa"),
    }


def adapter_filename(model_id: str) -> str:
    """File (beside answerability.json) holding the query adapter of an embedding model."""
    return "adapter_" + "".join(c if c.isalnum() or c in "-." else "_" for c in model_id) + ".npy"


@dataclass(frozen=True)
class VerifierStage:
    """Second opinion on the top entry (knowledge/crossenc.py): a logistic over the
    pipeline's logit and the verifier's score, fitted by knowledge/train_verifier.py."""

    file: str
    w_pipeline: float
    w_verifier: float
    intercept: float
    threshold: float
    score_min: float  # verifier scores seen in training, widened by 1: they bound ``z``
    score_max: float
    # The verifier's pick among the first ``rerank_depth`` entries (knowledge/rerank.py);
    # depth 1: it only decides. Fitted by knowledge/train_verifier.py.
    rerank_weight: float = 0.0
    rerank_depth: int = 1
    rerank_ceiling: float = 0.0
    # The pick's rank score (the reranker's, knowledge/retrieval.py) as a third input
    # (session 9); 0: the decision reads only the pipeline's logit and the verifier.
    w_rank: float = 0.0
    # The pipeline's probability at or below which the message is declined, and at or
    # above which its top entry is answered, without the verifier (session 20): a fitted
    # trade of a little accuracy for speed (knowledge/train_verifier.py, ``fit_skip``).
    # The defaults never skip.
    skip_below: float = 0.0
    skip_above: float = 1.0
    folder: Path = MODEL_PATH.parent  # where ``file`` is (not stored in the JSON)

    @property
    def rerank(self) -> Rerank:
        return Rerank(self.rerank_weight, self.rerank_depth, self.rerank_ceiling)

    @property
    def path(self) -> Path:
        return self.folder / self.file

    def _z(self, p: float, score: float, rank: float) -> float:
        p = min(max(p, 1e-6), 1 - 1e-6)
        return (self.w_pipeline * math.log(p / (1 - p)) + self.w_verifier * score
                + self.w_rank * rank + self.intercept)

    def settled(self, p: float, ranks: Sequence[float]) -> bool | None:
        """The answer when no verifier score could change it (saves its ~20 ms): clear
        off-topic messages and sure answers; None when the verifier must be asked.
        ``ranks``: the rank scores of the entries the pick may land on (the first
        ``rerank_depth``, best first)."""
        cut = math.log(self.threshold / (1 - self.threshold))
        head = ranks[: self.rerank_depth] or [0.0]
        # z is linear in the score and the rank: its extremes are at the corners.
        corners = [self._z(p, v, r) for v in (self.score_min, self.score_max)
                   for r in (min(head), max(head))]
        if max(corners) < cut:
            return False
        if min(corners) >= cut:
            return True
        return None

    def sure(self, p: float) -> bool | None:
        """The answer when the pipeline alone is sure enough (``skip_below`` /
        ``skip_above``); None when the verifier is read."""
        if p >= self.skip_above:
            return True
        if p <= self.skip_below:
            return False
        return None

    def probability(self, p: float, score: float, rank: float) -> float:
        z = self._z(p, score, rank)
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in dataclasses.asdict(self).items() if k != "folder"}


@dataclass(frozen=True, eq=False)
class AnswerabilityModel:
    """Query adapter and ranking weights, plus a standardised logistic regression and its
    threshold."""

    model_id: str
    rank_weights: Mapping[str, float]
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    adapter: np.ndarray | None = None  # (dim, dim); None: rank with the raw query vector
    verifier: VerifierStage | None = None  # None: the logistic decision alone

    def rank_query(self, query: Query) -> Query:
        """The query as the reranker sees it: its vector through the adapter."""
        if self.adapter is None:
            return query
        return dataclasses.replace(query, vector=adapt(self.adapter, query.vector))

    def probability(self, feats: Mapping[str, float]) -> float:
        z = self.intercept
        for name, m, s, c in zip(self.features, self.mean, self.scale, self.coef, strict=True):
            z += c * (feats[name] - m) / s
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def answerable(self, feats: Mapping[str, float]) -> tuple[bool, float]:
        p = self.probability(feats)
        return p >= self.threshold, p

    def as_dict(self) -> dict[str, object]:
        adapter = {} if self.adapter is None else {"adapter": adapter_filename(self.model_id)}
        verifier = {} if self.verifier is None else {"verifier": self.verifier.as_dict()}
        return {
            **adapter,
            **verifier,
            "rank_weights": dict(self.rank_weights),
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "intercept": self.intercept,
            "threshold": self.threshold,
        }

    @classmethod
    def from_dict(
        cls, model_id: str, d: Mapping[str, object], folder: Path = MODEL_PATH.parent
    ) -> AnswerabilityModel:
        def floats(key: str) -> tuple[float, ...]:
            value = d[key]
            assert isinstance(value, list)
            return tuple(float(x) for x in value)

        weights = d["rank_weights"]
        features = d["features"]
        assert isinstance(weights, dict) and isinstance(features, list)
        return cls(
            model_id=model_id,
            rank_weights={str(k): float(v) for k, v in weights.items()},
            features=tuple(str(f) for f in features),
            mean=floats("mean"),
            scale=floats("scale"),
            coef=floats("coef"),
            intercept=float(str(d["intercept"])),
            threshold=float(str(d["threshold"])),
            adapter=_adapter(folder / str(d["adapter"])) if d.get("adapter") else None,
            verifier=_verifier(d.get("verifier"), folder),
        )


def _verifier(d: object, folder: Path) -> VerifierStage | None:
    """The verifier stage; a missing weights file decides without it, loudly."""
    if not isinstance(d, dict):
        return None
    names = [f.name for f in dataclasses.fields(VerifierStage) if f.name != "folder"]
    # The rerank fields are optional: a stage without them only decides.
    stage = VerifierStage(**{n: d[n] for n in names if n in d}, folder=folder)
    if not stage.path.exists():
        log.error("answer verifier %s missing: deciding without it", stage.path)
        return None
    return stage


def _adapter(path: Path) -> np.ndarray | None:
    """The stored adapter; a missing file (e.g. a packaging slip) ranks with raw vectors
    (~3 points less top-1) rather than breaking the FAQ, and says so loudly."""
    if not path.exists():
        log.error("query adapter %s missing: ranking with raw query vectors", path)
        return None
    return load_adapter(path)


@functools.lru_cache(maxsize=8)
def load_model(model_id: str, path: Path = MODEL_PATH) -> AnswerabilityModel:
    """The fitted model for an embedding model.

    An embedder without its own fit (e.g. OpenAI before anyone trained for it) uses the
    local model's coefficients; similarity scales differ, so this is logged loudly.
    """
    data = json.loads(path.read_text())
    models = data["models"]
    if model_id not in models:
        fallback = data["default"]
        log.warning(
            "no answerability fit for %s; using %s's (run python -m knowledge.train_answerability)",
            model_id,
            fallback,
        )
        # Another model's adapter maps another vector space: rank with raw vectors; the
        # verifier's decision was fitted on that model's probabilities, so it goes too.
        model = AnswerabilityModel.from_dict(model_id, models[fallback], path.parent)
        return dataclasses.replace(model, adapter=None, verifier=None)
    return AnswerabilityModel.from_dict(model_id, models[model_id], path.parent)


def nonfaq_prototypes(path: Path = NONFAQ_PATH) -> list[str]:
    data = yaml.safe_load(path.read_text())
    return [str(p) for p in data["prototypes"]]


_PROTOTYPE_VECTORS: dict[tuple[str, Path], np.ndarray] = {}


def prototype_similarity(embedder: Embedder, query_vector: np.ndarray, path: Path) -> float:
    """Max cosine between the query and a file of prototypes (static data, embedded once)."""
    key = (embedder.model_id, path)
    vectors = _PROTOTYPE_VECTORS.get(key)
    if vectors is None:
        from knowledge.textnorm import normalize

        vectors = embedder.embed([normalize(p) for p in nonfaq_prototypes(path)])
        _PROTOTYPE_VECTORS[key] = vectors
    return float((vectors @ query_vector).max())


def nonfaq_similarity(embedder: Embedder, query_vector: np.ndarray) -> float:
    """Max cosine between the query and the conversation-act prototypes."""
    return prototype_similarity(embedder, query_vector, NONFAQ_PATH)


def offtopic_similarity(embedder: Embedder, query_vector: np.ndarray) -> float:
    """Max cosine between the query and the off-topic personal-assistant prototypes."""
    return prototype_similarity(embedder, query_vector, OFFTOPIC_PATH)


def fit_logistic(
    x: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float = 1.0, iters: int = 50
) -> tuple[np.ndarray, float]:
    """Weighted L2-regularised logistic regression by Newton's method (x standardised)."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    beta = np.zeros(d + 1)
    reg = np.full(d + 1, l2)
    reg[-1] = 0.0  # the intercept is not shrunk
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ beta, -50, 50)))
        grad = xb.T @ (weight * (p - y)) + reg * beta
        hess = (xb * (weight * p * (1 - p))[:, None]).T @ xb + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], float(beta[-1])


def fit_conditional_logit(
    groups: Sequence[tuple[np.ndarray, int]], l2: float = 1.0, iters: int = 50
) -> np.ndarray:
    """Linear ranking weights by Newton's method on a softmax over each query's candidates.

    ``groups``: per query, its candidates' feature rows and the index of the right one.
    Maximises the log-probability of the right candidate (a listwise ranker) with an L2
    penalty; convex, so the fit is reproducible.
    """
    d = groups[0][0].shape[1]
    w = np.zeros(d)
    for _ in range(iters):
        grad = -l2 * w
        hess = l2 * np.eye(d)
        for x, right in groups:
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            mean = p @ x
            grad += x[right] - mean
            hess += (x * p[:, None]).T @ x - np.outer(mean, mean)
        step = np.linalg.solve(hess, grad)
        w += step
        if np.abs(step).max() < 1e-8:
            break
    return w
