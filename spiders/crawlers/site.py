"""One spider driven by a site profile; a class per profile so that ``scrapy crawl <site>`` works.

Discovery: the profile's list pages (with pagination, back to ``since``), the site's own search
with the topic lexicon's search terms, sitemaps and feeds. Article links found on the way are
skipped before fetching when their URL date is outside the window, and ranked by topic terms.
``-a base_url=http://127.0.0.1:8000`` points every URL of the site at a mirror with the same
paths (the bundled sample web), so the same spider runs offline.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from spiders.crawlers.archiving import ArchivingSpider, pager_links
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

    def request(self, url: str, callback, kind: str, via: str = "start", priority: int = 0) -> scrapy.Request:
        """A list, search, sitemap or feed request: conditional when an earlier run saw the page."""
        return scrapy.Request(url, callback=callback, errback=self.record_failure, priority=priority,
                              headers=self.conditional_headers(url), meta={"discovered_via": via, "page_kind": kind})

    async def start(self):
        for url in self.profile.list_pages:
            self.list_pages_seen.add(self.local(url))
            yield self.request(self.local(url), self.parse_list, "list")
        for term in self.lexicon.search_terms(self.profile.search_languages):
            for url in self.profile.search_urls(term):
                yield self.request(self.local(url), self.parse_search, "search", via=f"search:{term}", priority=5)
        for url in self.profile.sitemaps:
            yield self.request(self.local(url), self.parse_sitemap, "sitemap")
        for url in self.profile.feeds:
            yield self.request(self.local(url), self.parse_feed, "feed")

    def in_scope(self, url: str) -> bool:
        return urlsplit(url).hostname in self.allowed_domains

    def article_links(self, response: Response):
        """(url, anchor text + the text around it) of every in-scope article link on a list or search page.

        The surrounding text is the link's list item or paragraph: the summary a list shows under a
        headline often names the topic when the headline does not.
        """
        for anchor in response.css("a[href]"):
            url = response.urljoin(anchor.attrib["href"].strip()).split("#")[0]
            if self.in_scope(url) and self.profile.is_article(url) and not self.profile.is_continuation(url):
                around = anchor.xpath("normalize-space(ancestor::*[self::li or self::p or self::div or self::td][1])").get("")
                yield url, " ".join(anchor.css("::text").getall()) + " " + around[:400]

    def follow_articles(self, response: Response, via: str):
        """Requests for new in-window articles; returns whether the page had any in-window date."""
        dated, in_window = 0, 0
        requests = []
        for url, text in self.article_links(response):
            day = self.profile.url_date(url)
            dated += day is not None
            if not self.in_window(day):
                self.count("skipped/out_of_window")
                continue
            in_window += day is not None
            if self.want_article(url):
                requests.append(self.article_request(url, via, priority=self.topic_priority(url, text)))
        return requests, (in_window > 0 or dated == 0)

    def parse_list(self, response: Response):
        yield self.page_item(response, "list")
        if response.status != 200 or not hasattr(response, "css"):
            return
        requests, window_reached = self.follow_articles(response, f"list:{response.url}")
        yield from requests
        if not window_reached:
            return  # every dated link is older than --since: the rest of this list is older still
        budget = self.profile.max_list_pages * max(len(self.profile.list_pages), 1)
        for url in pager_links(response, lambda u: self.in_scope(u) and self.profile.is_list_page(u)):
            if url not in self.list_pages_seen and len(self.list_pages_seen) < budget:
                self.list_pages_seen.add(url)
                yield self.request(url, self.parse_list, "list", via=f"list:{response.url}")

    def parse_search(self, response: Response):
        yield self.page_item(response, "search")
        if response.status == 200 and hasattr(response, "css"):
            yield from self.follow_articles(response, response.meta["discovered_via"])[0]

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
                yield self.request(url, self.parse_sitemap, "sitemap", via=f"sitemap:{response.url}")
            elif self.profile.is_article(url) and not self.profile.is_continuation(url):
                if not self.in_window(self.profile.url_date(url)):
                    self.count("skipped/out_of_window")
                elif self.want_article(url):
                    yield self.article_request(url, f"sitemap:{response.url}", priority=self.topic_priority(url))

    def parse_feed(self, response: Response):
        yield self.page_item(response, "feed")
        if response.status != 200:
            return
        for url in map(self.local, feed_links(response)):
            if self.profile.is_article(url) and self.in_window(self.profile.url_date(url)) and self.want_article(url):
                yield self.article_request(url, f"feed:{response.url}", priority=self.topic_priority(url))

    def continuation_pages(self, response: Response, root: str) -> list[str]:
        if not self.profile.multipage_patterns:
            return super().continuation_pages(response, root)
        stem = root.split("?")[0].rsplit(".", 1)[0]
        return pager_links(response, lambda u: self.profile.is_continuation(u) and u.startswith(stem))


def _spider_for(name: str) -> type[SiteSpider]:
    profile = load_profile(name)
    return type(f"{name.title().replace('_', '')}Spider", (SiteSpider,), {"name": name, "profile": profile,
                                                                          "__module__": __name__})


# Scrapy's spider loader finds spider classes among this module's attributes.
for _name in available_profiles():
    globals()[f"{_name}_spider"] = _spider_for(_name)
