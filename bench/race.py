"""Booking race: many concurrent bookings for few chef seats, over real HTTP against a
served app, then the seats counted straight from the database.

    python -m bench.race                      # 200 bookings for 20 seats, 50 in flight
    python -m bench.race --requests 400 --concurrency 100 --json out.json

A double-booking is a slot holding more live bookings than the station has chefs, or
two live bookings on one chef seat. The run fails (exit 1) on any double-booking, any
5xx, or a seat left empty while someone was turned away.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bench._server import ADMIN_TOKEN, ServedApp

# (zip, station) pairs of the demo configuration: San Jose has 3 chefs, Sacramento 2.
STATIONS = {"sj": "95112", "sac": "95814"}
CHEFS = {"sj": 3, "sac": 2}
SLOTS = ("18:00", "21:00")
LIVE = "('pending_deposit', 'deposit_paid', 'completed')"


@dataclass
class RaceResult:
    requests: int
    concurrency: int
    seats: int
    created: int = 0
    slot_taken: int = 0
    other_4xx: int = 0
    server_errors: int = 0
    transport_errors: int = 0
    live_bookings_in_db: int = 0
    double_bookings: int = 0
    empty_seats_while_refused: int = 0
    seconds: float = 0.0
    per_slot: list[dict[str, object]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            self.double_bookings == 0
            and self.server_errors == 0
            and self.transport_errors == 0
            and self.created == self.live_bookings_in_db
            and self.empty_seats_while_refused == 0
        )


def _days() -> list[date]:
    # Two weeks out: inside the 48 h lead time and the 180-day horizon of the demo.
    today = datetime.now(ZoneInfo("America/Los_Angeles")).date()
    return [today + timedelta(days=14), today + timedelta(days=15)]


def _body(i: int, zip_code: str, day: date, slot: str) -> dict[str, object]:
    return {
        "adults": 10 + i % 10,
        "kids": i % 3,
        "zip": zip_code,
        "date": day.isoformat(),
        "time": slot,
        "address": f"{100 + i} Race Street",
        "customer": {"name": f"Racer {i}", "phone": f"+1408555{1000 + i:04d}",
                     "email": f"racer{i}@example.com"},
    }


async def _fire(base_url: str, n: int, concurrency: int, res: RaceResult) -> None:
    targets = [(z, d, s) for z in STATIONS.values() for d in _days() for s in SLOTS]
    gate = asyncio.Semaphore(concurrency)
    start = asyncio.Event()
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    limits = httpx.Limits(max_connections=concurrency)

    async with httpx.AsyncClient(base_url=base_url, headers=headers, limits=limits,
                                 timeout=60) as client:

        async def one(i: int) -> None:
            zip_code, day, slot = targets[i % len(targets)]
            async with gate:
                await start.wait()  # release them together: the race is the point
                try:
                    r = await client.post("/api/bookings", json=_body(i, zip_code, day, slot))
                except httpx.HTTPError:
                    res.transport_errors += 1
                    return
            if r.status_code == 201:
                res.created += 1
            elif r.status_code == 409 and r.json().get("error") == "slot_taken":
                res.slot_taken += 1
            elif r.status_code >= 500:
                res.server_errors += 1
            else:
                res.other_4xx += 1

        tasks = [asyncio.create_task(one(i)) for i in range(n)]
        await asyncio.sleep(0.2)
        t0 = time.perf_counter()
        start.set()
        await asyncio.gather(*tasks)
        res.seconds = time.perf_counter() - t0


async def _count_seats(database_url: str, res: RaceResult) -> None:
    """Count from the database itself, independently of the app's repositories."""
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as conn:
            rows = (await conn.execute(text(f"""
                SELECT b.station_id, b.event_date, b.slot, s.chefs,
                       count(*) AS live, count(DISTINCT b.chef_no) AS seats_used
                FROM bookings b JOIN stations s ON s.id = b.station_id
                WHERE b.status IN {LIVE}
                GROUP BY b.station_id, b.event_date, b.slot, s.chefs
                ORDER BY 1, 2, 3"""))).all()
    finally:
        await engine.dispose()
    filled: dict[tuple[str, str, str], int] = {}
    for station, day, slot, chefs, live, seats_used in rows:
        res.double_bookings += max(0, live - chefs) + (live - seats_used)
        res.live_bookings_in_db += live
        filled[(station, day.isoformat(), slot)] = live
        res.per_slot.append({"station": station, "date": day.isoformat(), "slot": slot,
                             "chefs": chefs, "live_bookings": live})
    if res.slot_taken:
        # Demand exceeds supply in every slot, so a refusal is only right when every
        # seat is really taken.
        for st, chefs in CHEFS.items():
            for d in _days():
                for s in SLOTS:
                    res.empty_seats_while_refused += max(0, chefs - filled.get((st, d.isoformat(), s), 0))


def run(requests: int, concurrency: int) -> RaceResult:
    seats = len(_days()) * len(SLOTS) * sum(CHEFS.values())
    res = RaceResult(requests=requests, concurrency=concurrency, seats=seats)
    with ServedApp("hibachi_bench_race") as app:
        asyncio.run(_fire(app.base_url, requests, concurrency, res))
        asyncio.run(_count_seats(app.database_url, res))
    return res


def render(res: RaceResult) -> str:
    return "\n".join([
        f"{'requests':<26}{res.requests} ({res.concurrency} in flight) for {res.seats} seats",
        f"{'201 created':<26}{res.created}",
        f"{'409 slot_taken':<26}{res.slot_taken}",
        f"{'other 4xx / 5xx / errors':<26}{res.other_4xx} / {res.server_errors} / {res.transport_errors}",
        f"{'live bookings in DB':<26}{res.live_bookings_in_db}",
        f"{'double-bookings':<26}{res.double_bookings}",
        f"{'empty seats, refused':<26}{res.empty_seats_while_refused}",
        f"{'wall time':<26}{res.seconds:.2f} s",
        f"{'verdict':<26}{'PASS' if res.ok else 'FAIL'}",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--json", type=Path, help="also write the result as JSON here")
    args = parser.parse_args()
    res = run(args.requests, args.concurrency)
    print(render(res))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({**asdict(res), "ok": res.ok}, indent=2) + "\n")
    sys.exit(0 if res.ok else 1)


if __name__ == "__main__":
    main()
