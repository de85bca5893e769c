"""Fit the answer verifier (knowledge/crossenc.py): ``python -m knowledge.train_verifier``.

Needs CPU torch, which the product does not (``pip install torch==2.13.0`` into the venv
for the run; about 80 minutes on 2 cores for 6 layers, the data collection and the
validation scoring included; ``--save-validation FILE`` keeps the scored validation items
for decision experiments). Writes ``knowledge/verifier_<model>.npz`` and the
``verifier`` section of ``knowledge/answerability.json``.

Data: the texted questions of TRAIN_SETS train the weights (the tuning FAQ, the
adapter's crepe cart, 8 of the 14 helper-written businesses of knowledge/eval/unseen and
48 of the 62 written only for this, knowledge/data/verifier). VALIDATION_SETS (the other
14 of those 62) fit the pick and the decision. The held-out FAQs and the other 6 unseen
businesses (TEST_SETS) are never read here. Each question's shortlist is the shipped pipeline's top
``K`` entries; entries are read normalised, glossary glosses included, as
knowledge.pipeline hands them to the verifier.

1. Cross-encoder: the first ``--layers`` layers of all-MiniLM-L6-v2 read
   "query [SEP] entry question + answer"; a linear head on the mean token state gives a
   logit per entry, and a learned "none of these" logit completes a softmax over the
   shortlist (target: the right entry, or "none" for out-of-scope questions and CLINC
   train-half queries). Word embeddings stay frozen, so the file holds only differences.
2. Pick and decision (session 7): the answer is the verifier's pick among the top ``K``
   (knowledge/rerank.py), its weight and ceiling chosen for top-1 on VALIDATION_SETS
   among those that read only the top entry on most questions (``fit_rerank``); then
   a logistic regression over ``[logit(p_pipeline), verifier score of the pick]`` on
   VALIDATION_SETS, businesses the weights never read, scored by the written int8
   verifier exactly as the product runs it; label "the pick is right". The
   threshold maximises right-or-declined on those rows while each of those FAQs answers
   at most ``CLINC_MAX_ANSWERED`` of the CLINC train half. Since session 8 the CLINC rows
   also enter the logistic, as label 0 with half its total weight: fitted on half the
   validation businesses and scored on the other half, that gave +1.5 points
   right-or-declined at the same CLINC cap (docs/faq.md, session 8). The pick's rank score
   as a third input (``--rank-input``, ``w_rank``) gave +0.5 points on the same
   half/half cross-check, with session 8's weights and with session 9's, but with its
   lower threshold the demo FAQ answered "is it going to snow on thursday" with its rain
   entry, so it is not shipped (docs/faq.md, session 9).
   ``--decision-only`` runs this step alone for the shipped weights (no torch, about 17
   minutes: it scores the top 5 entries of every validation question).

Until session 6 the decision was fitted on out-of-fold scores (two verifiers trained on
half the businesses each). Those verifiers are less sure of themselves than one trained
on all of them (mean score of a right top entry 2.35 against 3.39), so the decision
declined too much with the real one (docs/faq.md, session 6).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import math
import pickle
import random
import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

from knowledge.answerability import (
    MODEL_PATH,
    AnswerabilityModel,
    VerifierStage,
    fit_logistic,
    load_model,
)
from knowledge.crossenc import load_verifier, pack_delta, verifier_filename
from knowledge.embedder import FLOAT_MODEL_ID, LocalEmbedder
from knowledge.evaluate import CLINC_PATH, clinc_split, clinc_train_parts, load_questions
from knowledge.io import load_faq_file
from knowledge.memory import InMemoryFaq
from knowledge.minilm import default_model_dir
from knowledge.rerank import Rerank, answer_first, pick
from knowledge.retrieval import verifier_passage, verifier_text
from knowledge.textnorm import query_text
from knowledge.train_answerability import capped_threshold

HERE = Path(__file__).parent
UNSEEN = HERE / "eval" / "unseen"
# Businesses written only for the verifier (knowledge/data/verifier/; 8 in session 5, 6
# in session 7, 24 in session 8): some train its weights, the others fit its pick and
# decision.
VERIFIER_TRAIN = [
    "privatechef", "paella", "burgertruck", "pasta", "oysterbar", "hotpot", "jerk", "ramen",
    "pizzaoven", "tacocart", "bbqsmoker", "clambake", "mezze", "banhmi", "soulfood", "luau",
    "empanadas", "pancakes", "concessions", "sommelier", "thaicurry", "tamales", "bagels",
    "churros", "bobatea", "smores", "pierogi", "oktoberfest",
    "soupbar", "poutine", "lobsterroll", "pho", "chocfountain", "popcorn", "peruvian",
    "fishchips", "hotchicken", "hightea", "smoothies", "hotdogs", "grilledcheese", "cannoli",
    "maccheese", "cuban", "lemonade", "chili", "farmdinner", "arepas",
    "djservice", "mobilebar", "balloondecor", "cakebakery", "facepaint", "icecreamtruck", "crepes",
    "cookingclass", "koreanbbq", "falafel", "shavedice", "mariachi", "wafflecart", "eventstaff", "pretzels",
]
VALIDATION_SETS = [
    "pigroast", "grazing", "brunch", "indian", "donuts", "fondue", "dimsum", "coffeecart",
    "lumpia", "poke", "ethiopian", "picnic", "cheesesteak", "cocoa", "kebab", "cupcakes", "photobooth",
]
VERIFIER_ONLY = [*VERIFIER_TRAIN, *VALIDATION_SETS]
TRAIN_SETS = [
    "tuning", "crepes", "bartend", "boxlunch", "cakes", "churrasco", "cookclass",
    "icecream", "kbbq", "kidsparty", *VERIFIER_TRAIN,
]
TEST_SETS = ["mealprep", "plantbased", "rentals", "seafoodboil", "sushi", "teppan"]
K = 5
MAX_TOKENS = 64
NO_SHORTLIST = -20.0  # the score of a question with no entry to verify
LOGIT_SCALE = 5.0
# Rank-score weights tried for the verifier's pick; 1000 is the reranker's order.
RERANK_WEIGHTS = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 1000.0)
# Reading stops once an entry would need a verifier score above the ceiling to win. Each
# pass costs about 6 ms, and the median search must stay under 20 ms (issue 4): so the
# pick must read only the top entry on most searches, which the median then costs what a
# search cost before the pick (docs/faq.md, session 7).
RERANK_CEILINGS = (3.0, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0)
ONE_PASS_SHARE = 0.55
# The pipeline's probability bounds tried for deciding without the verifier (session 20):
# the pair that saves the most passes on the validation questions while their
# right-or-declined falls by at most SKIP_BUDGET and CLINC answered does not rise.
SKIP_BELOW = (0.0, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01)
SKIP_ABOVE = (1.0, 0.9999, 0.9995, 0.999, 0.998, 0.997, 0.995, 0.99)
SKIP_BUDGET = 0.0025
CLINC_TRAIN_QUERIES = 400  # CLINC negatives seen by the cross-encoder (tuning FAQ only)
L2 = 1.0


def set_paths(name: str) -> tuple[Path, Path]:
    """(faq, questions) files of one evaluation business."""
    if name == "crepes":
        d = HERE / "data" / "adapter"
    elif name in VERIFIER_ONLY:
        d = HERE / "data" / "verifier"
    elif (UNSEEN / f"{name}_faq.yaml").exists():
        d = UNSEEN
    else:
        d = HERE / "eval"
    return d / f"{name}_faq.yaml", d / f"{name}_questions.yaml"


@dataclass
class Item:
    """One query with the pipeline's shortlist (entry texts) and its probability."""

    business: str
    query: str
    expected: str | None
    keys: list[str]
    passages: dict[str, str]
    p: float
    clinc: bool = False
    scores: list[float] = dataclasses.field(default_factory=list)  # rank scores of ``keys``


def pipeline_model(model_id: str = LocalEmbedder.model_id) -> AnswerabilityModel:
    """The shipped model without its verifier stage: its probability is the one the
    verifier's decision receives as ``p_pipeline``. (With the stage, a search reports the
    probability after the current verifier, and a refit would learn from that instead.)"""
    return dataclasses.replace(load_model(model_id), verifier=None)


def collect(
    names: list[str], clinc_train: list[str], clinc_for: Collection[str] = ("tuning",),
    clinc_sample: int = 0,
) -> list[Item]:
    """Run the shipped pipeline (before any verifier) over every question of the named
    businesses, and over ``clinc_train`` against the FAQs named in ``clinc_for``; with
    ``clinc_sample`` also that many of ``clinc_train`` (a seeded sample per business)
    against every other named FAQ."""
    embedder = LocalEmbedder()
    model = pipeline_model(embedder.model_id)
    items: list[Item] = []
    for name in names:
        faq_path, q_path = set_paths(name)
        records = load_faq_file(faq_path)
        faq = InMemoryFaq(records, embedder)
        texts = {
            (r.id or str(i)): verifier_passage(verifier_text(r.question, r.answer))
            for i, r in enumerate(records)
        }
        queries = [(q.text, q.expected, False) for q in load_questions(q_path)]
        if name in clinc_for:
            queries += [(t, None, True) for t in clinc_train]
        elif clinc_sample:
            sample = random.Random(name).sample(clinc_train, min(clinc_sample, len(clinc_train)))
            queries += [(t, None, True) for t in sample]
        for text, expected, is_clinc in queries:
            d = faq.search(text, model)
            top = d.ranked[:K]
            items.append(Item(name, query_text(text) or text, expected, [s.key for s in top],
                              texts, d.probability, is_clinc, [s.score for s in top]))
        print(f"  {name}: {len(queries)} queries", flush=True)
    return items


# -- the cross-encoder in torch (training only) ------------------------------------------


def _torch_model(layers: int) -> Any:
    import torch
    from torch import nn
    from torch.nn import functional as F

    w = load_file(str(default_model_dir() / "model.safetensors"))

    def t(name: str) -> Any:
        return torch.tensor(w[name])

    def linear(prefix: str) -> Any:
        m = nn.Linear(*reversed(w[prefix + ".weight"].shape))
        m.weight.data, m.bias.data = t(prefix + ".weight"), t(prefix + ".bias")
        return m

    def norm(prefix: str) -> Any:
        m = nn.LayerNorm(w[prefix + ".weight"].shape[0], eps=1e-12)
        m.weight.data, m.bias.data = t(prefix + ".weight"), t(prefix + ".bias")
        return m

    class Verifier(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word = nn.Parameter(t("embeddings.word_embeddings.weight"), requires_grad=False)
            self.pos = nn.Parameter(t("embeddings.position_embeddings.weight"))
            self.typ = nn.Parameter(t("embeddings.token_type_embeddings.weight"))
            self.eln = norm("embeddings.LayerNorm")
            self.blocks = nn.ModuleList()
            for i in range(layers):
                p = f"encoder.layer.{i}."
                b = nn.Module()
                b.q, b.k, b.v = (linear(p + f"attention.self.{x}") for x in ("query", "key", "value"))
                b.o = linear(p + "attention.output.dense")
                b.ln1 = norm(p + "attention.output.LayerNorm")
                b.i = linear(p + "intermediate.dense")
                b.f = linear(p + "output.dense")
                b.ln2 = norm(p + "output.LayerNorm")
                self.blocks.append(b)
            self.head = nn.Linear(384, 1)
            nn.init.zeros_(self.head.weight)
            nn.init.zeros_(self.head.bias)
            self.none = nn.Parameter(torch.tensor(0.0))

        def forward(self, ids: Any, typ: Any, mask: Any) -> Any:
            b, n = ids.shape
            x = self.eln(self.word[ids] + self.pos[:n] + self.typ[typ])
            bias = (1.0 - mask[:, None, None, :].float()) * -1e9
            blocks: list[Any] = list(self.blocks)
            for blk in blocks:
                def heads(m: Any, x: Any = x) -> Any:
                    return m(x).view(b, n, 12, 32).transpose(1, 2)
                a = F.scaled_dot_product_attention(heads(blk.q), heads(blk.k), heads(blk.v), attn_mask=bias)
                x = blk.ln1(blk.o(a.transpose(1, 2).reshape(b, n, 384)) + x)
                x = blk.ln2(blk.f(F.gelu(blk.i(x))) + x)
            m = mask[:, :, None].float()
            return self.head((x * m).sum(1) / m.sum(1)).squeeze(-1) * LOGIT_SCALE

    return Verifier()


def _tokenizer() -> Tokenizer:
    tok = Tokenizer.from_file(str(default_model_dir() / "tokenizer.json"))
    tok.enable_truncation(max_length=MAX_TOKENS, strategy="longest_first")
    tok.no_padding()
    return tok


def _batch(tok: Tokenizer, pairs: list[tuple[str, str]]) -> tuple[Any, Any, Any]:
    import torch

    enc = tok.encode_batch(pairs)
    n = max(len(e.ids) for e in enc)
    ids = torch.zeros(len(enc), n, dtype=torch.long)
    typ, mask = torch.zeros_like(ids), torch.zeros_like(ids)
    for i, e in enumerate(enc):
        ids[i, : len(e.ids)] = torch.tensor(e.ids)
        typ[i, : len(e.ids)] = torch.tensor(e.type_ids)
        mask[i, : len(e.ids)] = 1
    return ids, typ, mask


def train_verifier(items: list[Item], layers: int, epochs: float, seed: int = 0) -> Any:
    """Listwise training over each query's shortlist plus the "none" slot."""
    import torch
    from torch.nn import functional as F

    torch.manual_seed(seed)
    rng = random.Random(seed)
    torch.set_num_threads(2)
    clinc = [i for i in items if i.clinc and i.business == "tuning"]
    rng.shuffle(clinc)
    sampled = [i for i in items if i.clinc and i.business != "tuning"]  # --clinc-per-business
    data = [i for i in items if not i.clinc] + clinc[:CLINC_TRAIN_QUERIES] + sampled
    model, tok = _torch_model(layers), _tokenizer()
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=5e-5, weight_decay=0.01)
    steps = int(math.ceil(len(data) / 4) * epochs)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, s / 50) * max(0.0, 1 - s / steps))
    step, t0 = 0, time.time()
    while step < steps:
        rng.shuffle(data)
        for start in range(0, len(data), 4):
            if step >= steps:
                break
            group = data[start : start + 4]
            pairs, targets = [], []
            for it in group:
                keys = it.keys[:K]
                if it.expected is not None and it.expected not in keys:
                    keys = [*keys[: K - 1], it.expected]
                keys = (keys + keys[:1] * K)[:K]  # a shortlist shorter than K repeats its top
                targets.append(keys.index(it.expected) if it.expected in keys else K)
                pairs += [(it.query, it.passages[k]) for k in keys]
            logits = model(*_batch(tok, pairs)).view(len(group), K)
            logits = torch.cat([logits, model.none.expand(len(group), 1)], 1)
            loss = F.cross_entropy(logits, torch.tensor(targets))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            if step % 100 == 0:
                print(f"    step {step}/{steps} loss {loss.item():.3f} {time.time() - t0:.0f}s", flush=True)
    model.eval()
    return model


def export(model: Any, path: Path, layers: int) -> None:
    """Differences from the base weights: int8 rows for matrices, float32 for the rest."""
    base = load_file(str(default_model_dir() / "model.safetensors"))
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    names = {"pos": "embeddings.position_embeddings.weight",
             "typ": "embeddings.token_type_embeddings.weight",
             "eln.weight": "embeddings.LayerNorm.weight", "eln.bias": "embeddings.LayerNorm.bias",
             "head.weight": "head.weight", "head.bias": "head.bias", "none": "none"}
    parts = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "o": "attention.output.dense", "ln1": "attention.output.LayerNorm",
             "i": "intermediate.dense", "f": "output.dense", "ln2": "output.LayerNorm"}
    for i in range(layers):
        for short, long in parts.items():
            for kind in ("weight", "bias"):
                names[f"blocks.{i}.{short}.{kind}"] = f"encoder.layer.{i}.{long}.{kind}"
    arrays: dict[str, np.ndarray] = {}
    meta: dict[str, Any] = {"layers": layers, "max_tokens": MAX_TOKENS,
                            "logit_scale": LOGIT_SCALE, "delta": [], "plain": []}
    for short, long in names.items():
        value = np.asarray(sd[short], np.float32).reshape(-1) if short == "none" else sd[short]
        if value.ndim == 2 and long in base:
            packed = pack_delta(value, base[long])
            arrays[long + ".q"], arrays[long + ".scale"] = packed["q"], packed["scale"]
            meta["delta"].append(long)
        else:
            arrays[long] = np.asarray(value, np.float32)
            meta["plain"].append(long)
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]


def shortlist_scores(items: list[Item], path: Path) -> np.ndarray:
    """The written verifier's score of each item's shortlisted entries (rows: items,
    columns: rank; NaN past a short list), as the product computes them (int8,
    onnxruntime): no torch needed."""
    verifier = load_verifier(path)
    if verifier is None:
        raise SystemExit(f"no verifier weights at {path}")
    out = np.full((len(items), K), np.nan)
    for n, it in enumerate(items):
        for i, key in enumerate(it.keys[:K]):
            out[n, i] = verifier.score(it.query, it.passages[key])
    return out


def picks(items: list[Item], scores: np.ndarray, rr: Rerank) -> tuple[list[Item], np.ndarray]:
    """Each item with the verifier's pick (knowledge/rerank.py, as at search time) moved to
    the front of its shortlist, and the pick's score (``NO_SHORTLIST`` with no entry)."""
    out, picked = [], []
    for n, it in enumerate(items):
        if not it.keys:
            out.append(it)
            picked.append(NO_SHORTLIST)
            continue
        best, read = pick(it.scores, functools.partial(_cell, scores[n]), rr)
        out.append(dataclasses.replace(it, keys=answer_first(it.keys, best),
                                       scores=answer_first(it.scores, best)))
        picked.append(read[best])
    return out, np.array(picked)


def _cell(row: np.ndarray, i: int) -> float:
    return float(row[i])


def fit_rerank(items: list[Item], scores: np.ndarray) -> Rerank:
    """The weight and ceiling that put the right entry first most often on these items,
    among those that read only the top entry on at least ``ONE_PASS_SHARE`` of them
    (ties: the larger weight, then the lower ceiling: nearer the reranker's own order,
    and faster)."""
    questions = [n for n, it in enumerate(items) if not it.clinc]
    answerable = sum(items[n].expected is not None for n in questions)
    highest = math.ceil(float(np.nanmax(scores)) * 10) / 10
    best: tuple[float, float, float] = (-1.0, 0.0, 0.0)
    for weight in RERANK_WEIGHTS:
        for ceiling in (*RERANK_CEILINGS, highest):
            rr = Rerank(weight, K, ceiling)
            right = one_pass = 0
            for n in questions:
                it = items[n]
                if not it.keys:  # nothing to read: no pass, no right entry
                    one_pass += 1
                    continue
                first, read = pick(it.scores, functools.partial(_cell, scores[n]), rr)
                right += it.keys[first] == it.expected
                one_pass += len(read) == 1
            top1, one = right / answerable, one_pass / len(questions)
            print(f"  rerank weight {weight}, ceiling {ceiling}: top-1 {top1:.4f}, "
                  f"one pass {one:.3f}", flush=True)
            if one >= ONE_PASS_SHARE and (top1 > best[0] or (top1 == best[0] and weight > best[1])):
                best = (top1, weight, ceiling)
    return Rerank(best[1], K, best[2])


def pick_ranks(items: list[Item]) -> np.ndarray:
    """The rank score of each item's pick (its shortlist's first after ``picks``; 0 with
    no shortlist, as the search reports it)."""
    return np.array([it.scores[0] if it.scores else 0.0 for it in items])


def fit_decision(
    items: list[Item], scores: np.ndarray, *, clinc_share: float = 0.5, rank: bool = False
) -> dict[str, float]:
    """Logistic over [logit(p), verifier score] (and with ``rank`` the pick's rank score)
    and the best threshold under the CLINC cap, which each business's CLINC rows must
    meet on its own. The CLINC rows (label 0) carry ``clinc_share`` of the fit's total
    weight, so they teach the logistic what an off-topic message scores without
    outnumbering the questions. ``items`` come from ``picks``: the pick first."""
    p = np.clip(np.array([it.p for it in items]), 1e-6, 1 - 1e-6)
    x = np.c_[np.log(p / (1 - p)), scores]
    if rank:
        x = np.c_[x, pick_ranks(items)]
    y = np.array([1.0 if it.expected is not None and it.keys and it.keys[0] == it.expected else 0.0
                  for it in items])
    is_clinc = np.array([it.clinc for it in items])
    n_clinc, n_questions = int(is_clinc.sum()), int((~is_clinc).sum())
    clinc_w = clinc_share / (1 - clinc_share) * n_questions / n_clinc if n_clinc else 0.0
    weights = np.where(is_clinc, clinc_w, 1.0)
    coef, intercept = fit_logistic(x, y, weights, l2=L2)
    prob = 1 / (1 + np.exp(-(x @ coef + intercept)))
    oos = np.array([it.expected is None for it in items])
    business = np.array([it.business for it in items])
    caps = [prob[is_clinc & (business == b)] for b in sorted(set(business[is_clinc]))]
    best_t, best = capped_threshold(prob[~is_clinc], (y == 1)[~is_clinc], oos[~is_clinc], caps)
    seen = scores[np.array([bool(it.keys) for it in items])]  # real scores bound ``z``
    print(f"  decision: coef {coef}, intercept {intercept:.3f}, threshold {best_t:.2f}, "
          f"right-or-declined on these rows {best:.3f}", flush=True)
    return {"w_pipeline": round(float(coef[0]), 6), "w_verifier": round(float(coef[1]), 6),
            "intercept": round(float(intercept), 6), "threshold": round(best_t, 3),
            "score_min": round(float(seen.min()) - 1.0, 3),
            "score_max": round(float(seen.max()) + 1.0, 3),
            **({"w_rank": round(float(coef[2]), 6)} if rank else {})}


def fit_skip(items: list[Item], scores: np.ndarray, rr: Rerank, decision: dict[str, float]) -> dict[str, float]:
    """``skip_below`` / ``skip_above`` (see ``SKIP_BUDGET``). ``items`` as collected (the
    pipeline's order), ``scores`` their verifier scores, ``decision`` from
    ``fit_decision``."""
    stage = VerifierStage(
        "", decision["w_pipeline"], decision["w_verifier"], decision["intercept"],
        decision["threshold"], decision["score_min"], decision["score_max"],
        w_rank=decision.get("w_rank", 0.0),
    )
    rows = []  # (p, is CLINC, passes, right verified, right if answered, right if declined)
    for n, it in enumerate(items):
        if not it.keys:
            continue  # declined without a pass either way
        first, read = pick(it.scores, functools.partial(_cell, scores[n]), rr)
        answered = stage.probability(it.p, read[first], it.scores[first]) >= stage.threshold
        if it.clinc:  # "right" for a CLINC row: answered (what the cap counts)
            rows.append((it.p, True, 0, answered, True, False))
        else:
            right = it.keys[first] == it.expected if answered else it.expected is None
            rows.append((it.p, False, len(read), right, it.keys[0] == it.expected, it.expected is None))
    p, clinc, passes, verified, if_answered, if_declined = (np.array(c) for c in zip(*rows, strict=True))
    questions = sum(not it.clinc for it in items)

    def outcome(below: float, above: float) -> np.ndarray:
        return np.where(p >= above, if_answered, np.where(p <= below, if_declined, verified))

    base = outcome(0.0, 1.1)
    best = (0.0, 0.0, 0.0, 1.0)  # (share of passes saved, -loss, below, above)
    for below in SKIP_BELOW:
        for above in SKIP_ABOVE:
            got = outcome(below, above)
            loss = (base[~clinc].sum() - got[~clinc].sum()) / questions
            saved = passes[(p >= above) | (p <= below)].sum() / passes.sum()
            if loss <= SKIP_BUDGET + 1e-9 and got[clinc].sum() <= base[clinc].sum() and (saved, -loss) > best[:2]:
                best = (float(saved), float(-loss), below, above)
    print(f"  skip: below {best[2]}, above {best[3]}: {best[0]:.1%} of the questions' passes "
          f"saved, right-or-declined {best[1] * 100:+.2f} points", flush=True)
    return {"skip_below": best[2], "skip_above": best[3]}


def write_stage(decision: dict[str, float], rr: Rerank) -> None:
    """The verifier section of answerability.json: its weights file, its pick and its
    decision."""
    model_id = LocalEmbedder.model_id
    data = json.loads(MODEL_PATH.read_text())
    data["models"][model_id]["verifier"] = {
        "file": verifier_filename(FLOAT_MODEL_ID), **decision, "rerank_weight": rr.weight,
        "rerank_depth": rr.depth, "rerank_ceiling": rr.ceiling,
    }
    MODEL_PATH.write_text(json.dumps(data, indent=2) + "\n")
    print(json.dumps(data["models"][model_id]["verifier"], indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--epochs", type=float, default=2.0)
    parser.add_argument("--clinc", type=Path, default=CLINC_PATH)
    parser.add_argument(
        "--decision-only", action="store_true",
        help="fit only the pick and the decision of the shipped weights, on VALIDATION_SETS "
        "scored by them (no torch, about 12 minutes); no new weights",
    )
    parser.add_argument(
        "--rank-input", action="store_true",
        help="fit the decision with the pick's rank score as a third input (w_rank; not "
        "shipped: see docs/faq.md, session 9)",
    )
    parser.add_argument(
        "--clinc-per-business", type=int, default=0, metavar="N",
        help="also train on N CLINC train-half queries against each training FAQ (besides "
        "the tuning FAQ's 400), so the \"none\" slot learns off-topic messages beside many "
        "FAQs; the train half is then split by intent between the verifier and the "
        "decision's CLINC cap (not what the shipped weights were trained with: see "
        "docs/faq.md, sessions 11 and 24; with one epoch it declined far more)",
    )
    parser.add_argument(
        "--save-validation", type=Path, metavar="FILE",
        help="also pickle the scored validation items (items, scores) to FILE, for "
        "decision experiments without re-scoring them",
    )
    parser.add_argument(
        "--from-validation", type=Path, metavar="FILE",
        help="with --decision-only: read the scored validation items from a "
        "--save-validation file instead of collecting and scoring them (seconds, not minutes)",
    )
    args = parser.parse_args()
    clinc_train, _ = clinc_split(args.clinc)
    clinc_verifier = clinc_cap = clinc_train
    if args.clinc_per_business:
        # The verifier learns from one half of the training intents; the decision's cap is
        # measured on the other half, which it has never seen.
        clinc_verifier, clinc_cap = clinc_train_parts(args.clinc)
    path = MODEL_PATH.with_name(verifier_filename(FLOAT_MODEL_ID))
    if not args.decision_only:
        print("collecting shortlists of the training businesses", flush=True)
        items = collect(TRAIN_SETS, clinc_verifier, clinc_sample=args.clinc_per_business)
        export(train_verifier(items, args.layers, args.epochs), path, args.layers)
    if args.from_validation:
        with args.from_validation.open("rb") as f:
            items, scores = pickle.load(f)  # our own --save-validation file
    else:
        print("collecting shortlists of the validation businesses", flush=True)
        # The CLINC cap is met on each validation FAQ (CLINC rows of the tuning FAQ were
        # read in training, so a cap there would not bind); in the fit the CLINC rows are
        # weighted down to half the total, or ten FAQs' worth would outweigh the questions.
        items = collect(VALIDATION_SETS, clinc_cap, clinc_for=VALIDATION_SETS)
        scores = shortlist_scores(items, path)
    if args.save_validation:
        with args.save_validation.open("wb") as f:
            pickle.dump((items, scores), f)
    rr = fit_rerank(items, scores)
    picked_items, picked = picks(items, scores, rr)
    decision = fit_decision(picked_items, picked, rank=args.rank_input)
    write_stage({**decision, **fit_skip(items, scores, rr, decision)}, rr)


if __name__ == "__main__":
    main()
