"""Structured logs: one JSON object per line, and no full phone number or email
address anywhere in them — message, arguments, extra fields or tracebacks."""

from __future__ import annotations

import io
import json
import logging
import logging.config

import pytest

from core.logging import JsonFormatter, log_config, redact


@pytest.mark.parametrize(
    ("raw", "leak"),
    [
        ("from +14085551234 ok", "4085551234"),
        ("call (408) 555-0123 now", "555-0123"),
        ("call 408.555.0123", "555.0123"),
        ("call 1-408-555-0123", "408-555"),
        ("GET /api/bookings?phone=%2B14085551234 HTTP/1.1", "4085551234"),
        ("Tom <tom.nguyen+x@example.com> wrote", "tom.nguyen"),
        ("GET /api/leads?email=tom%40example.com", "tom%40"),
    ],
)
def test_redact_masks_phones_and_emails(raw: str, leak: str) -> None:
    assert leak not in redact(raw)


def test_redact_keeps_ids_times_and_amounts() -> None:
    text = ("conversation 0f6c2b8e-1234-4567-89ab-123456789012 at 2026-05-01T18:00:00 "
            "total 1234.56 for 12 adults in 95112, slot 18:00")
    assert redact(text) == text


def test_phone_keeps_last_four_digits_for_support() -> None:
    assert redact("+14085551234") == "…1234"


def _emit(logger: logging.Logger, *args: object, **kwargs: object) -> dict[str, object]:
    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        logger.info(*args, **kwargs)  # type: ignore[arg-type]
    finally:
        logger.removeHandler(handler)
    line = buf.getvalue()
    assert line.count("\n") == 1  # one record, one line (tracebacks included)
    out: dict[str, object] = json.loads(line)
    return out


def test_json_line_with_args_and_extras_redacted() -> None:
    out = _emit(logging.getLogger("rel.test"), "sms from %s", "+14085551234",
                extra={"customer": "tom@example.com", "turn_ms": 12.5})
    assert out["level"] == "INFO" and out["logger"] == "rel.test"
    assert out["msg"] == "sms from …1234"
    assert out["customer"] == "<email>"
    assert out["turn_ms"] == 12.5
    assert "ts" in out


def test_traceback_is_redacted() -> None:
    log = logging.getLogger("rel.exc")
    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    handler.setFormatter(JsonFormatter())
    log.addHandler(handler)
    log.propagate = False
    try:
        raise ValueError("duplicate key (phone)=(+14085551234) email tom@example.com")
    except ValueError:
        log.exception("insert failed")
    finally:
        log.removeHandler(handler)
    out = json.loads(buf.getvalue())
    assert "ValueError" in out["exc"]
    assert "4085551234" not in buf.getvalue() and "tom@example.com" not in buf.getvalue()


def test_uvicorn_access_log_goes_through_the_json_formatter(
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    access = logging.getLogger("uvicorn.access")
    saved_access = (access.handlers[:], access.level, access.propagate)
    try:
        logging.config.dictConfig(log_config())
        access.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET",
                    "/api/bookings?phone=%2B14085551234", "1.1", 200)
    finally:
        for h in root.handlers[:]:
            root.removeHandler(h)
        for h in saved[0]:
            root.addHandler(h)
        root.setLevel(saved[1])
        access.handlers[:] = saved_access[0]
        access.setLevel(saved_access[1])
        access.propagate = saved_access[2]
    err = capsys.readouterr().err.strip().splitlines()
    out = json.loads(err[-1])
    assert out["logger"] == "uvicorn.access"
    assert "/api/bookings?phone=…1234" in out["msg"]
