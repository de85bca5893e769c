"""Reliability fixtures: the product served as `make run` serves it (a child process on
a private database of the test PostgreSQL), provider fakes on loopback threads, and
a switch between the quick `make test` budget and the heavy `make reliability` run.

`HIBACHI_RELIABILITY=1` (set by `make reliability`) turns on the heavy tests and
raises the example counts."""

from __future__ import annotations

import asyncio
import os
import re
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

import httpx
import pytest

from bench._server import ADMIN_TOKEN, ServedApp
from tests.fakes._server import LoopbackServer
from tests.fakes.credentials import TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER
from tests.fakes.twilio_server import FakeTwilio, twilio_signature

FULL = os.environ.get("HIBACHI_RELIABILITY") == "1"
TEST_DATA = Path(__file__).resolve().parents[2] / ".data" / "test"
DB_PREFIX = os.environ.get("HIBACHI_TEST_DB", "hibachi_test")
SMS_PATH = "/webhooks/twilio/sms"

heavy = pytest.mark.skipif(not FULL, reason="heavy: runs under `make reliability`")


def examples(quick: int, full: int) -> int:
    """Hypothesis example count: `quick` inside `make test`, `full` in `make reliability`."""
    return full if FULL else quick


class ThreadedFake:
    """Run a loopback fake on its own event loop in a daemon thread, so synchronous
    tests (and a server in another process) can talk to it."""

    def __init__(self, server: LoopbackServer) -> None:
        self.server = server
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> LoopbackServer:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.server.start(), self.loop).result(10)
        return self.server

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.server.close(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


def metric_sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample in Prometheus text format (0 when absent)."""
    for line in text.splitlines():
        if not line.startswith(name + "{"):
            continue
        got = dict(re.findall(r'(\w+)="([^"]*)"', line[: line.rindex("}")]))
        if all(got.get(k) == v for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def twilio_env(fake: FakeTwilio) -> dict[str, str]:
    return {
        "TWILIO_ACCOUNT_SID": TWILIO_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_AUTH_TOKEN,
        "TWILIO_FROM_NUMBER": TWILIO_FROM_NUMBER,
        "TWILIO_API_BASE": fake.base_url,
    }


def served_app(name: str, env: Mapping[str, str]) -> ServedApp:
    """A served app on its own database `<HIBACHI_TEST_DB>_<name>` of the test server."""
    return ServedApp(f"{DB_PREFIX}_{name}", data_dir=TEST_DATA, env=env)


def signed_sms(base_url: str, form: Mapping[str, str]) -> dict[str, str]:
    """Headers for a Twilio webhook POST of `form` (signature over PUBLIC_BASE_URL + path)."""
    return {"X-Twilio-Signature": twilio_signature(TWILIO_AUTH_TOKEN, base_url + SMS_PATH, form)}


def sms_form(sender: str, body: str, sid: str) -> dict[str, str]:
    return {
        "MessageSid": sid,
        "AccountSid": TWILIO_ACCOUNT_SID,
        "From": sender,
        "To": TWILIO_FROM_NUMBER,
        "Body": body,
        "NumMedia": "0",
    }


@pytest.fixture(scope="session")
def twilio_thread() -> Iterator[FakeTwilio]:
    fake = FakeTwilio(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)
    with ThreadedFake(fake):
        yield fake


@pytest.fixture(scope="session")
def served(twilio_thread: FakeTwilio) -> Iterator[ServedApp]:
    """One served app for the read-mostly reliability tests (fuzzing, replays)."""
    with served_app("served", twilio_env(twilio_thread)) as app:
        yield app


@pytest.fixture
def http(served: ServedApp) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served.base_url, timeout=30) as client:
        yield client


@pytest.fixture
def staff_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {ADMIN_TOKEN}"}
