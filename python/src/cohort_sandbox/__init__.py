"""A local Prolific API for test suites: Cohort's sandbox server, shipped in this wheel.

With the wheel installed, pytest offers the fixture `cohort_sandbox` (see plugin.py); outside
pytest, `Sandbox.start()` runs a server until `stop()`."""

from ._server import Sandbox, SandboxError, binary_path

__all__ = ["Sandbox", "SandboxError", "binary_path"]
