import codecs

from cleaning.decode.charset import canonical_codec, decode_body

ZH = "朱镕基谈政务微博：政府要学会在网上与公众沟通。" * 20


def test_gb2312_declaration_is_read_as_gb18030_and_keeps_gbk_only_characters():
    body = f'<html><head><meta charset="gb2312"></head><body>{ZH}</body></html>'.encode("gbk")
    decoded = decode_body(body, "text/html")
    assert decoded.encoding == "gb18030" and decoded.source == "meta"
    assert "朱镕基" in decoded.text


def test_header_charset_wins_over_meta():
    body = f'<meta charset="utf-8"><p>{ZH}</p>'.encode("gbk")
    decoded = decode_body(body, "text/html; charset=GBK")
    assert decoded.source == "header" and "镕" in decoded.text


def test_wrong_header_falls_through_to_the_next_candidate():
    body = f'<meta charset="gbk"><p>{ZH}</p>'.encode("gbk")
    decoded = decode_body(body, "text/html; charset=utf-8")
    assert decoded.source == "meta" and "政务微博" in decoded.text


def test_bom_and_detector():
    assert decode_body(codecs.BOM_UTF8 + "Français".encode(), "").source == "bom"
    decoded = decode_body(("<p>" + ZH + "</p>").encode("gbk"), "text/html")
    assert decoded.source == "detector" and "政务" in decoded.text and decoded.encoding == "gb18030"


def test_canonical_codec_widens_and_rejects_unknown_labels():
    assert canonical_codec("GB2312") == "gb18030"
    assert canonical_codec("x-gbk") == "gb18030"
    assert canonical_codec("no-such-charset") is None


def test_valid_utf8_wins_over_a_stale_gb2312_declaration():
    body = f'<meta http-equiv="content-type" content="text/html;charset=GB2312"/><p>{ZH}</p>'.encode("utf-8")
    decoded = decode_body(body, "text/html")
    assert decoded.encoding == "utf-8" and decoded.source == "utf8_valid" and "政务微博" in decoded.text


def test_latin1_declared_page_is_not_mistaken_for_utf8():
    body = "<meta charset='iso-8859-1'><p>Français, déjà vu, naïve café</p>".encode("latin-1")
    assert decode_body(body, "text/html").text.count("é") == 2
