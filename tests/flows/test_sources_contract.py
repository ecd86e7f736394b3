"""Every site profile, crawled through the real flow against its fixture site on 127.0.0.1.

Like fundus' publisher tests: a profile without a fixture site (and its _expected.json) fails.
"""

from __future__ import annotations

import io
import json
from datetime import date
from urllib.parse import urlsplit

import pyarrow.parquet as pq
import pytest

from flows.config import Settings
from flows.pipeline import govmedia_pipeline
from flows.sample_web import SAMPLE_WEB_ROOT, SampleWeb
from flows.store import open_store
from spiders.site_profile import available_profiles, load_profile

SINCE = date(2011, 1, 1)


def rows(store, prefix: str) -> list[dict]:
    return [r for k in store.list(prefix) for r in pq.read_table(io.BytesIO(store.get_bytes(k))).to_pylist()]


def path_of(row: dict) -> str:
    return urlsplit(row.get("final_url") or row["url"]).path


@pytest.fixture(autouse=True)
def staging(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVMEDIA_STAGING_DIR", str(tmp_path / "staging"))


@pytest.mark.parametrize("source", available_profiles())
def test_source_contract(prefect_api, source, tmp_path):
    expected_file = SAMPLE_WEB_ROOT / source / "_expected.json"
    assert expected_file.is_file(), f"profile {source} has no fixture site with _expected.json"
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    profile = load_profile(source)
    store_uri = str(tmp_path / "store")
    with SampleWeb(source) as web:
        first = govmedia_pipeline(sources=[source], max_pages=None, run_id="c1", store=store_uri,
                                  base_urls={source: web.base_url}, since=SINCE)
        second = govmedia_pipeline(sources=[source], max_pages=None, run_id="c2", store=store_uri,
                                   base_urls={source: web.base_url}, since=SINCE)
    store = open_store(store_uri, Settings.from_env())
    pages = [p for p in rows(store, "raw/pages/") if p["run_id"] == "c1"]
    docs, rejected = rows(store, "clean/docs/"), rows(store, "clean/rejected/")
    corpus = rows(store, "corpus/")
    kept_paths = [path_of(d) for d in docs]
    rejected_reason = {path_of(r): r["reason"] for r in rejected}
    fetched = {urlsplit(p["url"]).path for p in pages} | {path_of(p) for p in pages if p["final_url"]}
    articles = expected["articles"]
    continuation = {path for path, info in articles.items() if info["kind"] == "multipage_p2"}

    for path, info in articles.items():
        published = date.fromisoformat(info["published"])
        if path in continuation:
            assert path not in kept_paths and path not in rejected_reason, f"{path}: page 2 is its own document"
        elif published < SINCE:
            if profile.url_date(path):
                assert path not in fetched, f"{path}: out of the window by its URL, yet fetched"
            else:
                assert rejected_reason.get(path) == "date_window_before_since", path
        elif not info.get("on_topic", True):
            assert rejected_reason.get(path) == "off_topic", f"{path}: {rejected_reason.get(path)}"
        elif info["kind"] != "short":
            # Kept (a page reached by two paths, e.g. a redirect, is one document in the corpus).
            assert path in kept_paths or any(path == urlsplit(d["url"]).path for d in docs), \
                f"{path}: {rejected_reason.get(path, 'not fetched' if path not in fetched else 'not kept')}"

    corpus_paths = [path_of(d) for d in corpus]
    assert len(corpus_paths) == len(set(corpus_paths)), "an article published twice"
    if expected.get("multipage"):
        first_page = next(d for d in docs if path_of(d) == expected["multipage"]["first"])
        assert [urlsplit(p["url"]).path for p in first_page["pages"]] == expected["multipage"]["pages"]
    assert not fetched & set(expected.get("disallowed", [])), "robots.txt disallowed page fetched"
    assert all(d["relevance"] >= 3 for d in docs)
    assert {d["lang"] for d in corpus} <= {"en", "zh"}
    for path, sentence in expected.get("first_sentences", {}).items():
        doc = next((d for d in docs if path_of(d) == path), None)
        if doc is not None:
            assert sentence[:40] in doc["text"], f"{path}: first sentence lost in extraction"
    # Second run: nothing new on the site, so no article is fetched again and nothing is published.
    second_articles = [p for p in rows(store, "raw/pages/") if p["run_id"] == "c2" and p["page_kind"] == "article"]
    assert second_articles == [] and second["counts"]["published"] == 0
    assert first["counts"]["published"] > 0
