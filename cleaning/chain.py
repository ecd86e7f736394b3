"""The ordered cleaning steps, and the loop that runs them, counts, times and routes rejections.

Read it like a recipe: each step takes a Document and returns it (changed) or a Rejection.
A step that raises becomes a ``<step>_error`` rejection, so one bad page never stops a run.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable, Iterator

from cleaning.decode.step import DecodeStep
from cleaning.dedup.exact import ContentHashStep
from cleaning.document import Document, Rejection
from cleaning.extract.byline import BylineStep
from cleaning.extract.language import LanguageStep
from cleaning.extract.main_text import ExtractStep
from cleaning.extract.page_stitching import stitch_pages
from cleaning.filters.date_window import DateWindowFilter
from cleaning.filters.fetch_status import FetchStatusFilter
from cleaning.filters.min_length import MinLengthFilter
from cleaning.filters.relevance import RelevanceFilter
from cleaning.normalize.boilerplate_lines import BoilerplateLinesStep
from cleaning.normalize.joined_words import JoinedWordsStep
from cleaning.normalize.repeated_lines import RepeatedLinesStep, learn_repeated_lines
from cleaning.normalize.step import NormalizeStep
from cleaning.normalize.title_line import PlainTextTitleStep
from cleaning.topic.lexicon import Lexicon

Step = Callable[[Document], "Document | Rejection"]


def page_steps(max_bytes: int = 10 * 1024 * 1024) -> list[Step]:
    """Per fetched page: is it a page, what text does it hold."""
    return [
        FetchStatusFilter(),
        DecodeStep(max_bytes=max_bytes),
        ExtractStep(),
        NormalizeStep(),
        BylineStep(),  # before boilerplate, which drops lines like "0 Comment(s) Print … December 16, 2011"
        BoilerplateLinesStep(),
        PlainTextTitleStep(),
        JoinedWordsStep(),
    ]


def document_steps(min_tokens: int = 80, since: date | None = None, until: date | None = None,
                   lexicon: Lexicon | None = None, min_relevance: float = 3.0) -> list[Step]:
    """Per article, after its pages are joined: is it long enough, in the window, on the topic."""
    return [
        LanguageStep(),
        MinLengthFilter(min_tokens=min_tokens),
        DateWindowFilter(since=since, until=until),
        RelevanceFilter(lexicon, min_score=min_relevance),
        ContentHashStep(),
    ]


def default_steps(min_tokens: int = 80, max_bytes: int = 10 * 1024 * 1024, **document_options) -> list[Step]:
    """Every step in order, for single-page documents (ingest, tests)."""
    return page_steps(max_bytes) + document_steps(min_tokens, **document_options)


@dataclass
class ChainStats:
    documents_in: int = 0
    kept: int = 0
    dropped: Counter = field(default_factory=Counter)  # reason -> count
    seconds: Counter = field(default_factory=Counter)  # step -> seconds
    pages_joined: int = 0  # continuation pages joined into their article's document

    def as_dict(self) -> dict:
        return {"documents_in": self.documents_in, "kept": self.kept, "dropped": dict(self.dropped),
                "pages_joined": self.pages_joined,
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

    def process_kept(self, results: Iterable[Document | Rejection]) -> Iterator[Document | Rejection]:
        """Run the steps over the documents among ``results``; rejections pass through untouched."""
        for result in results:
            yield result if isinstance(result, Rejection) else self.process(result)


def clean_articles(pages: Iterable[Document], page_chain: CleaningChain,
                   document_chain: CleaningChain) -> tuple[list[Document | Rejection], ChainStats]:
    """Pages through the page steps, multi-page articles joined, then the document steps.

    Every page in ends as a kept document, a rejection, or a page of a kept document.
    """
    stitched = stitch_pages(list(page_chain.run(pages)))
    # Template lines are learned from this batch (one source's run) before the document steps judge length.
    repeated = learn_repeated_lines([r.text for r in stitched if isinstance(r, Document)])
    remove_repeated = RepeatedLinesStep(repeated)
    results = list(document_chain.process_kept(remove_repeated(r) if isinstance(r, Document) else r for r in stitched))
    stats = ChainStats(documents_in=page_chain.stats.documents_in)
    stats.kept = sum(1 for r in results if isinstance(r, Document))
    stats.dropped.update(r.reason for r in results if isinstance(r, Rejection))
    stats.seconds.update(page_chain.stats.seconds)
    stats.seconds.update(document_chain.stats.seconds)
    stats.pages_joined = sum(len(r.pages) - 1 for r in results if isinstance(r, Document))
    return results, stats
