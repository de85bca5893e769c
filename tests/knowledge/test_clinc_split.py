"""The CLINC150 splits keep evaluation queries out of training, and the verifier's queries
out of the decision's cap."""

from knowledge.evaluate import clinc_split, clinc_train_parts


def test_evaluation_half_is_never_trained_on() -> None:
    train, held = clinc_split()
    verifier, cap = clinc_train_parts()
    assert not set(verifier) & set(held) and not set(cap) & set(held)
    assert not set(verifier) & set(cap)  # the cap is measured on intents the verifier never saw
    assert set(verifier) | set(cap) == set(train)
    assert min(len(verifier), len(cap)) > 0.4 * len(train)
