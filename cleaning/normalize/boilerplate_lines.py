"""Line-level removal of what extraction lets through: injected spam blocks, lines in a script
foreign to the document, navigation/share/copyright chrome, and the page tail after markers such
as "Most Viewed". Patterns are data (``boilerplate.yaml``); every removal is counted on the
document (``cleaning_counts``), so a researcher can see what a step took.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from cleaning.document import Document
from cleaning.extract.language import HAN, detect_language

RULES_FILE = Path(__file__).with_name("boilerplate.yaml")
LATIN = re.compile(r"[A-Za-z]")
FOREIGN_SCRIPT_SHARE = 0.3  # Han characters per letter above which a line of an English text is foreign


@dataclass(frozen=True)
class LanguageRules:
    drop: tuple[re.Pattern, ...]
    cut: tuple[re.Pattern, ...]
    spam: tuple[str, ...]


@lru_cache(maxsize=2)
def load_boilerplate_rules(path: Path = RULES_FILE) -> dict[str, LanguageRules]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    compile_all = lambda patterns: tuple(re.compile(rf"(?:{p})", re.I) for p in patterns)  # noqa: E731
    return {lang: LanguageRules(compile_all(r.get("drop", [])), compile_all(r.get("cut", [])),
                                tuple(t.lower() for t in r.get("spam", [])))
            for lang, r in data.items()}


def is_spam_line(line: str, rules: dict[str, LanguageRules]) -> bool:
    lowered = line.lower()
    hits = {term for lang_rules in rules.values() for term in lang_rules.spam if term in lowered}
    return len(hits) >= 2 or (len(hits) == 1 and lowered.count("|") >= 3)


def is_foreign_script(line: str, lang: str) -> bool:
    """In an English document, a line carried by Han characters (Chinese quoted inline stays)."""
    if lang != "en":
        return False
    han = len(HAN.findall(line))
    return han >= 4 and han > FOREIGN_SCRIPT_SHARE * (len(LATIN.findall(line)) + han)


def remove_boilerplate(text: str, lang_hint: str, rules: dict[str, LanguageRules]) -> tuple[str, str, Counter]:
    """(clean text, language, counts of removed lines by kind)."""
    counts: Counter = Counter()
    lines = [line for line in text.split("\n\n")]
    kept = []
    for line in lines:
        if is_spam_line(line, rules):
            counts["spam_lines"] += 1
        else:
            kept.append(line)
    # The text decides, not the site's declared language (China Daily's English site carries
    # Chinese pages); spam lines are gone first so that a Chinese link farm cannot tip it.
    lang = detect_language("\n".join(kept), lang_hint)
    language_rules = [rules[lang]] if lang in rules else []
    cleaned, total_chars, seen_chars = [], sum(len(line) for line in kept), 0
    for index, line in enumerate(kept):
        seen_chars += len(line)
        folded = " ".join(line.split())
        if any(p.fullmatch(folded) for r in language_rules for p in r.cut) and seen_chars > total_chars / 2:
            counts["tail_lines"] += len(kept) - index
            break
        if is_foreign_script(folded, lang):
            counts["foreign_script_lines"] += 1
        elif any(p.fullmatch(folded) for r in language_rules for p in r.drop):
            counts["boilerplate_lines"] += 1
        else:
            cleaned.append(line)
    return "\n\n".join(cleaned), lang, counts


class BoilerplateLinesStep:
    name = "boilerplate_lines"

    def __init__(self, rules: dict[str, LanguageRules] | None = None):
        self.rules = rules or load_boilerplate_rules()

    def __call__(self, doc: Document) -> Document:
        hint = doc.lang_hint if doc.lang_hint in self.rules else ""
        doc.text, _, counts = remove_boilerplate(doc.text, hint, self.rules)
        doc.cleaning_counts.update({k: doc.cleaning_counts.get(k, 0) + v for k, v in counts.items()})
        return doc
