"""Time per turn of the whole in-process pipeline (inbox, lock, NLU, policy, FAQ
lookup with the local embedder, persistence) with no LLM, over a realistic mix.

    python -m bench.engine            # median / p90 / p99 in ms, and where the time goes
    python -m bench.engine --warm     # keep the query-embedding cache across rounds

By default the embedder's LRU cache is emptied before every round, so each FAQ question
pays for its embedding as a first-time question would (real customers rarely send the
exact same text twice); ``--warm`` measures the cached case instead. The database is
``HIBACHI_BENCH_DB`` (default ``hibachi_bench``) on the embedded server in ``.data``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event

import webhooks.turns as turns
from channels.base import ChannelName, InboundMessage
from core.config import Settings
from core.db.embedded import recreate_database
from webhooks.app import build_container

CONVERSATIONS = [
    ["hi", "how much for 12 adults and 3 kids in 95112?", "do you bring your own grill?", "thanks"],
    ["want to book dec 19 at 6pm, 20 adults no kids, 95050",
     "Tom Nguyen, 789 El Camino Real, Santa Clara, 408-555-0123, no email", "yes"],
    ["are you vegetarian friendly?", "what if it rains", "how long does the show last?"],
    ["15 people in 95125", "3 kids", "book it", "dec 12", "3 PM"],
    # One answer per question, the way most customers fill a booking in.
    ["book dec 19 at 6pm, 10 adults no kids, 95112", "Ana Silva", "408-555-0111",
     "12 Race St, San Jose", "no email", "yes"],
]


def _pct(xs: list[float], p: int) -> float:
    return statistics.quantiles(xs, n=100)[p - 1] if len(xs) > 1 else (xs[0] if xs else 0.0)


def _line(name: str, xs: list[float]) -> str:
    if not xs:
        return f"{name:<22} n=0"
    return (f"{name:<22} n={len(xs):<4d} median {statistics.median(xs):6.1f}  "
            f"p90 {_pct(xs, 90):6.1f}  p99 {_pct(xs, 99):6.1f} ms")


class _Timed:
    """Wraps an async callable and records how long each call took (ms)."""

    def __init__(self, fn: Callable[..., Awaitable[Any]]) -> None:
        self.fn = fn
        self.times: list[float] = []

    async def __call__(self, *args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return await self.fn(*args, **kwargs)
        finally:
            self.times.append((time.perf_counter() - t0) * 1000)


async def main(rounds: int = 15, warm: bool = False) -> None:
    data = Path(".data")
    url = recreate_database(data, os.environ.get("HIBACHI_BENCH_DB", "hibachi_bench"))
    c = await build_container(Settings(_env_file=None, hibachi_data_dir=data), url=url)  # type: ignore[call-arg]
    # Where the time goes: the engine (NLU, policy and its port calls, FAQ included) and
    # the FAQ lookup on its own; the rest of a turn is process_message's own SQL.
    engine = _Timed(turns.handle)
    turns.handle = engine
    faq = _Timed(c.extras["faq_search"])
    c.extras["faq_search"] = faq
    statements = 0

    def count(*_: Any) -> None:
        nonlocal statements
        statements += 1

    event.listen(c.engine.sync_engine, "after_cursor_execute", count)
    cache = getattr(c.embedder, "_cache", None)
    # One untimed conversation first: lazy one-time loads (the zip table, the FAQ's
    # answerability model, ~0.5 s each) belong to start-up, not to a turn.
    for text in CONVERSATIONS[0]:
        await turns.process_message(c, InboundMessage(
            ChannelName.WEBCHAT, "warm-up", text, uuid.uuid4().hex, c.now()))
    engine.times.clear()
    faq.times.clear()
    statements = 0
    timings: list[float] = []
    cpu0 = time.process_time()
    for _ in range(rounds):
        if cache is not None and not warm:
            cache.clear()
        for convo in CONVERSATIONS:
            sender = uuid.uuid4().hex
            for text in convo:
                msg = InboundMessage(ChannelName.WEBCHAT, sender, text, uuid.uuid4().hex, c.now())
                t0 = time.perf_counter()
                await turns.process_message(c, msg)
                timings.append((time.perf_counter() - t0) * 1000)
    cpu_ms = (time.process_time() - cpu0) * 1000 / max(1, len(timings))
    await c.engine.dispose()
    print(f"turns: {len(timings)}  median {statistics.median(timings):.1f} ms  "
          f"p90 {_pct(timings, 90):.1f} ms  p99 {_pct(timings, 99):.1f} ms  "
          f"(whole turn incl. DB and FAQ; embedding cache {'warm' if warm else 'cold'})")
    print(_line("  whole turn", timings))
    print(_line("  engine (handle)", engine.times))
    print(_line("  FAQ lookup", faq.times))
    print(f"  SQL statements per turn: {statements / max(1, len(timings)):.1f}")
    print(f"  CPU of this process per turn: {cpu_ms:.2f} ms (PostgreSQL's own CPU not included)")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--warm", action="store_true", help="keep the embedding cache between rounds")
    args = ap.parse_args()
    asyncio.run(main(args.rounds, args.warm))
