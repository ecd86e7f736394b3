"""Main text and metadata from decoded HTML with trafilatura; plain text passes through."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import trafilatura

from cleaning.document import Document, Rejection
from cleaning.extract.layout_tables import parse_html, unwrap_layout_tables

AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|/|\band\b|、|，)\s*")


@dataclass(frozen=True)
class ExtractOptions:
    """trafilatura settings; precision over recall because chrome in the corpus costs more than a lost line."""

    favor_precision: bool = True
    include_comments: bool = False
    include_tables: bool = True
    deduplicate: bool = False


def parse_iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def split_authors(value: str | None) -> list[str]:
    if not value:
        return []
    return [name.strip() for name in AUTHOR_SPLIT.split(value) if name.strip()]


class ExtractStep:
    name = "extract"

    def __init__(self, options: ExtractOptions | None = None):
        self.options = options or ExtractOptions()
        self.version = f"trafilatura {trafilatura.__version__}"

    def __call__(self, doc: Document) -> Document | Rejection:
        if doc.content_type.split(";")[0].strip().lower() == "text/plain":
            doc.text = doc.html or ""  # the title is chosen once chrome lines are gone (PlainTextTitleStep)
            doc.extractor, doc.extractor_version = "plain_text", ""
            doc.html = None
            return doc
        tree = parse_html(doc.html)
        unwrap_layout_tables(tree)
        result = trafilatura.bare_extraction(
            tree,
            url=doc.final_url or doc.url,
            with_metadata=True,
            favor_precision=self.options.favor_precision,
            include_comments=self.options.include_comments,
            include_tables=self.options.include_tables,
            deduplicate=self.options.deduplicate,
        )
        doc.html = None
        if result is None or not (result.text or "").strip():
            return Rejection(doc, self.name, "extract_empty", "trafilatura found no main text")
        doc.text = result.text
        doc.title = (result.title or "").strip()
        doc.published = parse_iso_date(result.date)
        doc.authors = split_authors(result.author)
        doc.sitename = (result.sitename or "").strip()
        doc.description = (result.description or "").strip()
        doc.extractor, doc.extractor_version = "trafilatura", self.version
        return doc
