"""`ingest`: local files through the same cleaning and dedup; hostile input ends as rejected rows."""

from __future__ import annotations

import io
import json
from urllib.parse import unquote, urlsplit

import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from flows.config import Settings
from flows.pipeline import govmedia_pipeline
from flows.store import open_store

ARTICLE = ("<html><head><title>Police Weibo answers residents</title></head><body><nav>Home | News</nav><article>"
           + "".join(f"<p>Paragraph {i}: the city police micro-blog on Weibo answered more than two hundred questions "
                     f"from residents this week, officials said, and published traffic notices every morning.</p>"
                     for i in range(10)) + "</article><footer>Copyright 2026</footer></body></html>")


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "good.html").write_text(ARTICLE, encoding="utf-8")
    (folder / "good_copy.htm").write_text(ARTICLE.replace("Home | News", "Start"), encoding="utf-8")
    (folder / "note.txt").write_text("Government WeChat accounts\n\n" + "The tax bureau's WeChat account now files "
                                     "returns for small shops in minutes. " * 20, encoding="utf-8")
    (folder / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    (folder / "empty.html").write_bytes(b"")
    (folder / "broken.html").write_bytes(bytes(range(128, 256)) * 64)
    (folder / "huge.html").write_bytes(b"<html><body>" + b"<p>government weibo</p>" * (50 * 1024 * 1024 // 23) + b"</body></html>")
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 10000 + "<p>deep</p>" + "</div>" * 10000 + "</body></html>")
    warc = tmp_path / "saved.warc.gz"
    with open(warc, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=gbk")], protocol="HTTP/1.1")
        body = ("<html><body><div>" + "<p>政务微博已成为政府发布信息、回应关切的重要平台，朱镕基曾强调政府要与群众沟通。</p>" * 8
                + "</div></body></html>").encode("gbk")
        writer.write_record(writer.create_warc_record("http://www.gov.cn/a.htm", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
    (tmp_path / "not_a.warc").write_bytes(b"this is not a WARC file")
    return [str(folder), str(warc), str(tmp_path / "not_a.warc"), str(tmp_path / "missing.html")]


def rows(store, prefix):
    return [r for key in store.list(prefix) for r in pq.read_table(io.BytesIO(store.get_bytes(key))).to_pylist()]


def test_ingest_cleans_dedups_and_rejects_bad_input_with_reasons(prefect_api, inputs, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVMEDIA_STAGING_DIR", str(tmp_path / "staging"))
    store_uri = str(tmp_path / "store")
    manifest = govmedia_pipeline(ingest_paths=inputs, ingest_source="local", run_id="ingest-1", store=store_uri)
    store = open_store(store_uri, Settings.from_env())
    names = lambda table: {unquote(urlsplit(r["url"]).path).rsplit("/", 1)[-1]: r for r in rows(store, table)}
    pages, docs, rejected = names("raw/pages/"), names("clean/docs/"), names("clean/rejected/")
    assert set(pages) == set(docs) | set(rejected)
    assert set(docs) == {"good.html", "good_copy.htm", "note.txt", "a.htm"}
    assert {name: r["reason"] for name, r in rejected.items()} == {
        "binary.html": "decode_binary", "empty.html": "decode_empty", "broken.html": "decode_garbled",
        "huge.html": "decode_too_large", "deep.html": "extract_empty", "not_a.warc": "fetch_status_failed",
        "missing.html": "fetch_status_failed"}
    assert docs["note.txt"]["extractor"] == "plain_text"
    assert docs["a.htm"]["lang"] == "zh" and "镕" in docs["a.htm"]["text"]
    assert manifest["counts"]["duplicate_clusters"] == 1 and manifest["counts"]["published"] == 3
    assert json.loads(store.get_bytes("runs/ingest-1/manifest.json"))["run_id"] == "ingest-1"
