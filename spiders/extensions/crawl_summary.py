"""Write the crawl's stats to the staging folder when the spider closes, for the run report."""

from __future__ import annotations

import json
from pathlib import Path

from scrapy import signals


class CrawlSummary:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed, weak=False)
        return extension

    def spider_closed(self, spider, reason):
        folder = Path(self.crawler.settings.get("GOVMEDIA_STAGING_DIR")) / spider.source
        folder.mkdir(parents=True, exist_ok=True)
        stats = {key: (value.isoformat() if hasattr(value, "isoformat") else value)
                 for key, value in self.crawler.stats.get_stats().items()}
        stats["finish_reason"] = reason
        (folder / "crawl_stats.json").write_text(json.dumps(stats, indent=2, sort_keys=True, default=str), encoding="utf-8")
