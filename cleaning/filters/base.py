"""Filters decide keep-or-drop; the base turns a drop into a Rejection with the filter's reason."""

from __future__ import annotations

from cleaning.document import Document, Rejection


class Filter:
    """Subclasses write ``filter(doc)`` returning True, or ``(False, reason, detail)``."""

    name = "filter"

    def filter(self, doc: Document) -> bool | tuple[bool, str, str]:
        raise NotImplementedError

    def __call__(self, doc: Document) -> Document | Rejection:
        verdict = self.filter(doc)
        if verdict is True:
            return doc
        _, reason, detail = verdict
        return Rejection(doc, self.name, reason, detail)
