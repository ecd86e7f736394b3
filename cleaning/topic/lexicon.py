"""The topic lexicon (government new media, English and Chinese) and relevance scoring.

The terms are data (``lexicon.yaml`` beside this file); ``load_lexicon`` reads them once and the
callers pass the ``Lexicon`` in, so scoring stays a pure function of text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

LEXICON_FILE = Path(__file__).with_name("lexicon.yaml")
MAX_COUNTED = 5  # repetitions beyond this add nothing: a term list is not an article about the topic
TITLE_FACTOR = 2.0


@dataclass(frozen=True)
class Term:
    term: str
    lang: str
    weight: float
    search: bool
    pattern: re.Pattern


@dataclass(frozen=True)
class Lexicon:
    terms: tuple[Term, ...]

    def search_terms(self, languages) -> list[str]:
        return [t.term for t in self.terms if t.search and t.lang in languages]

    def score(self, text: str, title: str = "") -> tuple[float, list[str]]:
        """Weighted, capped term counts in the text, title hits counted double; and the terms found."""
        total, matched = 0.0, []
        for term in self.terms:
            body_hits = min(len(term.pattern.findall(text)), MAX_COUNTED)
            title_hits = min(len(term.pattern.findall(title)), 1) if title else 0
            if body_hits or title_hits:
                total += term.weight * (body_hits + TITLE_FACTOR * title_hits)
                matched.append(term.term)
        return round(total, 2), matched


def _pattern(term: str) -> re.Pattern:
    # Latin terms match as words and tolerate "-" / " " / nothing between parts
    # ("micro-blog", "micro blog", "microblog"); Han terms match anywhere.
    if re.search(r"[\u4e00-\u9fff]", term):
        return re.compile(re.escape(term), re.I)
    parts = [re.escape(p) for p in re.split(r"[\s-]+", term)]
    return re.compile(r"\b" + r"[\s-]?".join(parts) + r"s?\b", re.I)


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    terms = []
    for lang, entries in data.items():
        for entry in entries:
            terms.append(Term(entry["term"], lang, float(entry.get("weight", 1)), bool(entry.get("search", False)),
                              _pattern(entry["term"])))
    # Longer terms first so that reports list the specific term before the broad one.
    return Lexicon(tuple(sorted(terms, key=lambda t: -len(t.term))))
