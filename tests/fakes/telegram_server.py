"""A loopback Telegram Bot API (``/bot{token}/{method}``) plus Update builders."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from typing import Any

from aiohttp import web

from tests.fakes._server import LoopbackServer, RecordedRequest, read_fields

__all__ = ["FakeTelegram", "callback_update", "photo_update", "text_update"]

_update_ids = itertools.count(10_000)


def _user(user_id: int, first_name: str) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}


def _private_chat(chat_id: int, first_name: str) -> dict[str, Any]:
    return {"id": chat_id, "type": "private", "first_name": first_name}


def text_update(
    chat_id: int, text: str, *, first_name: str = "Ana", update_id: int | None = None
) -> dict[str, Any]:
    """An Update carrying a private text message, as Telegram sends it."""
    return {
        "update_id": update_id if update_id is not None else next(_update_ids),
        "message": {
            "message_id": next(_update_ids),
            "from": _user(chat_id, first_name),
            "chat": _private_chat(chat_id, first_name),
            "date": int(time.time()),
            "text": text,
        },
    }


def photo_update(
    chat_id: int, *, first_name: str = "Ana", caption: str | None = None
) -> dict[str, Any]:
    """An Update carrying a photo (no text), optionally with a caption."""
    update = text_update(chat_id, "", first_name=first_name)
    message = update["message"]
    del message["text"]
    message["photo"] = [
        {"file_id": "AgACAgQAAx0", "file_unique_id": "AQADx", "width": 90, "height": 90}
    ]
    if caption is not None:
        message["caption"] = caption
    return update


def callback_update(
    chat_id: int, data: str, *, first_name: str = "Ana", bot_id: int = 7000000001
) -> dict[str, Any]:
    """An Update for a pressed inline-keyboard button under one of the bot's messages."""
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": str(next(_update_ids) * 1000),
            "from": _user(chat_id, first_name),
            "chat_instance": "-1234567890",
            "data": data,
            "message": {
                "message_id": next(_update_ids),
                "from": {"id": bot_id, "is_bot": True, "first_name": "Hibachi"},
                "chat": _private_chat(chat_id, first_name),
                "date": int(time.time()),
                "text": "Pick one",
            },
        },
    }


class FakeTelegram(LoopbackServer):
    """Answers sendMessage, answerCallbackQuery, getMe, getUpdates, set/deleteWebhook.

    ``received`` records every call (``path`` ends with the method; ``json`` holds the
    parameters with JSON-encoded ones such as ``reply_markup`` decoded). ``blocked``
    chats get 403 "bot was blocked by the user". ``push_update`` queues updates that
    ``getUpdates`` serves (long polling waits at most ``max_poll_wait`` seconds).
    """

    def __init__(self, token: str, *, max_poll_wait: float = 0.5) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.blocked: set[int] = set()
        self.webhook_url = ""
        self.max_poll_wait = max_poll_wait
        self._updates: list[dict[str, Any]] = []
        self._new_update = asyncio.Event()
        self._message_ids = itertools.count(1)
        super().__init__()

    def _routes(self, app: web.Application) -> None:
        app.router.add_post("/bot{token}/{method}", self._dispatch)
        app.router.add_get("/bot{token}/{method}", self._dispatch)

    def push_update(self, update: dict[str, Any]) -> None:
        """Queue an Update for getUpdates."""
        self._updates.append(update)
        self._new_update.set()

    def calls(self, method: str) -> list[dict[str, Any]]:
        """Parameters of every call of ``method`` (e.g. "sendMessage"), in order."""
        return [r.json for r in self.received if r.path.rsplit("/", 1)[-1] == method]

    async def close(self) -> None:
        self._new_update.set()  # wake a pending long poll so shutdown is quick
        await super().close()

    async def _dispatch(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        form = await read_fields(request)
        params = {key: _maybe_json(value) for key, value in form.items()}
        self.received.append(
            RecordedRequest(request.method, request.path, form, dict(request.headers), params)
        )
        if request.match_info["token"] != self.token:
            return _fail(401, "Unauthorized")
        handler = {
            "getMe": self._get_me,
            "sendMessage": self._send_message,
            "answerCallbackQuery": self._true,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getUpdates": self._get_updates,
        }.get(method)
        if handler is None:
            return _fail(404, "Not Found")
        return await handler(params)

    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Hibachi",
            "username": "hibachi_test_bot",
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _get_me(self, params: dict[str, Any]) -> web.Response:
        return _ok(self._bot_user())

    async def _true(self, params: dict[str, Any]) -> web.Response:
        return _ok(True)

    async def _set_webhook(self, params: dict[str, Any]) -> web.Response:
        self.webhook_url = str(params.get("url", ""))
        return _ok(True)

    async def _delete_webhook(self, params: dict[str, Any]) -> web.Response:
        self.webhook_url = ""
        return _ok(True)

    async def _send_message(self, params: dict[str, Any]) -> web.Response:
        try:
            chat_id = int(params["chat_id"])
        except (KeyError, ValueError):
            return _fail(400, "Bad Request: chat not found")
        text = str(params.get("text", ""))
        if not text.strip():
            return _fail(400, "Bad Request: message text is empty")
        if len(text) > 4096:
            return _fail(400, "Bad Request: message is too long")
        if chat_id in self.blocked:
            return _fail(403, "Forbidden: bot was blocked by the user")
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "from": self._bot_user(),
            "chat": {"id": chat_id, "type": "private", "first_name": "Customer"},
            "date": int(time.time()),
            "text": text,
        }
        if isinstance(params.get("reply_markup"), dict):
            message["reply_markup"] = params["reply_markup"]
        return _ok(message)

    async def _get_updates(self, params: dict[str, Any]) -> web.Response:
        offset = int(params.get("offset", 0) or 0)
        limit = int(params.get("limit", 100) or 100)
        wait = min(float(params.get("timeout", 0) or 0), self.max_poll_wait)
        if offset:
            # Telegram forgets every update below the offset: they are confirmed.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and wait > 0:
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), wait)
        return _ok(self._updates[:limit])


def _maybe_json(value: str) -> Any:
    # aiogram sends nested objects (reply_markup, ...) as JSON strings in form fields.
    if value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _fail(status: int, description: str) -> web.Response:
    return web.json_response(
        {"ok": False, "error_code": status, "description": description}, status=status
    )
