"""The scaled topology for the topology tests: fresh PostgreSQL databases, Redis, two replicas of each process
behind nginx, a territory whose case system is a local signed webhook; and what the tests read back."""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

from ops.scaled import ScaledStack, drop_database, ensure_database, free_port_base, scaled_stack
from ops.topology import Ports, Stores
from tests.support.local_servers import ServerThread
from tests.support.processes import stack_environment
from tests.support.territories import webhook, write_territory
from tests.support.webhook_receiver import WebhookReceiver

ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
TERRITORY = "ville"
SECRET = "webhook-secret-of-ville"
LEASE_SECONDS = 6


@dataclass
class Scaled:
    """A running scaled topology, its case system and its databases."""

    stack: ScaledStack
    receiver: WebhookReceiver
    receiver_port: int
    database_url: str
    tracker_url: str

    def tracker_texts(self, sender: str) -> list[str]:
        """The resident's texts in Rasa's tracker store (PostgreSQL), in the order Rasa stored them."""
        with psycopg.connect(self.tracker_url) as connection:
            rows = connection.execute(
                "SELECT data FROM events WHERE sender_id = %s AND type_name = 'user' ORDER BY id", (sender,))
            return [str(json.loads(data)["text"]) for (data,) in rows]

    def access_log(self) -> list[list[str]]:
        """nginx's access log, one list of fields per request (ops/nginx.conf.template's `replicas` format): time,
        port, method, path, status, the replica that answered, duration. When nginx tried another replica after a
        refused connection, `$upstream_addr` lists them all (« a, b »): the last one answered."""
        path = self.stack.supervisor.workdir / "nginx-access.log"
        fields = []
        for line in path.read_text(encoding="utf-8").splitlines():
            found = _ACCESS_LINE.match(line)
            if found is not None:
                time_, port, method, uri, status, upstreams, duration = found.groups()
                fields.append([time_, port, method, uri, status, upstreams.split(", ")[-1], duration])
        return fields


_ACCESS_LINE = re.compile(r'^(\S+) (\S+) "(\S+) (\S+)" (\S+) (.+) (\S+)$')


@contextmanager
def scaled_topology(workdir: Path, start_timeout: float) -> Iterator[Scaled]:
    """Start everything on fresh databases, wait until healthy; stop and drop everything afterwards."""
    suffix = uuid.uuid4().hex[:10]
    names = (f"assistant_topo_{suffix}", f"assistant_topo_rasa_{suffix}")
    api_db, tracker_db = (ensure_database(ADMIN_URL, name) for name in names)
    receiver = WebhookReceiver(SECRET)
    server = ServerThread(receiver.app())
    server.start()
    territories = workdir / "territories"
    write_territory(territories, TERRITORY, webhook(f"{server.url}/callbacks", timeout=30))
    env = {**stack_environment(workdir), "TERRITORIES_DIR": str(territories), "TEST_WEBHOOK_SECRET": SECRET,
           "WORKER_LEASE_SECONDS": str(LEASE_SECONDS), "WORKER_POLL_SECONDS": "0.5"}
    database_url = api_db.replace("postgresql://", "postgresql+psycopg://", 1)
    stores = Stores(database_url=database_url, tracker_url=tracker_db)
    try:
        with scaled_stack(workdir, Ports.from_base(free_port_base()), stores, base_env=env) as stack:
            stack.wait_healthy(start_timeout)
            yield Scaled(stack, receiver, server.port, database_url, tracker_db)
    finally:
        server.stop()
        for name in names:
            drop_database(ADMIN_URL, name)
