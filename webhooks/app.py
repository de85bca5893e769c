"""The FastAPI app and its lifespan: the composition root that builds every client once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from core.config import Settings, get_settings
from core.db.engine import make_engine, make_sessionmaker, resolve_database_url
from core.db.migrate import upgrade
from core.seed import seed_demo
from webhooks.background import start_background
from webhooks.container import Container
from webhooks.errors import BodyLimit, install_error_handlers
from webhooks.metrics import MetricsMiddleware
from webhooks.metrics import router as metrics_router
from webhooks.providers import build_providers, close_providers
from webhooks.routes import (
    admin_api,
    admin_pages,
    chat,
    core_api,
    kpi_api,
    pages,
    providers,
    staff_api,
)

log = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"


async def build_container(settings: Settings, *, url: str | None = None) -> Container:
    """Connect, migrate, seed the demo on an empty database, build provider clients."""
    engine = make_engine(url or resolve_database_url(settings))
    await upgrade(engine)
    # Connections opened before the migration created the vector type lack its binary
    # codec (core/db/engine.py): start the pool afresh.
    await engine.dispose()
    from channels.webchat import WebchatHub

    c = Container(settings=settings, engine=engine, sessionmaker=make_sessionmaker(engine))
    c.webchat = WebchatHub()
    from core.config import secret
    from knowledge.bot_port import make_faq_search
    from knowledge.embedder import get_embedder
    from knowledge.seed import seed_demo_faq
    from knowledge.service import FaqService
    from knowledge.threads import limit_blas_threads

    limit_blas_threads()  # 2 cores: a spinning BLAS pool costs more than it gives
    c.embedder = get_embedder(
        settings.embeddings, secret(settings.openai_api_key), settings.openai_base_url
    )
    c.extras["faq_search"] = make_faq_search(c.embedder)
    build_providers(c)
    async with c.uow() as uow:
        if await seed_demo(uow.session):
            log.info("seeded the demo configuration")
            from core.repositories.stations import StationRepository

            for station in await StationRepository(uow.session).list():
                await seed_demo_faq(uow.session, station.id, c.embedder)
        await uow.commit()
    try:
        async with c.uow() as uow:
            if missing := await FaqService(uow.session, c.embedder).embed_missing():
                log.info("embedded %d FAQ entries for %s", missing, c.embedder.model_id)
            await uow.commit()
    except Exception:  # e.g. the OpenAI API down at start-up: serve, and say so
        log.exception("could not embed the FAQ entries missing %s vectors; run `hibachi faq reembed`",
                      c.embedder.model_id)
    await _warm_up(c)
    for hook in STARTUP_HOOKS:
        await hook(c)
    return c


async def _warm_up(c: Container) -> None:
    """Pay the lazy loads (zip table, FAQ models) now, not in the first customer's turn."""
    from core.repositories.stations import StationRepository
    from core.services.stations import city_names, route_zip
    from knowledge.pipeline import preload_verifier
    from knowledge.service import FaqService

    async with c.uow() as uow:  # never committed: the search records nothing
        stations = await StationRepository(uow.session).list()
        if not stations:
            return
        route_zip(stations, stations[0].base_zip)
        city_names(stations)  # the city index (~40 ms), read when a customer names a place
        if c.settings.embeddings == "local":
            await FaqService(uow.session, c.embedder).search(
                "do you bring the grill", stations[0].id, record_unanswered=False
            )
            # That search may not have needed the answer verifier, which loads on first use.
            await asyncio.to_thread(preload_verifier, c.embedder.model_id)


# Parts of the product register start-up work here (FAQ seeding, provider clients,
# workers) so the composition root stays one list.
STARTUP_HOOKS: list[Any] = []
SHUTDOWN_HOOKS: list[Any] = []


def create_app(settings: Settings | None = None, *, container: Container | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = container is None
        c = container or await build_container(settings)
        app.state.container = c
        background = await start_background(c) if owned else None
        try:
            yield
        finally:
            if background is not None:
                await background.stop()
            if owned:
                for hook in SHUTDOWN_HOOKS:
                    await hook(c)
                await close_providers(c)
                await c.engine.dispose()

    app = FastAPI(title="Hibachi booking bot", version="0.1.0", lifespan=lifespan)
    if container is not None:
        app.state.container = container
    install_error_handlers(app)
    app.include_router(core_api.router)
    app.include_router(chat.router)
    app.include_router(admin_api.router)
    app.include_router(providers.router)
    app.include_router(metrics_router)
    app.include_router(staff_api.router)
    app.include_router(kpi_api.router)
    app.include_router(pages.router)
    app.include_router(admin_pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(BodyLimit)
    app.add_middleware(MetricsMiddleware)  # outermost: counts 413s and 500s too
    return app
