"""Clean stage: raw page records + WARC bodies -> cleaning chain -> clean/docs and clean/rejected.

Only article fetches become documents; list, sitemap and feed pages stay in raw/pages.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from prefect import get_run_logger, task
from warcio.archiveiterator import ArchiveIterator

from cleaning.chain import CleaningChain, clean_articles, document_steps, page_steps
from cleaning.document import Document, Rejection
from cleaning.urls import doc_id_for_url
from flows import bucket_layout, tables
from flows.config import Settings
from flows.store import Store, open_store

PROGRESS_EVERY = 200


def read_warc_payload(handle, offset: int) -> tuple[bytes, str]:
    """Body and Content-Type of the record at ``offset`` (each record is its own gzip member)."""
    handle.seek(offset)
    record = next(iter(ArchiveIterator(handle)))
    if record.http_headers is not None and record.rec_type == "response":
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    return record.content_stream().read(), content_type


def document_for(page: dict, source: str) -> Document:
    url = page["url"]
    return Document(
        doc_id=doc_id_for_url(page.get("final_url") or url), url=url, final_url=page.get("final_url") or "",
        source=source, run_id=page["run_id"], fetched_at=page["fetched_at"], http_status=page.get("status"),
        content_type=page.get("content_type") or "", discovered_via=page.get("discovered_via") or "",
        fetch_error=page.get("error") or (f"blocked: {page['blocked']}" if page.get("blocked") else ""), warc_file=page.get("warc_file") or "", warc_offset=page.get("warc_offset"),
        warc_length=page.get("warc_length"), warc_record_id=page.get("warc_record_id") or "",
        lang_hint=page.get("lang_hint") or "", body_bytes=page.get("body_bytes") or 0,
        article_root=page.get("article_root") or "", page_number=page.get("page_number") or 1,
    )


def iter_documents(store: Store, pages: list[dict], source: str, workdir: Path, log):
    """Documents with their bodies; each WARC file is fetched once and read by offset."""
    local_warcs: dict[str, Path] = {}
    for page in pages:
        doc = document_for(page, source)
        key = page.get("warc_file")
        if key and page.get("warc_offset") is not None:
            if key not in local_warcs:
                local_warcs[key] = workdir / f"{len(local_warcs):05d}.warc.gz"
                store.download(key, local_warcs[key])
            try:
                with open(local_warcs[key], "rb") as handle:
                    doc.body, warc_type = read_warc_payload(handle, page["warc_offset"])
                doc.content_type = doc.content_type or warc_type
            except Exception as error:  # a damaged archive record is this page's problem, not the run's
                doc.fetch_error = f"unreadable WARC record: {type(error).__name__}: {error}"[:500]
                log.warning("unreadable WARC record %s@%s: %s", key, page["warc_offset"], error)
        elif not doc.fetch_error:
            doc.fetch_error = "no archived body"
        yield doc


def with_progress(docs, total: int, source: str, log):
    for index, doc in enumerate(docs, 1):
        if index % PROGRESS_EVERY == 0:
            log.info("[%s] cleaning page %d/%d", source, index, total)
        yield doc


@task(name="clean-source", task_run_name="clean-{source}")
def clean_source(store_uri: str, pages_key: str, source: str, run_id: str, day: str, settings: Settings,
                 since: date | None = None, until: date | None = None) -> dict:
    log = get_run_logger()
    store = open_store(store_uri, settings)
    pages = [p for p in tables.from_parquet_bytes(store.get_bytes(pages_key), pages_key) if p["page_kind"] == "article"]
    page_chain = CleaningChain(page_steps(max_bytes=settings.max_page_bytes))
    document_chain = CleaningChain(document_steps(min_tokens=settings.min_tokens, since=since, until=until,
                                                  min_relevance=settings.min_relevance))
    with tempfile.TemporaryDirectory(prefix="govmedia-clean-") as workdir:
        documents = with_progress(iter_documents(store, pages, source, Path(workdir), log), len(pages), source, log)
        results, stats = clean_articles(documents, page_chain, document_chain)
    kept = [r.record() for r in results if not isinstance(r, Rejection)]
    rejected = [r.record() for r in results if isinstance(r, Rejection)]
    docs_key = bucket_layout.clean_docs(source, day, run_id)
    rejected_key = bucket_layout.clean_rejected(source, day, run_id)
    store.put_bytes(docs_key, tables.to_parquet_bytes(kept, tables.DOCS))
    store.put_bytes(rejected_key, tables.to_parquet_bytes(rejected, tables.REJECTED))
    log.info("[%s] %d pages -> %d documents kept, %d rejected", source, len(pages), len(kept), len(rejected))
    return {"source": source, "docs_key": docs_key, "rejected_key": rejected_key, **stats.as_dict()}
