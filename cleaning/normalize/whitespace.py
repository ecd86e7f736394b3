"""Whitespace: one space inside lines, one blank line between paragraphs, no edge spaces."""

from __future__ import annotations

import re

INLINE_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize_whitespace(text: str) -> str:
    text = CONTROL.sub("", ZERO_WIDTH.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
    lines = [INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    paragraphs = [line for line in lines if line]
    return "\n\n".join(paragraphs)
