"""SMS compliance keywords (DOMAIN.md): whole message, trimmed, case-insensitive."""

from __future__ import annotations

import pytest

from channels.keywords import classify_sms_keyword


@pytest.mark.parametrize(
    "text",
    ["STOP", "stop", " Stop ", "STOP.", "stop!", "StopAll", "UNSUBSCRIBE", "cancel", "End", "quit"],
)
def test_opt_out_words(text: str) -> None:
    assert classify_sms_keyword(text) == "opt_out"


@pytest.mark.parametrize("text", ["START", "start", "Unstop", "yes", "YES!"])
def test_opt_in_words(text: str) -> None:
    assert classify_sms_keyword(text) == "opt_in"


@pytest.mark.parametrize("text", ["HELP", "help?", "Info", "\tinfo\n"])
def test_help_words(text: str) -> None:
    assert classify_sms_keyword(text) == "help"


@pytest.mark.parametrize(
    "text",
    [
        "cancel my booking",
        "please stop",
        "stop texting me",
        "helpful",
        "STOPPED",
        "",
        "   ",
        "1",
        "I need help with my booking",
        "end of the month works",
    ],
)
def test_not_keywords(text: str) -> None:
    assert classify_sms_keyword(text) is None
