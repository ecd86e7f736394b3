"""govmedia-pipeline: raw (crawl or ingest) -> clean -> dedup -> publish, read top to bottom.

Each stage reads only what the stage before wrote to the store, records a marker when done, and
is skipped on a re-run of the same run id; the manifest is written last.
"""

from __future__ import annotations

import time
from datetime import date

from prefect import flow, get_run_logger, unmapped
from prefect.artifacts import create_markdown_artifact

from flows import bucket_layout, run_state
from flows.clean import clean_source
from flows.config import Settings
from flows.crawl import crawl_source
from flows.dedup import dedup_run
from flows.ingest import ingest_files
from flows.publish import publish_corpus, write_manifest
from flows.report import render_markdown
from flows.store import open_store
from spiders.site_profile import available_profiles

STAGES = ("raw", "clean", "dedup", "publish")


class StageFailed(RuntimeError):
    pass


def _gather(sources: list[str], futures, what: str, log) -> tuple[dict, dict]:
    """Results by source, and errors by source: one failing source does not sink the others."""
    results, errors = {}, {}
    for source, future in zip(sources, futures):
        value = future.result(raise_on_failure=False)
        if isinstance(value, BaseException):
            errors[source] = f"{type(value).__name__}: {value}"
            log.error("%s of %s failed: %s", what, source, value)
        else:
            results[source] = value
    return results, errors


@flow(name="govmedia-pipeline", log_prints=True)
def govmedia_pipeline(
    sources: list[str] | None = None,
    max_pages: int | None = 30,
    run_id: str | None = None,
    store: str | None = None,
    base_urls: dict[str, str] | None = None,
    ingest_paths: list[str] | None = None,
    ingest_source: str = "local",
    stages: list[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    refetch: bool = False,
) -> dict:
    """Crawl (or ingest local files), clean, dedup and publish one run into the store.

    Args:
        sources: site profiles to crawl (``spiders/sites/*.yaml``); default chinadaily.
        max_pages: article budget per source.
        run_id: re-use an id to resume or re-run a run; a published run is left as it is.
        store: folder path or s3://bucket/prefix; default from GOVMEDIA_STORE, else ./data.
        base_urls: per source, a mirror to crawl instead of the live site (the sample web).
        ingest_paths: local .html/.txt/.warc(.gz) files or folders to ingest instead of crawling.
        ingest_source: the ``source`` name given to ingested pages.
        stages: which stages to run, in order; default all.
        since: earliest publication date to keep: URLs dated earlier are not fetched, documents
            dated earlier are rejected (``date_window_before_since``).
        until: latest publication date to keep.
        refetch: fetch articles earlier runs already have; changed texts become new revisions.
    """
    log = get_run_logger()
    settings = Settings.from_env(store=store)
    target = open_store(settings.store, settings)
    store_uri = target.uri
    run_id = bucket_layout.check_run_id(run_id or run_state.new_run_id())
    wanted = [s for s in STAGES if s in (stages or STAGES)]
    existing = run_state.read_json(target, bucket_layout.manifest(run_id))
    if existing:
        log.info("run %s is already published (%s); nothing to do", run_id, bucket_layout.manifest(run_id))
        return existing
    sources = [bucket_layout.check_source(s) for s in (sources or (["chinadaily"] if not ingest_paths else []))]
    if ingest_paths:
        sources = [bucket_layout.check_source(ingest_source)]
    elif "raw" in wanted:
        unknown = sorted(set(sources) - set(available_profiles()))
        if unknown:
            raise ValueError(f"no site profile for {', '.join(unknown)}; known: {', '.join(available_profiles())}")
    run = run_state.open_run(target, run_id, {"sources": sources, "max_pages": max_pages,
                                              "ingest_paths": ingest_paths or [], "mirrored": sorted(base_urls or {}),
                                              "since": since.isoformat() if since else None,
                                              "until": until.isoformat() if until else None})
    # A resumed run keeps the window it started with.
    since = date.fromisoformat(run["params"]["since"]) if run["params"].get("since") else None
    until = date.fromisoformat(run["params"]["until"]) if run["params"].get("until") else None
    day = run["date"]
    markers: dict[str, dict] = {}

    def stage(name: str, body) -> dict | None:
        marker = run_state.stage_done(target, run_id, name)
        if marker:
            log.info("stage %s of run %s already done; skipping", name, run_id)
        elif name in wanted:
            started = time.perf_counter()
            result = body()
            result["seconds"] = round(time.perf_counter() - started, 3)
            marker = run_state.mark_stage(target, run_id, name, result)
        if marker:
            markers[name] = marker
        return marker

    def raw_stage() -> dict:
        if ingest_paths:
            part = ingest_files(store_uri, list(ingest_paths), sources[0], run_id, day, settings)
            return {"mode": "ingest", "sources": {part["source"]: part}, "errors": {}}
        futures = crawl_source.map(store_uri, sources, unmapped(run_id), unmapped(day), unmapped(max_pages),
                                   [(base_urls or {}).get(s) for s in sources], unmapped(settings),
                                   unmapped(since.isoformat() if since else None),
                                   unmapped(until.isoformat() if until else None), unmapped(refetch))
        results, errors = _gather(sources, futures, "crawl", log)
        if not results:
            raise StageFailed(f"every crawl failed: {errors}")
        return {"mode": "crawl", "sources": results, "errors": errors}

    def clean_stage() -> dict:
        parts = markers["raw"]["sources"]
        futures = clean_source.map(store_uri, [p["pages_key"] for p in parts.values()], list(parts),
                                   unmapped(run_id), unmapped(day), unmapped(settings), unmapped(since), unmapped(until))
        results, errors = _gather(list(parts), futures, "clean", log)
        if errors:
            raise StageFailed(f"cleaning failed: {errors}")
        return {"sources": results}

    def docs_keys() -> list[str]:
        return [p["docs_key"] for p in markers["clean"]["sources"].values()]

    if not stage("raw", raw_stage):
        raise StageFailed(f"run {run_id} has no raw stage yet: crawl or ingest first")
    if stage("clean", clean_stage) and stage("dedup", lambda: dedup_run(store_uri, docs_keys(), run_id, day, settings)):
        if stage("publish", lambda: publish_corpus(store_uri, docs_keys(), markers["dedup"]["clusters_key"],
                                                   run_id, day, settings)):
            timings = {name: markers[name]["seconds"] for name in STAGES if name in markers}
            manifest = write_manifest(target, run, markers, timings)
            create_markdown_artifact(key="govmedia-run-report", markdown=render_markdown(manifest, target),
                                     description=f"govmedia run {run_id}")
            log.info("run %s published: %s", run_id, target.url_for(bucket_layout.manifest(run_id)))
            return manifest
    return {"run_id": run_id, "date": day, "stages_done": sorted(markers), "partial": True,
            "stage_seconds": {name: markers[name].get("seconds") for name in markers}}
