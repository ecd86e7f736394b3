"""Dedup stage: cluster this run's clean documents against themselves and every earlier run."""

from __future__ import annotations

from prefect import get_run_logger, task

from cleaning.dedup.clusters import DedupCandidate, PublishedCluster, cluster_exact
from flows import bucket_layout, tables
from flows.config import Settings
from flows.store import open_store


def load_exact_index(store, exclude_run: str) -> tuple[dict[str, PublishedCluster], dict[str, set[str]]]:
    """Content hashes published by earlier runs, and the texts each doc_id had (its revisions).

    This run's own entry is ignored, so a re-run of it agrees with its first run.
    """
    index, revisions = {}, {}
    for key in store.list(bucket_layout.DEDUP_EXACT_INDEX_PREFIX):
        if key == bucket_layout.dedup_exact_index(exclude_run):
            continue
        for row in tables.from_parquet_bytes(store.get_bytes(key)):
            index.setdefault(row["content_hash"], PublishedCluster(row["cluster_id"], row["canonical_doc_id"], row["run_id"]))
            revisions.setdefault(row["canonical_doc_id"], set()).add(row["content_hash"])
    return index, revisions


@task(name="dedup-run")
def dedup_run(store_uri: str, docs_keys: list[str], run_id: str, day: str, settings: Settings) -> dict:
    log = get_run_logger()
    store = open_store(store_uri, settings)
    docs = [row for key in docs_keys for row in tables.from_parquet_bytes(store.get_bytes(key), key)]
    candidates = [DedupCandidate(d["doc_id"], d["content_hash"], d["source"], d["url"], d["published"], d["fetched_at"])
                  for d in docs]
    # The same page reached twice in one run (two discovery paths, a redirect) is one document.
    unique = {c.doc_id: c for c in candidates}
    published, revisions = load_exact_index(store, run_id)
    memberships = cluster_exact(list(unique.values()), published, run_id)
    by_doc = {c.doc_id: c for c in unique.values()}
    rows = []
    for m in memberships:
        doc = by_doc[m.doc_id]
        rows.append({"doc_id": m.doc_id, "source": doc.source, "url": doc.url, "content_hash": doc.content_hash,
                     "cluster_id": m.cluster_id, "cluster_size": m.cluster_size, "dup_kind": m.dup_kind,
                     "is_canonical": m.is_canonical, "canonical_doc_id": m.canonical_doc_id,
                     "canonical_run_id": m.canonical_run_id, "published_in_corpus": m.publish, "run_id": run_id,
                     # A page re-fetched with changed text is published again as its next revision.
                     "revision": len(revisions.get(m.doc_id, set()) - {doc.content_hash}) + 1})
    rows.sort(key=lambda row: (row["cluster_id"], not row["is_canonical"], row["doc_id"]))
    clusters_key = bucket_layout.dedup_clusters(day, run_id)
    store.put_bytes(clusters_key, tables.to_parquet_bytes(rows, tables.CLUSTERS))
    index_rows = [{"content_hash": r["content_hash"], "cluster_id": r["cluster_id"], "canonical_doc_id": r["doc_id"],
                   "run_id": run_id} for r in rows if r["published_in_corpus"]]
    index_key = bucket_layout.dedup_exact_index(run_id)
    store.put_bytes(index_key, tables.to_parquet_bytes(index_rows, tables.EXACT_INDEX))
    cluster_ids = {r["cluster_id"] for r in rows}
    multi = {r["cluster_id"] for r in rows if r["cluster_size"] > 1}
    result = {"clusters_key": clusters_key, "index_key": index_key, "documents": len(rows),
              "same_page_twice": len(candidates) - len(unique), "clusters": len(cluster_ids),
              "duplicate_clusters": len(multi), "new_canonical": len(index_rows),
              "already_published": sum(1 for r in rows if r["is_canonical"] and not r["published_in_corpus"]),
              "non_canonical": sum(1 for r in rows if not r["is_canonical"]),
              "new_revisions": sum(1 for r in rows if r["published_in_corpus"] and r["revision"] > 1)}
    log.info("dedup: %d documents in %d clusters (%d with duplicates), %d new to the corpus",
             len(rows), len(cluster_ids), len(multi), len(index_rows))
    return result
