"""Archive every response as a WARC/1.1 request + response record pair (warcio, gzip per record).

Scrapy hands us decompressed bodies, so the archived response carries the body as the spider
saw it: Content-Encoding and Transfer-Encoding are renamed to ``X-Archive-Orig-*`` (the pywb
convention) and Content-Length is set to the stored length.
"""

from __future__ import annotations

import io
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from spiders.items import PageItem

SECRET_REQUEST_HEADERS = {"authorization", "proxy-authorization", "cookie"}
RENAMED_RESPONSE_HEADERS = {"content-encoding", "transfer-encoding"}


class WarcArchivePipeline:
    def __init__(self, staging_dir: str, max_bytes: int):
        self.staging_dir = Path(staging_dir)
        self.max_bytes = max_bytes
        self.part = 0
        self.handle = None
        self.writer = None
        self.folder: Path | None = None

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("GOVMEDIA_WARC_ENABLED", True):
            raise NotConfigured("GOVMEDIA_WARC_ENABLED is off")
        pipeline = cls(crawler.settings.get("GOVMEDIA_STAGING_DIR"), crawler.settings.getint("GOVMEDIA_WARC_MAX_BYTES"))
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self, spider=None):
        spider = spider or self.crawler.spider
        self.run_id, self.source = spider.run_id, spider.source
        self.folder = self.staging_dir / self.source / "warc"
        self.folder.mkdir(parents=True, exist_ok=True)
        self._open_part()

    def _open_part(self):
        path = self.folder / f"{self.run_id}-{self.part:05d}.warc.gz"
        self.handle = open(path, "wb")
        self.writer = WARCWriter(self.handle, gzip=True, warc_version="WARC/1.1")

    def close_spider(self, spider=None):
        if self.handle:
            self.handle.close()

    def process_item(self, item, spider=None):
        page = item if isinstance(item, PageItem) else None
        if page is None or page.body is None:
            return item  # nothing was received (transport failure): the page record alone says so
        if self.handle.tell() >= self.max_bytes:
            self.handle.close()
            self.part += 1
            self._open_part()
        target = page.final_url or page.url
        request = self.writer.create_warc_record(
            target, "request", payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(f"{page.request_method} {_path_of(target)} HTTP/1.1",
                                          [(k, v) for k, v in page.request_headers if k.lower() not in SECRET_REQUEST_HEADERS],
                                          is_http_request=True),
        )
        headers = [(f"X-Archive-Orig-{k}" if k.lower() in RENAMED_RESPONSE_HEADERS else k, v)
                   for k, v in page.response_headers if k.lower() != "content-length"]
        headers.append(("Content-Length", str(len(page.body))))
        response = self.writer.create_warc_record(
            target, "response", payload=io.BytesIO(page.body),
            http_headers=StatusAndHeaders(f"{page.status} {_reason(page.status)}", headers, protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": page.fetched_at.replace("+00:00", "Z")},
        )
        request.rec_headers.add_header("WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID"))
        self.writer.write_record(request)
        offset = self.handle.tell()
        self.writer.write_record(response)
        page.warc_file = Path(self.handle.name).name
        page.warc_offset = offset
        page.warc_length = self.handle.tell() - offset
        page.warc_record_id = response.rec_headers.get_header("WARC-Record-ID")
        return item


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _reason(status: int | None) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
