"""Notice when a site pushes back (403, 429, 503, captcha pages), back off, and stop if it persists.

Blocked responses are counted (``govmedia/blocked/<kind>``, shown per source in the run report)
and marked on the request so the page record says ``blocked``. The host's download slot slows
down (doubling, at least the server's Retry-After); after ``GOVMEDIA_BLOCK_LIMIT`` blocked
responses the spider closes with reason ``blocked`` instead of hammering the site.
Runs just before Scrapy's RetryMiddleware sees the response, so retries wait for the new delay.
"""

from __future__ import annotations

import asyncio
import re

from scrapy.exceptions import NotConfigured

BLOCK_STATUSES = {403: "forbidden", 429: "rate_limited", 503: "unavailable"}
CAPTCHA = re.compile(rb"captcha|recaptcha|\xe9\xaa\x8c\xe8\xaf\x81\xe7\xa0\x81|\xe5\xae\x89\xe5\x85\xa8\xe9\xaa\x8c\xe8\xaf\x81|"
                     rb"\xe8\xae\xbf\xe9\x97\xae\xe8\xbf\x87\xe4\xba\x8e\xe9\xa2\x91\xe7\xb9\x81|access denied", re.I)
CAPTCHA_MAX_BYTES = 20_000  # a challenge page is small; a long article that mentions "captcha" is not one


def retry_after_seconds(value: bytes | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value.decode("latin-1").strip()))
    except ValueError:
        return None  # an HTTP date: treated as "back off", with the default step


def block_kind(response) -> str | None:
    if response.status in BLOCK_STATUSES:
        return BLOCK_STATUSES[response.status]
    if response.status == 200 and len(response.body) < CAPTCHA_MAX_BYTES and CAPTCHA.search(response.body[:CAPTCHA_MAX_BYTES]):
        return "captcha"
    return None


class BlockDetectionMiddleware:
    def __init__(self, crawler, limit: int, base_delay: float, max_delay: float):
        self.crawler, self.limit, self.base_delay, self.max_delay = crawler, limit, base_delay, max_delay
        self.blocked = 0
        self.closing = False

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("GOVMEDIA_BLOCK_DETECTION_ENABLED", True):
            raise NotConfigured
        return cls(crawler, settings.getint("GOVMEDIA_BLOCK_LIMIT", 8), settings.getfloat("GOVMEDIA_BLOCK_BACKOFF", 5.0),
                   settings.getfloat("GOVMEDIA_BLOCK_MAX_DELAY", 120.0))

    def process_response(self, request, response, spider=None):
        kind = block_kind(response)
        if kind is None:
            return response
        self.blocked += 1
        request.meta["govmedia_blocked"] = kind
        self.crawler.stats.inc_value(f"govmedia/blocked/{kind}")
        self.back_off(request, retry_after_seconds(response.headers.get("Retry-After")))
        if self.blocked >= self.limit and not self.closing:
            self.closing = True
            self.crawler.stats.set_value("govmedia/blocked/stopped", True)
            asyncio.ensure_future(self.crawler.engine.close_spider_async(reason="blocked"))
        return response

    def back_off(self, request, retry_after: float | None) -> None:
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None:
            slot.delay = min(max(slot.delay * 2, self.base_delay, retry_after or 0), self.max_delay)
