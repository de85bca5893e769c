"""Time per turn of the whole in-process pipeline (inbox, lock, NLU, policy, FAQ
lookup with the local embedder, persistence) with no LLM, over a realistic mix.

    python -m bench.engine   # prints median / p90 / p99 in ms
"""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from pathlib import Path

from channels.base import ChannelName, InboundMessage
from core.config import Settings
from core.db.embedded import recreate_database
from webhooks.app import build_container
from webhooks.turns import process_message

CONVERSATIONS = [
    ["hi", "how much for 12 adults and 3 kids in 95112?", "do you bring your own grill?", "thanks"],
    ["want to book dec 19 at 6pm, 20 adults no kids, 95050",
     "Tom Nguyen, 789 El Camino Real, Santa Clara, 408-555-0123, no email", "yes"],
    ["are you vegetarian friendly?", "what if it rains", "how long does the show last?"],
    ["15 people in 95125", "3 kids", "book it", "dec 12", "3 PM"],
]


async def main(rounds: int = 15) -> None:
    data = Path(".data")
    url = recreate_database(data, "hibachi_bench")
    c = await build_container(Settings(_env_file=None, hibachi_data_dir=data), url=url)  # type: ignore[call-arg]
    timings: list[float] = []
    for _ in range(rounds):
        for convo in CONVERSATIONS:
            sender = uuid.uuid4().hex
            for text in convo:
                msg = InboundMessage(ChannelName.WEBCHAT, sender, text, uuid.uuid4().hex, c.now())
                t0 = time.perf_counter()
                await process_message(c, msg)
                timings.append((time.perf_counter() - t0) * 1000)
    await c.engine.dispose()
    timings.sort()
    q = statistics.quantiles(timings, n=100)
    print(f"turns: {len(timings)}  median {statistics.median(timings):.1f} ms  "
          f"p90 {q[89]:.1f} ms  p99 {q[98]:.1f} ms  (whole turn incl. DB and FAQ)")


if __name__ == "__main__":
    asyncio.run(main())
