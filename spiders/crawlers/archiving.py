"""What every govmedia spider shares: turning responses and failures into PageItems."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from spiders.items import PageItem

# Error statuses are archived and recorded like any page; the cleaning stage rejects them with
# their status, so a dead link is visible in the data instead of vanishing in a log line.
RECORDED_ERROR_STATUSES = [400, 401, 403, 404, 405, 410, 429, 451, 500, 502, 503, 504]


def header_pairs(headers) -> list[tuple[str, str]]:
    return [(key.decode("latin-1"), value.decode("latin-1")) for key, values in headers.items() for value in values]


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class ArchivingSpider(scrapy.Spider):
    """Base of govmedia spiders: records every response and every failed request as a PageItem."""

    handle_httpstatus_list = RECORDED_ERROR_STATUSES
    source: str = ""
    lang_hint: str = ""

    def __init__(self, *args, run_id: str | None = None, max_pages: str | int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.run_id = run_id or datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        self.max_pages = int(max_pages) if max_pages not in (None, "", "0") else None
        self.articles_scheduled = 0
        self.seen_articles: set[str] = set()

    def page_item(self, response: Response, page_kind: str) -> PageItem:
        request = response.request
        return PageItem(
            url=(response.meta.get("redirect_urls") or [response.url])[0],
            final_url=response.url,
            source=self.source,
            run_id=self.run_id,
            page_kind=page_kind,
            fetched_at=utc_now(),
            status=response.status,
            request_method=request.method if request else "GET",
            request_headers=header_pairs(request.headers) if request else [],
            response_headers=header_pairs(response.headers),
            body=response.body,
            discovered_via=response.meta.get("discovered_via", "start"),
            referer=(request.headers.get("Referer") or b"").decode("latin-1") if request else "",
            depth=response.meta.get("depth", 0),
            redirect_urls=list(response.meta.get("redirect_urls", [])),
            lang_hint=self.lang_hint,
        )

    def record_failure(self, failure: Failure):
        """A request that got no response at all still leaves a page record with the error."""
        request = failure.request
        yield PageItem(
            url=request.url,
            final_url="",
            source=self.source,
            run_id=self.run_id,
            page_kind=request.meta.get("page_kind", "article"),
            fetched_at=utc_now(),
            error=f"{failure.type.__name__}: {failure.getErrorMessage()}"[:500],
            request_headers=header_pairs(request.headers),
            discovered_via=request.meta.get("discovered_via", "start"),
            depth=request.meta.get("depth", 0),
            lang_hint=self.lang_hint,
        )

    def want_article(self, url: str) -> bool:
        """True once per article URL while the page budget lasts."""
        if url in self.seen_articles:
            return False
        if self.max_pages is not None and self.articles_scheduled >= self.max_pages:
            return False
        self.seen_articles.add(url)
        self.articles_scheduled += 1
        return True

    def article_request(self, url: str, via: str, priority: int = 10) -> scrapy.Request:
        # want_article() already keeps each URL once; dont_filter lets a redirect to a page fetched
        # by another path still be followed, so the redirect itself is recorded, not silently dropped.
        return scrapy.Request(url, callback=self.parse_article, errback=self.record_failure, priority=priority,
                              meta={"discovered_via": via, "page_kind": "article"}, dont_filter=True)

    def parse_article(self, response: Response):
        yield self.page_item(response, "article")
        if response.status == 200 and hasattr(response, "css"):
            for url in continuation_pages(response):
                if self.want_article(url):
                    yield self.article_request(url, f"next_page:{response.url}", priority=20)


def continuation_pages(response: Response) -> list[str]:
    """Further pages of a multi-page article: rel=next, or the same file name with a _N suffix."""
    stem, _, ext = response.url.split("?")[0].rpartition(".")
    stem = re.sub(r"_\d+$", "", stem)
    same_article = re.compile(re.escape(stem) + r"_\d+\." + re.escape(ext) + "$")
    links = response.css("a[rel~=next]::attr(href), link[rel~=next]::attr(href), a::attr(href)").getall()
    found = []
    for href in links:
        url = response.urljoin(href.strip()).split("#")[0]
        if same_article.match(url) and url != response.url and url not in found:
            found.append(url)
    return found
