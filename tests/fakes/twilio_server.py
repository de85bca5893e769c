"""A loopback stand-in for Twilio's Messages API, plus a webhook-signing helper."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Mapping
from email.utils import formatdate

from aiohttp import web
from twilio.request_validator import RequestValidator

from tests.fakes._server import LoopbackServer, RecordedRequest, read_fields

__all__ = ["FakeTwilio", "twilio_signature"]


def twilio_signature(auth_token: str, url: str, params: Mapping[str, str]) -> str:
    """The X-Twilio-Signature Twilio would send for a webhook POST of ``params`` to ``url``."""
    return str(RequestValidator(auth_token).compute_signature(url, dict(params)))


def _error(status: int, code: int, message: str) -> web.Response:
    # Twilio's legacy error shape, which the SDK turns into TwilioRestException(code=...).
    return web.json_response(
        {
            "code": code,
            "message": message,
            "more_info": f"https://www.twilio.com/docs/errors/{code}",
            "status": status,
        },
        status=status,
    )


class FakeTwilio(LoopbackServer):
    """``POST /2010-04-01/Accounts/{sid}/Messages.json`` with Twilio's JSON answers.

    ``received`` records each accepted or refused request (``form`` holds To/From/Body).
    ``opted_out`` numbers get error 21610; ``fail_next`` queues HTTP errors.
    """

    def __init__(self, account_sid: str, auth_token: str) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.opted_out: set[str] = set()
        self.fail_next: list[int] = []  # HTTP statuses to answer, first in first out
        self.delivered: list[dict[str, str]] = []  # forms of the messages accepted (201)
        super().__init__()

    def _routes(self, app: web.Application) -> None:
        app.router.add_post("/2010-04-01/Accounts/{sid}/Messages.json", self._create_message)

    def opt_out(self, number: str) -> None:
        """Make sends to ``number`` fail like a recipient who texted STOP (21610)."""
        self.opted_out.add(number)

    @property
    def messages(self) -> list[dict[str, str]]:
        """The form bodies of the message-create requests, in order."""
        return [r.form for r in self.received]

    def _authorised(self, request: web.Request, sid: str) -> bool:
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        return sid == self.account_sid and request.headers.get("Authorization") == (
            f"Basic {expected}"
        )

    async def _create_message(self, request: web.Request) -> web.Response:
        sid = request.match_info["sid"]
        form = await read_fields(request)
        self.received.append(
            RecordedRequest(request.method, request.path, form, dict(request.headers))
        )
        if not self._authorised(request, sid):
            return _error(401, 20003, "Authenticate")
        if self.fail_next:
            status = self.fail_next.pop(0)
            return _error(status, 20500 if status >= 500 else 21211, "Injected failure")
        to, body = form.get("To"), form.get("Body")
        if not to:
            return _error(400, 21604, "A 'To' phone number is required.")
        if not form.get("From") and not form.get("MessagingServiceSid"):
            return _error(400, 21603, "A 'From' phone number is required.")
        if not body and not form.get("MediaUrl"):
            return _error(400, 21602, "Message body is required.")
        if to in self.opted_out:
            return _error(400, 21610, "Attempt to send to unsubscribed recipient")
        message_sid = "SM" + secrets.token_hex(16)
        self.delivered.append(form)
        now = formatdate(usegmt=True).replace("GMT", "+0000")
        return web.json_response(
            {
                "account_sid": sid,
                "api_version": "2010-04-01",
                "body": body,
                "date_created": now,
                "date_sent": None,
                "date_updated": now,
                "direction": "outbound-api",
                "error_code": None,
                "error_message": None,
                "from": form.get("From"),
                "messaging_service_sid": form.get("MessagingServiceSid"),
                "num_media": "0",
                "num_segments": "1",
                "price": None,
                "price_unit": "USD",
                "sid": message_sid,
                "status": "queued",
                "subresource_uris": {
                    "media": f"/2010-04-01/Accounts/{sid}/Messages/{message_sid}/Media.json"
                },
                "to": to,
                "uri": f"/2010-04-01/Accounts/{sid}/Messages/{message_sid}.json",
            },
            status=201,
        )
