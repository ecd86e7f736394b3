"""URL normalisation and the stable document id derived from it."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that change the URL but never the page: trackers and share counters.
TRACKING_PARAMS = frozenset(
    {"utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "spm", "from", "isappinstalled", "fbclid", "gclid"}
)


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, drop default ports, fragments and tracking parameters, sort the query."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in TRACKING_PARAMS))
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, query, ""))


def doc_id_for_url(url: str) -> str:
    """Stable id of a document: 16 hex digits of SHA-1 over the normalised URL."""
    return hashlib.sha1(normalize_url(url).encode("utf-8")).hexdigest()[:16]
