"""The answer verifier: a small cross-encoder that reads the query and the top entry together.

The bi-encoder pipeline (embeddings, reranker, answerability) compares two vectors made
separately, so it cannot tell "the entry is about the same topic" from "the entry answers
this": near misses ("can we bring our own cake?" against the dessert entry) get high
scores. A cross-encoder attends across the two texts. This one is the first
``layers`` layers of all-MiniLM-L6-v2, fine-tuned (``knowledge/train_verifier.py``, torch,
offline) on texted questions of businesses other than the evaluation ones, with a
listwise loss over each question's shortlisted entries plus a "none of these" slot.
It scores one (query, entry) pair per search, the reranker's best: ``score`` is its
logit minus the "none" logit (> 0: more likely the answer than nothing).

Shipped as differences from the base model (int8 per row; float32 for the small
tensors) in ``verifier_<model>.npz``; the word embeddings are the base model's.
Run by onnxruntime through the same graph as the sentence encoder (knowledge/bert_onnx.py),
with int8 weights.
"""

from __future__ import annotations

import functools
import json
import threading
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

from knowledge.bert_onnx import build_encoder, release_build_memory, run, session
from knowledge.minilm import default_model_dir


def verifier_filename(model_id: str) -> str:
    return f"verifier_{model_id}.npz"


def pack_delta(tuned: np.ndarray, base: np.ndarray) -> dict[str, np.ndarray]:
    """A fine-tuned matrix as int8 rows of its difference from the base, with row scales."""
    delta = np.asarray(tuned, np.float32) - np.asarray(base, np.float32)
    flat = delta.reshape(delta.shape[0], -1)
    scale = np.abs(flat).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.round(flat / scale[:, None]).astype(np.int8).reshape(delta.shape)
    return {"q": q, "scale": scale.astype(np.float32)}


def unpack_delta(q: np.ndarray, scale: np.ndarray, base: np.ndarray) -> np.ndarray:
    flat = q.reshape(q.shape[0], -1).astype(np.float32) * scale[:, None]
    return (np.asarray(base, np.float32) + flat.reshape(q.shape)).astype(np.float32)


class CrossEncoder:
    """``score(query, passage)``: verifier logit minus its "none" logit."""

    def __init__(self, path: Path, model_dir: Path | None = None, *, int8: bool = True) -> None:
        model_dir = model_dir or default_model_dir()
        config = json.loads((model_dir / "config.json").read_text())
        heads = int(config["num_attention_heads"])
        eps = float(config["layer_norm_eps"])
        base = load_file(str(model_dir / "model.safetensors"))
        packed = np.load(path)
        meta = json.loads(bytes(packed["meta"]).decode())
        w: dict[str, np.ndarray] = dict(base)
        for name in meta["delta"]:
            w[name] = unpack_delta(packed[name + ".q"], packed[name + ".scale"], base[name])
        for name in meta["plain"]:
            w[name] = np.asarray(packed[name], np.float32)
        graph = build_encoder(w, int(meta["layers"]), heads, eps, token_types=True, int8=int8)
        # int8 weights halve the verifier's time; its scores move by 0.18 logit on
        # average, and right-or-declined on the blind FAQs by -0.1 points (docs/faq.md).
        self._session = session(graph)
        self.head_w = w["head.weight"].reshape(-1)
        self.head_b = float(w["head.bias"].reshape(-1)[0])
        self.none = float(w["none"].reshape(-1)[0])
        del w, base, graph
        release_build_memory()
        self.logit_scale = float(meta["logit_scale"])
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()
        # Longest first: the same as cutting the entry's text while it is the longer one
        # (always so in training), and a long message is cut too instead of failing.
        self.tokenizer.enable_truncation(max_length=int(meta["max_tokens"]), strategy="longest_first")
        self._lock = threading.Lock()

    def score(self, query: str, passage: str) -> float:
        """How much more the passage looks like the answer than "none of these"."""
        with self._lock:
            enc = self.tokenizer.encode(query, passage)
        ids = np.asarray([enc.ids], dtype=np.int64)
        types = np.asarray([enc.type_ids], dtype=np.int64)
        x = run(self._session, ids, None, types)[0]
        pooled = x.mean(axis=0)
        logit = (float(pooled @ self.head_w) + self.head_b) * self.logit_scale
        return logit - self.none


@functools.lru_cache(maxsize=4)
def load_verifier(path: Path) -> CrossEncoder | None:
    """The verifier's weights, loaded once per process (None when the file is missing)."""
    return CrossEncoder(path) if path.exists() else None
