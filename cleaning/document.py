"""The records every cleaning step takes and returns."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class Document:
    """One fetched page on its way to the corpus; steps fill fields in, never reach back.

    ``body`` and ``html`` are working state (raw bytes, decoded markup) and are not
    written to the bucket; every other field is a column of ``clean/docs``.
    """

    doc_id: str
    url: str
    source: str
    run_id: str
    fetched_at: datetime
    final_url: str = ""
    http_status: int | None = None
    content_type: str = ""
    discovered_via: str = ""
    fetch_error: str = ""
    warc_file: str = ""
    warc_offset: int | None = None
    warc_length: int | None = None
    warc_record_id: str = ""
    lang_hint: str = ""
    encoding: str = ""
    encoding_source: str = ""
    encoding_confidence: float | None = None
    extractor: str = ""
    extractor_version: str = ""
    lang: str = ""
    title: str = ""
    text: str = ""
    published: date | None = None
    authors: list[str] = field(default_factory=list)
    sitename: str = ""
    description: str = ""
    content_hash: str = ""
    relevance: float | None = None
    matched_terms: list[str] = field(default_factory=list)
    pages: list[dict] = field(default_factory=list)  # provenance per page: url, page_number, warc_*
    cleaning_counts: dict[str, int] = field(default_factory=dict)  # what line-level steps removed or repaired
    body_bytes: int = 0
    article_root: str = field(default="", repr=False)  # page 2+: URL of the article's first page
    page_number: int = field(default=1, repr=False)
    body: bytes | None = field(default=None, repr=False)
    html: str | None = field(default=None, repr=False)

    WORKING_FIELDS = ("body", "html", "article_root", "page_number")

    def page_provenance(self) -> dict:
        return {"url": self.final_url or self.url, "page_number": self.page_number, "warc_file": self.warc_file,
                "warc_offset": self.warc_offset, "warc_length": self.warc_length}

    def record(self) -> dict:
        """The document as a flat row, without working state."""
        row = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        for name in self.WORKING_FIELDS:
            row.pop(name)
        return row


@dataclass
class Rejection:
    """Why a document left the chain: the step, a stable snake_case reason, and detail."""

    doc: Document
    step: str
    reason: str
    detail: str = ""

    def record(self) -> dict:
        row = self.doc.record()
        row.update(step=self.step, reason=self.reason, detail=self.detail[:2000])
        return row
