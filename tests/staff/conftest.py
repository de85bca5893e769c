"""Staff users with tokens, and the provider-wired container of tests/providers."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

from core.repositories.users import UserRepository
from core.services.auth import create_user, issue_token
from tests.providers.conftest import Wired, wired
from webhooks.container import Container

__all__ = ["Person", "Wired", "wired"]


@dataclass
class Person:
    email: str
    token: str
    role: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


async def make_person(c: Container, email: str, role: str = "staff", name: str = "") -> Person:
    async with c.uow() as uow:
        repo = UserRepository(uow.session)
        user = await create_user(repo, email, name or email.split("@")[0].title(), "password123", role)
        token = await issue_token(repo, user, "api")
        await uow.commit()
    return Person(email, token, role)


@pytest.fixture
async def ana(db: Container) -> Person:
    return await make_person(db, "ana@example.com", "staff", "Ana")


@pytest.fixture
async def ben(db: Container) -> Person:
    return await make_person(db, "ben@example.com", "staff", "Ben")


@pytest.fixture
async def boss(db: Container) -> Person:
    return await make_person(db, "boss@example.com", "admin", "Boss")


async def chat(client: httpx.AsyncClient, text: str, session_id: str | None) -> tuple[str, list[str]]:
    """One web-chat turn; the session id and the bot's reply texts."""
    r = await client.post("/api/chat", json={"session_id": session_id, "text": text})
    assert r.status_code == 200, r.text
    body = r.json()
    return body["session_id"], [x["text"] for x in body["replies"]]
