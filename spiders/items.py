"""One fetch, as the spiders yield it and the pipelines archive it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PageItem:
    url: str  # the URL the spider asked for
    source: str
    run_id: str
    page_kind: str  # article | list | search | sitemap | feed
    fetched_at: str  # ISO 8601, UTC
    final_url: str = ""  # after redirects
    status: int | None = None
    blocked: str = ""  # forbidden | rate_limited | unavailable | captcha: the site pushed back
    error: str = ""  # transport failure (DNS, timeout, refused, too large): no response at all
    request_method: str = "GET"
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | None = None
    discovered_via: str = ""  # how the link was found: start, list:<url>, sitemap:<url>, feed:<url>
    referer: str = ""
    depth: int = 0
    redirect_urls: list[str] = field(default_factory=list)
    lang_hint: str = ""
    article_root: str = ""  # for page 2+ of a multi-page article: the URL of its first page
    page_number: int = 1
    warc_file: str = ""
    warc_offset: int | None = None
    warc_length: int | None = None
    warc_record_id: str = ""
