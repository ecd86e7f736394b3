"""Repair words run together where it is safe, and flag characters lost before we got the page.

Only a letter run glued to a four-digit year is split (``Since2010`` → ``Since 2010``): years are
unambiguous, while splitting other runs (``theparty``) needs a dictionary and would break pinyin
and names. Lost characters (``Fran?ais``, ``?? SONG CHEN``) are counted, never guessed.
"""

from __future__ import annotations

import re

from cleaning.document import Document

LETTERS_THEN_YEAR = re.compile(r"\b([A-Za-z]{2,})((?:19|20)\d{2})\b")
YEAR_THEN_WORD = re.compile(r"\b((?:19|20)\d{2})([a-z]{3,})\b")
LOST_CHARACTER = re.compile(r"(?<=[A-Za-z])\?(?=[a-z])|\?{2,}")


def split_year_joins(text: str) -> tuple[str, int]:
    text, before = LETTERS_THEN_YEAR.subn(r"\1 \2", text)
    text, after = YEAR_THEN_WORD.subn(r"\1 \2", text)
    return text, before + after


def count_lost_characters(text: str) -> int:
    return len(LOST_CHARACTER.findall(text))


class JoinedWordsStep:
    name = "joined_words"

    def __call__(self, doc: Document) -> Document:
        doc.text, splits = split_year_joins(doc.text)
        lost = count_lost_characters(doc.text)
        for key, value in (("joined_years_split", splits), ("lost_characters", lost)):
            if value:
                doc.cleaning_counts[key] = doc.cleaning_counts.get(key, 0) + value
        return doc
