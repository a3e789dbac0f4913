"""The scaled topology of `make run-scaled` as data: which process runs with which settings, on which port.

Pure: no process is started here (ops/run_scaled.py does that). Every replica runs the very command of its
Procfile entry, so the scaled topology runs the same code as `make run`; only the settings that `make run` embeds
(ports, SQLite files, in-memory lock store, the one URL of each peer) are replaced here:

- the api, the worker and Rasa's tracker store use PostgreSQL; Rasa's lock store is Redis;
- each replica listens on its own loopback port; the reverse proxy (ops/nginx.py) is the only public face and
  balances the replicas; peers reach each other through its internal listeners, so a replica that dies is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("rasa", "actions", "api", "worker")
LOCK_LIFETIME_SECONDS = 20


@dataclass(frozen=True)
class Ports:
    """Every port of the topology; the replicas' ports are consecutive from their first one."""

    public: int
    internal_api: int
    internal_rasa: int
    internal_actions: int
    api: int
    rasa: int
    actions: int
    metrics: int
    """api replicas' /metrics from here, the workers' five ports above."""

    @classmethod
    def from_base(cls, base: int) -> Ports:
        """The layout of `make run-scaled`: public on base+80, internal listeners and replicas below it."""
        return cls(public=base + 80, internal_api=base + 1, internal_rasa=base + 5, internal_actions=base + 55,
                   api=base + 10, rasa=base + 20, actions=base + 30, metrics=base + 40)


@dataclass(frozen=True)
class Stores:
    """Where the shared state lives: the api database, Rasa's tracker store, Rasa's lock store."""

    database_url: str
    tracker_url: str
    redis_host: str = "127.0.0.1"
    redis_port: int = 6379
    redis_db: int = 1


@dataclass(frozen=True)
class Replica:
    """One process to start: its Procfile entry, a unique name and the settings that differ from `make run`."""

    name: str
    entry: str
    env: dict[str, str] = field(default_factory=dict)
    port: int | None = None


@dataclass(frozen=True)
class Topology:
    """The replicas and the addresses the proxy balances over."""

    ports: Ports
    replicas: tuple[Replica, ...]

    def upstream(self, entry: str) -> list[str]:
        """host:port of every replica of a Procfile entry that listens (rasa, actions, api)."""
        return [f"127.0.0.1:{r.port}" for r in self.replicas if r.entry == entry and r.port is not None]

    @property
    def public_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.public}"


def shared_settings(ports: Ports, stores: Stores) -> dict[str, str]:
    """Settings every process of the topology gets, replacing the embedded defaults of `make run`."""
    internal = "http://127.0.0.1"
    return {
        "DATABASE_URL": stores.database_url,
        "RASA_TRACKER_URL": stores.tracker_url,
        "RASA_LOCK_STORE": "redis",
        "RASA_REDIS_HOST": stores.redis_host,
        "RASA_REDIS_PORT": str(stores.redis_port),
        "RASA_REDIS_DB": str(stores.redis_db),
        # A Rasa replica that dies mid-turn holds its conversation's lock until it expires (Rasa's default: 60 s,
        # longer than the api's RASA_TIMEOUT_SECONDS): the resident's retry then gets through within 20 s.
        "TICKET_LOCK_LIFETIME": str(LOCK_LIFETIME_SECONDS),
        # Peers through the proxy's internal listeners: a dead replica is skipped, never waited for.
        "RASA_URL": f"{internal}:{ports.internal_rasa}",
        "ACTIONS_URL": f"{internal}:{ports.internal_actions}",
        "ACTION_ENDPOINT_URL": f"{internal}:{ports.internal_actions}/webhook",
        "API_INTERNAL_URL": f"{internal}:{ports.internal_api}",
        "PUBLIC_BASE_URL": f"{internal}:{ports.public}",
    }


def plan(ports: Ports, stores: Stores, replicas: int = 2) -> Topology:
    """``replicas`` processes of each kind: rasa, actions, api, worker, with their own ports."""
    shared = shared_settings(ports, stores)
    processes: list[Replica] = []
    for index in range(replicas):
        suffix = f"-{index + 1}"
        rasa, actions, api = ports.rasa + index, ports.actions + index, ports.api + index
        processes += [
            Replica(f"rasa{suffix}", "rasa", {**shared, "RASA_PORT": str(rasa)}, rasa),
            Replica(f"actions{suffix}", "actions", {**shared, "ACTIONS_PORT": str(actions)}, actions),
            Replica(f"api{suffix}", "api", {**shared, "API_HOST": "127.0.0.1", "API_PORT": str(api),
                                            "METRICS_PORT": str(ports.metrics + index)}, api),
            Replica(f"worker{suffix}", "worker", {**shared, "WORKER_METRICS_PORT": str(ports.metrics + 5 + index)}),
        ]
    return Topology(ports=ports, replicas=tuple(processes))
