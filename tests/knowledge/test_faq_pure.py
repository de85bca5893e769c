"""FAQ pieces that need no database: text normalisation, embedder, import/export, eval."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from knowledge.embedder import CachedEmbedder, Embedder, LocalEmbedder, get_embedder
from knowledge.io import FaqImportError, FaqRecord, dump_faq, load_faq_file, parse_faq
from knowledge.lexical import terms
from knowledge.memory import InMemoryFaq
from knowledge.textnorm import normalize

DEMO = Path(__file__).resolve().parents[2] / "knowledge" / "data" / "demo_faq.yaml"


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return get_embedder("local")


def test_texting_shorthand_is_expanded() -> None:
    assert normalize("r u ok w/ 50ppl 2morrow?? thx") == (
        "are you okay with 50 people tomorrow?? thanks"
    )
    assert normalize("Sooooo whats the cancelation policy") == (
        "soo what is the cancellation policy"
    )


def test_world_knowledge_glosses_are_added_once() -> None:
    assert normalize("do u take venmo??") == "do you take venmo payment app??"
    assert normalize("the venue wants a COI") == (
        "the venue event location wants a coi certificate of insurance"
    )
    for text in ("can i pay w zelle", "min number of guests?", "hi there"):
        once = normalize(text)
        assert normalize(once) == once  # normalising twice changes nothing


def test_a_gloss_is_skipped_where_the_word_means_something_else() -> None:
    # "a visa" to enter a country is not a card; "take visa" and "a visa card" are.
    assert normalize("do i need a visa to go to canada") == "do i need a visa to go to canada"
    assert normalize("do u take visa") == "do you take visa credit card"
    assert "credit card" in normalize("can i pay with a visa debit")


def test_glosses_rank_the_entry_the_customer_means(embedder: Embedder) -> None:
    # MiniLM alone ranks "venmo" next to the vegan entry and "COI" next to party size.
    records = [
        FaqRecord(question=q, answer=a)
        for q, a in [
            ("What payment methods do you accept?", "Cards and bank transfer."),
            ("Do you have vegetarian or vegan options?", "Yes, tofu and vegetable plates."),
            ("Is a deposit required?", "A 20% deposit holds your date."),
            ("What is the largest party you can serve?", "Up to 80 guests with two chefs."),
            ("Are you insured?", "Yes, we carry $2M general liability insurance."),
            ("What is your cancellation policy?", "Full refund up to 7 days before."),
        ]
    ]
    faq = InMemoryFaq(records, embedder)
    best = {q: faq.search(q).ranked[0].key for q in
            ("do u take venmo", "can i pay w zelle", "the venue wants a COI")}
    assert best == {
        "do u take venmo": "0", "can i pay w zelle": "0", "the venue wants a COI": "4",
    }


def test_terms_meet_across_word_forms() -> None:
    assert terms("allergies?") == terms("allergy")
    assert "the" not in terms("the deposit")


@pytest.fixture(scope="module")
def float_embedder() -> LocalEmbedder:
    return LocalEmbedder(int8=False)


def test_float_embedder_matches_reference_values(float_embedder: LocalEmbedder) -> None:
    # Leading dimensions from sentence-transformers 5 + torch on the same weights.
    v = float_embedder.embed(["What is included in a hibachi party?", "do u guys do bday ppl??"])
    assert v.shape == (2, 384) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    ref0 = [0.00141, 0.104, -0.01694, 0.02763, -0.04654, 0.05077]
    ref1 = [-0.05459, -0.01721, 0.02844, -0.01896, -0.08187, -0.00508]
    np.testing.assert_allclose(v[0, :6], ref0, atol=2e-4)
    np.testing.assert_allclose(v[1, :6], ref1, atol=2e-4)


def test_int8_vectors_stay_near_the_float_ones(embedder: Embedder, float_embedder: LocalEmbedder) -> None:
    # The shipped (int8) model is fitted on its own vectors; this pins that the graph is
    # still MiniLM: on 200 texted questions the cosine was 0.984-0.999, mean 0.992.
    texts = ["What is included in a hibachi party?", "do u guys do bday ppl??",
             "how much is the deposit", "can the chef cook gluten free for my mom",
             "r u available on christmas eve", "is there a travel fee to san jose"]
    cos = (embedder.embed(texts) * float_embedder.embed(texts)).sum(axis=1)
    assert cos.min() > 0.98, cos
    assert embedder.model_id != float_embedder.model_id  # stored vectors never mix


def test_padding_in_a_batch_does_not_change_a_vector(embedder: Embedder) -> None:
    # FAQ passages are embedded in padded batches, queries alone: the two must agree, or
    # a stored passage would not match the same words texted by a customer.
    short = "deposit?"
    long = "hey so my moms 60th is in march and she cant do gluten, is that a problem for u"
    assert isinstance(embedder, CachedEmbedder)
    model = embedder.inner  # uncached: the batch must really be computed padded
    alone = model.embed([short])[0]
    batched = model.embed([long, short, ""])
    np.testing.assert_allclose(batched[1], alone, atol=1e-5)
    assert float(batched[0] @ alone) < 0.9


def test_embedder_is_loaded_once_per_process() -> None:
    assert get_embedder("local") is get_embedder("local")


def test_query_cache_returns_same_vectors(embedder: Embedder) -> None:
    assert isinstance(embedder, CachedEmbedder)
    cached = CachedEmbedder(embedder.inner, maxsize=2)
    a = cached.embed(["one", "two"])
    b = cached.embed(["two", "three", "one"])
    np.testing.assert_allclose(a[1], b[0])
    np.testing.assert_allclose(a[0], b[2], atol=1e-6)
    assert len(cached._cache) == 2


@pytest.mark.parametrize(
    ("fmt", "text", "line"),
    [
        ("csv", "question,answer,tags\nq1,a1,x;y\nq2,,z\n", 3),
        ("csv", 'question,answer\nq1,a1\n"q2\nsecond line",a2\nq3\n', 5),
        ("json", '{"entries": [\n {"question": "a", "answer": "b"},\n {"question": "c"}\n]}', 3),
        ("yaml", "entries:\n  - question: a\n    answer: b\n  - question: c\n    answer: ''\n", 4),
        ("yaml", "- question: a\n  answer: b\n  colour: red\n", 1),
        ("csv", "question,anwser\nq,a\n", 1),
    ],
)
def test_bad_row_reports_its_line_and_imports_nothing(fmt: str, text: str, line: int) -> None:
    with pytest.raises(FaqImportError) as err:
        parse_faq(text, fmt)
    assert err.value.line == line
    assert f"line {line}" in str(err.value)


def test_duplicate_questions_are_rejected() -> None:
    with pytest.raises(FaqImportError, match="duplicate question"):
        parse_faq("question,answer\nHi?,a\nhi?,b\n", "csv")


@pytest.mark.parametrize("fmt", ["csv", "json", "yaml"])
def test_export_round_trips(fmt: str) -> None:
    records = load_faq_file(DEMO)
    again = parse_faq(dump_faq(records, fmt), fmt)
    assert [(r.id, r.question, r.answer, r.tags, r.alternates) for r in again] == [
        (r.id, r.question, r.answer, r.tags, r.alternates) for r in records
    ]


def test_demo_faq_states_no_prices() -> None:
    for rec in load_faq_file(DEMO):
        assert "$" not in rec.answer, rec.id


def test_eval_on_demo_faq(tmp_path: Path, embedder: Embedder) -> None:
    from knowledge.evaluate import run_faq_eval

    questions = tmp_path / "q.yaml"
    questions.write_text(
        "questions:\n"
        "  - {text: how long does the chef cook for, id: show-length}\n"
        "  - {text: can we do it inside if its cold, id: indoor-outdoor}\n"
        "  - {text: what if we cancel last minute, id: cancellation}\n"
        "  - {text: do u do vegan, id: vegetarian-vegan}\n"
        "  - {text: book me for saturday at 6pm, id: null}\n"
        "  - {text: what's the capital of france, id: null}\n"
    )
    report = run_faq_eval(DEMO, questions, embedder)
    assert report.questions == 6
    assert report.top1 >= 0.75
    assert report.answered_out_of_scope == 0.0
    assert "top-1" in report.render()
    assert report.as_dict()["answerable"] == 4
