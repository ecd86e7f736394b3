"""A site that pushes back: the crawl records it, slows down, and stops instead of hammering."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from scrapy.http import HtmlResponse

from spiders.middlewares.block_detection import block_kind, retry_after_seconds
from tests.spiders.test_site_spider import crawl

ARTICLES = 30


class RateLimitingSite(BaseHTTPRequestHandler):
    hits = 0

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/sitemap.xml":
            urls = "".join(f"<url><loc>http://{self.headers['Host']}/news/{i}.html</loc></url>" for i in range(ARTICLES))
            body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
        elif self.path == "/robots.txt":
            body = b"User-agent: *\n"
            self.send_response(200)
        else:
            type(self).hits += 1
            body = b"<html><body>Too many requests</body></html>"
            self.send_response(429)
            self.send_header("Retry-After", "0")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def rate_limiting_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), RateLimitingSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_repeated_429s_stop_the_source_with_every_block_recorded(rate_limiting_site, tmp_path):
    pages = crawl("feed", tmp_path, "-a", f"url={rate_limiting_site}/sitemap.xml", "-a", "source=pushy",
                  "-s", "GOVMEDIA_BLOCK_LIMIT=4", "-s", "GOVMEDIA_BLOCK_BACKOFF=0.05", "-s", "RETRY_TIMES=0",
                  "-s", "CONCURRENT_REQUESTS=1")
    stats = json.loads((tmp_path / "pushy" / "crawl_stats.json").read_text())
    assert stats["finish_reason"] == "blocked" and stats["govmedia/blocked/stopped"] is True
    articles = [p for p in pages if p["page_kind"] == "article"]
    assert 4 <= len(articles) < ARTICLES and RateLimitingSite.hits < ARTICLES
    assert all(p["status"] == 429 and p["blocked"] == "rate_limited" for p in articles)


def test_block_kinds_and_retry_after():
    page = lambda status, body: HtmlResponse("http://x/", status=status, body=body)
    assert block_kind(page(403, b"no")) == "forbidden"
    assert block_kind(page(200, "<p>请输入验证码</p>".encode())) == "captcha"
    assert block_kind(page(200, b"<p>" + b"An article about CAPTCHA design. " * 1000 + b"</p>")) is None
    assert block_kind(page(200, b"<p>fine</p>")) is None
    assert retry_after_seconds(b"30") == 30 and retry_after_seconds(b"Wed, 21 Oct 2026 07:28:00 GMT") is None


def test_back_off_doubles_the_slot_delay_and_honours_retry_after():
    from types import SimpleNamespace

    from scrapy import Request

    from spiders.middlewares.block_detection import BlockDetectionMiddleware

    slot = SimpleNamespace(delay=1.0)
    downloader = SimpleNamespace(slots={"example.cn": slot}, get_slot_key=lambda request: "example.cn")
    crawler = SimpleNamespace(engine=SimpleNamespace(downloader=downloader),
                              stats=SimpleNamespace(inc_value=lambda *a: None, set_value=lambda *a: None))
    middleware = BlockDetectionMiddleware(crawler, limit=100, base_delay=5.0, max_delay=120.0)
    request = Request("http://example.cn/a.html")
    middleware.process_response(request, HtmlResponse(request.url, status=429, headers={"Retry-After": "30"}), None)
    assert slot.delay == 30.0 and request.meta["govmedia_blocked"] == "rate_limited"
    middleware.process_response(request, HtmlResponse(request.url, status=503), None)
    assert slot.delay == 60.0
    for _ in range(3):
        middleware.process_response(request, HtmlResponse(request.url, status=403), None)
    assert slot.delay == 120.0  # capped
    ok = HtmlResponse(request.url, status=200, body=b"<p>fine</p>")
    assert middleware.process_response(Request(request.url), ok, None) is ok
