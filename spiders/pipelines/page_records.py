"""Append one JSON line per fetch to the run's staging folder; the flow turns them into Parquet.

JSON lines survive a crash of the crawl: every fetch already written stays readable.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from itemadapter import ItemAdapter

KEPT_RESPONSE_HEADERS = ("content-type", "content-length", "content-language", "last-modified", "etag",
                         "server", "location", "x-archive-orig-content-encoding")


class PageRecordsPipeline:
    def __init__(self, staging_dir: str):
        self.staging_dir = Path(staging_dir)
        self.handle = None

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler.settings.get("GOVMEDIA_STAGING_DIR"))
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self, spider=None):
        spider = spider or self.crawler.spider
        folder = self.staging_dir / spider.source
        folder.mkdir(parents=True, exist_ok=True)
        self.handle = open(folder / "pages.jsonl", "a", encoding="utf-8")

    def close_spider(self, spider=None):
        if self.handle:
            self.handle.close()

    def process_item(self, item, spider=None):
        page = ItemAdapter(item).asdict()
        body = page.pop("body")
        headers = {}
        for key, value in page.pop("response_headers"):
            if key.lower() in KEPT_RESPONSE_HEADERS or key.lower().startswith("x-archive-orig-"):
                headers[key.lower()] = value
        page.pop("request_headers")
        page["headers"] = headers
        page["content_type"] = headers.get("content-type", "")
        page["body_bytes"] = len(body) if body is not None else 0
        page["body_sha1"] = hashlib.sha1(body).hexdigest() if body is not None else ""
        self.handle.write(json.dumps(page, ensure_ascii=False) + "\n")
        self.handle.flush()
        if self.crawler:
            self.crawler.stats.inc_value(f"govmedia/pages/{page['page_kind']}")
        return item
