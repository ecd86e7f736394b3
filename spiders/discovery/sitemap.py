"""URLs in a sitemap or sitemap index (standard and news sitemaps), via Scrapy's parser."""

from __future__ import annotations

from scrapy.utils.sitemap import Sitemap


def is_sitemap(body: bytes) -> bool:
    head = body[:2048].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def sitemap_links(body: bytes) -> tuple[str, list[str]]:
    """('sitemapindex', child sitemap URLs) or ('urlset', page URLs), newest ``lastmod`` first
    (the article budget goes to the first links scheduled). Raises ValueError if unreadable."""
    try:
        sitemap = Sitemap(body)
        entries = [entry for entry in sitemap if entry.get("loc")]
    except Exception as error:  # lxml's errors vary by version; the caller needs one kind
        raise ValueError(f"unreadable sitemap: {error}") from None
    # ISO 8601 dates sort as text; entries without lastmod keep their order, after dated ones.
    entries.sort(key=lambda entry: entry.get("lastmod", "").strip(), reverse=True)
    return sitemap.type, [entry["loc"].strip() for entry in entries]
