"""The descriptions for real infrastructure: Kubernetes manifests checked against the Kubernetes API's own schemas
(kubernetes-validate ships them), and docker-compose.yml checked for what the scaled topology needs.

No container engine runs on the development machine kind, so nothing here builds or starts an image.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from ops.nginx import COMPOSE_CONFIG, compose
from ops.procfile import ROOT

K8S = sorted((ROOT / "deploy" / "k8s").glob("*.yaml"))
VERSION = "1.30.0"
"""The oldest Kubernetes release the manifests are checked against (they hold nothing newer)."""


def documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def workloads() -> list[dict[str, Any]]:
    return [doc for path in K8S for doc in documents(path) if doc["kind"] in ("Deployment", "Job")]


@pytest.mark.parametrize("path", K8S, ids=lambda path: path.name)
def test_manifest_is_valid_for_the_kubernetes_api(path: Path) -> None:
    for doc in documents(path):
        for version in (VERSION, kubernetes_validate.latest_version()):
            kubernetes_validate.validate(doc, version, strict=True)


def test_the_validator_refuses_a_misspelled_field() -> None:
    deployment = next(doc for doc in workloads() if doc["kind"] == "Deployment")
    broken = {**deployment, "spec": {**deployment["spec"], "replica": 2}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, VERSION, strict=True)


def test_every_workload_has_resources_settings_and_secrets_from_the_environment() -> None:
    for workload in workloads():
        for container in workload["spec"]["template"]["spec"]["containers"]:
            assert container["resources"]["requests"] and container["resources"]["limits"]
            sources = {next(iter(source)) for source in container["envFrom"]}
            assert sources == {"configMapRef", "secretRef"}
            assert "env" not in container  # no value written in a manifest


def test_every_server_has_probes_and_the_api_is_ready_on_healthz() -> None:
    deployments = {doc["metadata"]["name"]: doc for doc in workloads() if doc["kind"] == "Deployment"}
    assert set(deployments) == {"rasa", "actions", "api", "worker"}
    assert all(doc["spec"]["replicas"] >= 2 for doc in deployments.values())
    for name in ("rasa", "actions", "api"):
        container = deployments[name]["spec"]["template"]["spec"]["containers"][0]
        assert "readinessProbe" in container and "livenessProbe" in container
    api = deployments["api"]["spec"]["template"]["spec"]["containers"][0]
    assert api["readinessProbe"]["httpGet"]["path"] == "/healthz"


def test_the_migration_is_a_job() -> None:
    jobs = [doc for doc in workloads() if doc["kind"] == "Job"]
    assert [job["spec"]["template"]["spec"]["containers"][0]["command"][:2] for job in jobs] == [["alembic", "-c"]]


def test_compose_runs_the_scaled_topology_with_the_two_images() -> None:
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))["services"]
    for name in ("rasa", "actions", "api", "worker"):
        assert services[name]["deploy"]["replicas"] == 2
    assert {services[name]["image"] for name in ("rasa", "actions", "api", "worker", "migrate")} == {
        "assistant-bot", "assistant-api"}
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for built in (service["build"] for service in services.values() if "build" in service):
        assert f" AS {built['target']}" in dockerfile
    published = [name for name, service in services.items() if service.get("ports")]
    assert published == ["proxy"]  # the only public face
    assert services["api"]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}


def test_compose_proxy_uses_the_committed_template() -> None:
    assert COMPOSE_CONFIG.read_text(encoding="utf-8") == compose()
