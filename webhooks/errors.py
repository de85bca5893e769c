"""JSON errors: `{"error": code, "message": text}`, always 4xx for bad input."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.errors import DomainError

log = logging.getLogger(__name__)
MAX_BODY = 64 * 1024
TOO_LARGE = "Request bodies are limited to 64 KiB."


def error_response(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status_code=status)


# character_not_in_repertoire (U+0000), untranslatable_character
BAD_TEXT_SQLSTATES = {"22021", "22P05"}


def _sqlstate(exc: BaseException) -> str | None:
    """The PostgreSQL SQLSTATE somewhere in the exception's cause chain."""
    seen: BaseException | None = exc
    while seen is not None:
        state = getattr(seen, "sqlstate", None)
        if isinstance(state, str):
            return state
        seen = getattr(seen, "orig", None) or seen.__cause__
    return None


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        msg = first.get("msg", "Invalid request.")
        return error_response(422, "invalid_request", f"{where}: {msg}" if where else msg)

    @app.exception_handler(DBAPIError)
    async def _db(_: Request, exc: DBAPIError) -> JSONResponse:
        # Text PostgreSQL cannot store (U+0000 in a query parameter or form field) is the
        # caller's bad input; anything else is our bug and stays a 500.
        if _sqlstate(exc) in BAD_TEXT_SQLSTATES:
            return error_response(400, "bad_text", "The text contains characters that cannot be stored.")
        raise exc

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {
            401: "unauthorized",
            403: "forbidden",
            404: "not_found",
            405: "method_not_allowed",
            413: "too_large",
        }
        return error_response(exc.status_code, codes.get(exc.status_code, "error"), str(exc.detail))


class BodyLimit:
    """Refuse request bodies over 64 KiB with 413, before any handler reads them."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                await self._reject(scope, receive, send)
                return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return msg

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await self._reject(scope, receive, send)

    @staticmethod
    async def _reject(scope: Scope, receive: Receive, send: Send) -> None:
        resp = error_response(413, "too_large", TOO_LARGE)
        await resp(scope, receive, send)


class _TooLarge(StarletteHTTPException):
    """Raised from ``receive`` when a streamed body passes the limit.

    An HTTPException because FastAPI's body parsing re-raises those and turns any other
    exception into a 400 "error parsing the body"; the HTTPException handler above then
    answers the 413 JSON. ``BodyLimit`` still catches it for code outside FastAPI's
    exception handling."""

    def __init__(self) -> None:
        super().__init__(413, TOO_LARGE)
