"""The ordered cleaning steps, and the loop that runs them, counts, times and routes rejections.

Read it like a recipe: each step takes a Document and returns it (changed) or a Rejection.
A step that raises becomes a ``<step>_error`` rejection, so one bad page never stops a run.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from cleaning.decode.step import DecodeStep
from cleaning.dedup.exact import ContentHashStep
from cleaning.document import Document, Rejection
from cleaning.extract.language import LanguageStep
from cleaning.extract.main_text import ExtractStep
from cleaning.filters.fetch_status import FetchStatusFilter
from cleaning.filters.min_length import MinLengthFilter
from cleaning.normalize.step import NormalizeStep

Step = Callable[[Document], "Document | Rejection"]


def default_steps(min_tokens: int = 80, max_bytes: int = 10 * 1024 * 1024) -> list[Step]:
    return [
        FetchStatusFilter(),
        DecodeStep(max_bytes=max_bytes),
        ExtractStep(),
        NormalizeStep(),
        LanguageStep(),
        MinLengthFilter(min_tokens=min_tokens),
        ContentHashStep(),
    ]


@dataclass
class ChainStats:
    documents_in: int = 0
    kept: int = 0
    dropped: Counter = field(default_factory=Counter)  # reason -> count
    seconds: Counter = field(default_factory=Counter)  # step -> seconds

    def merge(self, other: "ChainStats") -> None:
        self.documents_in += other.documents_in
        self.kept += other.kept
        self.dropped.update(other.dropped)
        self.seconds.update(other.seconds)

    def as_dict(self) -> dict:
        return {"documents_in": self.documents_in, "kept": self.kept, "dropped": dict(self.dropped),
                "seconds": {k: round(v, 3) for k, v in self.seconds.items()}}


class CleaningChain:
    def __init__(self, steps: list[Step] | None = None):
        self.steps = steps if steps is not None else default_steps()
        self.stats = ChainStats()

    def process(self, doc: Document) -> Document | Rejection:
        self.stats.documents_in += 1
        for step in self.steps:
            name = getattr(step, "name", type(step).__name__)
            started = time.perf_counter()
            try:
                result = step(doc)
            except Exception as error:  # a step's bug or a hostile page (RecursionError too): recorded, not fatal
                result = Rejection(doc, name, f"{name}_error", f"{type(error).__name__}: {error}")
            self.stats.seconds[name] += time.perf_counter() - started
            if isinstance(result, Rejection):
                result.doc.body = result.doc.html = None
                self.stats.dropped[result.reason] += 1
                return result
            doc = result
        doc.body = doc.html = None
        self.stats.kept += 1
        return doc

    def run(self, docs: Iterable[Document]) -> Iterator[Document | Rejection]:
        for doc in docs:
            yield self.process(doc)
