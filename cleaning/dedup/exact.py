"""Exact duplicates: a hash of the text normalised so that spacing, case and punctuation do not count."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from cleaning.document import Document

PUNCTUATION_AND_SPACE = re.compile(r"[\W_]+", re.UNICODE)


def normalize_for_hash(text: str) -> str:
    """NFKC, case-folded, punctuation and whitespace folded to single spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return PUNCTUATION_AND_SPACE.sub(" ", folded).strip()


def content_hash(text: str) -> str:
    return hashlib.sha1(normalize_for_hash(text).encode("utf-8")).hexdigest()


class ContentHashStep:
    name = "content_hash"

    def __call__(self, doc: Document) -> Document:
        doc.content_hash = content_hash(doc.text)
        return doc
