"""Keep documents about government new media; the rest go to the rejected set as ``off_topic``."""

from __future__ import annotations

from cleaning.document import Document
from cleaning.filters.base import Filter
from cleaning.topic.lexicon import Lexicon, load_lexicon


class RelevanceFilter(Filter):
    """Scores every document (``relevance``, ``matched_terms``) and drops those below ``min_score``.

    One core term (weight 3) in the body reaches the default threshold; broad terms (``WeChat``,
    ``微博``, weight 1) need several mentions or company.
    """

    name = "relevance"

    def __init__(self, lexicon: Lexicon | None = None, min_score: float = 3.0):
        self.lexicon = lexicon or load_lexicon()
        self.min_score = min_score

    def filter(self, doc: Document):
        doc.relevance, doc.matched_terms = self.lexicon.score(doc.text, doc.title)
        if doc.relevance < self.min_score:
            found = ", ".join(doc.matched_terms) or "no topic terms"
            return False, "off_topic", f"relevance {doc.relevance} < {self.min_score} ({found})"
        return True
