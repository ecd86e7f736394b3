"""Join the pages of a multi-page article into one document, first page first.

Pages arrive as separately cleaned documents; a continuation page names its first page in
``article_root``. The joined document keeps every page's URL and WARC record in ``pages``.
Page 2 never becomes a document of its own: without its first page it is rejected as an orphan.
"""

from __future__ import annotations

from collections import defaultdict

from cleaning.document import Document, Rejection

STEP = "page_stitching"


def stitch_pages(results: list[Document | Rejection]) -> list[Document | Rejection]:
    continuations: dict[str, list[Document]] = defaultdict(list)
    out: list[Document | Rejection] = []
    for result in results:
        if isinstance(result, Document) and result.article_root:
            continuations[result.article_root].append(result)
        else:
            out.append(result)
    first_pages = {}
    for result in out:
        if isinstance(result, Document):
            result.pages = [result.page_provenance()]
            first_pages.setdefault(result.final_url or result.url, result)
            first_pages.setdefault(result.url, result)
    for root, pages in continuations.items():
        first = first_pages.get(root)
        if first is None:
            out += [Rejection(page, STEP, "page_stitching_orphan", f"first page {root} was not kept") for page in pages]
            continue
        pages.sort(key=lambda page: page.page_number)
        first.text = "\n\n".join([first.text] + [page.text for page in pages])
        first.pages += [page.page_provenance() for page in pages]
        first.body_bytes += sum(page.body_bytes for page in pages)
    return out
