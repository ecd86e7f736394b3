"""Settings read once from the environment; everything below takes them as arguments."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    store: str = "./data"
    s3_endpoint_url: str | None = None
    s3_region: str | None = None
    staging_dir: Path = field(default_factory=lambda: Path(tempfile.gettempdir()) / "govmedia-staging")
    max_page_bytes: int = 10 * 1024 * 1024
    min_tokens: int = 80
    min_relevance: float = 3.0
    warc_max_bytes: int = 512 * 1024 * 1024
    user_agent: str = "govmedia/0.1 (+https://github.com/govmedia/govmedia; research corpus of public news)"

    @classmethod
    def from_env(cls, env: os._Environ | dict | None = None, **overrides) -> "Settings":
        env = os.environ if env is None else env
        values = {
            "store": env.get("GOVMEDIA_STORE", cls.store),
            "s3_endpoint_url": env.get("S3_ENDPOINT_URL") or env.get("AWS_ENDPOINT_URL_S3") or None,
            "s3_region": env.get("AWS_DEFAULT_REGION") or env.get("AWS_REGION") or None,
            "max_page_bytes": int(env.get("GOVMEDIA_MAX_PAGE_BYTES", cls.max_page_bytes)),
            "min_tokens": int(env.get("GOVMEDIA_MIN_TOKENS", cls.min_tokens)),
            "min_relevance": float(env.get("GOVMEDIA_MIN_RELEVANCE", cls.min_relevance)),
            "warc_max_bytes": int(env.get("GOVMEDIA_WARC_MAX_BYTES", cls.warc_max_bytes)),
            "user_agent": env.get("GOVMEDIA_USER_AGENT", cls.user_agent),
        }
        if env.get("GOVMEDIA_STAGING_DIR"):
            values["staging_dir"] = Path(env["GOVMEDIA_STAGING_DIR"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
