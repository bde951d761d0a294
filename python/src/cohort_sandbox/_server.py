"""Starts and stops one `cohort serve --sandbox` process. Standard library only, so that the
plugin needs nothing besides pytest."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ADDRESS = re.compile(r"address=(http://127\.0\.0\.1:\d+)")


class SandboxError(RuntimeError):
    """The server did not start, died, or refused a sandbox operation."""


def binary_path() -> str:
    """The cohort binary: $COHORT_BINARY (for development), else the one in this package."""
    override = os.environ.get("COHORT_BINARY")
    if override:
        return override
    binary = Path(__file__).with_name("bin") / "cohort"
    if not binary.exists():
        raise SandboxError(f"no {binary}: this install has no cohort binary; set COHORT_BINARY")
    if not os.access(binary, os.X_OK):
        # Some installers drop the executable bit a wheel records.
        binary.chmod(binary.stat().st_mode | 0o111)
    return str(binary)


class Sandbox:
    """A running sandbox server: `url` (no /api/v1), the researcher's `token`, the
    `admin_token` for /_cohort/, the researcher's `workspace_id`, and `reset()`."""

    def __init__(self, process, directory, url, token, admin_token):
        self._process = process
        self._directory = directory
        self.url = url
        self.token = token
        self.admin_token = admin_token
        self.workspace_id = self._request("GET", "/api/v1/workspaces/", token)["results"][0]["id"]

    @classmethod
    def start(cls, binary: str | None = None, timeout: float = 30) -> "Sandbox":
        """Starts a server on a free port with a fresh SQLite database and new tokens."""
        binary = binary or binary_path()
        directory = tempfile.mkdtemp(prefix="cohort-sandbox-")
        token = "researcher-" + secrets.token_hex(16)
        admin_token = "admin-" + secrets.token_hex(16)
        env = dict(os.environ, COHORT_BOOTSTRAP_TOKEN=token, COHORT_ADMIN_TOKEN=admin_token)
        # Logs go to a file, not a pipe nobody reads, which would fill and block the server.
        try:
            with open(os.path.join(directory, "server.log"), "wb") as log:
                process = subprocess.Popen(
                    [binary, "serve", "--sandbox", "--host", "127.0.0.1", "--port", "0",
                     "--database", os.path.join(directory, "cohort.sqlite")],
                    env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        except OSError as error:
            shutil.rmtree(directory, ignore_errors=True)
            raise SandboxError(f"cannot run {binary}: {error}") from None
        deadline = time.monotonic() + timeout
        try:
            while True:
                found = ADDRESS.search(_read(directory))
                if found:
                    return cls(process, directory, found.group(1), token, admin_token)
                if process.poll() is not None:
                    raise SandboxError(f"{binary} serve exited with {process.returncode}")
                if time.monotonic() > deadline:
                    raise SandboxError(f"{binary} serve did not listen within {timeout}s")
                time.sleep(0.05)
        except BaseException as error:
            log = _read(directory)
            _stop(process)
            shutil.rmtree(directory, ignore_errors=True)
            if isinstance(error, SandboxError):
                raise SandboxError(f"{error}; its output:\n{log}") from None
            raise

    def reset(self) -> None:
        """Returns the server to its start-up state: the same researcher, token and workspace,
        nothing else (POST /_cohort/reset)."""
        self._request("POST", "/_cohort/reset", self.admin_token)

    def check_alive(self) -> None:
        if self._process.poll() is not None:
            raise SandboxError(
                f"the sandbox server exited with {self._process.returncode}; its output:\n{self.log()}")

    def log(self) -> str:
        """What the server has written to stdout and stderr so far."""
        return _read(self._directory)

    def stop(self) -> None:
        _stop(self._process)
        shutil.rmtree(self._directory, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def _request(self, method, path, token):
        request = urllib.request.Request(
            self.url + path, method=method, headers={"Authorization": f"Token {token}"},
            data=b"" if method == "POST" else None)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                body = response.read()
        except urllib.error.HTTPError as error:
            self.check_alive()
            raise SandboxError(
                f"{method} {path} answered {error.code}: {error.read().decode(errors='replace')}") from None
        except urllib.error.URLError as error:
            self.check_alive()
            raise SandboxError(f"{method} {path} failed: {error.reason}") from None
        return json.loads(body) if body.strip() else None


def _read(directory) -> str:
    try:
        with open(os.path.join(directory, "server.log"), "rb") as log:
            return log.read().decode(errors="replace")
    except FileNotFoundError:
        return ""


def _stop(process) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
