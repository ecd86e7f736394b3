"""Bylines and date lines in the text: parsed into ``authors`` and ``published`` where those are
still empty, then removed from the body (they are metadata, not article text).

Handles the forms of our sources: ``By HU YONGQI | China Daily | Updated: 2019-01-03 09:22``,
``By Liang Ma (China Daily) Updated: 2014-02-18 07:49``, ``People's Daily, December 16, 2011``,
thesis headers ``Posted on:2014-01-18…Candidate:D B Su…``, and ``作者：李明`` / ``记者 李明`` /
``发布时间：2019-01-03 09:12`` / ``2019年01月03日``.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from cleaning.document import Document

HEAD_LINES = 6  # bylines stand at the top of an article
ISO_DATE = re.compile(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
ZH_DATE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
EN_DATE = re.compile(r"(January|February|March|April|May|June|July|August|September|October|November|December)"
                     r"\.? (\d{1,2}), ((?:19|20)\d{2})")
BYLINE_EN = re.compile(r"^by ([A-Za-z][A-Za-z .'-]{1,40}?)\s*(?:\||\(|$)", re.I)
CANDIDATE = re.compile(r"Candidate:\s*([A-Z][A-Za-z .'-]{1,40}?)(?=Full Text|$|\s{2})")
BYLINE_ZH = re.compile(r"(?:作者|记者|文)[:：\s]\s*([\u4e00-\u9fff·]{2,8})")
DATED_LINE = re.compile(r"^(by |posted on|发布时间|来源|作者|记者|\d+ comment|.*updated:)", re.I)
THESIS_HEADER = re.compile(r"^(posted on:|country:|gtid:|abstract/summary:)", re.I)


def find_date(line: str) -> date | None:
    for pattern, order in ((ISO_DATE, "ymd"), (ZH_DATE, "ymd"), (EN_DATE, "mdy")):
        match = pattern.search(line)
        if not match:
            continue
        try:
            if order == "ymd":
                return date(int(match[1]), int(match[2]), int(match[3]))
            return datetime.strptime(f"{match[1]} {match[2]} {match[3]}", "%B %d %Y").date()
        except ValueError:
            continue
    return None


def normalise_name(name: str) -> str:
    name = " ".join(name.split())
    return name.title() if name.isupper() else name


def parse_byline(line: str) -> tuple[list[str], date | None] | None:
    """(authors, date) when the line is a byline or date line, else None."""
    folded = " ".join(line.split())
    short_date_line = len(folded) < 80 and EN_DATE.search(folded)  # never an article's opening sentence
    if len(folded) > 200 or not (DATED_LINE.match(folded) or THESIS_HEADER.match(folded) or short_date_line):
        return None
    authors = []
    for pattern in (BYLINE_EN, CANDIDATE, BYLINE_ZH):
        match = pattern.search(folded)
        if match:
            authors = [normalise_name(match[1])]
            break
    found = find_date(folded)
    if not authors and not found and not THESIS_HEADER.match(folded):
        return None
    return authors, found


class BylineStep:
    name = "byline"

    def __call__(self, doc: Document) -> Document:
        paragraphs = doc.text.split("\n\n")
        kept, removed = [], 0
        for index, paragraph in enumerate(paragraphs):
            parsed = parse_byline(paragraph) if index < HEAD_LINES else None
            if parsed is None:
                kept.append(paragraph)
                continue
            authors, found = parsed
            doc.authors = doc.authors or authors
            doc.published = doc.published or found
            removed += 1
        if removed and kept:
            doc.text = "\n\n".join(kept)
            doc.cleaning_counts["byline_lines"] = doc.cleaning_counts.get("byline_lines", 0) + removed
        return doc
