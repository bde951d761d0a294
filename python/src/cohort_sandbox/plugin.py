"""pytest plugin (entry point pytest11): the fixture `cohort_sandbox`.

One server per test session (per xdist worker), started at the first test that asks for it and
stopped at the end; every test but the session's first gets it reset to its start-up state, so
tests do not see each other's data. Set COHORT_BINARY to test a cohort binary of your own."""

from __future__ import annotations

import pytest

from ._server import Sandbox


@pytest.fixture(scope="session")
def _cohort_sandbox_server():
    sandbox = Sandbox.start()
    sandbox.used = False
    try:
        yield sandbox
    finally:
        sandbox.stop()


@pytest.fixture
def cohort_sandbox(_cohort_sandbox_server) -> Sandbox:
    """The session's sandbox server, reset: `url`, `token`, `admin_token`, `workspace_id`,
    `reset()`."""
    sandbox = _cohort_sandbox_server
    sandbox.check_alive()
    if sandbox.used:
        sandbox.reset()
    sandbox.used = True
    return sandbox
