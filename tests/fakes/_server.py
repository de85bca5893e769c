"""A tiny aiohttp server on 127.0.0.1, port chosen by the OS, for provider fakes."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self

from aiohttp import web


@dataclass
class RecordedRequest:
    """What a fake received: method, path, form or JSON body fields, headers."""

    method: str
    path: str
    form: dict[str, str]
    headers: dict[str, str] = field(default_factory=dict)
    json: Any = None


class LoopbackServer:
    """Base: subclasses add routes in ``_routes``; ``base_url`` is valid after ``start``."""

    def __init__(self) -> None:
        self.app = web.Application()
        self._routes(self.app)
        self.received: list[RecordedRequest] = []
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    def _routes(self, app: web.Application) -> None:
        raise NotImplementedError

    async def start(self) -> Self:
        """Listen on 127.0.0.1 on a free port (call inside the test's event loop)."""
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}"
        return self

    async def close(self) -> None:
        """Stop listening and close open connections."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()


async def read_fields(request: web.Request) -> dict[str, str]:
    """Form fields (urlencoded or multipart) as str -> str; repeated keys keep the last."""
    data = await request.post()
    return {key: value if isinstance(value, str) else str(value) for key, value in data.items()}
