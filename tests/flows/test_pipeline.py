"""The real govmedia-pipeline flow on a real Prefect API, crawling the sample web into both stores."""

from __future__ import annotations

import io
import json
from urllib.parse import urlsplit

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from flows import bucket_layout
from flows.config import Settings
from flows.pipeline import govmedia_pipeline
from flows.sample_web import SAMPLE_WEB_ROOT
from flows.store import open_store

EXPECTED = json.loads((SAMPLE_WEB_ROOT / "chinadaily" / "_expected.json").read_text(encoding="utf-8"))
KIND = {info["kind"]: path for path, info in EXPECTED["articles"].items()}


@pytest.fixture(autouse=True)
def staging(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVMEDIA_STAGING_DIR", str(tmp_path / "staging"))


def run(store_uri, sample_web, run_id, **kwargs):
    return govmedia_pipeline(sources=["chinadaily"], max_pages=None, run_id=run_id, store=store_uri,
                             base_urls={"chinadaily": sample_web.base_url}, **kwargs)


def read_rows(store, prefix) -> list[dict]:
    rows = []
    for key in store.list(prefix):
        table = pq.read_table(io.BytesIO(store.get_bytes(key)))
        rows += table.to_pylist()
    return rows


def snapshot(store) -> dict[str, bytes]:
    return {key: store.get_bytes(key) for key in store.list()}


def path_of(url: str) -> str:
    return urlsplit(url).path


def test_pipeline_publishes_a_clean_deduplicated_corpus(prefect_api, sample_web, store_uri):
    manifest = run(store_uri, sample_web, "run-1")
    store = open_store(store_uri, Settings.from_env())
    counts = manifest["counts"]
    # Every article, the dead link, and the redirect source (its target is also in the sitemap).
    assert counts["pages_by_kind"]["article"] == len(EXPECTED["articles"]) + len(EXPECTED["missing"]) + len(EXPECTED["redirects"])
    assert counts["documents_in"] == counts["documents_kept"] + counts["documents_rejected"] + counts["pages_joined"]

    # Nothing fetched is lost: every article fetch is a kept document, a rejected row with a
    # reason, or a page of a kept multi-page document.
    docs = read_rows(store, "clean/docs/")
    rejected = read_rows(store, "clean/rejected/")
    assert len(docs) + len(rejected) + counts["pages_joined"] == counts["pages_by_kind"]["article"]
    multipage = next(d for d in docs if path_of(d["final_url"]) == KIND["multipage_p1"])
    assert [path_of(p["url"]) for p in multipage["pages"]] == [KIND["multipage_p1"], KIND["multipage_p2"]]
    assert all(p["warc_offset"] > 0 for p in multipage["pages"])
    assert EXPECTED["first_sentences"][KIND["multipage_p2"]][:60] in multipage["text"]
    assert KIND["multipage_p2"] not in {path_of(r["final_url"] or r["url"]) for r in docs + rejected}
    assert all(d["relevance"] >= 3 and d["matched_terms"] for d in docs)
    reasons = {path_of(r["url"]): r["reason"] for r in rejected}
    assert reasons[EXPECTED["missing"][0]] == "fetch_status_http_error"
    assert reasons[KIND["short"]] == "min_length_too_short"

    # The duplicate article under two URLs is one cluster with one canonical in the corpus.
    clusters = read_rows(store, "dedup/clusters/")
    by_path = {path_of(c["url"]): c for c in clusters}
    a, b = by_path[KIND["duplicate_a"]], by_path[KIND["duplicate_b"]]
    assert a["cluster_id"] == b["cluster_id"] and a["cluster_size"] == 2 and a["dup_kind"] == "exact"
    assert a["is_canonical"] != b["is_canonical"]

    corpus = read_rows(store, "corpus/")
    assert counts["same_page_twice"] == 1  # the redirect target, also reached from the sitemap
    assert len(corpus) == counts["published"] == len(docs) - counts["non_canonical"] - counts["same_page_twice"]
    corpus_paths = {path_of(d["final_url"] or d["url"]) for d in corpus}
    assert len(corpus_paths & {KIND["duplicate_a"], KIND["duplicate_b"]}) == 1
    gbk = next(d for d in corpus if path_of(d["final_url"]) == KIND["gbk"])
    assert gbk["lang"] == "zh" and EXPECTED["gbk_only_chars"][0] in gbk["text"] and gbk["encoding"] == "gb18030"
    normal = next(d for d in corpus if path_of(d["final_url"]) == KIND["normal"])
    info = EXPECTED["articles"][KIND["normal"]]
    assert normal["title"] == info["title"] and str(normal["published"]) == info["published"]
    assert EXPECTED["first_sentences"][KIND["normal"]][:60] in normal["text"]
    assert normal["warc_file"].startswith("raw/warc/source=chinadaily/") and normal["warc_offset"] > 0
    assert "Copyright 1995" not in normal["text"]

    # The manifest lists every key the run wrote, and every data key exists.
    listed = {entry["key"] for entry in manifest["keys"]}
    written = set(store.list()) - {bucket_layout.manifest("run-1"), "runs/run-1/run.json"}
    assert listed == written
    assert manifest["code_version"]["govmedia"] and set(manifest["stage_seconds"]) == {"raw", "clean", "dedup", "publish"}


def test_rerunning_a_run_changes_nothing_and_a_new_run_adds_only_what_is_new(prefect_api, sample_web, store_uri):
    first = run(store_uri, sample_web, "run-a")
    store = open_store(store_uri, Settings.from_env())
    before = snapshot(store)
    again = run(store_uri, sample_web, "run-a")
    assert snapshot(store) == before and again == first

    second = run(store_uri, sample_web, "run-b")  # nothing changed on the site: no article fetched
    assert second["counts"]["published"] == 0 and second["counts"]["pages_by_kind"].get("article", 0) == 0
    assert not store.list("corpus/source=chinadaily/date=" + second["date"] + "/run-b")
    third = govmedia_pipeline(sources=["chinadaily"], max_pages=None, run_id="run-c", store=store_uri,
                              base_urls={"chinadaily": sample_web.base_url}, refetch=True)
    assert third["counts"]["published"] == 0  # everything re-fetched, every text already in the corpus
    assert third["counts"]["already_published"] == first["counts"]["published"]


def test_a_run_is_invisible_until_its_manifest_and_resumes_where_it_stopped(prefect_api, sample_web, store_uri):
    partial = run(store_uri, sample_web, "run-p", stages=["raw", "clean"])
    store = open_store(store_uri, Settings.from_env())
    assert partial["partial"] and partial["stages_done"] == ["clean", "raw"]
    assert not store.exists(bucket_layout.manifest("run-p")) and not store.list("corpus/")
    raw_before = {k: store.get_bytes(k) for k in store.list("raw/")}
    finished = govmedia_pipeline(run_id="run-p", store=store_uri)  # resumes: no re-crawl, no re-clean
    assert store.exists(bucket_layout.manifest("run-p")) and finished["counts"]["published"] > 0
    assert {k: store.get_bytes(k) for k in store.list("raw/")} == raw_before


def test_local_and_s3_runs_write_the_same_keys(prefect_api, sample_web, tmp_path, s3_store_uri):
    local_uri = str(tmp_path / "local-store")
    run(local_uri, sample_web, "same-run")
    run(s3_store_uri, sample_web, "same-run")
    local_keys = open_store(local_uri).list()
    s3_keys = open_store(s3_store_uri, Settings.from_env()).list()
    day = json.loads(open_store(local_uri).get_bytes("runs/same-run/run.json"))["date"]
    s3_day = json.loads(open_store(s3_store_uri, Settings.from_env()).get_bytes("runs/same-run/run.json"))["date"]
    assert [k.replace(s3_day, day) for k in s3_keys] == local_keys


def test_corpus_reads_back_with_pandas_pyarrow_and_duckdb(prefect_api, sample_web, tmp_path):
    store_dir = tmp_path / "store"
    manifest = run(str(store_dir), sample_web, "read-back")
    frame = pd.read_parquet(store_dir / "corpus")
    assert len(frame) == manifest["counts"]["published"]
    assert set(frame["source"].astype(str)) == {"chinadaily"}
    glob = (store_dir / "corpus" / "**" / "*.parquet").as_posix()
    rows = duckdb.sql(f"select source, date, count(*) as n, min(length(text)) as shortest "
                      f"from read_parquet('{glob}', hive_partitioning=true) group by all").fetchall()
    assert rows[0][0] == "chinadaily" and rows[0][2] == manifest["counts"]["published"] and rows[0][3] > 300
    rejected = duckdb.sql(f"select reason, count(*) from read_parquet('{(store_dir / 'clean/rejected/**/*.parquet').as_posix()}'"
                          f", hive_partitioning=true) group by reason").fetchall()
    assert dict(rejected)["fetch_status_http_error"] == 1
    pages = pd.read_parquet(store_dir / "raw" / "pages")
    assert {"url", "final_url", "status", "headers", "warc_file", "warc_offset", "discovered_via", "fetched_at"} <= set(pages.columns)


def test_no_secret_reaches_the_store(prefect_api, sample_web, s3_store_uri, s3_endpoint):
    import os

    secret = os.environ["AWS_SECRET_ACCESS_KEY"].encode()
    manifest = run(s3_store_uri, sample_web, "secrets")
    store = open_store(s3_store_uri, Settings.from_env())
    import gzip

    for key in store.list():
        data = store.get_bytes(key)
        if key.endswith(".gz"):
            data = gzip.decompress(data)
        assert secret not in data, key
    assert secret.decode() not in json.dumps(manifest)


def test_unknown_source_is_a_clear_error_before_anything_is_written(prefect_api, tmp_path):
    with pytest.raises(ValueError, match="no site profile for nosuchsite; known: chinadaily"):
        govmedia_pipeline(sources=["nosuchsite"], run_id="bad", store=str(tmp_path / "store"))
    assert open_store(str(tmp_path / "store")).list() == []


def test_run_report_is_a_prefect_artifact_with_page_text_escaped(prefect_api, sample_web, tmp_path):
    import asyncio

    from prefect import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.report import escape_markdown

    manifest = run(str(tmp_path / "store"), sample_web, "artifact-run")

    async def latest():
        async with get_client() as client:
            found = await client.read_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["govmedia-run-report"])))
            return [a for a in found if "artifact\\-run" in (a.data or "")]

    artifacts = asyncio.run(latest())
    assert artifacts and f"**{manifest['counts']['published']}** published" in artifacts[0].data
    assert escape_markdown("[x](javascript:alert(1)) <b>") == "\\[x\\]\\(javascript:alert\\(1\\)\\) \\<b\\>"


def test_second_run_fetches_only_what_is_new_and_refetch_keeps_revisions(prefect_api, tmp_path):
    import shutil

    from flows.sample_web import SampleWeb

    site = tmp_path / "web"
    shutil.copytree(SAMPLE_WEB_ROOT / "chinadaily", site / "chinadaily")
    store_uri = str(tmp_path / "store")
    with SampleWeb("chinadaily", root=site) as web:
        first = run(store_uri, web, "inc-1")
        # The site publishes one new article, linked from the top of the first list page.
        normal = site / "chinadaily" / KIND["normal"].lstrip("/")
        new_path = "/a/202501/06/WS677b4c2aa310f1265a1d6f00.html"
        new_page = normal.read_text(encoding="utf-8").replace("Government micro blogs multiply", "Township WeChat accounts multiply")
        new_page = new_page.replace("<p>", "<p>In January 2025 a new survey of township WeChat accounts found more of them. ", 1)
        (site / "chinadaily" / new_path.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
        (site / "chinadaily" / new_path.lstrip("/")).write_text(new_page, encoding="utf-8")
        listing = site / "chinadaily" / "china" / "governmentandpolicy" / "index.html"
        html = listing.read_text(encoding="utf-8")
        listing.write_text(html.replace("<h4>", f'<h4><a href="{new_path}">New</a></h4><h4>', 1), encoding="utf-8")
        second = run(store_uri, web, "inc-2")
        # A later edit of an article already published, seen with --refetch.
        normal.write_text(normal.read_text(encoding="utf-8").replace("<p>", "<p>Correction: figures updated. ", 1),
                          encoding="utf-8")
        third = govmedia_pipeline(sources=["chinadaily"], max_pages=None, run_id="inc-3", store=store_uri,
                                  base_urls={"chinadaily": web.base_url}, refetch=True)
    store = open_store(store_uri, Settings.from_env())
    pages = {k: pq.read_table(io.BytesIO(store.get_bytes(k))).to_pylist() for k in store.list("raw/pages/")}
    second_pages = next(rows for key, rows in pages.items() if key.endswith("inc-2.parquet"))
    assert [path_of(p["url"]) for p in second_pages if p["page_kind"] == "article"] == [new_path]
    assert {p["status"] for p in second_pages if p["page_kind"] in ("list", "sitemap")} >= {304}
    assert second["counts"]["published"] == 1 and first["counts"]["published"] > 5
    corpus = read_rows(store, "corpus/")
    revised = [d for d in corpus if path_of(d["final_url"]) == KIND["normal"]]
    assert sorted(d["revision"] for d in revised) == [1, 2] and third["counts"]["new_revisions"] == 1
    assert third["counts"]["already_published"] >= first["counts"]["published"] - 1


def test_one_failing_source_does_not_sink_the_others(prefect_api, sample_web, tmp_path):
    from flows.report import render_text

    # The second mirror refuses connections: that source's crawl leaves only failure records.
    manifest = govmedia_pipeline(sources=["chinadaily", "govcn"], max_pages=3, run_id="partial", store=str(tmp_path / "s"),
                                 base_urls={"chinadaily": sample_web.base_url, "govcn": "http://127.0.0.1:9"})
    assert manifest["per_source"]["chinadaily"]["published"] > 0
    assert manifest["per_source"]["govcn"]["published"] == 0
    assert any("Connection" in outcome for outcome in manifest["per_source"]["govcn"]["by_status"])
    assert "pages fetched" in render_text(manifest, open_store(str(tmp_path / "s")))
