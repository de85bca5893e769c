"""`hibachi faq import|export` as an operator sees them: the printed line and exit code."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner, Result

from core.cli import app
from core.config import get_settings
from webhooks.container import Container

MARK = "harden-cli-import"  # questions carrying it are removed after the test


@pytest.fixture
async def cli(database_url: str, monkeypatch: pytest.MonkeyPatch, db: Container) -> AsyncIterator[CliRunner]:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("EMBEDDINGS", "local")
    get_settings.cache_clear()
    try:
        yield CliRunner()
    finally:
        get_settings.cache_clear()
        # The FAQ survives between tests (only volatile tables are reset): undo the import.
        async with db.engine.begin() as conn:
            marked = {"m": f"%{MARK}%"}
            await conn.execute(text(
                "DELETE FROM faq_revisions WHERE entry_id IN "
                "(SELECT id FROM faq_entries WHERE question LIKE :m)"), marked)
            await conn.execute(text("DELETE FROM faq_entries WHERE question LIKE :m"), marked)


async def run(cli: CliRunner, *args: str) -> Result:
    """The CLI runs its own event loop (asyncio.run): give it a thread of its own."""
    return await asyncio.to_thread(lambda: cli.invoke(app, list(args)))


async def test_import_prints_how_many_entries_it_imported(cli: CliRunner, tmp_path: Path) -> None:
    faq = tmp_path / "faq.json"
    faq.write_text(json.dumps({"entries": [
        {"question": f"Do you bring the grill? ({MARK} 1)", "answer": "Yes, the chef brings it."},
        {"question": f"Can we cook indoors? ({MARK} 2)", "answer": "Outdoors only, for safety."},
    ]}))
    result = await run(cli, "faq", "import", str(faq))
    assert result.exit_code == 0, result.output
    assert "imported 2 entries" in result.output
    assert "FaqEntry" not in result.output


async def test_export_with_an_unknown_format_is_a_usage_error(cli: CliRunner) -> None:
    result = await run(cli, "faq", "export", "--fmt", "xml")
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "--fmt" in result.output and "'xml' is not one of csv, json, yaml" in result.output


async def test_export_with_a_known_format_still_works(cli: CliRunner) -> None:
    result = await run(cli, "faq", "export", "--fmt", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["entries"]
