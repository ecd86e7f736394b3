"""A run's bookkeeping in the store: its identity, a marker per finished stage, and the manifest.

Stage markers make re-runs cheap and idempotent: a stage whose marker exists is not redone.
"""

from __future__ import annotations

import json
import subprocess
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from flows import bucket_layout
from flows.store import Store


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def new_run_id() -> str:
    return now_utc().strftime("%Y%m%dT%H%M%SZ")


def read_json(store: Store, key: str) -> dict | None:
    return json.loads(store.get_bytes(key)) if store.exists(key) else None


def write_json(store: Store, key: str, value: dict) -> None:
    store.put_bytes(key, json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))


def open_run(store: Store, run_id: str, params: dict) -> dict:
    """The run's identity, fixed the first time: a re-run of the same id keeps its date partition."""
    key = f"{bucket_layout.RUNS_PREFIX}{run_id}/run.json"
    existing = read_json(store, key)
    if existing:
        return existing
    started = now_utc()
    run = {"run_id": run_id, "started_at": started.isoformat(), "date": started.date().isoformat(), "params": params}
    write_json(store, key, run)
    return run


def stage_done(store: Store, run_id: str, stage: str) -> dict | None:
    return read_json(store, bucket_layout.stage_marker(run_id, stage))


def mark_stage(store: Store, run_id: str, stage: str, result: dict) -> dict:
    write_json(store, bucket_layout.stage_marker(run_id, stage), result)
    return result


def code_version() -> dict:
    version = {"govmedia": metadata.version("govmedia")}
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=Path(__file__).parent, capture_output=True,
                                text=True, timeout=5)
        if commit.returncode == 0:
            version["git_commit"] = commit.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    for package in ("scrapy", "trafilatura", "prefect"):
        version[package] = metadata.version(package)
    return version
