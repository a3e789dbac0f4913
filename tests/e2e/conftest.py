"""The real stack for end-to-end tests: rasa with the trained model, actions, api and worker."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.processes import ROOT, Stack, stack_environment

MODEL = ROOT / "bot" / "models" / "assistant.tar.gz"
# Rasa 3.6 loads its TensorFlow models in about a minute on this machine kind; leave room for a busy CI.
START_TIMEOUT_SECONDS = 420


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Migrate a fresh database, start the four processes, wait until healthy; always stop them."""
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make model` (make test does it)")
    workdir = tmp_path_factory.mktemp("stack")
    stack = Stack(workdir=workdir, env=stack_environment(workdir))
    stack.migrate()
    try:
        stack.start(["rasa", "actions", "api", "worker"])
        stack.wait_healthy(START_TIMEOUT_SECONDS)
        yield stack
    finally:
        stack.stop()
