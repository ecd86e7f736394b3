"""What every govmedia spider shares: turning responses and failures into PageItems, the article
budget, the date window, and link priority by the topic lexicon."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from pathlib import Path

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from cleaning.topic.lexicon import load_lexicon
from spiders.items import PageItem

# Error statuses are archived and recorded like any page; the cleaning stage rejects them with
# their status, so a dead link is visible in the data instead of vanishing in a log line.
RECORDED_ERROR_STATUSES = [304, 400, 401, 403, 404, 405, 410, 429, 451, 500, 502, 503, 504]
ARTICLE_PRIORITY = 10
MAX_TOPIC_BOOST = 30


def header_pairs(headers) -> list[tuple[str, str]]:
    return [(key.decode("latin-1"), value.decode("latin-1")) for key, values in headers.items() for value in values]


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def parse_day(value) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


class ArchivingSpider(scrapy.Spider):
    """Base of govmedia spiders: records every response and every failed request as a PageItem."""

    handle_httpstatus_list = RECORDED_ERROR_STATUSES
    source: str = ""
    lang_hint: str = ""

    def __init__(self, *args, run_id: str | None = None, max_pages: str | int | None = None,
                 since: str | None = None, until: str | None = None, known_file: str | None = None,
                 refetch: str | bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # What earlier runs fetched (flows/raw_archive.py: known_pages): skip known articles,
        # and ask lists, feeds and sitemaps only for what changed (conditional GET).
        self.known: dict[str, dict] = json.loads(Path(known_file).read_text(encoding="utf-8")) if known_file else {}
        self.refetch = str(refetch).lower() in ("1", "true", "yes")
        self.run_id = run_id or datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        self.max_pages = int(max_pages) if max_pages not in (None, "", "0") else None
        self.since, self.until = parse_day(since), parse_day(until)
        self.articles_scheduled = 0
        self.seen_articles: set[str] = set()
        self.lexicon = load_lexicon()

    # -- what to fetch -------------------------------------------------------------------------

    def in_window(self, day: date | None) -> bool:
        """Dates unknown before fetching pass; cleaning checks the extracted date later."""
        if day is None:
            return True
        return not ((self.since and day < self.since) or (self.until and day > self.until))

    def count(self, key: str) -> None:
        if getattr(self, "crawler", None):
            self.crawler.stats.inc_value(f"govmedia/{key}")

    def conditional_headers(self, url: str) -> dict[str, str]:
        if self.refetch:
            return {}  # a re-fetch must see every link again, even on lists that did not change
        known = self.known.get(url) or {}
        headers = {}
        if known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
        return headers

    def want_article(self, url: str, continuation: bool = False) -> bool:
        """True once per new article URL while the page budget lasts (continuation pages are not budgeted)."""
        if url in self.seen_articles:
            return False
        if not self.refetch and self.known.get(url, {}).get("page_kind") == "article":
            self.seen_articles.add(url)
            self.count("skipped/already_fetched")
            return False
        if not continuation and self.max_pages is not None and self.articles_scheduled >= self.max_pages:
            self.count("skipped/max_pages")
            return False
        self.seen_articles.add(url)
        if not continuation:
            self.articles_scheduled += 1
        return True

    def topic_priority(self, url: str, anchor_text: str = "") -> int:
        score, _ = self.lexicon.score(anchor_text, url.replace("_", " ").replace("-", " "))
        return ARTICLE_PRIORITY + min(int(score * 3), MAX_TOPIC_BOOST)

    def article_request(self, url: str, via: str, priority: int = ARTICLE_PRIORITY, root: str = "",
                        page_number: int = 1) -> scrapy.Request:
        # want_article() already keeps each URL once; dont_filter lets a redirect to a page fetched
        # by another path still be followed, so the redirect itself is recorded, not silently dropped.
        return scrapy.Request(url, callback=self.parse_article, errback=self.record_failure, priority=priority,
                              dont_filter=True, meta={"discovered_via": via, "page_kind": "article",
                                                     "article_root": root, "page_number": page_number})

    # -- what was fetched -----------------------------------------------------------------------

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
            blocked=response.meta.get("govmedia_blocked", ""),
            request_method=request.method if request else "GET",
            request_headers=header_pairs(request.headers) if request else [],
            response_headers=header_pairs(response.headers),
            body=response.body,
            discovered_via=response.meta.get("discovered_via", "start"),
            referer=(request.headers.get("Referer") or b"").decode("latin-1") if request else "",
            depth=response.meta.get("depth", 0),
            redirect_urls=list(response.meta.get("redirect_urls", [])),
            lang_hint=self.lang_hint,
            article_root=response.meta.get("article_root", ""),
            page_number=response.meta.get("page_number", 1),
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
            article_root=request.meta.get("article_root", ""),
            page_number=request.meta.get("page_number", 1),
        )

    def parse_article(self, response: Response):
        yield self.page_item(response, "article")
        if response.status != 200 or not hasattr(response, "css"):
            return
        root = response.meta.get("article_root") or response.url
        for url in self.continuation_pages(response, root):
            if self.want_article(url, continuation=True):
                # Higher priority than new articles: an article's pages are fetched together.
                yield self.article_request(url, f"next_page:{response.url}", root=root, page_number=page_number_of(url),
                                           priority=ARTICLE_PRIORITY + MAX_TOPIC_BOOST + 10)

    def continuation_pages(self, response: Response, root: str) -> list[str]:
        """Further pages of this article: rel=next, or the same file name with a _N suffix."""
        stem, _, ext = root.split("?")[0].rpartition(".")
        same_article = re.compile(re.escape(stem) + r"[_-]\d+\." + re.escape(ext) + "$")
        return pager_links(response, lambda url: bool(same_article.match(url)))


def page_number_of(url: str) -> int:
    """2 for ``…_2.html``, ``…-2.html``, ``index_2.htm``; continuation pages always carry their number."""
    match = re.search(r"[_-](\d{1,3})\.\w+$", url.split("?")[0])
    return int(match.group(1)) if match else 2


def pager_links(response: Response, is_next_page) -> list[str]:
    """Links that ``is_next_page`` accepts, in page order, without the current page."""
    links = response.css("a[rel~=next]::attr(href), link[rel~=next]::attr(href), a::attr(href)").getall()
    found = []
    for href in links:
        url = response.urljoin(href.strip()).split("#")[0]
        if url != response.url and url not in found and is_next_page(url):
            found.append(url)
    return sorted(found, key=lambda u: [int(n) for n in re.findall(r"\d+", u)])
