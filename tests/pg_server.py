"""A throwaway PostgreSQL server for the tests: a cluster in a temporary folder, listening on
127.0.0.1 only (its socket in that folder), trust authentication, gone when the tests end.

Skipped where the server binaries are missing, unless STORYLINE_REQUIRE_PG=1 (CI), which fails instead.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid

import pytest

# Debian's packages put each major version's binaries here; the newest one present is used.
BIN_GLOB = "/usr/lib/postgresql/*/bin"
REQUIRE_ENV = "STORYLINE_REQUIRE_PG"
USER = "storyline"            # the cluster's superuser (a database role, not a system account)
DATABASE = "storyline"
# initdb refuses to run as root, so as root the cluster belongs to this unprivileged system account
SERVER_ACCOUNT = "nobody"
# The test database collates by ICU's English rules, not bytes: a read that relied on the database's
# own order instead of the store's byte-ordered text would come out in another order than SQLite's.
ICU_LOCALE = "en-US"
START_TIMEOUT_S = 60          # pg_ctl waits this long for the server to accept connections
# A throwaway cluster need not survive a crash of the machine: no syncing to disk, which is most of
# the time a small write takes.
SERVER_SETTINGS = "-c fsync=off -c synchronous_commit=off"


def binaries() -> str | None:
    found = sorted(glob.glob(BIN_GLOB), key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0)
    if found and os.path.exists(os.path.join(found[-1], "initdb")):
        return found[-1]
    on_path = shutil.which("initdb")
    return os.path.dirname(on_path) if on_path else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One cluster; `url()` for its database, `fresh_url()` for a new empty schema in it."""

    def __init__(self, bin_dir: str):
        self.bin = bin_dir
        self.folder = tempfile.mkdtemp(prefix="storyline-pg-")     # in /tmp: the server account can reach it
        self.data = os.path.join(self.folder, "data")
        self.port = _free_port()
        self.account = None
        if os.geteuid() == 0:
            self.account = pwd.getpwnam(SERVER_ACCOUNT)
            os.chown(self.folder, self.account.pw_uid, self.account.pw_gid)

    def _run(self, *cmd: str) -> None:
        kw = {"user": self.account.pw_uid, "group": self.account.pw_gid, "extra_groups": []} if self.account else {}
        out = subprocess.run([os.path.join(self.bin, cmd[0]), *cmd[1:]], capture_output=True, text=True,
                             cwd=self.folder, **kw)
        if out.returncode:
            raise RuntimeError(f"{cmd[0]} failed ({out.returncode}): {out.stderr.strip() or out.stdout.strip()}")

    def start(self) -> None:
        self._run("initdb", "-D", self.data, "-U", USER, "--auth=trust", "--encoding=UTF8", "--no-sync")
        opts = f"-h 127.0.0.1 -p {self.port} -k {self.folder} {SERVER_SETTINGS}"
        self._run("pg_ctl", "start", "-D", self.data, "-l", os.path.join(self.folder, "log"), "-o", opts,
                  "-w", "-t", str(START_TIMEOUT_S))
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as con:
            try:
                con.execute(f"CREATE DATABASE {DATABASE} TEMPLATE template0 ENCODING 'UTF8' "
                            f"LOCALE_PROVIDER icu ICU_LOCALE '{ICU_LOCALE}' LOCALE 'C.UTF-8'")
            except psycopg.Error:          # a server without ICU: its default collation then
                con.execute(f"CREATE DATABASE {DATABASE} TEMPLATE template0 ENCODING 'UTF8'")

    def url(self, database: str = DATABASE) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def fresh_url(self) -> str:
        """A URL whose connections work in a new, empty schema of the test database."""
        import psycopg

        schema = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as con:
            con.execute(f"CREATE SCHEMA {schema}")
        return f"{self.url()}?options=-csearch_path%3D{schema}"

    def stop(self) -> None:
        try:
            if os.path.exists(os.path.join(self.data, "postmaster.pid")):
                self._run("pg_ctl", "stop", "-D", self.data, "-m", "immediate", "-w")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server():
    """The tests' PostgreSQL server, started once per session on first use."""
    bin_dir = binaries()
    if bin_dir is None:
        msg = "PostgreSQL server binaries not found (apt-get install postgresql)"
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{msg}, and {REQUIRE_ENV}=1", pytrace=False)
        pytest.skip(msg)
    server = Server(bin_dir)
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    yield server
    server.stop()
