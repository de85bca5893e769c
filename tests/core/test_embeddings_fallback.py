"""CONTRACT: a missing provider credential disables that feature with a clear log line;
it never crashes the server. EMBEDDINGS=openai without OPENAI_API_KEY → local model."""

from __future__ import annotations

import logging

import pytest
from pydantic import SecretStr

from core.config import Settings
from knowledge.embedder import LOCAL_MODEL_ID
from webhooks.app import build_container


async def test_openai_embeddings_without_a_key_start_on_the_local_model(
    settings: Settings, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    # A base URL of its own: get_embedder is cached per configuration, so this
    # configuration is built (and logged) here for the first time.
    no_key = settings.model_copy(update={
        "embeddings": "openai", "openai_api_key": None, "openai_base_url": "http://127.0.0.1:9/harden-v1",
    })
    with caplog.at_level(logging.INFO):
        c = await build_container(no_key, url=database_url)
    try:
        assert c.embedder.model_id == LOCAL_MODEL_ID
        assert c.embedder.embed(["do you bring the grill?"]).shape == (1, c.embedder.dim)
    finally:
        await c.engine.dispose()
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING and "OPENAI_API_KEY" in r.getMessage()]
    assert len(warnings) == 1, [r.getMessage() for r in caplog.records]
    message = warnings[0].getMessage()
    assert "EMBEDDINGS=openai" in message and "local" in message


async def test_a_blank_key_counts_as_missing(
    settings: Settings, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    blank = settings.model_copy(update={
        "embeddings": "openai", "openai_api_key": SecretStr("   "), "openai_base_url": "http://127.0.0.1:9/harden-v2",
    })
    with caplog.at_level(logging.INFO):
        c = await build_container(blank, url=database_url)
    try:
        assert c.embedder.model_id == LOCAL_MODEL_ID
    finally:
        await c.engine.dispose()
    assert any("OPENAI_API_KEY" in r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)


async def test_an_unreachable_embeddings_api_at_start_up_is_logged_not_fatal(
    settings: Settings, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Start-up embeds the FAQ entries that lack the active model's vectors (session 18);
    with the OpenAI API unreachable (a closed loopback port) the server still starts and
    the log says what to run."""
    down = settings.model_copy(update={
        "embeddings": "openai", "openai_api_key": SecretStr("sk-test"),
        "openai_base_url": "http://127.0.0.1:9/harden-v3",
    })
    with caplog.at_level(logging.INFO):
        c = await build_container(down, url=database_url)
    try:
        assert c.embedder.model_id == "openai:text-embedding-3-small"
    finally:
        await c.engine.dispose()
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("could not embed the FAQ entries" in m and "reembed" in m for m in logged), logged
