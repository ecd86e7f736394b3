"""Drop texts too short to be an article: captions, video stubs, empty templates."""

from __future__ import annotations

import re

from cleaning.document import Document
from cleaning.filters.base import Filter

# A Han character or a Latin/digit word is one token, so one threshold serves both languages.
TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff_]+")


def count_tokens(text: str) -> int:
    return len(TOKEN.findall(text))


class MinLengthFilter(Filter):
    name = "min_length"

    def __init__(self, min_tokens: int = 80):
        self.min_tokens = min_tokens

    def filter(self, doc: Document):
        tokens = count_tokens(doc.text)
        if tokens < self.min_tokens:
            return False, "min_length_too_short", f"{tokens} tokens < {self.min_tokens}"
        return True
