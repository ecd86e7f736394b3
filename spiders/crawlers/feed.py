"""A generic spider for any sitemap, sitemap index or RSS/Atom feed URL.

    scrapy crawl feed -a url=https://example.org/sitemap.xml -a source=example -a lang=en
"""

from __future__ import annotations

from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from spiders.crawlers.archiving import ArchivingSpider
from spiders.discovery.feed import feed_links
from spiders.discovery.sitemap import is_sitemap, sitemap_links


class FeedSpider(ArchivingSpider):
    name = "feed"

    def __init__(self, *args, url: str | None = None, source: str | None = None, lang: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if not url:
            raise ValueError("the feed spider needs -a url=<sitemap or RSS/Atom URL>")
        self.feed_url = url
        host = urlsplit(url).hostname or ""
        self.source = source or host.removeprefix("www.").replace(".", "_").replace("-", "_")
        self.lang_hint = lang
        self.allowed_domains = [host.removeprefix("www.")]

    async def start(self):
        yield scrapy.Request(self.feed_url, callback=self.parse_index, errback=self.record_failure,
                             meta={"discovered_via": "start", "page_kind": "feed"})

    def parse_index(self, response: Response):
        kind = "sitemap" if is_sitemap(response.body) else "feed"
        yield self.page_item(response, kind)
        if response.status != 200:
            return
        if kind == "feed":
            urls, sitemap_kind = feed_links(response), "urlset"
        else:
            try:
                sitemap_kind, urls = sitemap_links(response.body)
            except ValueError as error:
                self.logger.warning("%s: %s", response.url, error)
                return
        for url in urls:
            if sitemap_kind == "sitemapindex":
                yield scrapy.Request(url, callback=self.parse_index, errback=self.record_failure,
                                     meta={"discovered_via": f"sitemap:{response.url}", "page_kind": "sitemap"})
            elif self.want_article(url):
                yield self.article_request(url, f"{kind}:{response.url}")
