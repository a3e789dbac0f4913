"""The scaled topology's plan and its reverse-proxy configuration (pure: nothing is started)."""

from __future__ import annotations

from pathlib import Path

from ops.nginx import render
from ops.procfile import read_procfile
from ops.topology import KINDS, Ports, Stores, plan

STORES = Stores(database_url="postgresql+psycopg://pg@127.0.0.1:5432/app",
                tracker_url="postgresql://pg@127.0.0.1:5432/rasa")
PORTS = Ports.from_base(18000)


def test_plan_runs_two_replicas_of_each_procfile_entry() -> None:
    topology = plan(PORTS, STORES)
    entries = [replica.entry for replica in topology.replicas]
    assert sorted(entries) == sorted(KINDS * 2)
    assert set(KINDS) == set(read_procfile())
    assert len({replica.name for replica in topology.replicas}) == len(topology.replicas)


def test_replicas_listen_on_distinct_ports_and_share_the_stores() -> None:
    topology = plan(PORTS, STORES)
    ports = [replica.port for replica in topology.replicas if replica.port is not None]
    assert len(ports) == len(set(ports)) == 6
    for replica in topology.replicas:
        assert replica.env["DATABASE_URL"] == STORES.database_url
        assert replica.env["RASA_TRACKER_URL"] == STORES.tracker_url
        assert replica.env["RASA_LOCK_STORE"] == "redis"


def test_peers_are_reached_through_the_proxy_never_one_replica() -> None:
    topology = plan(PORTS, STORES)
    replica_ports = {str(port) for replica in topology.replicas if (port := replica.port)}
    for replica in topology.replicas:
        for key in ("RASA_URL", "ACTIONS_URL", "ACTION_ENDPOINT_URL", "API_INTERNAL_URL"):
            assert replica.env[key].rsplit(":", 1)[1].split("/")[0] not in replica_ports


def test_every_api_and_worker_serves_its_own_metrics_port() -> None:
    topology = plan(PORTS, STORES)
    metrics = [replica.env.get("METRICS_PORT") or replica.env.get("WORKER_METRICS_PORT")
               for replica in topology.replicas if replica.entry in ("api", "worker")]
    listening = {str(replica.port) for replica in topology.replicas if replica.port}
    assert len(set(metrics)) == len(metrics) == 4
    assert not listening & set(metrics)


def test_each_replica_listens_on_its_own_port_setting() -> None:
    topology = plan(PORTS, STORES)
    setting = {"rasa": "RASA_PORT", "actions": "ACTIONS_PORT", "api": "API_PORT"}
    for replica in topology.replicas:
        if replica.entry in setting:
            assert replica.env[setting[replica.entry]] == str(replica.port)


def test_proxy_config_balances_every_replica_and_hides_internal_routes(tmp_path: Path) -> None:
    topology = plan(PORTS, STORES)
    config = render(topology, tmp_path)
    for address in topology.upstream("api") + topology.upstream("rasa") + topology.upstream("actions"):
        assert f"server {address} " in config
    assert f"listen 127.0.0.1:{PORTS.public};" in config
    public = config.split(f"listen 127.0.0.1:{PORTS.public};")[1].split("server {")[0]
    assert "location /internal/ {\n            return 404;" in public
    assert "@" not in config


def test_proxy_listens_on_loopback_only(tmp_path: Path) -> None:
    config = render(plan(PORTS, STORES), tmp_path)
    listens = [line.strip() for line in config.splitlines() if line.strip().startswith("listen ")]
    assert len(listens) == 4
    assert all(line.startswith("listen 127.0.0.1:") for line in listens)
