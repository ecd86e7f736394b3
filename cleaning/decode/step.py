"""The decode step: refuse what is not a text page, then decode the bytes."""

from __future__ import annotations

from cleaning.decode.charset import MAX_REPLACEMENT_RATIO, decode_body, replacement_ratio
from cleaning.document import Document, Rejection

TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x00\x00\x01\x00", b"RIFF")


class DecodeStep:
    name = "decode"

    def __init__(self, max_bytes: int = 10 * 1024 * 1024):
        self.max_bytes = max_bytes

    def __call__(self, doc: Document) -> Document | Rejection:
        body = doc.body or b""
        mime = doc.content_type.split(";")[0].strip().lower()
        if not body.strip():
            return Rejection(doc, self.name, "decode_empty", "page body is empty")
        if len(body) > self.max_bytes:
            return Rejection(doc, self.name, "decode_too_large", f"{len(body)} bytes > limit {self.max_bytes}")
        if (mime and mime not in TEXT_TYPES) or body.startswith(BINARY_MAGIC) or b"\x00" in body[:8192] and not body.startswith((b"\xff\xfe", b"\xfe\xff")):
            return Rejection(doc, self.name, "decode_binary", f"content-type {mime or 'unknown'}, not a text page")
        decoded = decode_body(body, doc.content_type)
        if replacement_ratio(decoded.text) > MAX_REPLACEMENT_RATIO:
            return Rejection(doc, self.name, "decode_garbled",
                             f"{replacement_ratio(decoded.text):.1%} undecodable characters with {decoded.encoding}")
        doc.html = decoded.text
        doc.encoding, doc.encoding_source, doc.encoding_confidence = decoded.encoding, decoded.source, decoded.confidence
        return doc
