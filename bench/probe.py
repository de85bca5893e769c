"""Talk to the bot in batches and read what it says: ``python -m bench.probe FILE|JSON``.

A QA tool, not a test: it runs conversations through the real product (a scratch
database, the story runner of bot/stories.py) and prints every reply with its kind,
then the customer's latest booking. Input: a JSON list of conversations; each one is a
list of messages, optionally starting with a dict of story keys (``now``, ``channel``,
``phone``, ``setup``: see tests/stories/README.md). Example::

    python -m bench.probe '[[{"now": "2026-12-01T22:00"}, "hi", "12 ppl sat 95112"]]'

``HIBACHI_PROBE_DB`` names the scratch database (default ``hibachi_probe``), so
several probes can run side by side.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from channels.base import Reply


def _conversations(arg: str) -> list[list[Any]]:
    # A JSON list is never a file name (and a long one is too long for stat()).
    text = arg if arg.lstrip().startswith("[") else Path(arg).read_text()
    data = json.loads(text)
    return [c if isinstance(c, list) else [c] for c in data]


async def _latest_booking(c: Any, channel: str, sender: str) -> str:
    from core.models import Booking, Conversation

    async with c.uow() as uow:
        s = uow.session
        conv = await s.scalar(
            select(Conversation).where(Conversation.channel == channel, Conversation.external_id == sender)
        )
        if conv is None:
            return "(no conversation)"
        b = await s.scalar(
            select(Booking).where(Booking.customer_id == conv.customer_id)
            .order_by(Booking.updated_at.desc(), Booking.created_at.desc()).limit(1)
        )
        head = f"conversation {conv.status}"
        if b is None:
            return head + "; no booking"
        return (f"{head}; booking {b.status} {b.event_date} {b.slot} adults={b.adults} "
                f"kids={b.kids} zip={b.zip} notes={b.notes!r}")


async def _run(conversations: list[list[Any]]) -> None:
    from bot.stories import in_process_sender, run_story
    from core.config import Settings, get_settings
    from core.db.embedded import recreate_database
    from core.db.reset import truncate_volatile
    from webhooks.app import build_container

    settings = get_settings()
    url = recreate_database(settings.hibachi_data_dir, os.environ.get("HIBACHI_PROBE_DB", "hibachi_probe"))
    c = await build_container(Settings(_env_file=None, hibachi_data_dir=settings.hibachi_data_dir), url=url)  # type: ignore[call-arg]
    inner = in_process_sender(c)
    try:
        for n, conv in enumerate(conversations, 1):
            story: dict[str, Any] = dict(conv[0]) if conv and isinstance(conv[0], dict) else {}
            story["turns"] = [{"user": str(t)} for t in conv if not isinstance(t, dict)]
            seen: dict[str, str] = {}

            async def send(channel: str, sender: str, text: str, seen: dict[str, str] = seen) -> list[Reply]:
                seen.update(channel=channel, sender=sender)
                print(f"  you> {text}")
                replies = await inner(channel, sender, text)
                for r in replies:
                    buttons = f"  [{' | '.join(r.buttons)}]" if r.buttons else ""
                    print(f"  bot[{r.kind}]> {r.text}{buttons}")
                if not replies:
                    print("  bot> (silent)")
                return replies

            await truncate_volatile(c.engine)
            print(f"--- conversation {n} {json.dumps(conv[0]) if story.keys() - {'turns'} else ''}")
            await run_story(c, story, "probe", send)
            if seen:
                print("  =", await _latest_booking(c, seen["channel"], seen["sender"]))
    finally:
        await c.engine.dispose()


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    asyncio.run(_run(_conversations(sys.argv[1])))


if __name__ == "__main__":
    main()
