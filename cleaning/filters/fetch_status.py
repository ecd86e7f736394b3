"""Drop fetches that did not return a page: transport errors and non-2xx statuses."""

from __future__ import annotations

from cleaning.document import Document
from cleaning.filters.base import Filter


class FetchStatusFilter(Filter):
    name = "fetch_status"

    def filter(self, doc: Document):
        if doc.fetch_error.startswith("blocked:"):
            return False, "fetch_status_blocked", doc.fetch_error
        if doc.fetch_error:
            return False, "fetch_status_failed", doc.fetch_error
        if doc.http_status is not None and not 200 <= doc.http_status < 300:
            return False, "fetch_status_http_error", f"HTTP {doc.http_status}"
        return True
