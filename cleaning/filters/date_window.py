"""Drop documents published outside the run's date window; undated documents are kept."""

from __future__ import annotations

from datetime import date

from cleaning.document import Document
from cleaning.filters.base import Filter


class DateWindowFilter(Filter):
    name = "date_window"

    def __init__(self, since: date | None = None, until: date | None = None):
        self.since, self.until = since, until

    def filter(self, doc: Document):
        if doc.published is None:
            return True
        if self.since and doc.published < self.since:
            return False, "date_window_before_since", f"published {doc.published} < since {self.since}"
        if self.until and doc.published > self.until:
            return False, "date_window_after_until", f"published {doc.published} > until {self.until}"
        return True
