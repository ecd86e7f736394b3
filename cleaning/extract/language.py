"""Language by script: enough to tell the corpus's two languages apart without a model."""

from __future__ import annotations

import re

from cleaning.document import Document

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def detect_language(text: str, hint: str = "") -> str:
    """'zh' when Han characters carry the text, 'en' when Latin words do, else the hint or 'und'."""
    han = len(HAN.findall(text))
    latin = sum(len(word) for word in LATIN_WORD.findall(text))
    if han == 0 and latin == 0:
        return hint or "und"
    # A Han character carries about as much as three Latin letters.
    return "zh" if han * 3 >= latin else "en"


class LanguageStep:
    name = "language"

    def __call__(self, doc: Document) -> Document:
        doc.lang = detect_language(doc.text, doc.lang_hint)
        return doc
