"""A SPARQL 1.1 Protocol endpoint over a built graph, with a query page for the browser.

Runs the Oxigraph server that the `oxigraph` package ships: `/query` answers SPARQL
queries (GET `?query=`, POST `application/sparql-query` or form-encoded), `/` is a
page to type queries and see results. Read-only unless `allow_update`, then
`/update` takes SPARQL updates. A Turtle file is first loaded into a temporary
store, removed again when the server stops.

>>> with serve("build/graph.ttl", port=0) as endpoint:   # doctest: +SKIP
...     print(endpoint.query_url)
http://127.0.0.1:40521/query
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from kg.store import is_store, load_store


class ServeError(Exception):
    """The endpoint could not start; the message says why."""


def oxigraph_binary() -> str:
    """The `oxigraph` server program: beside this Python (a virtual environment's bin/), else on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.is_file():
        return str(here)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServeError("the oxigraph server program is missing; install it with: pip install oxigraph")


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on `host` now (the OS picks it)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@dataclass
class Endpoint:
    """A running endpoint: `.url` is its base (the query page), `.query_url` the SPARQL endpoint."""

    url: str
    store_dir: Path
    allow_update: bool
    process: subprocess.Popen = field(repr=False)
    _temporary: Path | None = field(default=None, repr=False)

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.url}/update"

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 10.0) -> None:
        """Stops the server and removes a temporary store; safe to call twice."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = None

    def wait(self) -> int:
        """Blocks until the server ends; Ctrl-C or a TERM signal stops it and cleans up."""
        import signal

        def _terminate(signum, frame):  # noqa: ARG001
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            return self.process.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            self.stop()
            signal.signal(signal.SIGTERM, previous)

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _wait_until_listening(proc: subprocess.Popen, host: str, port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode("utf-8", "replace").strip() if proc.stderr else ""
            raise ServeError(f"the oxigraph server stopped at start: {err.splitlines()[-1] if err else 'no message'}")
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise ServeError(f"the oxigraph server did not listen on {host}:{port} within {timeout:g} s")


def serve(graph: Path | str, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False,
          *, timeout_s: int | None = None, start_timeout: float = 30.0) -> Endpoint:
    """Starts an endpoint over `graph` (a store folder, or an RDF file loaded into a temporary
    store) and returns once it listens. `port=0` picks a free port. Stop it with `.stop()`."""
    graph = Path(graph)
    if not graph.exists():
        raise ServeError(f"{graph}: no such graph; give a built graph.ttl or store folder")
    from kg.build.incremental import unfinished

    if why := unfinished(graph):
        raise ServeError(why)
    temporary = None
    if graph.is_dir():
        if not is_store(graph):
            raise ServeError(f"{graph}: not a store folder; give graph.ttl or the store/ folder of a build")
        store_dir = graph
    else:
        temporary = Path(tempfile.mkdtemp(prefix="kg-serve-"))
        store_dir = temporary / "store"
        try:
            load_store(graph, store_dir)
        except Exception as e:
            shutil.rmtree(temporary, ignore_errors=True)
            raise ServeError(f"{graph}: cannot load: {e}") from None
    if not port:
        port = free_port(host)
    mode = "serve" if allow_update else "serve-read-only"
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    cmd = [oxigraph_binary(), mode, "--location", str(store_dir), "--bind", bind]
    if timeout_s:
        cmd += ["--timeout-s", str(timeout_s)]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_until_listening(proc, host, port, start_timeout)
    except BaseException:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
        raise
    url_host = f"[{host}]" if ":" in host else host
    return Endpoint(f"http://{url_host}:{port}", store_dir, allow_update, proc, temporary)
