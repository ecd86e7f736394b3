"""A generic spider for any sitemap, sitemap index or RSS/Atom feed URL.

    scrapy crawl feed -a url=https://example.org/sitemap.xml -a source=example -a lang=en
"""

from __future__ import annotations

from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap

from spiders.crawlers.archiving import ArchivingSpider


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
        head = response.body[:2048].lower()
        kind = "sitemap" if (b"<urlset" in head or b"<sitemapindex" in head) else "feed"
        yield self.page_item(response, kind)
        if response.status != 200:
            return
        if kind == "sitemap":
            sitemap = Sitemap(response.body)
            for entry in sitemap:
                url = entry.get("loc", "")
                if sitemap.type == "sitemapindex":
                    yield scrapy.Request(url, callback=self.parse_index, errback=self.record_failure,
                                         meta={"discovered_via": f"sitemap:{response.url}", "page_kind": "sitemap"})
                elif self.want_article(url):
                    yield self.article_request(url, f"sitemap:{response.url}")
            return
        response.selector.remove_namespaces()
        for link in response.xpath("//item/link/text() | //entry/link/@href").getall():
            url = response.urljoin(link.strip())
            if self.want_article(url):
                yield self.article_request(url, f"feed:{response.url}")
