"""Lines a site repeats on many of its pages (slogans, editor notes, widget labels) are template,
not article: learned per source and run, not listed. Only short lines count, so a paragraph that
several reprints share is never taken for template.
"""

from __future__ import annotations

from collections import Counter

from cleaning.document import Document

MAX_LINE_CHARS = 100


def _key(line: str) -> str:
    return " ".join(line.split()).casefold()


def learn_repeated_lines(texts: list[str], min_docs: int = 3, min_share: float = 0.3) -> frozenset[str]:
    """Short lines found in at least ``min_docs`` texts and ``min_share`` of all texts."""
    seen: Counter = Counter()
    for text in texts:
        seen.update({_key(line) for line in text.split("\n\n") if 0 < len(line) <= MAX_LINE_CHARS})
    needed = max(min_docs, min_share * len(texts))
    return frozenset(line for line, count in seen.items() if count >= needed)


class RepeatedLinesStep:
    name = "repeated_lines"

    def __init__(self, repeated: frozenset[str]):
        self.repeated = repeated

    def __call__(self, doc: Document) -> Document:
        if not self.repeated:
            return doc
        paragraphs = doc.text.split("\n\n")
        kept = [p for p in paragraphs if _key(p) not in self.repeated]
        if len(kept) < len(paragraphs) and kept:
            doc.cleaning_counts["repeated_lines"] = doc.cleaning_counts.get("repeated_lines", 0) + len(paragraphs) - len(kept)
            doc.text = "\n\n".join(kept)
        return doc
