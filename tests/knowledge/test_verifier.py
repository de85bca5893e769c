"""The answer verifier (knowledge/crossenc.py): the shipped cross-encoder reads the query
and the top entry together and overrules the bi-encoder pipeline where it is wrong."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import numpy as np
import pytest

from knowledge.answerability import AnswerabilityModel, VerifierStage, _verifier, load_model
from knowledge.bert_onnx import exact_weight_layout, int8_columns, matmul_integer
from knowledge.crossenc import CrossEncoder, load_verifier, pack_delta, unpack_delta
from knowledge.embedder import LocalEmbedder
from knowledge.evaluate import EvalQuestion, load_questions
from knowledge.io import load_faq_file
from knowledge.memory import InMemoryFaq
from knowledge.rerank import Rerank
from knowledge.retrieval import verifier_passage, verifier_text
from knowledge.textnorm import normalize
from knowledge.train_answerability import CLINC_MAX_ANSWERED
from knowledge.train_verifier import TEST_SETS, Item, fit_decision, fit_skip, pipeline_model

EVAL = Path(__file__).resolve().parents[2] / "knowledge" / "eval"
UNSEEN = EVAL / "unseen"
GRILL = "Do you bring the grill? Yes, our chef brings a portable teppanyaki grill, propane and all the tools."
DEPOSIT = "How much is the deposit? A $100 deposit holds your date and is part of your total."
CAKE = "Can we bring our own dessert or cake? Yes, you are welcome to serve your own cake after the show."


@pytest.fixture(scope="module")
def verifier() -> CrossEncoder:
    stage = load_model(LocalEmbedder.model_id).verifier
    assert stage is not None, "answerability.json names no verifier"
    v = load_verifier(stage.path)
    assert v is not None, f"verifier weights {stage.file} missing"
    return v


def test_delta_packing_keeps_the_fine_tuned_weights() -> None:
    rng = np.random.default_rng(0)
    base = rng.normal(size=(64, 32)).astype(np.float32)
    tuned = base + rng.normal(scale=0.01, size=base.shape).astype(np.float32)
    packed = pack_delta(tuned, base)
    assert packed["q"].dtype == np.int8
    back = unpack_delta(packed["q"], packed["scale"], base)
    assert np.abs(back - tuned).max() < 0.01 * 0.05  # under 5% of the delta's scale


def test_the_answer_scores_above_other_entries_and_nothing(verifier: CrossEncoder) -> None:
    upfront = "how much do i pay upfront to hold the date"
    assert verifier.score(upfront, DEPOSIT) > 0
    assert verifier.score(upfront, DEPOSIT) > max(verifier.score(upfront, GRILL), verifier.score(upfront, CAKE))
    grill = "do we need to have a grill"
    assert verifier.score(grill, GRILL) > max(verifier.score(grill, CAKE), verifier.score(grill, DEPOSIT))
    # Off-topic messages are closer to "none of these" than to any entry.
    for text in ("set an alarm for 6am", "whats the weather tmrw", "my card was declined can u help"):
        assert max(verifier.score(text, e) for e in (GRILL, CAKE, DEPOSIT)) < 0, text


def test_int8_scores_stay_close_to_the_float_ones(verifier: CrossEncoder) -> None:
    """The shipped verifier runs int8 weights (twice as fast). On 300 tuning and held-out
    questions with their right entries they move by 0.42 logit on average from float32
    (p95 1.3), most near a score of 0 where the entry is uncertain. A broken quantisation
    (a wrong scale or zero point, or a saturating kernel: 0.63 here) moves scores by
    whole logits. Five pairs were too few to tell (0.42 to 0.78 between two equally good
    quantisations, session 13)."""
    stage = load_model(LocalEmbedder.model_id).verifier
    assert stage is not None
    exact = CrossEncoder(stage.path, int8=False)
    entries = {r.id: r for r in load_faq_file(EVAL / "tuning_faq.yaml")}
    pairs = [(normalize(q.text) or q.text, verifier_passage(verifier_text(e.question, e.answer)))
             for q in load_questions(EVAL / "tuning_questions.yaml")[:160]
             if q.expected and (e := entries.get(q.expected))][:100]
    diffs = np.array([abs(verifier.score(q, p) - exact.score(q, p)) for q, p in pairs])
    assert len(pairs) == 100
    assert diffs.mean() < 0.6 and np.percentile(diffs, 95) < 1.6, (diffs.mean(), np.percentile(diffs, 95))


def test_the_int8_weights_multiply_exactly_on_this_cpu() -> None:
    """The worst case for onnxruntime's uint8 x int8 kernel on CPUs without VNNI (AVX2),
    whose 16-bit pair sums saturate: full-scale activations against full-scale weights
    of both signs, through the weight layout the verifier's graph uses, for one row (a
    vector kernel) and several. Saturated, the verifier's scores moved by whole logits."""
    k = 384
    q = np.tile(np.array([[127, -127, 127, 1]], np.int8), (k, 1))
    sess = matmul_integer(*exact_weight_layout(q))
    for rows in (1, 8):
        a = np.full((rows, k), 255, np.uint8)
        want = a.astype(np.int64) @ q.astype(np.int64)
        assert np.array_equal(sess.run(None, {"a": a})[0], want), rows


def test_int8_columns_keep_each_column_within_half_a_step() -> None:
    rng = np.random.default_rng(1)
    w = rng.normal(size=(384, 96)).astype(np.float32) * rng.uniform(0.01, 2.0, size=96)
    q, scale = int8_columns(w)
    assert q.dtype == np.int8 and scale.shape == (96,)
    assert np.all(np.abs(q.astype(np.float32) * scale - w) <= scale / 2 + 1e-7)


def test_any_message_gets_a_score(verifier: CrossEncoder) -> None:
    """Long, empty or emoji-only messages are cut or padded, never an error (a long
    message once made the tokenizer refuse to truncate)."""
    for text in ("do you bring the grill " * 60, "", "🔥" * 500, "a" * 2000):
        assert -50 < verifier.score(text, GRILL) < 50
    assert -50 < verifier.score("do you bring the grill", "") < 50


def test_settled_skips_the_verifier_only_when_it_cannot_change_the_outcome() -> None:
    stage = VerifierStage("x.npz", w_pipeline=1.0, w_verifier=0.5, intercept=0.0,
                          threshold=0.5, score_min=-6.0, score_max=6.0)
    assert stage.settled(0.001, [0.8]) is False  # logit -6.9 + at most 3 stays below 0
    assert stage.settled(0.999, [0.8]) is True
    assert stage.settled(0.5, [0.8]) is None
    for p in (0.001, 0.999):
        settled = stage.settled(p, [0.8])
        for score in (-6.0, 0.0, 6.0):
            assert (stage.probability(p, score, 0.8) >= 0.5) is settled


def test_settled_bounds_the_rank_score_of_any_entry_the_pick_may_land_on() -> None:
    """With the pick's rank score in the decision, the shortcut must hold for whichever
    of the first ``rerank_depth`` entries the verifier would pick."""
    stage = VerifierStage("x.npz", w_pipeline=1.0, w_verifier=0.5, intercept=0.0,
                          threshold=0.5, score_min=-2.0, score_max=2.0,
                          rerank_weight=1.0, rerank_depth=3, rerank_ceiling=4.0, w_rank=4.0)
    p = 0.9  # logit 2.2; the verifier moves z by at most 1
    assert stage.settled(p, [0.5, 0.4, 0.3, -5.0]) is True  # the fourth is out of reach
    # A pick that may land on an entry ranked -1.0 could fall below the threshold.
    assert stage.settled(p, [0.5, 0.4, -1.0]) is None
    for ranks in ([0.5, 0.4, 0.3], [0.5, 0.4, -1.0]):
        settled = stage.settled(p, ranks)
        if settled is not None:
            for r in ranks[:3]:
                for v in (-2.0, 0.0, 2.0):
                    assert (stage.probability(p, v, r) >= 0.5) is settled


def test_a_sure_pipeline_answers_or_declines_without_the_verifier() -> None:
    stage = VerifierStage("x.npz", w_pipeline=1.0, w_verifier=0.5, intercept=0.0,
                          threshold=0.5, score_min=-6.0, score_max=6.0,
                          skip_below=0.002, skip_above=0.999)
    assert stage.sure(0.9995) is True
    assert stage.sure(0.001) is False
    assert stage.sure(0.5) is None and stage.sure(0.998) is None
    assert dataclasses.replace(stage, skip_below=0.0, skip_above=1.0).sure(0.9995) is None


def test_the_shipped_search_skips_the_verifier_only_where_the_pipeline_is_sure() -> None:
    """An FAQ's own question is answered and a request for the sender's bank declined
    without a verifier pass (``features`` has no "verifier" score); the same searches
    read it when the skip bounds are removed, and every search in between reads it."""
    embedder = LocalEmbedder()
    model = load_model(embedder.model_id)
    assert model.verifier is not None
    assert 0.0 < model.verifier.skip_below < 0.05 and 0.95 < model.verifier.skip_above < 1.0
    never = dataclasses.replace(model, verifier=dataclasses.replace(model.verifier, skip_below=0.0, skip_above=1.0))
    records = load_faq_file(UNSEEN / "sushi_faq.yaml")
    faq = InMemoryFaq(records, embedder)
    sure_yes, sure_no = records[0].question, "transfer 200 dollars from my checking to savings"
    d = faq.search(sure_yes)
    assert d.answerable and d.ranked[0].key == (records[0].id or "0")
    assert "verifier" not in d.features and d.features["p_pipeline"] >= model.verifier.skip_above
    d = faq.search(sure_no)
    assert not d.answerable and "verifier" not in d.features
    for text in (sure_yes, sure_no):
        assert "verifier" in faq.search(text, never).features
    texts = [q.text for q in load_questions(UNSEEN / "sushi_questions.yaml")[:40]]
    texts += [r.question for r in records[:5]] + ["set an alarm for 6am", "whats the weather tmrw"]
    read = 0
    for text in texts:
        d = faq.search(text)
        unsure = model.verifier.skip_below < d.features["p_pipeline"] < model.verifier.skip_above
        assert ("verifier" in d.features) is unsure, text
        read += unsure
    assert 20 <= read <= len(texts) - 3  # texted questions are mostly still read


def test_the_skip_bounds_stop_where_the_verifier_starts_to_matter() -> None:
    """``fit_skip``: the widest bounds on the grid whose skipped searches lose no more
    right-or-declined than the budget. Sure answers sit at p 0.9996 and sure declines at
    0.001; below 0.002 and above 0.9992 the verifier still moves the second entry first,
    so the bounds stop short of those."""
    rr = Rerank(2.0, 5, 7.0)
    decision = {"w_pipeline": 1.0, "w_verifier": 1.0, "intercept": 0.0, "threshold": 0.5,
                "score_min": -10.0, "score_max": 10.0}
    items, scores = [], []
    for i in range(200):
        items.append(Item("b", f"yes{i}", "a", ["a", "b"], {}, 0.9996, scores=[0.9, 0.2]))
        scores.append([5.0, -5.0])
        items.append(Item("b", f"no{i}", None, ["a"], {}, 0.001, scores=[0.1]))
        scores.append([-8.0, np.nan])
    for i in range(20):  # the verifier's pick of the second entry, right on both sides
        for p in (0.002, 0.9992):
            items.append(Item("b", f"pick{i}", "b", ["a", "b"], {}, p, scores=[0.5, 0.4]))
            scores.append([-3.0, 9.0])
    assert fit_skip(items, np.array(scores), rr, decision) == {"skip_below": 0.001, "skip_above": 0.9995}


def test_a_missing_weights_file_decides_without_the_verifier(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    d = {"file": "nope.npz", "w_pipeline": 1.0, "w_verifier": 1.0, "intercept": 0.0,
         "threshold": 0.5, "score_min": -5.0, "score_max": 5.0}
    with caplog.at_level(logging.ERROR):
        assert _verifier(d, tmp_path) is None
    assert "verifier" in caplog.text


def _right_or_declined(faq: InMemoryFaq, questions: list[EvalQuestion], model: AnswerabilityModel) -> tuple[float, float]:
    """(top-1 on answerable questions, share answered right or correctly declined)."""
    top1 = right = answerable = 0
    for q in questions:
        d = faq.search(q.text, model)
        top = d.ranked[0].key if d.ranked else None
        if q.expected is None:
            right += not d.answerable
        else:
            answerable += 1
            top1 += top == q.expected
            right += d.answerable and top == q.expected
    return top1 / answerable, right / len(questions)


def test_the_verifier_raises_top1_and_right_or_declined_on_faqs_it_never_saw() -> None:
    """Three helper-written businesses nothing was ever fitted on (knowledge/eval/unseen;
    train_verifier.TEST_SETS): the verifier's pick puts the right entry first more often,
    and more questions are answered right or correctly declined."""
    embedder = LocalEmbedder()
    model = load_model(embedder.model_id)
    assert model.verifier is not None and model.verifier.rerank.depth > 1
    plain = pipeline_model(embedder.model_id)
    totals = np.zeros(6)
    for name in ("mealprep", "plantbased", "sushi"):
        assert name in TEST_SETS
        faq = InMemoryFaq(load_faq_file(UNSEEN / f"{name}_faq.yaml"), embedder)
        questions = load_questions(UNSEEN / f"{name}_questions.yaml")
        top1, with_verifier = _right_or_declined(faq, questions, model)
        plain_top1, without = _right_or_declined(faq, questions, plain)
        answerable = sum(q.expected is not None for q in questions)
        totals += np.array([top1 * answerable, plain_top1 * answerable, answerable,
                            with_verifier * len(questions), without * len(questions),
                            len(questions)])
    top1, plain_top1 = totals[0] / totals[2], totals[1] / totals[2]
    assert top1 >= plain_top1 + 0.02, (top1, plain_top1)
    with_verifier, without = totals[3] / totals[5], totals[4] / totals[5]
    assert with_verifier >= without + 0.025, (with_verifier, without)


def test_the_pick_answers_with_the_entry_that_holds_the_answer() -> None:
    """Texts the reranker alone gets wrong on a never-fitted FAQ (session 7): the
    cross-encoder reads the entry's answer with the message and moves it first."""
    embedder = LocalEmbedder()
    records = load_faq_file(UNSEEN / "seafoodboil_faq.yaml")
    faq = InMemoryFaq(records, embedder)
    question = {r.id: r.question for r in records}
    plain = pipeline_model(embedder.model_id)
    # (Session 18's int8 encoder ranks "is there a min number of guests", the first
    # example here before, right without the verifier.)
    for text, right in (("company picnic w 350 employees, is that too many for u",
                         "What is the largest group you can cook for?"),
                        ("can we push it back a few weeks", "Can we change the date of our boil?")):
        assert question[faq.search(text, plain).ranked[0].key] != right  # the reranker's miss
        d = faq.search(text)
        assert question[d.ranked[0].key] == right, text
        assert d.features["reranked_from"] >= 1
        assert len(d.ranked) == len(faq.search(text, plain).ranked)  # nothing dropped


def test_the_decision_is_refitted_on_the_probability_it_will_receive() -> None:
    """train_verifier collects the pipeline's probability before any verifier: the same
    number the decision is given as ``p_pipeline`` at search time. (It once collected the
    probability after the verifier then shipped, so a refit learned from the old
    verifier's opinion instead.)"""
    embedder = LocalEmbedder()
    faq = InMemoryFaq(load_faq_file(UNSEEN / "sushi_faq.yaml"), embedder)
    plain = pipeline_model(embedder.model_id)
    assert plain.verifier is None
    checked = 0
    for q in load_questions(UNSEEN / "sushi_questions.yaml")[:40]:
        shipped = faq.search(q.text)
        if "verifier" in shipped.features:  # the verifier ran and moved the probability
            assert faq.search(q.text, plain).probability == shipped.features["p_pipeline"]
            assert shipped.probability != shipped.features["p_pipeline"]
            checked += 1
    assert checked >= 3


def test_the_decision_meets_the_clinc_cap_on_every_faq_it_is_fitted_on() -> None:
    """``train_verifier --decision-only``: the cap holds on each business's CLINC rows,
    not on their pool (the product's FAQ is unknown, so a lenient FAQ cannot hide behind
    a strict one); the CLINC rows also enter the fit, with half its weight."""
    rng = np.random.default_rng(0)
    items: list[Item] = []
    scores: list[float] = []
    for business, clinc_mean in (("strict", -5.0), ("lenient", -1.5)):
        for i in range(300):  # answerable questions, right when the score is high
            right = i % 4 != 0
            items.append(Item(business, f"q{i}", "a" if right else "b", ["a"], {}, 0.7))
            scores.append(rng.normal(3.0 if right else -2.0, 1.0))
        for i in range(200):  # CLINC rows: only the lenient FAQ's look answerable
            items.append(Item(business, f"c{i}", None, ["a"], {}, 0.5, clinc=True))
            scores.append(rng.normal(clinc_mean, 1.0))
    s = np.array(scores)
    d = fit_decision(items, s)
    stage = VerifierStage("x.npz", d["w_pipeline"], d["w_verifier"], d["intercept"],
                          d["threshold"], d["score_min"], d["score_max"])
    for business in ("strict", "lenient"):
        clinc = [i for i, it in enumerate(items) if it.clinc and it.business == business]
        answered = np.mean([stage.probability(items[i].p, s[i], 0.0) >= d["threshold"] for i in clinc])
        assert answered <= CLINC_MAX_ANSWERED, (business, answered)
    # The CLINC rows shape the fit...
    kept = [i for i, it in enumerate(items) if not it.clinc]
    alone = fit_decision([items[i] for i in kept], s[kept])
    assert alone["w_verifier"] != pytest.approx(d["w_verifier"], rel=1e-3)
    # ...with half its weight however many there are: twice the CLINC rows, same fit.
    clinc_rows = [i for i, it in enumerate(items) if it.clinc]
    again = fit_decision(items + [items[i] for i in clinc_rows], np.r_[s, s[clinc_rows]])
    for key in ("w_pipeline", "w_verifier", "intercept", "threshold"):
        assert again[key] == pytest.approx(d[key], rel=1e-3, abs=1e-4), key


def test_the_decision_learns_the_rank_score_when_asked_to() -> None:
    """With ``rank``, the pick's rank score is a third input: where it alone tells a right
    pick from a wrong one, it gets the weight, and the search reads it back."""
    rng = np.random.default_rng(1)
    items: list[Item] = []
    scores: list[float] = []
    for i in range(600):
        right = i % 2 == 0
        rank = rng.normal(1.0 if right else 0.2, 0.2)  # only the rank score separates them
        items.append(Item("b", f"q{i}", "a" if right else "x", ["a"], {}, 0.6, scores=[rank]))
        scores.append(rng.normal(0.0, 1.0))
    d = fit_decision(items, np.array(scores), rank=True)
    assert d["w_rank"] > 1.0 and abs(d["w_verifier"]) < 0.5
    assert "w_rank" not in fit_decision(items, np.array(scores))
    stage = VerifierStage("x.npz", d["w_pipeline"], d["w_verifier"], d["intercept"],
                          d["threshold"], d["score_min"], d["score_max"], w_rank=d["w_rank"])
    assert stage.probability(0.6, 0.0, 1.0) > d["threshold"] > stage.probability(0.6, 0.0, 0.2)
