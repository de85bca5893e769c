"""Probe: prints the bot's replies to conversations given in PROBE (JSON list of lists)."""
from __future__ import annotations

import json
import os
from datetime import datetime

from bot.stories import in_process_sender
from tests.conftest import reset_db
from webhooks.container import Container


async def test_probe(db: Container) -> None:
    convs = json.loads(os.environ["PROBE"])
    fixed = datetime.fromisoformat(os.environ.get("PROBE_NOW", "2026-12-01T10:00"))
    from zoneinfo import ZoneInfo
    fixed = fixed.replace(tzinfo=ZoneInfo("America/Los_Angeles"))
    saved = db.now
    db.now = lambda: fixed
    send = in_process_sender(db)
    if os.environ.get("PROBE_TRACE"):
        import traceback

        from bot import engine as _e
        _orig = _e.Engine.say
        def _say(self, reply):
            st = traceback.extract_stack(limit=6)[:-1]
            print("PROBE     say from:", " < ".join(f"{f.name}:{f.lineno}" for f in reversed(st)))
            return _orig(self, reply)
        _e.Engine.say = _say
    try:
        for n, conv in enumerate(convs):
            await reset_db(db)
            channel = os.environ.get("PROBE_CHANNEL", "webchat")
            sender = f"+1408555{n:04d}" if channel == "sms" else f"probe{n}"
            print(f"\n=== conversation {n}")
            if conv and isinstance(conv[0], dict):
                from bot.stories import _setup
                await _setup(db, {"setup": conv[0]}, channel, sender)
                conv = conv[1:]
            for text in conv:
                print(f">>> {text}")
                for r in await send(channel, sender, text):
                    b = f"  {list(r.buttons)}" if r.buttons else ""
                    print(f"PROBE   [{r.kind}] {r.text}{b}".replace("\n", " / "))
                if os.environ.get("PROBE_STATE"):
                    from sqlalchemy import text as sql
                    async with db.engine.connect() as c:
                        for (state,) in (await c.execute(sql("select state from conversations"))).all():
                            print("PROBE     state:", {k: v for k, v in state.items() if v not in (None, False, [], {}, 0, "")})
    finally:
        db.now = saved
