"""Turn page bytes into text: HTTP header, then BOM, then <meta charset>, then a detector.

GB2312 and GBK are always read as GB18030, their superset: pages that declare GB2312 routinely
contain GBK-only characters (镕, 堃), and a strict GB2312 decode would lose them.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

WIDER_CODEC = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030",
               "euc-cn": "gb18030", "iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252",
               "us-ascii": "cp1252", "big5": "big5hkscs"}

BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

# More replacement characters than this share of the text means the codec was wrong.
MAX_REPLACEMENT_RATIO = 0.01


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    source: str  # header | bom | meta | detector | fallback
    confidence: float


def canonical_codec(label: str) -> str | None:
    """The Python codec for a declared charset label, widened where a superset is safer."""
    label = label.strip().lower()
    if label in WIDER_CODEC:
        return WIDER_CODEC[label]
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return WIDER_CODEC.get(name, name)


def charset_from_content_type(content_type: str) -> str | None:
    match = HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def charset_from_meta(body: bytes) -> str | None:
    match = META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


def replacement_ratio(text: str) -> float:
    return text.count("\ufffd") / max(len(text), 1)


def _try(body: bytes, label: str | None, source: str, confidence: float) -> DecodedText | None:
    codec = canonical_codec(label) if label else None
    if not codec:
        return None
    text = body.decode(codec, errors="replace")
    if replacement_ratio(text) > MAX_REPLACEMENT_RATIO:
        return None
    return DecodedText(text, codec, source, confidence)


def _strict_utf8(body: bytes) -> str | None:
    """The text when the body is valid UTF-8 with a real share of multi-byte characters."""
    non_ascii = sum(1 for byte in body[:65536] if byte >= 0x80)
    if non_ascii < 8:
        return None  # ASCII-only pages decode the same under every candidate: let the declaration decide
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def decode_body(body: bytes, content_type: str = "") -> DecodedText:
    """Decode with the first candidate whose text is valid; the detector's guess is last."""
    for bom, codec in BOMS:
        if body.startswith(bom):
            return DecodedText(body[len(bom):].decode(codec, errors="replace"), codec, "bom", 1.0)
    declared_utf8_valid = _strict_utf8(body)
    if declared_utf8_valid is not None:
        # Non-ASCII text that is valid UTF-8 is UTF-8, whatever the page declares: pages re-saved
        # as UTF-8 keep their old "gb2312" meta, and GB18030 would read them as mojibake with
        # too few U+FFFD to notice.
        source = "header" if (canonical_codec(charset_from_content_type(content_type) or "") == "utf-8") else (
            "meta" if canonical_codec(charset_from_meta(body) or "") == "utf-8" else "utf8_valid")
        return DecodedText(declared_utf8_valid, "utf-8", source, 0.99)
    candidates = [(charset_from_content_type(content_type), "header", 0.9), (charset_from_meta(body), "meta", 0.8)]
    for label, source, confidence in candidates:
        decoded = _try(body, label, source, confidence)
        if decoded:
            return decoded
    best = charset_normalizer.from_bytes(body[:200_000]).best()
    if best is not None:
        decoded = _try(body, best.encoding, "detector", round(1.0 - best.chaos, 3))
        if decoded:
            return decoded
    decoded = _try(body, "utf-8", "fallback", 0.5)
    if decoded:
        return decoded
    text = body.decode("utf-8", errors="replace")
    return DecodedText(text, "utf-8", "fallback", round(max(0.0, 1.0 - 10 * replacement_ratio(text)), 3))
