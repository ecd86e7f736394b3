"""URLs in a sitemap or sitemap index (standard and news sitemaps), via Scrapy's parser."""

from __future__ import annotations

from scrapy.utils.sitemap import Sitemap


def is_sitemap(body: bytes) -> bool:
    head = body[:2048].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def sitemap_links(body: bytes) -> tuple[str, list[str]]:
    """('sitemapindex', child sitemap URLs) or ('urlset', page URLs). Raises ValueError if unreadable."""
    try:
        sitemap = Sitemap(body)
    except Exception as error:  # lxml's errors vary by version; the caller needs one kind
        raise ValueError(f"unreadable sitemap: {error}") from None
    return sitemap.type, [entry["loc"].strip() for entry in sitemap if entry.get("loc")]
