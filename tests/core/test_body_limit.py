"""CONTRACT: "Request bodies over 64 KiB get 413" — JSON, on every route, whether the
client sends Content-Length or streams the body chunked (no length up front)."""

from __future__ import annotations

import asyncio
import re
import socket
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from webhooks.app import create_app
from webhooks.container import Container

CHUNK = 8 * 1024
OVERSIZED = b'{"text": "' + b"a" * (70 * 1024) + b'"}'  # 70 KiB of otherwise valid JSON
NAMED = {"/api/chat", "/api/quote", "/api/faqs", "/api/bookings"}


async def chunked(body: bytes) -> AsyncIterator[bytes]:
    """A body httpx cannot size: sent with Transfer-Encoding: chunked."""
    for i in range(0, len(body), CHUNK):
        yield body[i : i + CHUNK]


def body_routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path) of every documented operation that takes a request body."""
    out = []
    for path, ops in app.openapi()["paths"].items():
        concrete = re.sub(r"\{[^}]+\}", lambda _: str(uuid.uuid4()), path)
        out += [(method.upper(), concrete) for method, op in ops.items() if "requestBody" in op]
    return out


@pytest.fixture
async def asgi(db: Container) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    app = create_app(db.settings, container=db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield app, c


def _assert_413(r: httpx.Response, where: Any) -> None:
    assert r.status_code == 413, (where, r.status_code, r.text)
    assert r.json() == {"error": "too_large", "message": "Request bodies are limited to 64 KiB."}, where


async def test_chunked_oversized_body_is_413_json_on_every_body_route(
    asgi: tuple[FastAPI, httpx.AsyncClient], admin_headers: dict[str, str]
) -> None:
    app, client = asgi
    routes = body_routes(app)
    assert {path for _, path in routes} >= NAMED
    headers = {**admin_headers, "Content-Type": "application/json"}
    for method, path in routes:
        r = await client.request(method, path, content=chunked(OVERSIZED), headers=headers)
        assert "content-length" not in {k.lower() for k in r.request.headers}
        _assert_413(r, (method, path))


@pytest.mark.parametrize("path", sorted(NAMED))
async def test_oversized_body_with_content_length_is_413_json(
    asgi: tuple[FastAPI, httpx.AsyncClient], admin_headers: dict[str, str], path: str
) -> None:
    _, client = asgi
    r = await client.post(path, content=OVERSIZED, headers={**admin_headers, "Content-Type": "application/json"})
    _assert_413(r, path)


async def test_chunked_body_under_the_limit_is_read_as_usual(asgi: tuple[FastAPI, httpx.AsyncClient]) -> None:
    _, client = asgi
    body = b'{"adults": 10, "kids": 0, "zip": "95112"' + b" " * (60 * 1024) + b"}"
    r = await client.post("/api/quote", content=chunked(body), headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    assert r.json()["total_cents"] > 0


async def test_chunked_oversized_body_through_real_uvicorn(db: Container) -> None:
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(db.settings, container=db), log_level="warning", http="h11", ws="none",
        lifespan="off", timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:
            assert not task.done(), "uvicorn did not start"
            await asyncio.sleep(0.02)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            r = await http.post(
                "/api/chat", content=chunked(OVERSIZED), headers={"Content-Type": "application/json"}
            )
        assert r.request.headers.get("transfer-encoding") == "chunked"
        _assert_413(r, "uvicorn /api/chat")
    finally:
        server.should_exit = True
        await task
        sock.close()
