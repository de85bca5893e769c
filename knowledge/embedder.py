"""Embedders behind one small interface: local MiniLM (default, offline) or OpenAI.

Rows are always L2-normalised float32, so cosine similarity is a dot product and
pgvector's ``<=>`` (cosine distance) is ``1 - dot``.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

LOCAL_MODEL_ID = "all-MiniLM-L6-v2-int8"
FLOAT_MODEL_ID = "all-MiniLM-L6-v2"
OPENAI_MODEL = "text-embedding-3-small"

log = logging.getLogger(__name__)


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-length vectors. ``model_id`` keys stored vectors in the DB."""

    model_id: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, each row L2-normalised."""
        ...


def _normalise(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.maximum(norms, 1e-12)


class LocalEmbedder:
    """all-MiniLM-L6-v2 in onnxruntime (see knowledge/minilm.py). 384 dimensions.

    int8 by default: a texted query in ~3 ms instead of ~7.5 on a CPU whose float weights
    do not stay in cache (docs/faq.md, session 18). Its vectors differ from the float
    model's (cosine 0.98-0.999), so it is its own model id: stored vectors, the fitted
    ranker and the decision are per model.
    """

    model_id = LOCAL_MODEL_ID

    def __init__(self, model_dir: Path | None = None, *, int8: bool = True) -> None:
        from knowledge.minilm import MiniLM

        self._model = MiniLM(model_dir, int8=int8)
        self.model_id = LOCAL_MODEL_ID if int8 else FLOAT_MODEL_ID
        self.dim = self._model.dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._model.encode(texts)


class OpenAIEmbedder:
    """OpenAI ``text-embedding-3-small`` through the official SDK (1536 dimensions).

    Synchronous client: callers on the event loop go through :func:`embed_async`, which
    runs it in a worker thread.
    """

    def __init__(
        self,
        api_key: str,
        base_url: str | None = None,
        model: str = OPENAI_MODEL,
        dim: int = 1536,
        timeout: float = 10.0,
    ) -> None:
        from openai import OpenAI

        self._client = OpenAI(api_key=api_key, base_url=base_url, timeout=timeout)
        self._model = model
        self.model_id = f"openai:{model}"
        self.dim = dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        rows: list[list[float]] = []
        for start in range(0, len(texts), 512):  # the API caps inputs per request
            resp = self._client.embeddings.create(
                model=self._model, input=list(texts[start : start + 512])
            )
            rows.extend(item.embedding for item in sorted(resp.data, key=lambda d: d.index))
        return _normalise(np.array(rows, dtype=np.float32))


class CachedEmbedder:
    """LRU cache of single texts in front of another embedder (for repeated queries).

    Only vectors are cached, never FAQ entries, so edits are seen immediately.
    """

    def __init__(self, inner: Embedder, maxsize: int = 4096) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self._maxsize = maxsize
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        missing: list[int] = []
        with self._lock:
            for i, text in enumerate(texts):
                hit = self._cache.get(text)
                if hit is None:
                    missing.append(i)
                else:
                    self._cache.move_to_end(text)
                    out[i] = hit
        if missing:
            fresh = self.inner.embed([texts[i] for i in missing])
            with self._lock:
                for row, i in enumerate(missing):
                    out[i] = fresh[row]
                    self._cache[texts[i]] = fresh[row]
                while len(self._cache) > self._maxsize:
                    self._cache.popitem(last=False)
        return out


async def embed_async(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Embed off the event loop (network for OpenAI, CPU for the local model)."""
    return await asyncio.to_thread(embedder.embed, list(texts))


def embed_soon(embedder: Embedder, texts: Sequence[str]) -> asyncio.Future[np.ndarray]:
    """Like :func:`embed_async`, but handed to a worker thread before this returns, so
    the caller can do other work (its own awaits included) while it runs."""
    return asyncio.get_running_loop().run_in_executor(None, embedder.embed, list(texts))


@functools.lru_cache(maxsize=4)
def get_embedder(
    kind: str = "local",
    openai_api_key: str | None = None,
    openai_base_url: str | None = None,
) -> Embedder:
    """The process-wide embedder for a configuration (``EMBEDDINGS`` = local|openai).

    Cached so the model is loaded once per process, never per request.
    ``openai`` without a key falls back to the local model with one warning: a missing
    credential disables that provider, it never stops the server from starting.
    """
    if kind == "local":
        return CachedEmbedder(LocalEmbedder())
    if kind == "openai":
        if not openai_api_key or not openai_api_key.strip():
            log.warning(
                "EMBEDDINGS=openai but OPENAI_API_KEY is not set: FAQ search uses the local "
                "embedder (%s) instead", LOCAL_MODEL_ID,
            )
            return get_embedder("local")
        return CachedEmbedder(OpenAIEmbedder(openai_api_key, openai_base_url))
    raise ValueError(f"unknown EMBEDDINGS={kind!r} (expected 'local' or 'openai')")
