"""A BERT encoder (MiniLM) as an ONNX graph built from its weights, run by onnxruntime.

Both the sentence encoder (knowledge/minilm.py) and the answer verifier
(knowledge/crossenc.py) are the plain BERT forward pass: embeddings, post-LN layers with
exact GELU. The graph is written here op by op from the safetensors weights, in memory,
at start-up (~0.5 s), so there is no export step, no torch and no model file beyond the
weights package. Its outputs equal the reference float32 computation (cosine 1.000000 on
sentence vectors; see docs/faq.md); onnxruntime's kernels make a texted query ~3x faster
than numpy, whose per-op overhead dominated such short inputs.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
from collections.abc import Mapping
from typing import Any

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

OPSET = 20  # first opset with an exact (erf) Gelu op


class _Graph:
    """Accumulates nodes and weight initializers; every intermediate gets a fresh name."""

    def __init__(self) -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[onnx.TensorProto] = []
        self._n = 0

    def const(self, name: str, value: np.ndarray) -> str:
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def op(self, kind: str, *inputs: str, **attrs: Any) -> str:
        self._n += 1
        out = f"{kind.lower()}_{self._n}"
        self.nodes.append(helper.make_node(kind, list(inputs), [out], **attrs))
        return out


def int8_columns(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 quantisation of an (in, out) weight, one scale per output column."""
    scale = np.abs(w).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


@functools.lru_cache(maxsize=1)
def signed_weights_exact() -> bool:
    """Whether onnxruntime multiplies uint8 activations by int8 weights exactly on this CPU.

    On x86 CPUs without VNNI (AVX2 only; seen on this project's machines) its uint8 × int8
    kernel adds pairs of products into 16 bits, which saturate: the verifier's scores then
    moved by 0.57 logit on average instead of 0.41, enough to flip decisions. Its
    uint8 × uint8 kernel is exact everywhere, slower where VNNI would apply. Found out by
    running the worst case once (all 255 × 127) rather than read from CPU flags.
    """
    worst = np.full((384, 16), 127, np.int8)
    sess = matmul_integer(worst, np.zeros(16, np.int8))
    # One row takes a different kernel (a vector product) than several.
    return all(np.array_equal(sess.run(None, {"a": a})[0], a.astype(np.int64) @ worst.astype(np.int64))
               for a in (np.full((m, 384), 255, np.uint8) for m in (1, 8)))


def matmul_integer(b: np.ndarray, b_zero: np.ndarray) -> ort.InferenceSession:
    """One MatMulInteger: input ``a``, uint8 (rows, k) with zero point 0, times ``b`` (k, n)."""
    g = _Graph()
    g.nodes.append(helper.make_node(
        "MatMulInteger", ["a", g.const("b", b), g.const("a_zero", np.array(0, np.uint8)),
                          g.const("b_zero", b_zero)], ["y"]))
    graph = helper.make_graph(
        g.nodes, "matmul_integer", [helper.make_tensor_value_info("a", TensorProto.UINT8, ["m", b.shape[0]])],
        [helper.make_tensor_value_info("y", TensorProto.INT32, ["m", b.shape[1]])], g.inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 9
    return session(model.SerializeToString())


def exact_weight_layout(q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 weight columns as MatMulInteger's B and its zero point, exact on this CPU."""
    if signed_weights_exact():
        return q, np.zeros(q.shape[1], np.int8)
    return (q.astype(np.int16) + 128).astype(np.uint8), np.full(q.shape[1], 128, np.uint8)


def build_encoder(
    w: Mapping[str, np.ndarray], layers: int, heads: int, eps: float, *, token_types: bool,
    int8: bool = False,
) -> bytes:
    """Serialized ONNX model: ``hidden`` (b, t, dim) last hidden states.

    Inputs: ``ids`` (b, t) int64, ``positions`` (t,) int64, ``bias`` (b, 1, 1, t) float32
    added to attention scores (0 for real tokens, -1e9 for padding) and, with
    ``token_types``, ``types`` (b, t) int64. Without it, token type 0 is folded into the
    position table (single-segment input). ``w`` uses the Hugging Face BERT names.

    ``int8``: the weight matrices as int8 columns and the activations quantised on the fly
    (DynamicQuantizeLinear → MatMulInteger → rescale, the pattern onnxruntime fuses into
    one int8 kernel): about twice as fast on a CPU with int8 dot products (VNNI). Where
    that kernel is not exact (``signed_weights_exact``) the same integers are stored as
    uint8 with zero point 128, which gives the same products exactly, so the scores (and
    the decisions fitted on them) are the same on every CPU.
    """
    g = _Graph()
    f32 = np.float32
    dim = int(w["embeddings.word_embeddings.weight"].shape[1])
    head_dim = dim // heads

    quantised_inputs: dict[str, tuple[str, str, str]] = {}

    def matmul_int8(x: str, weight: np.ndarray, prefix: str) -> str:
        if x not in quantised_inputs:  # Q, K and V share one quantised input
            quantised_inputs[x] = (f"{x}_q", f"{x}_scale", f"{x}_zero")
            g.nodes.append(helper.make_node("DynamicQuantizeLinear", [x], list(quantised_inputs[x])))
        xq, xs, xz = quantised_inputs[x]
        q, scale = int8_columns(weight)
        wq, wzero = exact_weight_layout(q)
        prod = g.op("MatMulInteger", xq, g.const(prefix + ".wq", wq), xz, g.const(prefix + ".wzero", wzero))
        rescale = g.op("Mul", xs, g.const(prefix + ".wscale", scale))
        return g.op("Mul", g.op("Cast", prod, to=TensorProto.FLOAT), rescale)

    def linear(x: str, prefix: str) -> str:
        weight = np.asarray(w[prefix + ".weight"], f32).T
        product = (matmul_int8(x, weight, prefix) if int8
                   else g.op("MatMul", x, g.const(prefix + ".wT", weight)))
        return g.op("Add", product, g.const(prefix + ".b", np.asarray(w[prefix + ".bias"], f32)))

    def norm(x: str, prefix: str) -> str:
        gamma = g.const(prefix + ".g", np.asarray(w[prefix + ".weight"], f32))
        beta = g.const(prefix + ".beta", np.asarray(w[prefix + ".bias"], f32))
        return g.op("LayerNormalization", x, gamma, beta, axis=-1, epsilon=eps)

    position = np.asarray(w["embeddings.position_embeddings.weight"], f32)
    types = np.asarray(w["embeddings.token_type_embeddings.weight"], f32)
    word = g.const("word", np.asarray(w["embeddings.word_embeddings.weight"], f32))
    x = g.op("Add", g.op("Gather", word, "ids"),
             g.op("Gather", g.const("position", position if token_types else position + types[0]),
                  "positions"))
    if token_types:
        x = g.op("Add", x, g.op("Gather", g.const("token_type", types), "types"))
    x = norm(x, "embeddings.LayerNorm")
    to_heads = g.const("to_heads", np.array([0, 0, heads, head_dim], np.int64))
    from_heads = g.const("from_heads", np.array([0, 0, dim], np.int64))
    scale = g.const("scale", np.array(1.0 / np.sqrt(head_dim), f32))
    for i in range(layers):
        p = f"encoder.layer.{i}."

        def split(name: str, perm: list[int], x: str = x, p: str = p) -> str:
            return g.op("Transpose", g.op("Reshape", linear(x, f"{p}attention.self.{name}"), to_heads),
                        perm=perm)

        q = split("query", [0, 2, 1, 3])
        k = split("key", [0, 2, 3, 1])  # already transposed for q @ k
        v = split("value", [0, 2, 1, 3])
        scores = g.op("Add", g.op("Mul", g.op("MatMul", q, k), scale), "bias")
        ctx = g.op("MatMul", g.op("Softmax", scores, axis=-1), v)
        ctx = g.op("Reshape", g.op("Transpose", ctx, perm=[0, 2, 1, 3]), from_heads)
        x = norm(g.op("Add", linear(ctx, p + "attention.output.dense"), x),
                 p + "attention.output.LayerNorm")
        hidden = g.op("Gelu", linear(x, p + "intermediate.dense"))
        x = norm(g.op("Add", linear(hidden, p + "output.dense"), x), p + "output.LayerNorm")
    g.nodes.append(helper.make_node("Identity", [x], ["hidden"]))
    inputs = [
        helper.make_tensor_value_info("ids", TensorProto.INT64, ["b", "t"]),
        helper.make_tensor_value_info("positions", TensorProto.INT64, ["t"]),
        helper.make_tensor_value_info("bias", TensorProto.FLOAT, ["b", 1, 1, "t"]),
    ]
    if token_types:
        inputs.append(helper.make_tensor_value_info("types", TensorProto.INT64, ["b", "t"]))
    graph = helper.make_graph(
        g.nodes, "bert_encoder", inputs,
        [helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["b", "t", dim])], g.inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 9  # readable by every onnxruntime >= 1.16
    return bytes(model.SerializeToString())


def session(model: bytes) -> ort.InferenceSession:
    """One thread, no spinning: on 2 shared cores a spinning pool turns milliseconds into
    stalls for the event loop and for PostgreSQL (the issue measured 7 ms p95 → seconds)."""
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.log_severity_level = 3  # warnings about unused initializers etc. are noise here
    # onnxruntime's fused residual-add + LayerNorm kernel (1.32) is slower here than the
    # two ops it replaces: the verifier's pass took 16.8 ms fused, 14.6 ms unfused
    # (session 13, docs/faq.md); sentence vectors are the same (cosine 0.9999999).
    return ort.InferenceSession(model, opts, providers=["CPUExecutionProvider"],
                                disabled_optimizers=["SkipLayerNormFusion"])


def release_build_memory() -> None:
    """Hand the heap freed after building a session back to the OS.

    Building copies the weights several times (numpy → protobuf → bytes → onnxruntime);
    glibc keeps those freed pages, about 95 MiB of resident memory for the encoder and
    the verifier together. Elsewhere (musl, macOS) this does nothing.
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def run(
    sess: ort.InferenceSession, ids: np.ndarray, mask: np.ndarray | None,
    types: np.ndarray | None = None,
) -> np.ndarray:
    """Last hidden states (b, t, dim) of a padded (b, t) batch; ``mask`` None: no padding."""
    b, t = ids.shape
    bias = np.zeros((b, 1, 1, t), np.float32)
    if mask is not None:
        bias[:, 0, 0, :] = (1.0 - mask.astype(np.float32)) * np.float32(-1e9)
    feed = {"ids": ids.astype(np.int64, copy=False),
            "positions": np.arange(t, dtype=np.int64), "bias": bias}
    if types is not None:
        feed["types"] = types.astype(np.int64, copy=False)
    out: np.ndarray = sess.run(["hidden"], feed)[0]
    return out
