"""Drop a first paragraph that only repeats the title: the title is metadata, and templates
differ on whether the headline sits inside the article container."""

from __future__ import annotations

from cleaning.dedup.exact import normalize_for_hash


def strip_repeated_title(text: str, title: str) -> str:
    first, sep, rest = text.partition("\n\n")
    if title and rest and normalize_for_hash(first) == normalize_for_hash(title):
        return rest
    return text


class PlainTextTitleStep:
    """Plain text has no <title>: after chrome is gone, its first short line is the title."""

    name = "plain_text_title"

    def __call__(self, doc):
        if doc.extractor == "plain_text" and not doc.title:
            first, _, rest = doc.text.partition("\n\n")
            if rest and len(first) <= 200:
                doc.title, doc.text = first.strip(), rest
        return doc
