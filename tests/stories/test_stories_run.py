"""Every story under tests/stories runs against the real engine and database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.stories import in_process_sender, load_stories, run_story
from webhooks.container import Container

HERE = Path(__file__).parent
STORIES = load_stories(HERE)


@pytest.mark.parametrize(("file", "story"), STORIES, ids=[s["name"] for _, s in STORIES])
async def test_story(db: Container, file: str, story: dict[str, Any]) -> None:
    result = await run_story(db, story, file, in_process_sender(db))
    assert result.ok, "\n".join(result.failures)
