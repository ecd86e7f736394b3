"""Every key the project writes, in one place. This layout is a public contract (docs/bucket-layout.md).

Data files are partitioned Hive-style (``source=…/date=…``); the partition columns live in the
path only, never inside the files, so DuckDB, pandas/pyarrow and Spark read a whole prefix as one
table. ``date`` is the UTC date the run started.
"""

from __future__ import annotations

import re

RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
SOURCE = re.compile(r"^[a-z0-9][a-z0-9_]{0,63}$")


def check_run_id(run_id: str) -> str:
    if not RUN_ID.match(run_id):
        raise ValueError(f"run id {run_id!r} must be 1-128 characters of letters, digits, '_', '.', '-'")
    return run_id


def check_source(source: str) -> str:
    if not SOURCE.match(source):
        raise ValueError(f"source {source!r} must be lower-case letters, digits and '_'")
    return source


def raw_warc(source: str, day: str, run_id: str, part: int) -> str:
    return f"raw/warc/source={source}/date={day}/{run_id}-{part:05d}.warc.gz"


def raw_pages(source: str, day: str, run_id: str) -> str:
    return f"raw/pages/source={source}/date={day}/{run_id}.parquet"


def clean_docs(source: str, day: str, run_id: str) -> str:
    return f"clean/docs/source={source}/date={day}/{run_id}.parquet"


def clean_rejected(source: str, day: str, run_id: str) -> str:
    return f"clean/rejected/source={source}/date={day}/{run_id}.parquet"


def dedup_clusters(day: str, run_id: str) -> str:
    return f"dedup/clusters/date={day}/{run_id}.parquet"


def corpus(source: str, day: str, run_id: str) -> str:
    return f"corpus/source={source}/date={day}/{run_id}.parquet"


def dedup_exact_index(run_id: str) -> str:
    return f"state/dedup/exact/{run_id}.parquet"


DEDUP_EXACT_INDEX_PREFIX = "state/dedup/exact/"


def crawl_state(source: str, run_id: str) -> str:
    """What a run fetched from a source (URL, validators, body hash): the next run's memory."""
    return f"state/crawl/source={source}/{run_id}.parquet"


def crawl_state_prefix(source: str) -> str:
    return f"state/crawl/source={source}/"
RUNS_PREFIX = "runs/"


def stage_marker(run_id: str, stage: str) -> str:
    """Written when a stage of a run has finished: what it wrote and counted. Re-runs skip it."""
    return f"runs/{run_id}/stages/{stage}.json"


def manifest(run_id: str) -> str:
    """Written last: a run is visible to consumers only once this exists."""
    return f"runs/{run_id}/manifest.json"
