"""Without a Telegram bot configured, serving the app never imports aiogram (its pydantic
types cost ~4 s of start-up on this machine, for `make run` and every CLI command)."""

from __future__ import annotations

import subprocess
import sys


def test_app_import_does_not_load_aiogram() -> None:
    code = "import sys, webhooks.app, core.cli; print(sorted(m for m in sys.modules if m.startswith('aiogram')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_secret_check_works_without_aiogram() -> None:
    code = (
        "import sys; from channels.telegram_auth import verify_telegram_secret as v;"
        "print(v('s3cret', 's3cret'), v('s3cret', 'nope'), v(None, 'x'), 'aiogram' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False", "False", "False"]
