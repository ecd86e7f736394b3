"""One spider driven by a site profile; a class per profile so that ``scrapy crawl <site>`` works.

Discovery here: the profile's list pages (with their pagination), sitemaps and feeds.
``-a base_url=http://127.0.0.1:8000`` points every URL of the site at a mirror with the same
paths (the bundled sample web), so the same spider runs offline.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from spiders.crawlers.archiving import ArchivingSpider
from spiders.discovery.feed import feed_links
from spiders.discovery.sitemap import sitemap_links
from spiders.site_profile import SiteProfile, available_profiles, load_profile


class SiteSpider(ArchivingSpider):
    profile: SiteProfile

    def __init__(self, *args, base_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.base_url = base_url.rstrip("/") if base_url else None
        self.source = self.profile.name
        self.lang_hint = self.profile.language
        if self.base_url:
            self.allowed_domains = [urlsplit(self.base_url).hostname]
        else:
            self.allowed_domains = list(self.profile.allowed_domains)
        self.list_pages_seen: set[str] = set()

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        # Spider priority: a -s on the command line (the sample web sets no delay) still wins.
        settings.set("DOWNLOAD_DELAY", cls.profile.download_delay, priority="spider")
        settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", cls.profile.concurrency_per_domain, priority="spider")

    def local(self, url: str) -> str:
        return self.profile.rebase(url, self.base_url)

    async def start(self):
        for url in self.profile.list_pages:
            yield self.list_request(self.local(url), "start")
        for url in self.profile.sitemaps:
            yield scrapy.Request(self.local(url), callback=self.parse_sitemap, errback=self.record_failure,
                                 meta={"discovered_via": "start", "page_kind": "sitemap"})
        for url in self.profile.feeds:
            yield scrapy.Request(self.local(url), callback=self.parse_feed, errback=self.record_failure,
                                 meta={"discovered_via": "start", "page_kind": "feed"})

    def list_request(self, url: str, via: str) -> scrapy.Request:
        self.list_pages_seen.add(url)
        return scrapy.Request(url, callback=self.parse_list, errback=self.record_failure,
                              meta={"discovered_via": via, "page_kind": "list"})

    def parse_list(self, response: Response):
        yield self.page_item(response, "list")
        if response.status != 200 or not hasattr(response, "css"):
            return
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href.strip()).split("#")[0]
            if urlsplit(url).hostname not in self.allowed_domains:
                continue
            if self.profile.is_article(url):
                if self.want_article(url):
                    yield self.article_request(url, f"list:{response.url}")
            elif self.profile.is_list_page(url) and url not in self.list_pages_seen:
                if len(self.list_pages_seen) < self.profile.max_list_pages * max(len(self.profile.list_pages), 1):
                    yield self.list_request(url, f"list:{response.url}")

    def parse_sitemap(self, response: Response):
        yield self.page_item(response, "sitemap")
        if response.status != 200:
            return
        try:
            kind, urls = sitemap_links(response.body)
        except ValueError as error:  # the sitemap is archived above; the crawl goes on without it
            self.logger.warning("%s: %s", response.url, error)
            return
        for url in map(self.local, urls):
            if kind == "sitemapindex":
                yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.record_failure,
                                     meta={"discovered_via": f"sitemap:{response.url}", "page_kind": "sitemap"})
            elif self.profile.is_article(url) and self.want_article(url):
                yield self.article_request(url, f"sitemap:{response.url}", priority=5)

    def parse_feed(self, response: Response):
        yield self.page_item(response, "feed")
        if response.status != 200:
            return
        for url in map(self.local, feed_links(response)):
            if self.profile.is_article(url) and self.want_article(url):
                yield self.article_request(url, f"feed:{response.url}", priority=8)


def _spider_for(name: str) -> type[SiteSpider]:
    profile = load_profile(name)
    return type(f"{name.title().replace('_', '')}Spider", (SiteSpider,), {"name": name, "profile": profile,
                                                                          "__module__": __name__})


# Scrapy's spider loader finds spider classes among this module's attributes.
for _name in available_profiles():
    globals()[f"{_name}_spider"] = _spider_for(_name)
