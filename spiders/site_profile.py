"""Facts about a site, loaded from ``spiders/sites/<name>.yaml`` and validated."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

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
    search_url: str = ""  # template with {query} and {page}
    search_languages: tuple[str, ...] = ()  # which lexicon languages to search with
    search_max_pages: int = 1
    date_in_url: tuple[re.Pattern, ...] = ()  # named groups y, m, d
    multipage_patterns: tuple[re.Pattern, ...] = ()  # continuation pages of an article
    selectors: dict = field(default_factory=dict)  # e.g. {"body": "#Content"}: only where generic extraction fails
    download_delay: float = 1.0
    concurrency_per_domain: int = 2
    notes: str = ""

    def is_article(self, url: str) -> bool:
        path = urlsplit(url).path
        return any(pattern.search(path) for pattern in self.article_patterns)

    def is_list_page(self, url: str) -> bool:
        path = urlsplit(url).path
        return any(pattern.search(path) for pattern in self.list_pagination)

    def is_continuation(self, url: str) -> bool:
        path = urlsplit(url).path
        return any(pattern.search(path) for pattern in self.multipage_patterns)

    def url_date(self, url: str) -> date | None:
        """The publication date a URL carries (``/202311/20/``, ``/2015-06/15/``, ``/t20190103_``), if any."""
        for pattern in self.date_in_url:
            match = pattern.search(url)
            if match:
                try:
                    return date(int(match["y"]), int(match["m"]), int(match["d"]))
                except (ValueError, IndexError):
                    continue
        return None

    def search_urls(self, query: str) -> list[str]:
        return [self.search_url.format(query=quote(query), page=page) for page in range(1, self.search_max_pages + 1)]

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
    search = data.get("search") or {}
    date_patterns = _compile(data.get("date_in_url", []), "date_in_url", name)
    for pattern in date_patterns:
        if not {"y", "m", "d"} <= set(pattern.groupindex):
            raise ProfileError(f"profile {name}: date_in_url pattern {pattern.pattern!r} needs groups y, m and d")
    if search and "{query}" not in search.get("url", ""):
        raise ProfileError(f"profile {name}: search.url needs a {{query}} placeholder")
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
        search_url=_absolute(home, search["url"]) if search else "",
        search_languages=tuple(search.get("languages", [data["language"]])) if search else (),
        search_max_pages=int(search.get("max_pages", 1)) if search else 0,
        date_in_url=date_patterns,
        multipage_patterns=_compile(data.get("multipage_patterns", []), "multipage", name),
        selectors=dict(data.get("selectors") or {}),
        download_delay=float(politeness.get("download_delay", 1.0)),
        concurrency_per_domain=int(politeness.get("concurrency_per_domain", 2)),
        notes=data.get("notes", ""),
    )


def _absolute(home: str, url: str) -> str:
    return url if "://" in url else f"{home}/{url.lstrip('/')}"


def available_profiles(sites_dir: Path = SITES_DIR) -> list[str]:
    return sorted(path.stem for path in sites_dir.glob("*.yaml"))
