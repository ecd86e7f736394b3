"""Unicode repair: ftfy for mojibake, then NFC."""

from __future__ import annotations

import unicodedata

import ftfy

# Full-width forms and curly quotes are correct in Chinese and English news text: keep them.
FTFY_CONFIG = ftfy.TextFixerConfig(fix_character_width=False, uncurl_quotes=False, explain=False)


def repair_unicode(text: str) -> str:
    return unicodedata.normalize("NFC", ftfy.fix_text(text, config=FTFY_CONFIG))
