"""The five seed pages (text form, as a crawler-side text dump gets them) through the cleaning chain.

Expected clean texts are in tests/fixtures/seeds/expected/ (title, blank line, body), reviewed by
hand: every article paragraph kept, every chrome and spam line gone.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from cleaning.chain import CleaningChain
from cleaning.document import Document

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
HAN_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")


def clean(name: str) -> Document:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    doc = Document(doc_id=name, url=path.as_uri(), source="seeds", run_id="t", fetched_at=datetime.now(timezone.utc),
                   content_type="text/plain", body=path.read_bytes())
    result = CleaningChain().process(doc)
    assert isinstance(result, Document), getattr(result, "reason", "")
    return result


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_seed_cleans_to_the_expected_text_line_by_line(name):
    doc = clean(name)
    expected = next((SEEDS / "expected").glob(f"{name}_*.txt")).read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    assert [doc.title] + doc.text.split("\n\n") == expected


@pytest.mark.parametrize("name, published, authors", [
    ("000", date(2014, 2, 18), ["Liang Ma"]), ("002", date(2019, 1, 3), ["Hu Yongqi"]),
    ("003", date(2014, 1, 18), ["D B Su"]), ("004", date(2011, 12, 16), []),
])
def test_seed_metadata_from_bylines(name, published, authors):
    doc = clean(name)
    assert doc.published == published and doc.authors == authors


def test_spam_and_chrome_are_gone_and_counted():
    for name in ("000", "002"):
        doc = clean(name)
        assert not HAN_RUN.search(doc.text), "Chinese spam left in an English article"
        assert doc.cleaning_counts["spam_lines"] >= 1
        for chrome in ("Most Viewed", "Previous Page", "Copyright", "BACK TO THE TOP", "Global Edition", "Home /"):
            assert chrome not in doc.text
    assert "Since 2010," in clean("003").text and clean("003").cleaning_counts["joined_years_split"] == 1
    for chrome in ("Font Size", "PDF Full Text Request", "Related items"):
        assert chrome not in clean("003").text
    for chrome in ("Comment", "Print E-mail", "Bookmark and Share", "Racist", "Go to Forum"):
        assert chrome not in clean("004").text
    seed_001 = clean("001").text
    assert "SONG CHEN" not in seed_001 and "Newspapers in English" not in seed_001


def test_lost_characters_are_flagged_not_invented():
    doc = clean("001")
    assert "Fran?ais" not in doc.text  # the nav line it stood in is chrome
    from cleaning.normalize.joined_words import count_lost_characters, split_year_joins

    assert count_lost_characters("Global Edition Fran?ais and ?? SONG CHEN") == 2
    assert split_year_joins("Since2010, the 2011reform and pinyin Zhengfu2 stay") == ("Since 2010, the 2011 reform and pinyin Zhengfu2 stay", 2)


def test_a_chinese_page_on_an_english_site_keeps_its_chinese_lines():
    from cleaning.normalize.boilerplate_lines import load_boilerplate_rules, remove_boilerplate

    text = "政务新媒体账号长期不更新、留言无人回复等问题受到网民批评。\n\n国务院办公厅印发意见，对政务新媒体作出规定。"
    cleaned, lang, counts = remove_boilerplate(text, "en", load_boilerplate_rules())
    assert cleaned == text and lang == "zh" and not counts
