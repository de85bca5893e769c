"""SMS turn throughput and latency over the real wire, against a bare baseline.

Starts the product as `make run` would (`hibachi serve`, embedded PostgreSQL on a
private database, a loopback Twilio API for anything the outbox sends), then drives N
concurrent simulated customers over signed Twilio webhooks through a realistic mix:
a greeting, a quote, an FAQ question and a booking (date and time, contact details,
confirmation). Each customer waits for its TwiML before sending the next message
(closed loop, no think time) and starts over as a new customer after booking.
A second run on the same server paces the same customers like people typing (a
1-3 s pause before each next message) for latency at a realistic load. Then the same
closed-loop client drives `bench.bare_app` (the same form parsed, TwiML returned, same
uvicorn set-up) and reports the throughput ratio.

    python -m bench.turns                         # 20 customers, 20 s each side
    python -m bench.turns --customers 20 --seconds 30 --json out.json
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import platform
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
from twilio.request_validator import RequestValidator

from bench._server import (
    DEFAULT_DATA,
    ServedApp,
    cpu_seconds,
    postgres_pids,
    python_argv,
    rss_mb,
)

# Fake credentials (the loopback Twilio API accepts them; nothing leaves the machine).
ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
AUTH_TOKEN = "bench-twilio-auth-token"
FROM_NUMBER = "+15005550006"
SMS_PATH = "/webhooks/twilio/sms"

FAQ_QUESTIONS = [
    "do you bring your own grill?",
    "are you vegetarian friendly?",
    "what if it rains?",
    "how long does the show last?",
    "do you do gluten free?",
    "is there a deposit?",
]
NAMES = ["Tom Nguyen", "Ana Lopez", "Raj Patel", "Mei Chen", "Sam Okafor", "Lena Fischer"]
STREETS = ["El Camino Real", "Oak St", "Stevens Creek Blvd", "Alameda Ave", "Park Ave"]
ZIPS = ["95112", "95050", "95125", "94087", "95008"]


KINDS = ["greeting", "quote", "faq", "booking: date", "booking: contact", "booking: confirm"]


def conversation(rng: random.Random, phone: str) -> list[str]:
    """One customer's messages: greeting, quote, FAQ question, booking to the end."""
    adults, kids, zip_code = rng.randint(10, 30), rng.randint(0, 5), rng.choice(ZIPS)
    day = datetime.now(ZoneInfo("America/Los_Angeles")).date() + timedelta(days=rng.randint(7, 170))
    name = rng.choice(NAMES)
    address = f"{rng.randint(10, 9999)} {rng.choice(STREETS)}, San Jose"
    return [
        rng.choice(["hi", "hello!", "hey there"]),
        f"how much for {adults} adults and {kids} kids in {zip_code}?",
        rng.choice(FAQ_QUESTIONS),
        f"I'd like to book {day.strftime('%B %d')} at {rng.choice(['6pm', '3pm', '12pm'])}",
        f"{name}, {address}, {phone[2:5]}-{phone[5:8]}-{phone[8:]}, no email",
        "yes",
    ]


class SmsClient:
    """Signed Twilio webhook POSTs, as Twilio sends them."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str, auth_token: str = AUTH_TOKEN) -> None:
        self.session = session
        self.url = base_url.rstrip("/") + SMS_PATH
        self.validator = RequestValidator(auth_token)

    async def send(self, sender: str, text: str, sid: str) -> tuple[int, bytes]:
        form = {"MessageSid": sid, "AccountSid": ACCOUNT_SID, "From": sender,
                "To": FROM_NUMBER, "Body": text, "NumMedia": "0"}
        headers = {"X-Twilio-Signature": self.validator.compute_signature(self.url, form)}
        async with self.session.post(self.url, data=form, headers=headers) as r:
            return r.status, await r.read()


@dataclass
class Run:
    """What one side of the benchmark measured."""

    customers: int
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    server_errors: int = 0
    other_errors: int = 0
    empty_replies: int = 0
    conversations: int = 0
    rss_mb_start: float = 0.0
    rss_mb_peak: float = 0.0
    server_cpu_s: float = 0.0
    db_cpu_s: float = 0.0
    client_cpu_s: float = 0.0
    by_kind: dict[str, list[float]] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        lat = sorted(self.latencies_ms)
        q = statistics.quantiles(lat, n=100) if len(lat) > 1 else [0.0] * 99
        per_turn = 1000 / len(lat) if lat else 0.0
        return {
            "customers": self.customers,
            "turns": len(lat),
            "seconds": round(self.seconds, 2),
            "turns_per_s": round(len(lat) / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(statistics.median(lat), 1) if lat else 0.0,
            "p90_ms": round(q[89], 1),
            "p99_ms": round(q[98], 1),
            "max_ms": round(lat[-1], 1) if lat else 0.0,
            "server_errors": self.server_errors,
            "other_errors": self.other_errors,
            "empty_replies": self.empty_replies,
            "conversations_completed": self.conversations,
            "server_rss_mb_start": round(self.rss_mb_start, 1),
            "server_rss_mb_peak": round(self.rss_mb_peak, 1),
            "server_cpu_ms_per_turn": round(self.server_cpu_s * per_turn, 2),
            "db_cpu_ms_per_turn": round(self.db_cpu_s * per_turn, 2),
            "client_cpu_ms_per_turn": round(self.client_cpu_s * per_turn, 2),
            "by_kind_ms": {
                kind: {"n": len(v), "p50": round(statistics.median(v), 1),
                       "p99": round(statistics.quantiles(v, n=100)[98], 1) if len(v) > 1 else v[0]}
                for kind, v in self.by_kind.items() if v
            },
        }


async def drive(base_url: str, pid: int, customers: int, seconds: float, warmup: float,
                seed: int = 7, db_dir: Path | None = None,
                think: tuple[float, float] | None = None) -> Run:
    """N customers for `warmup` + `seconds`; only turns started in the last `seconds`
    count. Closed loop (next message as soon as the reply arrives) unless `think` gives
    a (min, max) pause in seconds, uniform, before each next message — people typing.
    CPU time of the server process (and of the PostgreSQL in `db_dir`) is measured over
    the same window."""
    run = Run(customers)
    numbers = itertools.count(2_000_000 + random.Random(seed).randint(0, 1_000_000))
    connector = aiohttp.TCPConnector(limit=customers)
    t_start = time.perf_counter()
    t_measure = t_start + warmup
    t_end = t_measure + seconds

    async def customer(i: int, client: SmsClient) -> None:
        rng = random.Random(seed * 1000 + i)
        while time.perf_counter() < t_end:
            phone = f"+1408{next(numbers) % 8_000_000 + 2_000_000:07d}"
            for kind, text in zip(KINDS, conversation(rng, phone), strict=True):
                t0 = time.perf_counter()
                if t0 >= t_end:
                    return
                try:
                    status, body = await client.send(phone, text, "SM" + os.urandom(16).hex())
                except aiohttp.ClientError:
                    run.other_errors += 1
                    continue
                t1 = time.perf_counter()
                if think is not None:
                    await asyncio.sleep(rng.uniform(*think))
                if t0 < t_measure:
                    continue
                if status >= 500:
                    run.server_errors += 1
                elif status != 200:
                    run.other_errors += 1
                else:
                    run.latencies_ms.append((t1 - t0) * 1000)
                    run.by_kind.setdefault(kind, []).append((t1 - t0) * 1000)
                    run.empty_replies += b"<Message" not in body
            else:
                run.conversations += 1

    async def sample_rss() -> None:
        while True:
            run.rss_mb_peak = max(run.rss_mb_peak, rss_mb(pid))
            await asyncio.sleep(0.5)

    def db_cpu() -> float:
        return sum(cpu_seconds(p) for p in postgres_pids(db_dir)) if db_dir else 0.0

    async def sample_cpu() -> None:
        await asyncio.sleep(t_measure - time.perf_counter())
        server0, db0, client0 = cpu_seconds(pid), db_cpu(), time.process_time()
        await asyncio.sleep(t_end - time.perf_counter())
        run.server_cpu_s, run.db_cpu_s = cpu_seconds(pid) - server0, db_cpu() - db0
        run.client_cpu_s = time.process_time() - client0

    run.rss_mb_start = rss_mb(pid)
    async with aiohttp.ClientSession(connector=connector) as session:
        client = SmsClient(session, base_url)
        sampler = asyncio.create_task(sample_rss())
        cpu = asyncio.create_task(sample_cpu())
        await asyncio.gather(*(customer(i, client) for i in range(customers)))
        await cpu
        sampler.cancel()
    run.seconds = seconds  # the turns counted are those started inside the window
    return run


def _twilio_env(api_base: str) -> dict[str, str]:
    return {"TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "TWILIO_FROM_NUMBER": FROM_NUMBER, "TWILIO_API_BASE": api_base}


async def _with_fake_twilio(coro_fn: Any) -> Any:
    """Run `coro_fn(api_base)` with the loopback Twilio API listening."""
    from tests.fakes.twilio_server import FakeTwilio

    async with FakeTwilio(ACCOUNT_SID, AUTH_TOKEN) as fake:
        return await coro_fn(fake.base_url)


def measure(customers: int, seconds: float, warmup: float, data_dir: Path,
            think: tuple[float, float]) -> dict[str, Any]:
    async def both(api_base: str) -> dict[str, Any]:
        app = ServedApp("hibachi_bench_turns", data_dir=data_dir, env=_twilio_env(api_base))
        await asyncio.to_thread(app.start)
        try:
            product = await drive(app.base_url, app.pid, customers, seconds, warmup,
                                  db_dir=app.data_dir)
            paced = await drive(app.base_url, app.pid, customers, seconds, warmup,
                                db_dir=app.data_dir, think=think, seed=11)
        finally:
            await asyncio.to_thread(app.stop)
        bare_app = ServedApp("bare", data_dir=data_dir, argv=python_argv("bench.bare_app"),
                             needs_db=False)
        await asyncio.to_thread(bare_app.start)
        try:
            bare = await drive(bare_app.base_url, bare_app.pid, customers, seconds, warmup)
        finally:
            await asyncio.to_thread(bare_app.stop)
        return {"product": product.summary(), "bare": bare.summary(),
                "product_paced": paced.summary()}

    load_before = os.getloadavg()
    out: dict[str, Any] = asyncio.run(_with_fake_twilio(both))
    ratio = out["product"]["turns_per_s"] / max(out["bare"]["turns_per_s"], 1e-9)
    out["ratio"] = round(ratio, 3)
    out["targets"] = {
        "throughput_ratio_ge_0.25": ratio >= 0.25,
        "p99_lt_100ms_closed_loop": out["product"]["p99_ms"] < 100,
        "p99_lt_100ms_paced": out["product_paced"]["p99_ms"] < 100,
        "no_5xx": all(out[k]["server_errors"] == 0 for k in ("product", "product_paced", "bare")),
    }
    out["machine"] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "at": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    out["settings"] = {"customers": customers, "seconds": seconds, "warmup": warmup,
                       "product/bare": "closed loop, no think time",
                       "product_paced": f"think time uniform {think[0]}-{think[1]} s"}
    return out


def render(out: dict[str, Any]) -> str:
    p, q, b = out["product"], out["product_paced"], out["bare"]

    def row(label: str, key: str) -> tuple[str, object, object, object]:
        return (label, p[key], q[key], b[key])

    def both(k1: str, k2: str) -> tuple[str, str, str]:
        a, c, d = (f"{r[k1]} / {r[k2]}" for r in (p, q, b))
        return a, c, d

    rows: list[tuple[str, object, object, object]] = [
        ("", "product", "product paced", "bare FastAPI"),
        row("concurrent customers", "customers"),
        row("turns (requests)", "turns"),
        row("turns/s", "turns_per_s"),
        row("p50 ms", "p50_ms"),
        row("p90 ms", "p90_ms"),
        row("p99 ms", "p99_ms"),
        ("5xx / other errors", *both("server_errors", "other_errors")),
        row("replies without <Message>", "empty_replies"),
        row("CPU ms/turn: server", "server_cpu_ms_per_turn"),
        ("CPU ms/turn: PostgreSQL", p["db_cpu_ms_per_turn"], q["db_cpu_ms_per_turn"], "-"),
        row("CPU ms/turn: bench client", "client_cpu_ms_per_turn"),
        ("server RSS MiB start/peak", *both("server_rss_mb_start", "server_rss_mb_peak")),
    ]
    lines = [f"{a:<27}{x!s:>15}{y!s:>15}{z!s:>15}" for a, x, y, z in rows]
    lines.append(f"{'throughput ratio':<27}{out['ratio']:>15}")
    lines.append("product p50/p99 ms by message kind (closed loop | paced):")
    for kind in KINDS:
        a, c = (r["by_kind_ms"].get(kind, {"p50": "-", "p99": "-"}) for r in (p, q))
        lines.append(f"  {kind:<25}{a['p50']:>8} /{a['p99']:>7}  |{c['p50']:>7} /{c['p99']:>7}")
    lines.append("targets: " + ", ".join(f"{k}={'PASS' if v else 'FAIL'}" for k, v in out["targets"].items()))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"),
                        help="pause before each next message in the paced run, seconds")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path, help="also write the result as JSON here")
    args = parser.parse_args()
    out = measure(args.customers, args.seconds, args.warmup, args.data_dir, tuple(args.think))
    print(render(out))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2) + "\n")
    sys.exit(0 if out["targets"]["no_5xx"] else 1)


if __name__ == "__main__":
    main()
