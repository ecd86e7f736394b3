"""The real spiders, in a subprocess as the flow runs them, against the sample web over HTTP."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from flows.sample_web import SAMPLE_WEB_ROOT

EXPECTED = json.loads((SAMPLE_WEB_ROOT / "chinadaily" / "_expected.json").read_text(encoding="utf-8"))


def crawl(spider: str, staging: Path, *args: str) -> list[dict]:
    command = [sys.executable, "-m", "scrapy", "crawl", spider, "-a", "run_id=t1", "-s", "GOVMEDIA_SCOPE_ALLOW=127.0.0.1",
               "-s", f"GOVMEDIA_STAGING_DIR={staging}", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
               "-s", "LOG_LEVEL=WARNING", *args]
    done = subprocess.run(command, env=dict(os.environ, SCRAPY_SETTINGS_MODULE="spiders.settings"),
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    folder = next(p for p in staging.iterdir() if p.is_dir())
    return [json.loads(line) for line in (folder / "pages.jsonl").read_text(encoding="utf-8").splitlines()]


def paths(pages, **where) -> set[str]:
    return {urlsplit(p["final_url"] or p["url"]).path for p in pages if all(p.get(k) == v for k, v in where.items())}


@pytest.fixture(scope="module")
def full_crawl(sample_web, tmp_path_factory):
    staging = tmp_path_factory.mktemp("staging")
    return staging, crawl("chinadaily", staging, "-a", f"base_url={sample_web.base_url}")


def test_scrapy_lists_one_spider_per_profile_and_the_feed_spider():
    done = subprocess.run([sys.executable, "-m", "scrapy", "list"], capture_output=True, text=True,
                          env=dict(os.environ, SCRAPY_SETTINGS_MODULE="spiders.settings"), timeout=60)
    from spiders.site_profile import available_profiles

    assert done.stdout.split() == sorted(available_profiles() + ["feed"])


def test_every_article_is_fetched_once_from_lists_and_sitemap(full_crawl):
    _, pages = full_crawl
    articles = [p for p in pages if p["page_kind"] == "article" and p["status"] == 200]
    assert paths(articles) == set(EXPECTED["articles"])
    assert len(articles) == len({p["url"] for p in articles})  # each requested URL once
    assert paths(pages, page_kind="list") >= {path.replace("index.html", "") for path in EXPECTED["list_pages"]} - {""}
    assert any(p["discovered_via"].startswith("sitemap:") for p in pages) or paths(pages, page_kind="sitemap")


def test_dead_links_redirects_robots_and_scope(full_crawl):
    _, pages = full_crawl
    assert {p["status"] for p in pages if urlsplit(p["url"]).path in EXPECTED["missing"]} == {404}
    redirected = {urlsplit(u).path for p in pages for u in p["redirect_urls"]}
    assert set(EXPECTED["redirects"]) <= redirected
    fetched = {urlsplit(p["url"]).path for p in pages} | paths(pages)
    assert not fetched & set(EXPECTED["disallowed"])
    assert not {p["url"] for p in pages} & set(EXPECTED["offsite"])


def test_warc_records_hold_the_bodies_the_page_records_point_to(full_crawl):
    staging, pages = full_crawl
    warc_dir = next(staging.iterdir()) / "warc"
    for page in pages:
        if page["warc_offset"] is None:
            continue
        with open(warc_dir / page["warc_file"], "rb") as handle:
            handle.seek(page["warc_offset"])
            record = next(iter(ArchiveIterator(handle)))
            assert record.rec_type == "response"
            assert record.rec_headers.get_header("WARC-Target-URI") == page["final_url"]
            body = record.content_stream().read()
        assert hashlib.sha1(body).hexdigest() == page["body_sha1"]
    with gzip.open(next(warc_dir.iterdir()), "rb") as handle:
        assert handle.read(9) == b"WARC/1.1\r"
    with open(next(warc_dir.iterdir()), "rb") as handle:
        request = next(iter(ArchiveIterator(handle)))
        assert request.rec_type == "request"
        assert request.http_headers.get_header("User-Agent").startswith("govmedia/")


def test_gbk_page_is_archived_as_the_original_bytes(full_crawl):
    staging, pages = full_crawl
    gbk_path = next(path for path, info in EXPECTED["articles"].items() if info["kind"] == "gbk")
    page = next(p for p in pages if urlsplit(p["final_url"]).path == gbk_path)
    with open(next(staging.iterdir()) / "warc" / page["warc_file"], "rb") as handle:
        handle.seek(page["warc_offset"])
        body = next(iter(ArchiveIterator(handle))).content_stream().read()
    assert EXPECTED["gbk_only_chars"][0] in body.decode("gb18030")
    assert page["content_type"] == "text/html"


def test_max_pages_limits_articles(sample_web, tmp_path):
    pages = crawl("chinadaily", tmp_path, "-a", f"base_url={sample_web.base_url}", "-a", "max_pages=3")
    assert len([p for p in pages if p["page_kind"] == "article"]) == 3


def test_feed_spider_follows_a_sitemap(sample_web, tmp_path):
    pages = crawl("feed", tmp_path, "-a", f"url={sample_web.base_url}/sitemap.xml", "-a", "source=sample_sitemap")
    assert paths(pages, page_kind="sitemap") == {"/sitemap.xml"}
    fetched = paths([p for p in pages if p["page_kind"] == "article" and p["status"] == 200])
    assert len(fetched) >= 5 and fetched <= set(EXPECTED["articles"])
    assert {p["source"] for p in pages} == {"sample_sitemap"}


def test_feed_spider_follows_an_rss_feed(sample_web, tmp_path):
    pages = crawl("feed", tmp_path, "-a", f"url={sample_web.base_url}/rss/china_rss.xml", "-a", "source=sample_rss")
    fetched = paths([p for p in pages if p["page_kind"] == "article" and p["status"] == 200])
    assert len(fetched) >= 3 and fetched <= set(EXPECTED["articles"])


def test_private_addresses_are_refused_and_recorded(tmp_path):
    pages = crawl("feed", tmp_path, "-a", "url=http://10.11.12.13/sitemap.xml", "-a", "source=internal",
                  "-s", "RETRY_TIMES=0")
    assert len(pages) == 1 and "scope guard" in pages[0]["error"] and pages[0]["status"] is None


def test_unreachable_host_leaves_a_page_record_with_the_error(tmp_path):
    pages = crawl("feed", tmp_path, "-a", "url=http://127.0.0.1:9/sitemap.xml", "-a", "source=nowhere",
                  "-s", "RETRY_TIMES=0", "-s", "ROBOTSTXT_OBEY=False")
    assert len(pages) == 1 and pages[0]["status"] is None and "Connection" in pages[0]["error"]


def test_profile_politeness_reaches_scrapy_and_the_command_line_still_wins():
    from scrapy.settings import Settings

    from spiders import settings as project_settings
    from spiders.crawlers.site import chinadaily_spider

    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    chinadaily_spider.update_settings(settings)
    assert settings.getfloat("DOWNLOAD_DELAY") == chinadaily_spider.profile.download_delay == 2.0
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1
    assert settings.getbool("ROBOTSTXT_OBEY") and settings.getbool("AUTOTHROTTLE_ENABLED")
    settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
    chinadaily_spider.update_settings(settings)
    assert settings.getfloat("DOWNLOAD_DELAY") == 0


def test_links_about_the_topic_are_fetched_first():
    from scrapy.http import HtmlResponse

    from spiders.crawlers.site import chinadaily_spider

    spider = chinadaily_spider(run_id="t")
    page = HtmlResponse("https://www.chinadaily.com.cn/china/governmentandpolicy/", encoding="utf-8", body=b"""
      <ul><li><a href="/a/202401/02/WS00000000000000000000000a.html">Football final tonight</a> Fans gather.</li>
          <li><a href="/a/202401/02/WS00000000000000000000000b.html">City acts</a> The government Weibo account
              and official WeChat account answer residents.</li></ul>""")
    requests, _ = spider.follow_articles(page, "list:test")
    by_url = {r.url.rsplit("/", 1)[1]: r.priority for r in requests}
    assert by_url["WS00000000000000000000000b.html"] > by_url["WS00000000000000000000000a.html"]


def test_out_of_window_urls_are_not_requested():
    from scrapy.http import HtmlResponse

    from spiders.crawlers.site import chinadaily_spider

    spider = chinadaily_spider(run_id="t", since="2011-01-01", until="2020-12-31")
    page = HtmlResponse("https://www.chinadaily.com.cn/opinion/commentator/", encoding="utf-8", body=b"""
      <a href="/opinion/2009-05/04/content_7740001.htm">old</a>
      <a href="/a/201905/04/WS5ccd0000a3104842260b0001.html">in window</a>
      <a href="/a/202305/04/WS64530000a310b6054fad0001.html">too new</a>""")
    requests, window_reached = spider.follow_articles(page, "list:test")
    assert [r.url.rsplit("/", 1)[1] for r in requests] == ["WS5ccd0000a3104842260b0001.html"] and window_reached
