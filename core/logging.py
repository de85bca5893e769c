"""Structured logs: one JSON object per line, with phone numbers and email addresses
masked in every message, argument, extra field and traceback (so an access-log line
with `?phone=...` or a database error quoting a row cannot leak them).

`hibachi serve` passes `log_config()` to uvicorn, so its own and its access logs go
through the same formatter."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

# E.164 or URL-encoded E.164 (`%2B1408...`), then US national forms such as
# (408) 555-0123, 408.555.0123, 1-408-555-0123. The look-arounds keep ids, times and
# hex strings (uuids) intact.
_PHONE = re.compile(
    r"(?:\+|%2[Bb])\d[\d\s().-]{6,18}\d(?![\w-])"
    r"|(?<![\w.-])(?:1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?![\w-])"
)
_EMAIL = re.compile(r"[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+")

# Attributes every LogRecord has; anything else came in through `extra=`.
# (uvicorn adds `color_message`, the same text with ANSI colours: dropped.)
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "color_message",
}


def _mask_phone(m: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", m.group(0).removeprefix("%2B").removeprefix("%2b"))
    return "…" + digits[-4:]


def redact(text: str) -> str:
    """Mask emails as `<email>` and phone numbers as `…1234` (last four digits)."""
    return _PHONE.sub(_mask_phone, _EMAIL.sub("<email>", text))


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, int | float | bool) or value is None:
        return value
    return redact(str(value))


class JsonFormatter(logging.Formatter):
    """`{"ts", "level", "logger", "msg", ...extra, "exc"?}` with PII masked."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": redact(record.getMessage()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and key not in out:
                out[key] = _clean(value)
        if record.exc_info:
            out["exc"] = redact(self.formatException(record.exc_info))
        elif record.exc_text:
            out["exc"] = redact(record.exc_text)
        return json.dumps(out, ensure_ascii=False, default=str)


def log_config(level: str = "INFO") -> dict[str, Any]:
    """A `logging.config.dictConfig` (also uvicorn's `log_config`): JSON to stderr for
    the root logger, with uvicorn's loggers propagating to it."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"level": level, "handlers": ["stderr"]},
        "loggers": {
            name: {"level": level, "handlers": [], "propagate": True}
            for name in ("uvicorn", "uvicorn.error", "uvicorn.access")
        },
    }
