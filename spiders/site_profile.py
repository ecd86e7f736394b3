"""Facts about a site, loaded from ``spiders/sites/<name>.yaml`` and validated."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import yaml

SITES_DIR = Path(__file__).parent / "sites"


class ProfileError(ValueError):
    """A site profile is missing, malformed or names something impossible."""


@dataclass(frozen=True)
class SiteProfile:
    name: str
    language: str
    home: str
    allowed_domains: tuple[str, ...]
    list_pages: tuple[str, ...] = ()
    list_pagination: tuple[re.Pattern, ...] = ()
    article_patterns: tuple[re.Pattern, ...] = ()
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    max_list_pages: int = 5
    download_delay: float = 1.0
    concurrency_per_domain: int = 2
    notes: str = ""
    extra: dict = field(default_factory=dict)

    def is_article(self, url: str) -> bool:
        path = urlsplit(url).path
        return any(pattern.search(path) for pattern in self.article_patterns)

    def is_list_page(self, url: str) -> bool:
        path = urlsplit(url).path
        return any(pattern.search(path) for pattern in self.list_pagination)

    def rebase(self, url: str, base_url: str | None) -> str:
        """Point a URL of this site at a mirror (the offline sample web) with the same paths."""
        if not base_url:
            return url
        parts, base = urlsplit(url), urlsplit(base_url)
        if parts.hostname and parts.hostname not in self.allowed_domains:
            return url
        return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, ""))


def _compile(patterns: list[str], what: str, name: str) -> tuple[re.Pattern, ...]:
    try:
        return tuple(re.compile(pattern) for pattern in patterns)
    except re.error as error:
        raise ProfileError(f"profile {name}: bad {what} pattern: {error}") from None


def load_profile(name: str, sites_dir: Path = SITES_DIR) -> SiteProfile:
    path = sites_dir / f"{name}.yaml"
    if not path.is_file():
        raise ProfileError(f"no site profile {name!r}; known: {', '.join(available_profiles(sites_dir)) or 'none'}")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if data.get("name") != name:
        raise ProfileError(f"{path.name}: 'name' must be {name!r}, the file's name")
    for required in ("language", "home", "allowed_domains", "article_patterns"):
        if not data.get(required):
            raise ProfileError(f"{path.name}: '{required}' is required")
    home = data["home"].rstrip("/")
    politeness = data.get("politeness", {})
    return SiteProfile(
        name=name,
        language=data["language"],
        home=home,
        allowed_domains=tuple(data["allowed_domains"]),
        list_pages=tuple(_absolute(home, u) for u in data.get("list_pages", [])),
        list_pagination=_compile(data.get("list_pagination", []), "list_pagination", name),
        article_patterns=_compile(data["article_patterns"], "article", name),
        sitemaps=tuple(_absolute(home, u) for u in data.get("sitemaps", [])),
        feeds=tuple(_absolute(home, u) for u in data.get("feeds", [])),
        max_list_pages=int(data.get("max_list_pages", 5)),
        download_delay=float(politeness.get("download_delay", 1.0)),
        concurrency_per_domain=int(politeness.get("concurrency_per_domain", 2)),
        notes=data.get("notes", ""),
    )


def _absolute(home: str, url: str) -> str:
    return url if "://" in url else f"{home}/{url.lstrip('/')}"


def available_profiles(sites_dir: Path = SITES_DIR) -> list[str]:
    return sorted(path.stem for path in sites_dir.glob("*.yaml"))
