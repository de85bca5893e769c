"""SMS compliance keywords (DOMAIN.md): whole message, trimmed, case-insensitive."""

from __future__ import annotations

import pytest

from channels.keywords import classify_sms_keyword, wants_opt_out


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


@pytest.mark.parametrize("text", ["please stop", "stop texting me", "unsubscribe me", "remove me from your list",
                                  "dont text me anymore", "opt me out", "take me off your list please",
                                  # texted short ("didn't catch that" before)
                                  "pls stop sending me msgs", "remove me from ur list"])
def test_an_opt_out_in_words_is_recognised(text: str) -> None:
    assert classify_sms_keyword(text) is None and wants_opt_out(text)


@pytest.mark.parametrize("text", ["STOP", "stop by at 6", "can you stop the chef from using peanuts", "cancel my booking"])
def test_not_an_opt_out_in_words(text: str) -> None:
    assert not wants_opt_out(text)
