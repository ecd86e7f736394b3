"""Group documents that share a content hash into clusters, each with one canonical document.

Pure: the index of hashes already published by earlier runs comes in as a mapping and the
additions to it go out as data, so a later run is checked against every run before it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class DedupCandidate:
    doc_id: str
    content_hash: str
    source: str
    url: str
    published: date | None
    fetched_at: datetime


@dataclass(frozen=True)
class PublishedCluster:
    """What an earlier run published for one content hash."""

    cluster_id: str
    canonical_doc_id: str
    run_id: str


@dataclass(frozen=True)
class ClusterMembership:
    doc_id: str
    cluster_id: str
    cluster_size: int
    dup_kind: str  # "unique" when alone, "exact" when it shares its text with another document
    is_canonical: bool
    canonical_doc_id: str
    canonical_run_id: str
    publish: bool  # True for the one document per cluster that this run adds to the corpus


def canonical_order(doc: DedupCandidate) -> tuple:
    """Earliest published first (undated last), then earliest fetched, then shortest URL."""
    return (doc.published is None, doc.published or date.max, doc.fetched_at, len(doc.url), doc.doc_id)


def cluster_exact(docs: list[DedupCandidate], published: dict[str, PublishedCluster], run_id: str) -> list[ClusterMembership]:
    by_hash: dict[str, list[DedupCandidate]] = defaultdict(list)
    for doc in docs:
        by_hash[doc.content_hash].append(doc)
    memberships = []
    for text_hash, group in by_hash.items():
        group = sorted(group, key=canonical_order)
        earlier = published.get(text_hash)
        cluster_id = text_hash[:16]
        if earlier:
            canonical_id, canonical_run = earlier.canonical_doc_id, earlier.run_id
            cluster_id = earlier.cluster_id
            size = len(group) + (0 if any(d.doc_id == canonical_id for d in group) else 1)
        else:
            canonical_id, canonical_run = group[0].doc_id, run_id
            size = len(group)
        for doc in group:
            is_canonical = doc.doc_id == canonical_id
            memberships.append(
                ClusterMembership(
                    doc_id=doc.doc_id,
                    cluster_id=cluster_id,
                    cluster_size=size,
                    dup_kind="unique" if size == 1 else "exact",
                    is_canonical=is_canonical,
                    canonical_doc_id=canonical_id,
                    canonical_run_id=canonical_run,
                    publish=is_canonical and earlier is None,
                )
            )
    return memberships
