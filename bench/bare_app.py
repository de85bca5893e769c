"""The baseline for bench/turns.py: a bare FastAPI endpoint that parses the same Twilio
form and answers TwiML, served by uvicorn exactly as `hibachi serve` serves the product
(same loop, HTTP parser and JSON access log) — so the ratio measures our app, not the
framework.

    PORT=8001 python -m bench.bare_app
"""

from __future__ import annotations

import logging.config
import os

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from twilio.twiml.messaging_response import MessagingResponse

from core.logging import log_config

app = FastAPI()


@app.post("/webhooks/twilio/sms")
async def sms(request: Request) -> Response:
    form = await request.form()
    reply = MessagingResponse()
    reply.message(f"You said: {str(form.get('Body') or '')[:100]}")
    return Response(str(reply), media_type="text/xml")


@app.get("/healthz")
async def healthz() -> JSONResponse:
    return JSONResponse({"status": "ok"})


def main() -> None:
    import uvicorn

    logging.config.dictConfig(log_config())
    uvicorn.run(app, host=os.environ.get("HOST", "127.0.0.1"),
                port=int(os.environ.get("PORT", "8001")), log_config=log_config())


if __name__ == "__main__":
    main()
