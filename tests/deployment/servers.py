"""Real server processes for the deployment tests: gunicorn, as production runs it."""

import os
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
# What a store's environment must never leak into a test's own.
STORE_VARIABLES = (
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "REDIS_URL",
    "MAISON_CACHE_PREFIX",
    "MAISON_PAYMENT_WEBHOOK_SECRET",
)


def store_env(**variables: str) -> dict[str, str]:
    """This environment without the store's settings, then with `variables`."""
    env = {k: v for k, v in os.environ.items() if k not in STORE_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "maison.settings"
    env.update(variables)
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """One gunicorn server of `workers` processes, stopped by `stop()` whatever happened."""

    def __init__(
        self,
        env: dict[str, str],
        log: Path,
        workers: int = 1,
        certificate: "Certificate | None" = None,
    ):
        self.port = free_port()
        self.base = f"{'https' if certificate else 'http'}://127.0.0.1:{self.port}"
        self.log = log
        self.ssl_context = certificate.client_context() if certificate else None
        command = [
            str(GUNICORN),
            "maison.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--no-control-socket",
        ]
        if certificate:
            command += ["--certfile", str(certificate.cert), "--keyfile", str(certificate.key)]
        with open(log, "w") as out:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )

    def wait_until_up(self, path: str = "/en/account/sign-in/", within: float = 30) -> None:
        deadline, last = time.monotonic() + within, None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited:\n" + self.log.read_text())
            try:
                with urllib.request.urlopen(self.base + path, timeout=5, context=self.ssl_context):
                    return
            except urllib.error.HTTPError as error:
                raise RuntimeError(
                    f"gunicorn answered {error.code}:\n{self.log.read_text()}"
                ) from error
            except OSError as error:
                last = error
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer ({last}):\n{self.log.read_text()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Certificate:
    """A self-signed certificate for 127.0.0.1, made by openssl for one test run."""

    def __init__(self, directory: Path):
        self.cert, self.key = directory / "cert.pem", directory / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
            + ["-keyout", str(self.key), "-out", str(self.cert), "-subj", "/CN=127.0.0.1"]
            + ["-addext", "subjectAltName=IP:127.0.0.1"],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def client_context(self) -> ssl.SSLContext:
        """A client that trusts this certificate and nothing else."""
        return ssl.create_default_context(cafile=str(self.cert))
