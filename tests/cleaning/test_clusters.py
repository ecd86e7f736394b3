from datetime import date, datetime, timezone

from cleaning.dedup.clusters import DedupCandidate, PublishedCluster, cluster_exact

T = datetime(2026, 1, 1, tzinfo=timezone.utc)


def cand(doc_id, text_hash, published=None, url=None):
    return DedupCandidate(doc_id, text_hash, "s", url or f"http://x/{doc_id}", published, T)


def test_exact_copies_form_one_cluster_with_the_earliest_as_canonical():
    out = {m.doc_id: m for m in cluster_exact([cand("a", "h1", date(2020, 1, 2)), cand("b", "h1", date(2020, 1, 1)),
                                                cand("c", "h2")], {}, "r1")}
    assert out["b"].is_canonical and out["b"].publish and not out["a"].publish
    assert out["a"].cluster_id == out["b"].cluster_id and out["a"].cluster_size == 2 and out["a"].dup_kind == "exact"
    assert out["c"].dup_kind == "unique" and out["c"].cluster_size == 1 and out["c"].publish


def test_a_later_run_joins_earlier_clusters_and_publishes_nothing_again():
    earlier = {"h1": PublishedCluster("cluster1", "old", "r0")}
    out = {m.doc_id: m for m in cluster_exact([cand("new", "h1"), cand("old", "h1")], earlier, "r1")}
    assert out["new"].canonical_doc_id == "old" and out["new"].canonical_run_id == "r0"
    assert out["old"].is_canonical and not out["old"].publish and not out["new"].publish
    assert out["new"].cluster_id == "cluster1" and out["new"].cluster_size == 2
