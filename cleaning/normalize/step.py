"""The normalise step: Unicode repair, whitespace, and no headline repeated as the first paragraph."""

from __future__ import annotations

from cleaning.document import Document, Rejection
from cleaning.normalize.title_line import strip_repeated_title
from cleaning.normalize.unicode import repair_unicode
from cleaning.normalize.whitespace import normalize_whitespace


class NormalizeStep:
    name = "normalize"

    def __call__(self, doc: Document) -> Document | Rejection:
        doc.text = normalize_whitespace(repair_unicode(doc.text))
        doc.title = " ".join(repair_unicode(doc.title).split())
        doc.text = strip_repeated_title(doc.text, doc.title)
        if not doc.text:
            return Rejection(doc, self.name, "normalize_empty", "no text left after normalisation")
        return doc
