"""Where Prefect keeps its state, and the local server chiso manages.

Prefect 3 needs an API server.  Its temporary server starts in seconds on
every run and prints tracebacks when it stops, so chiso instead keeps one
local server per user, started the first time a command needs it and reused
by every later run (``chiso server status|stop`` manage it):

- state: ``$CHISO_HOME/prefect`` (default ``~/.chiso/prefect``): Prefect's
  SQLite database, ``server.log`` and ``server.json`` (pid, port, URL);
- address: 127.0.0.1 on a free port chosen at first start and kept in
  ``server.json`` across stops, so the UI's address stays the same.

When ``PREFECT_API_URL`` is set (a team server, Prefect Cloud, a work
pool's server) chiso uses it and starts nothing.

Everything here must run before ``prefect`` is imported: Prefect reads its
settings from the environment at import time.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

STARTUP_TIMEOUT = float(os.environ.get("CHISO_PREFECT_STARTUP_TIMEOUT", "90"))


class PrefectServerError(RuntimeError):
    """chiso's local Prefect server could not be started or reached."""


@dataclass(frozen=True, slots=True)
class ServerInfo:
    api_url: str
    managed: bool
    home: Path | None = None
    pid: int | None = None

    @property
    def ui_url(self) -> str:
        return self.api_url.removesuffix("/api")


def chiso_home() -> Path:
    return Path(os.environ.get("CHISO_HOME") or Path.home() / ".chiso").expanduser()


def prefect_home() -> Path:
    return chiso_home() / "prefect"


def _state_file() -> Path:
    return prefect_home() / "server.json"


def _healthy(api_url: str, timeout: float = 1.0) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def _alive(pid: int) -> bool:
    if pid <= 0:  # 0 and -1 would ask about a whole process group, or every process
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_taken(port: int) -> bool:
    with socket.socket() as sock:
        # as the server binds: connections of its last life in TIME_WAIT
        # do not make the port taken, a program listening on it does
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def _server_port() -> int:
    """The port chosen at first start (a free one then), the same ever after."""
    port = (_read_state() or {}).get("port")
    if not port:
        return _free_port()
    if _port_taken(port):
        raise PrefectServerError(
            f"port {port}, chosen for chiso's local Prefect server at its first start, is taken by "
            f"another program; stop that program, or delete {_state_file()} to choose a new port"
        )
    return port


def _read_state() -> dict | None:
    try:
        return json.loads(_state_file().read_text())
    except (OSError, ValueError):
        return None


def server_env(port: int | None = None) -> dict[str, str]:
    """The environment chiso's server and its clients share; with ``port``,
    the server's own address too.  Prefect's UI asks the server where the API
    is (``/ui-settings``), which answers from these settings, not from the
    command line's ``--port``: without them the UI looked for 127.0.0.1:4200."""
    address = {}
    if port is not None:
        address = {
            "PREFECT_SERVER_API_HOST": "127.0.0.1",
            "PREFECT_SERVER_API_PORT": str(port),
            "PREFECT_UI_API_URL": f"http://127.0.0.1:{port}/api",
        }
    return {
        **address,
        "PREFECT_HOME": str(prefect_home()),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT": "false",
    }


def running_server() -> ServerInfo | None:
    state = _read_state()
    if state and _alive(state.get("pid") or 0) and _healthy(state["api_url"]):
        return ServerInfo(state["api_url"], managed=True, home=prefect_home(), pid=state["pid"])
    return None


def start_server(quiet: bool = False) -> ServerInfo:
    """Start chiso's local Prefect server unless one is already up."""
    home = prefect_home()
    home.mkdir(parents=True, exist_ok=True)
    with open(home / "server.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two chiso commands must not start two servers
        info = running_server()
        if info:
            return info
        port = _server_port()
        api_url = f"http://127.0.0.1:{port}/api"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API_", "PREFECT_UI_"))}
        env.update(server_env(port))
        if not quiet:
            print(
                f"Starting chiso's local Prefect server on {api_url} (state in {home}) ...", file=sys.stderr
            )
        log = open(home / "server.log", "ab")
        process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        log.close()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise PrefectServerError(
                    f"the local Prefect server exited with code {process.returncode}; "
                    f"see {home / 'server.log'}"
                )
            if _healthy(api_url):
                _state_file().write_text(json.dumps({"pid": process.pid, "port": port, "api_url": api_url}))
                return ServerInfo(api_url, managed=True, home=home, pid=process.pid)
            time.sleep(0.25)
        process.terminate()
        raise PrefectServerError(
            f"the local Prefect server did not answer within {STARTUP_TIMEOUT:.0f}s; "
            f"see {home / 'server.log'}"
        )


def stop_server(timeout: float = 20.0) -> bool:
    """Stop chiso's local server; False when none was running."""
    state = _read_state()
    if not state or not _alive(state.get("pid") or 0):
        _forget_pid(state)
        return False
    pid = state["pid"]
    try:
        os.killpg(pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _alive(pid):
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.1)
    if _alive(pid):
        os.killpg(pid, signal.SIGKILL)
    _forget_pid(state)
    return True


def _forget_pid(state: dict | None) -> None:
    """Keep only the port: the next start listens on the same one."""
    if state and state.get("port"):
        _state_file().write_text(json.dumps({"port": state["port"]}))
    else:
        _state_file().unlink(missing_ok=True)


def configure(verbose: bool = False, start: bool = True) -> ServerInfo | None:
    """Point this process's Prefect at a server, starting chiso's if needed.

    The console shows Prefect's own log lines only with ``verbose``; they
    always reach the server (and its UI).
    """
    # Without -v the console shows none of Prefect's lines: chiso prints what
    # went wrong itself, once (a failed run's state, a warehouse error).
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "INFO" if verbose else "CRITICAL")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if os.environ.get("PREFECT_API_URL"):
        return ServerInfo(os.environ["PREFECT_API_URL"], managed=False)
    for key, value in server_env().items():
        os.environ.setdefault(key, value)
    if not start:
        return running_server()
    info = start_server(quiet=False)
    os.environ["PREFECT_API_URL"] = info.api_url
    _light_tls_context()
    return info


def _light_tls_context() -> None:
    """Prefect builds a TLS context, loading the whole CA bundle (20 ms and
    more), for every API client, and a run makes one per task thread.  chiso's
    own server speaks plain HTTP on 127.0.0.1, so no certificate is ever
    checked: point the clients at a one-certificate file instead.  Left
    alone when the user set a certificate file, or uses another server."""
    if os.environ.get("PREFECT_API_SSL_CERT_FILE"):
        return
    try:
        import certifi

        bundle = Path(certifi.where()).read_text(encoding="ascii", errors="ignore")
        first = bundle[: bundle.index("-----END CERTIFICATE-----") + len("-----END CERTIFICATE-----")]
        first = first[first.index("-----BEGIN CERTIFICATE-----") :] + "\n"
        target = prefect_home() / "local-only-ca.pem"
        if not target.exists() or target.read_text(encoding="ascii") != first:
            target.write_text(first, encoding="ascii")
    except (ImportError, OSError, ValueError):
        return
    os.environ["PREFECT_API_SSL_CERT_FILE"] = str(target)
