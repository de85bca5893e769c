"""Schemathesis against the served app's own OpenAPI schema: every operation, valid
and invalid inputs, with and without the staff token. A 5xx is a bug (CONTRACT.md),
and every 4xx must be the contract's JSON error `{"error", "message"}`.

NUL characters (U+0000) are probed separately, endpoint by endpoint, in
`test_nul_character_is_not_a_5xx`: PostgreSQL text cannot hold them, so they are
stripped from request bodies and refused (400 `bad_text`) in query strings and forms."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.config import SchemathesisConfig
from schemathesis.core.result import Ok
from schemathesis.generation import GenerationMode

from bench._server import ServedApp
from tests.reliability.conftest import examples, heavy

MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
# Streams never finish by design; they are not JSON operations.
STREAMS = {"/api/staff/events"}


def _operations(base_url: str) -> list[Any]:
    raw = httpx.get(base_url + "/openapi.json", timeout=30).json()
    # No U+0000 in generated strings: covered per endpoint by the NUL test below.
    config = SchemathesisConfig.from_dict({"generation": {"allow-x00": False}})
    schema = schemathesis.openapi.from_dict(raw, config=config)
    ops = [r.ok() for r in schema.get_all_operations() if isinstance(r, Ok)]
    ops = [op for op in ops if op.path not in STREAMS]
    assert len(ops) >= 10, "the schema lost its operations"
    return ops


def _faq_ids(http: httpx.Client) -> set[str]:
    ids: set[str] = set()
    for station in ("sj", "sac"):
        cursor = None
        while True:
            page = http.get("/api/faqs", params={"station": station, "limit": 500,
                                                 **({"cursor": cursor} if cursor else {})}).json()
            ids |= {item["id"] for item in page["items"]}
            cursor = page["next_cursor"]
            if not cursor:
                break
    return ids


@pytest.fixture
def restore_faqs(served: ServedApp, staff_headers: dict[str, str]) -> Iterator[None]:
    """Delete the FAQ entries fuzzing created, so later tests meet the demo FAQ (a
    fuzzed answer would otherwise become the bot's reply to their questions)."""
    with httpx.Client(base_url=served.base_url, headers=staff_headers, timeout=30) as http:
        before = _faq_ids(http)
        yield
        for entry in _faq_ids(http) - before:
            assert http.delete(f"/api/faqs/{entry}").status_code < 300


def _check(response: Any, label: str) -> None:
    status = response.status_code
    assert status < 500, f"{label} -> {status}: {response.text[:300]}"
    content_type = (response.headers.get("content-type") or [""])[0]  # lowercase keys, list values
    if 400 <= status < 500 and content_type.startswith("application/json"):
        body = response.json()
        assert isinstance(body, dict) and {"error", "message"} <= set(body), (
            f"{label} -> {status} without the JSON error shape: {response.text[:300]}"
        )


def _fuzz(op: Any, mode: GenerationMode, base_url: str, headers: dict[str, str], label: str) -> None:
    @settings(
        max_examples=examples(6, 60),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=op.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        _check(case.call(base_url=base_url, headers=headers, timeout=20), label)

    run()


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.value)
@pytest.mark.parametrize(
    "authenticated",
    [True, pytest.param(False, marks=heavy)],  # anonymous callers mostly meet the 401 gate
    ids=["staff", "anonymous"],
)
@pytest.mark.usefixtures("restore_faqs")
def test_no_5xx_from_any_operation(
    served: ServedApp, staff_headers: dict[str, str], mode: GenerationMode, authenticated: bool
) -> None:
    headers = staff_headers if authenticated else {}
    failures: list[str] = []
    for op in _operations(served.base_url):
        label = f"{op.method.upper()} {op.path}"
        try:
            _fuzz(op, mode, served.base_url, headers, label)
        except Unsatisfiable:
            continue  # nothing to vary in this mode (e.g. no parameters to break)
        except Exception as exc:  # a failed check, or the server stopped answering
            failures.append(f"{label}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
    assert not failures, "\n".join(failures)
    # The server survived the barrage.
    assert httpx.get(served.base_url + "/healthz", timeout=10).json()["status"] == "ok"



NUL = "a\x00b"


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        pytest.param("POST", "/api/chat", {"json": {"text": NUL}}, id="chat-text"),
        pytest.param("POST", "/api/chat", {"json": {"text": "hi", "message_id": NUL}}, id="chat-message-id"),
        pytest.param("POST", "/api/faqs", {"json": {"question": NUL, "answer": NUL}}, id="faq-create"),
        pytest.param("POST", "/api/bookings", {"json": {
            "adults": 10, "kids": 0, "zip": "95112", "date": "2030-01-10", "time": "18:00",
            "address": NUL, "customer": {"name": NUL, "phone": "+14085551234"}}}, id="booking-address"),
        pytest.param("GET", "/api/leads", {"params": {"email": NUL}},
                     id="leads-email"),
        pytest.param("POST", "/login", {"data": {"email": NUL, "password": NUL}}, id="login"),
        pytest.param("POST", "/api/nlu/parse", {"json": {"text": NUL}}, id="nlu-parse"),
        pytest.param("POST", "/api/faqs/search", {"json": {"q": NUL}}, id="faq-search"),
        pytest.param("GET", "/api/bookings", {"params": {"phone": NUL}}, id="bookings-phone"),
    ],
)
def test_nul_character_is_not_a_5xx(
    served: ServedApp, staff_headers: dict[str, str], method: str, path: str,
    kwargs: dict[str, Any],
) -> None:
    # A fresh connection each time: after a 500 the server drops the keep-alive one.
    headers = {**staff_headers, "Connection": "close"}
    r = httpx.request(method, served.base_url + path, headers=headers, timeout=20, **kwargs)
    assert r.status_code < 500, f"{method} {path} -> {r.status_code}"
