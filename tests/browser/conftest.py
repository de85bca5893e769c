"""Browser tests: the real app served by uvicorn on a loopback port (own thread, own
event loop, the test database, the outbox worker running), the loopback Twilio API,
and Playwright driving Debian's Chromium (installed here with apt-get when missing)."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from core.config import Settings
from core.repositories.users import UserRepository
from core.services.auth import create_user
from tests.conftest import ADMIN_TOKEN, TEST_DATA
from tests.fakes.credentials import TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER
from tests.fakes.twilio_server import FakeTwilio, twilio_signature
from webhooks.container import Container

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "password123"


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium; installed with apt-get on a machine that lacks it (CI)."""
    if not os.path.exists(CHROMIUM):
        apt = shutil.which("apt-get")
        if apt is None:
            pytest.skip("no /usr/bin/chromium and no apt-get to install it")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run([apt, "update", "-q"], check=True, env=env, capture_output=True)
        subprocess.run(
            [apt, "install", "-y", "-q", "chromium", "chromium-driver"],
            check=True, env=env, capture_output=True,
        )
    return CHROMIUM


@dataclass
class LiveServer:
    url: str
    twilio: FakeTwilio
    thread: threading.Thread
    server: Any = None
    loop: asyncio.AbstractEventLoop | None = None
    error: list[BaseException] = field(default_factory=list)
    _sid: int = 0

    async def sms(self, text: str, sender: str) -> httpx.Response:
        """An inbound SMS, posted and signed the way Twilio does it."""
        self._sid += 1
        form = {
            "MessageSid": f"SMbrowser{os.getpid()}{self._sid:08d}",
            "AccountSid": TWILIO_ACCOUNT_SID,
            "From": sender,
            "To": TWILIO_FROM_NUMBER,
            "Body": text,
            "NumMedia": "0",
        }
        url = f"{self.url}/webhooks/twilio/sms"
        sig = twilio_signature(TWILIO_AUTH_TOKEN, url, form)
        async with httpx.AsyncClient() as http:
            return await http.post(url, data=form, headers={"X-Twilio-Signature": sig})


def _serve(live: LiveServer, sock: socket.socket, database_url: str) -> None:
    import uvicorn

    from webhooks.app import create_app

    async def main() -> None:
        live.loop = asyncio.get_running_loop()
        await live.twilio.start()
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            database_url=database_url,
            public_base_url=live.url,
            hibachi_admin_token=SecretStr(ADMIN_TOKEN),
            hibachi_data_dir=TEST_DATA,
            twilio_account_sid=TWILIO_ACCOUNT_SID,
            twilio_auth_token=SecretStr(TWILIO_AUTH_TOKEN),
            twilio_from_number=TWILIO_FROM_NUMBER,
            twilio_api_base=live.twilio.base_url,
        )
        config = uvicorn.Config(
            create_app(settings), log_level="warning", http="h11", ws="none",
            loop="asyncio", lifespan="on", timeout_graceful_shutdown=2,
        )
        live.server = uvicorn.Server(config)
        try:
            await live.server.serve(sockets=[sock])
        finally:
            await live.twilio.close()

    try:
        asyncio.run(main())
    except BaseException as exc:  # reported to the test thread, never swallowed
        live.error.append(exc)


@pytest.fixture(scope="module")
def live_server(database_url: str, container: Container) -> Iterator[LiveServer]:
    """The app on 127.0.0.1:<free port>, as `make run` serves it (one per module).

    Module scope, not session: its outbox worker and housekeeping run against the test
    database and would take other tests' outbox rows if it outlived these tests."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    live = LiveServer(f"http://127.0.0.1:{port}", FakeTwilio(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN), threading.Thread())
    live.thread = threading.Thread(
        target=_serve, args=(live, sock, database_url), name="live-server", daemon=True
    )
    live.thread.start()
    deadline = time.monotonic() + 120
    while not (live.server is not None and live.server.started):
        if live.error:
            raise live.error[0]
        assert live.thread.is_alive() and time.monotonic() < deadline, "the live server did not start"
        time.sleep(0.05)
    yield live
    live.server.should_exit = True
    live.thread.join(30)
    sock.close()


@pytest.fixture(scope="session")
async def browser(chromium: str) -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        b = await pw.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-background-networking"]
        )
        yield b
        await b.close()


@pytest.fixture
async def page(browser: Any, live_server: LiveServer, db: Container) -> AsyncIterator[Any]:
    """A fresh browser context (own cookies) on a clean database; fails the test on any
    JavaScript dialog (an alert would mean a customer's script ran)."""
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    pg = await context.new_page()
    pg.set_default_timeout(8000)
    dialogs: list[str] = []
    errors: list[str] = []

    async def on_dialog(d: Any) -> None:
        dialogs.append(d.message)
        await d.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.dialogs = dialogs
    yield pg
    await context.close()
    assert not errors, errors


async def make_user(c: Container, email: str, role: str) -> str:
    async with c.uow() as uow:
        await create_user(UserRepository(uow.session), email, email.split("@")[0].title(), PASSWORD, role)
        await uow.commit()
    return email


async def log_in(page: Any, live: LiveServer, email: str, then: str = "/staff") -> None:
    await page.goto(f"{live.url}{then}")
    assert "/login" in page.url  # anonymous: sent to the login page first
    await page.fill("input[name=email]", email)
    await page.fill("input[name=password]", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_url(f"{live.url}{then}")
