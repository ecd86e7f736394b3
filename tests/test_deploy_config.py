"""prefect.yaml and docker-compose.yml cannot run here (no Docker engine): check what can be checked."""

from __future__ import annotations

import importlib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_every_deployment_points_at_a_flow_and_its_parameters_validate():
    project = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    assert project["prefect-version"] == "3.8.8"
    names = set()
    for deployment in project["deployments"]:
        module_path, function = deployment["entrypoint"].split(":")
        module = importlib.import_module(module_path.removesuffix(".py").replace("/", "."))
        flow = getattr(module, function)
        flow.validate_parameters(deployment.get("parameters", {}))
        assert deployment["work_pool"]["name"] == "govmedia-process"
        names.add(deployment["name"])
    assert {"govmedia-pipeline-daily", "crawl-on-demand", "canary"} <= names


def test_compose_gives_the_worker_the_settings_the_pipeline_reads():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"minio", "createbucket", "postgres", "prefect-server", "worker", "redis", "govmedia"} <= set(services)
    env = services["worker"]["environment"]
    assert env["S3_ENDPOINT_URL"] == "http://minio:9000"
    assert env["GOVMEDIA_STORE"].startswith("s3://")
    assert env["PREFECT_API_URL"].endswith("/api")
    assert "${MINIO_TAG" in services["minio"]["image"]
