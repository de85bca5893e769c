"""Guest count changes on a booking must all hold (the suite-wide story bar is 95%, so
a broken change flow could hide there): tests/stories/party_change.yaml, each story on
its own clean database."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.stories import in_process_sender, load_stories, run_story
from tests.conftest import reset_db
from webhooks.container import Container

STORIES = load_stories(Path(__file__).with_name("party_change.yaml"))


@pytest.mark.parametrize(("file", "story"), STORIES, ids=[s["name"] for _, s in STORIES])
async def test_party_change_story(db: Container, file: str, story: dict[str, object]) -> None:
    await reset_db(db)
    res = await run_story(db, story, file, in_process_sender(db))
    assert not res.failures, res.failures
