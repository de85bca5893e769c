"""The stories under tests/stories, run against the real engine and database.

The issue's bar is task success ≥ 95%; each failing story is printed with why."""

from __future__ import annotations

from pathlib import Path

import httpx

from bot.stories import in_process_sender, load_stories, run_story
from channels.base import Reply
from tests.conftest import reset_db
from webhooks.app import create_app
from webhooks.container import Container

HERE = Path(__file__).parent
STORIES = load_stories(HERE)
TARGET = 0.95


# Stories that fail for a reason written down in the story (``known_failure``): counted in
# the rate, but every other story must pass, so a regression cannot hide under the 95%
# bar (two did in session 12), and a known failure that starts passing is reported so
# that its mark is removed.
KNOWN = {s["name"] for _, s in STORIES if s.get("known_failure")}


def _report(results: list[tuple[str, list[str]]]) -> tuple[float, str]:
    failed = [(name, f) for name, f in results if f]
    rate = 1 - len(failed) / len(results)
    lines = [f"{len(results) - len(failed)}/{len(results)} stories passed ({rate:.1%})"]
    for name, fails in failed:
        lines.append(f"- {name}{' (known)' if name in KNOWN else ''}: " + "; ".join(fails[:3]))
    return rate, "\n".join(lines)


def _check(results: list[tuple[str, list[str]]]) -> None:
    rate, report = _report(results)
    print(report)
    assert rate >= TARGET, report
    unexpected = [name for name, fails in results if fails and name not in KNOWN]
    assert not unexpected, report
    fixed = [name for name, fails in results if not fails and name in KNOWN]
    assert not fixed, f"known failures that now pass (remove known_failure): {fixed}"


async def test_stories_in_process(db: Container) -> None:
    assert len(STORIES) >= 80
    results = []
    for file, story in STORIES:
        await reset_db(db)
        res = await run_story(db, story, file, in_process_sender(db))
        results.append((res.name, res.failures))
    _check(results)


async def test_webchat_stories_over_http(db: Container) -> None:
    app = create_app(db.settings, container=db)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:

        async def send(channel: str, sender: str, text: str) -> list[Reply]:
            r = await client.post("/api/chat", json={"session_id": sender, "text": text})
            assert r.status_code == 200, r.text
            assert r.json()["session_id"] == sender
            return [Reply(x["text"], tuple(x["buttons"]), x["kind"]) for x in r.json()["replies"]]

        web = [(f, s) for f, s in STORIES if s.get("channel", "webchat") == "webchat"]
        results = []
        for file, story in web:
            await reset_db(db)
            res = await run_story(db, story, file, send)
            results.append((res.name, res.failures))
    _check(results)
