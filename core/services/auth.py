"""Staff authentication: argon2 passwords, hashed personal tokens, role checks."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core.errors import Forbidden, InvalidContact, RateLimited, Unauthorized
from core.models import ApiToken, User
from core.repositories.users import UserRepository

ROLES = ("staff", "admin")
SESSION_TTL = timedelta(hours=12)
MAX_FAILED_LOGINS = 5
LOGIN_WINDOW = timedelta(minutes=15)

_hasher = PasswordHasher()


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: uuid.UUID | None  # None for the bootstrap admin token
    email: str
    role: str

    def require(self, role: str) -> None:
        if ROLES.index(self.role) < ROLES.index(role):
            raise Forbidden(f"This needs the {role} role.")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_user(
    repo: UserRepository, email: str, name: str, password: str, role: str
) -> User:
    if role not in ROLES:
        raise InvalidContact(f"Role must be one of {', '.join(ROLES)}.")
    if len(password) < 8:
        raise InvalidContact("Passwords need at least 8 characters.")
    if await repo.by_email(email):
        raise InvalidContact(f"A user with email {email} already exists.")
    return await repo.add(
        User(email=email.lower(), name=name, password_hash=_hasher.hash(password), role=role)
    )


async def issue_token(repo: UserRepository, user: User, kind: str, name: str = "") -> str:
    token = secrets.token_urlsafe(32)
    expires = datetime.now().astimezone() + SESSION_TTL if kind == "session" else None
    await repo.add_token(
        ApiToken(
            user_id=user.id, token_hash=hash_token(token), kind=kind, name=name, expires_at=expires
        )
    )
    return token


async def login(repo: UserRepository, email: str, password: str, client_key: str) -> User:
    """Check a password, rate-limited per email and per client address."""
    now = datetime.now().astimezone()
    keys = (f"email:{email.lower()}", f"ip:{client_key}")
    for key in keys:
        if await repo.failed_logins_since(key, now - LOGIN_WINDOW) >= MAX_FAILED_LOGINS:
            raise RateLimited("Too many failed logins; try again in a few minutes.")
    user = await repo.by_email(email)
    ok = False
    if user is not None and user.active:
        try:
            ok = _hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False
    for key in keys:
        await repo.record_login(key, ok)
    if not ok or user is None:
        raise Unauthorized("Wrong email or password.")
    return user


async def logout(repo: UserRepository, token: str | None) -> None:
    """End a browser session (its token stops working at once)."""
    if token:
        await repo.delete_token(hash_token(token))


async def authenticate(
    repo: UserRepository, token: str | None, admin_token: str | None
) -> Principal:
    if not token:
        raise Unauthorized("Sign in or send an Authorization: Bearer token.")
    if admin_token and hmac.compare_digest(token.encode(), admin_token.encode()):
        return Principal(None, "bootstrap-admin", "admin")
    user = await repo.user_for_token(hash_token(token), datetime.now().astimezone())
    if user is None:
        raise Unauthorized("That token is not valid.")
    return Principal(user.id, user.email, user.role)
