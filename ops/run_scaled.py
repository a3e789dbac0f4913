"""`make run-scaled`: the production topology on one machine, behind nginx, until Ctrl-C.

PostgreSQL (api database and Rasa's tracker store), Redis (Rasa's lock store), two replicas of rasa, actions, api
and worker, and nginx as the only public face. Same code and settings as `make run` (the Makefile's defaults and
.env are in the environment); only the embedded defaults that cannot scale are replaced (ops/topology.py).
"""

from __future__ import annotations

import signal
import sys
import threading

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from ops.procfile import ROOT
from ops.scaled import MissingService, check_services, ensure_database, scaled_stack
from ops.topology import Ports, Stores

START_TIMEOUT_SECONDS = 600


class ScaledSettings(BaseSettings):
    """Where the scaled topology listens and which servers it uses (SCALED_* in the environment or .env)."""

    model_config = SettingsConfigDict(env_prefix="SCALED_", env_file=".env", extra="ignore")

    port_base: int = Field(default=18000, ge=1024, le=65000,
                           description="public proxy on base+80, internal listeners and replicas below it")
    replicas: int = Field(default=2, ge=1, le=8)
    postgres_url: str = Field(default="postgresql://postgres@127.0.0.1:5432/postgres",
                              description="a PostgreSQL login that may create the two databases")
    database: str = "assistant_scaled"
    tracker_database: str = "assistant_scaled_rasa"
    redis_host: str = "127.0.0.1"
    redis_port: int = 6379
    redis_db: int = 1
    nginx: str = "nginx"


def main() -> None:
    """Check the services, start everything, print the URL, stop everything on Ctrl-C or SIGTERM."""
    settings = ScaledSettings()
    try:
        check_services(settings.postgres_url, settings.redis_host, settings.redis_port, settings.nginx)
    except MissingService as missing:
        sys.exit(f"make run-scaled: {missing}")
    api_db = ensure_database(settings.postgres_url, settings.database)
    tracker_db = ensure_database(settings.postgres_url, settings.tracker_database)
    stores = Stores(database_url=api_db.replace("postgresql://", "postgresql+psycopg://", 1), tracker_url=tracker_db,
                    redis_host=settings.redis_host, redis_port=settings.redis_port, redis_db=settings.redis_db)
    ports = Ports.from_base(settings.port_base)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    directory = ROOT / "var" / "run-scaled"
    directory.mkdir(parents=True, exist_ok=True)
    with scaled_stack(directory, ports, stores, replicas=settings.replicas, nginx=settings.nginx) as stack:
        print(f"\n  Scaled topology starting (logs in {directory}); Rasa needs about a minute to load.\n")
        stack.wait_healthy(START_TIMEOUT_SECONDS)
        print(f"\n  Assistant des droits (scaled): {stack.url}/   (Ctrl-C stops everything)\n", flush=True)
        while not stop.wait(2):
            if dead := stack.supervisor.dead():
                print(f"  exited: {dead} (see {directory})", file=sys.stderr, flush=True)
                break


if __name__ == "__main__":
    main()
