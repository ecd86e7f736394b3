"""Real services for the tests, started once per session: Prefect's API, an S3 server, the sample web."""

from __future__ import annotations

import os
import uuid

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

import pytest

from flows.config import Settings
from flows.sample_web import SampleWeb


@pytest.fixture(scope="session")
def prefect_api():
    """A real Prefect API (Prefect's test harness: a temporary server on SQLite)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def s3_endpoint():
    """S3 over HTTP: a real MinIO when S3_ENDPOINT_URL is set, else moto's standalone server."""
    if os.environ.get("S3_ENDPOINT_URL"):
        yield os.environ["S3_ENDPOINT_URL"]
        return
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    saved = {k: os.environ.get(k) for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "S3_ENDPOINT_URL")}
    os.environ.update(AWS_ACCESS_KEY_ID="govmedia-test-key", AWS_SECRET_ACCESS_KEY="govmedia-test-secret-value",
                      AWS_DEFAULT_REGION="us-east-1", S3_ENDPOINT_URL=f"http://{host}:{port}")
    yield f"http://{host}:{port}"
    server.stop()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def s3_store_uri(s3_endpoint) -> str:
    """A fresh bucket (and prefix) per test, so tests never see each other's keys."""
    return f"s3://govmedia-test-{uuid.uuid4().hex[:12]}/corpus"


@pytest.fixture(params=["local", "s3"])
def store_uri(request, tmp_path) -> str:
    if request.param == "local":
        return str(tmp_path / "store")
    return request.getfixturevalue("s3_store_uri")


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings.from_env(staging_dir=tmp_path / "staging")


@pytest.fixture(scope="session")
def sample_web():
    with SampleWeb("chinadaily") as web:
        yield web
