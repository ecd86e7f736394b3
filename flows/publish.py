"""Publish stage: canonical documents new in this run go to corpus/, then the manifest, last."""

from __future__ import annotations

from collections import defaultdict

from prefect import get_run_logger, task

from flows import bucket_layout, run_state, tables
from flows.config import Settings
from flows.store import open_store


@task(name="publish-corpus")
def publish_corpus(store_uri: str, docs_keys: list[str], clusters_key: str, run_id: str, day: str,
                   settings: Settings) -> dict:
    log = get_run_logger()
    store = open_store(store_uri, settings)
    docs = {}
    for key in docs_keys:
        for row in tables.from_parquet_bytes(store.get_bytes(key), key):
            docs.setdefault(row["doc_id"], row)
    clusters = tables.from_parquet_bytes(store.get_bytes(clusters_key), clusters_key)
    members = defaultdict(list)
    for row in clusters:
        members[row["cluster_id"]].append(row)
    by_source = defaultdict(list)
    for row in clusters:
        if not row["published_in_corpus"]:
            continue
        doc = dict(docs[row["doc_id"]])
        group = members[row["cluster_id"]]
        doc.update(cluster_id=row["cluster_id"], cluster_size=row["cluster_size"], dup_kind=row["dup_kind"],
                   revision=row["revision"],
                   cluster_sources=sorted({m["source"] for m in group}), cluster_urls=sorted({m["url"] for m in group}))
        by_source[doc.pop("source")].append(doc)
    keys = []
    for source, rows in sorted(by_source.items()):
        rows.sort(key=lambda row: row["doc_id"])
        key = bucket_layout.corpus(source, day, run_id)
        store.put_bytes(key, tables.to_parquet_bytes(rows, tables.CORPUS))
        keys.append(key)
    published = sum(len(rows) for rows in by_source.values())
    log.info("published %d documents to %d corpus file(s)", published, len(keys))
    return {"corpus_keys": keys, "published": published, "by_source": {s: len(r) for s, r in by_source.items()}}


def written_keys(stages: dict) -> list[str]:
    keys = []
    for part in stages.get("raw", {}).get("sources", {}).values():
        keys += part["warc_keys"] + [part["pages_key"]] + ([part["state_key"]] if part.get("state_key") else [])
    for part in stages.get("clean", {}).get("sources", {}).values():
        keys += [part["docs_key"], part["rejected_key"]]
    dedup = stages.get("dedup", {})
    keys += [k for k in (dedup.get("clusters_key"), dedup.get("index_key")) if k]
    keys += stages.get("publish", {}).get("corpus_keys", [])
    return keys


def write_manifest(store, run: dict, stages: dict, timings: dict) -> dict:
    """The last write of a run: once it exists, consumers may read every key it lists."""
    run_id = run["run_id"]
    keys = written_keys(stages)
    stage_keys = [bucket_layout.stage_marker(run_id, name) for name in stages]
    crawl = stages.get("raw", {}).get("sources", {})
    clean = stages.get("clean", {}).get("sources", {})
    dropped: dict[str, int] = defaultdict(int)
    for part in clean.values():
        for reason, count in part["dropped"].items():
            dropped[reason] += count
    manifest = {
        "run_id": run_id,
        "date": run["date"],
        "started_at": run["started_at"],
        "finished_at": run_state.now_utc().isoformat(),
        "params": run.get("params", {}),
        "code_version": run_state.code_version(),
        "counts": {
            "pages_fetched": sum(p["pages"] for p in crawl.values()),
            "pages_by_kind": _sum_dicts(p["by_kind"] for p in crawl.values()),
            "documents_in": sum(p["documents_in"] for p in clean.values()),
            "documents_kept": sum(p["kept"] for p in clean.values()),
            "pages_joined": sum(p.get("pages_joined", 0) for p in clean.values()),
            "documents_rejected": sum(dropped.values()),
            "rejected_by_reason": dict(sorted(dropped.items())),
            "clusters": stages.get("dedup", {}).get("clusters", 0),
            "duplicate_clusters": stages.get("dedup", {}).get("duplicate_clusters", 0),
            "non_canonical": stages.get("dedup", {}).get("non_canonical", 0),
            "same_page_twice": stages.get("dedup", {}).get("same_page_twice", 0),
            "already_published": stages.get("dedup", {}).get("already_published", 0),
            "new_revisions": stages.get("dedup", {}).get("new_revisions", 0),
            "published": stages.get("publish", {}).get("published", 0),
        },
        "per_source": {source: {"pages": crawl.get(source, {}).get("pages", 0),
                                "blocked": crawl.get(source, {}).get("blocked", {}),
                                "finish_reason": crawl.get(source, {}).get("finish_reason", ""),
                                "by_status": crawl.get(source, {}).get("by_status", {}),
                                "kept": clean.get(source, {}).get("kept", 0),
                                "rejected": clean.get(source, {}).get("dropped", {}),
                                "published": stages.get("publish", {}).get("by_source", {}).get(source, 0)}
                       for source in sorted(set(crawl) | set(clean))},
        "source_errors": stages.get("raw", {}).get("errors", {}),
        "stage_seconds": timings,
        "keys": [{"key": key, "bytes": store.size(key)} for key in keys + stage_keys],
    }
    run_state.write_json(store, bucket_layout.manifest(run_id), manifest)
    return manifest


def _sum_dicts(dicts) -> dict:
    total: dict[str, int] = defaultdict(int)
    for d in dicts:
        for key, value in d.items():
            total[key] += value
    return dict(total)
