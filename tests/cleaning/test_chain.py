from datetime import datetime, timezone

import pytest

from cleaning.chain import CleaningChain, default_steps
from cleaning.dedup.exact import content_hash
from cleaning.document import Document, Rejection
from cleaning.extract.language import detect_language
from cleaning.normalize.whitespace import normalize_whitespace
from cleaning.urls import doc_id_for_url, normalize_url

PARAGRAPHS = "".join(
    f"<p>Paragraph {i}: government micro-blogs on Weibo let city agencies answer residents within hours, "
    f"and officials now publish notices there before any newspaper does.</p>" for i in range(8)
)
ARTICLE = (f"<html><head><title>Govt blogs</title>"
           f"<meta property='article:published_time' content='2019-01-03T07:16:00+08:00'>"
           f"<meta name='author' content='Hu Yongqi'></head><body><div id='Content'>{PARAGRAPHS}</div></body></html>")


def make_doc(body: bytes | None, content_type="text/html; charset=utf-8", **fields) -> Document:
    return Document(doc_id="d", url="http://example.org/a.html", source="test", run_id="r",
                    fetched_at=datetime(2026, 1, 1, tzinfo=timezone.utc), content_type=content_type, body=body,
                    **{"http_status": 200, **fields})


def test_article_is_kept_with_metadata_and_hash():
    chain = CleaningChain()
    doc = chain.process(make_doc(ARTICLE.encode()))
    assert isinstance(doc, Document)
    assert doc.title == "Govt blogs" and doc.authors == ["Hu Yongqi"] and str(doc.published) == "2019-01-03"
    assert doc.lang == "en" and doc.extractor == "trafilatura" and len(doc.content_hash) == 40
    assert "\n\n" in doc.text and doc.body is None and doc.html is None
    assert chain.stats.kept == 1 and chain.stats.documents_in == 1


@pytest.mark.parametrize("body, content_type, reason", [
    (b"", "text/html", "decode_empty"),
    (b"   \n ", "text/html", "decode_empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "text/html", "decode_binary"),
    (b"%PDF-1.7 ...", "", "decode_binary"),
    (b"<html>" + b"x" * 200, "image/jpeg", "decode_binary"),
    (b"<html><body><p>Too short.</p></body></html>", "text/html", "min_length_too_short"),
    (b"<html><body>" + b"<div>" * 10000 + b"<p>deep</p>" + b"</div>" * 10000 + b"</body></html>", "text/html", "extract_empty"),
])
def test_bad_input_is_rejected_with_a_reason(body, content_type, reason):
    result = CleaningChain().process(make_doc(body, content_type))
    assert isinstance(result, Rejection) and result.reason == reason
    assert result.record()["reason"] == reason and result.record()["step"] == result.step


def test_oversized_page_is_rejected_before_decoding():
    chain = CleaningChain(default_steps(max_bytes=1000))
    result = chain.process(make_doc(ARTICLE.encode()))
    assert isinstance(result, Rejection) and result.reason == "decode_too_large"


def test_http_errors_and_transport_failures_are_rejected():
    assert CleaningChain().process(make_doc(b"<html>gone</html>", http_status=404)).reason == "fetch_status_http_error"
    failed = make_doc(None, fetch_error="DNSLookupError: no such host")
    failed.http_status = None
    assert CleaningChain().process(failed).reason == "fetch_status_failed"


def test_short_text_is_dropped_by_min_length():
    short = "<html><body><article><p>Government WeChat account launched for residents of the city today, officials said on Monday.</p></article></body></html>"
    result = CleaningChain(default_steps(min_tokens=80)).process(make_doc(short.encode()))
    assert isinstance(result, Rejection) and result.reason == "min_length_too_short"


def test_a_step_that_raises_becomes_a_rejection_not_a_crash():
    def broken(doc):
        raise RuntimeError("boom")

    broken.name = "broken"
    chain = CleaningChain([broken])
    result = chain.process(make_doc(b"<p>x</p>"))
    assert result.reason == "broken_error" and "RuntimeError: boom" in result.detail
    assert chain.stats.dropped["broken_error"] == 1


def test_plain_text_skips_extraction():
    text = "Government apps\n\n" + "The city's government app now handles 300 services for residents. " * 20
    doc = CleaningChain().process(make_doc(text.encode(), content_type="text/plain"))
    assert doc.extractor == "plain_text" and doc.title == "Government apps"
    assert doc.text.startswith("The city's government app")  # the title line is metadata, not body


def test_chinese_page_is_zh_and_short_chinese_uses_han_characters_as_tokens():
    body = ("<html><head><meta charset='gbk'></head><body><div>" +
            "<p>政务微博已经成为政府发布信息、回应关切的重要平台，朱镕基曾强调政府要与群众沟通。</p>" * 6 +
            "</div></body></html>").encode("gbk")
    doc = CleaningChain().process(make_doc(body, content_type="text/html"))
    assert isinstance(doc, Document) and doc.lang == "zh" and "镕" in doc.text and doc.encoding == "gb18030"


def test_normalisation_and_hash_ignore_spacing_case_and_punctuation():
    assert normalize_whitespace(" a \u3000 b \r\n\r\n\n c\u200b ") == "a b\n\nc"
    assert content_hash("Government  Weibo, accounts!") == content_hash("government weibo accounts")
    assert content_hash("Government Weibo") != content_hash("Government WeChat")


def test_language_and_urls():
    assert detect_language("政务微博和政务微信") == "zh"
    assert detect_language("Government micro-blogs") == "en"
    assert detect_language("12345", hint="en") == "en"
    assert normalize_url("HTTP://Example.org:80/a?utm_source=x&b=2&a=1#top") == "http://example.org/a?a=1&b=2"
    assert doc_id_for_url("http://example.org/a?utm_source=x") == doc_id_for_url("http://EXAMPLE.org/a")


def test_layout_tables_are_unwrapped_and_a_repeated_headline_is_dropped():
    paragraphs = "".join(f"<p>Sentence {i} about county government micro-blogs answering residents' questions "
                         f"about permits, roads and service halls every working day.</p>" for i in range(8))
    page = (f"<html><head><title>Accounts should listen</title></head><body><table class='layout'><tr><td>"
            f"<h1>Accounts should listen</h1><div class='info'>By Li Yang (China Daily) Updated: 2015-06-15</div>"
            f"<div id='Content'>{paragraphs}</div></td><td><ul><li><a href='/x'>Most viewed</a></li></ul></td>"
            f"</tr></table></body></html>")
    doc = CleaningChain().process(make_doc(page.encode()))
    assert doc.text.startswith("Sentence 0") and "|" not in doc.text
    data_table = "<table><tr><td>2019</td><td>160,000 accounts</td></tr></table>"
    from cleaning.extract.layout_tables import is_layout_table, parse_html

    assert not is_layout_table(parse_html(data_table).find(".//table"))
