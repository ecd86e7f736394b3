"""Pure cleaning steps over :class:`cleaning.document.Document`: no I/O anywhere below.

``extract_text`` runs one saved page through the whole chain, for notebooks and other tools.
"""

from __future__ import annotations

from datetime import datetime, timezone


def clean_page(page: bytes | str, url: str | None = None, content_type: str = "text/html"):
    """One page (raw bytes, or already-decoded text) through every cleaning step.

    Returns the ``Document`` or the ``Rejection`` saying which step dropped it and why.
    """
    from cleaning.chain import CleaningChain
    from cleaning.document import Document
    from cleaning.urls import doc_id_for_url

    body = page.encode("utf-8") if isinstance(page, str) else page
    if isinstance(page, str) and "charset" not in content_type:
        content_type = f"{content_type}; charset=utf-8"  # text given as str is already decoded
    url = url or "about:blank"
    doc = Document(doc_id=doc_id_for_url(url), url=url, final_url=url, source="extract", run_id="extract",
                   fetched_at=datetime(1970, 1, 1, tzinfo=timezone.utc), content_type=content_type, body=body)
    return CleaningChain().process(doc)


def extract_text(page: bytes | str, url: str | None = None) -> str:
    """The clean main text of one page ("" when the page is rejected: see ``clean_page`` for why)."""
    from cleaning.document import Rejection

    result = clean_page(page, url)
    return "" if isinstance(result, Rejection) else result.text
