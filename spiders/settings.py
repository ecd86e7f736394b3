"""Scrapy settings for govmedia. Every component is switched on here, in priority order."""

import os
import tempfile

BOT_NAME = "govmedia"
SPIDER_MODULES = ["spiders.crawlers"]
NEWSPIDER_MODULE = "spiders.crawlers"

USER_AGENT = os.environ.get(
    "GOVMEDIA_USER_AGENT", "govmedia/0.1 (+https://github.com/govmedia/govmedia; research corpus of public news)"
)
ROBOTSTXT_OBEY = True

# Politeness: per-site delay and concurrency come from the profile (spiders/sites/*.yaml).
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
RANDOMIZE_DOWNLOAD_DELAY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
RETRY_TIMES = 2
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    # Before the robots.txt middleware (100), so not even robots.txt is asked of a private address.
    "spiders.middlewares.scope_guard.ScopeGuardMiddleware": 60,
    # Sees responses just before RetryMiddleware (550), so a retry waits for the slower slot.
    "spiders.middlewares.block_detection.BlockDetectionMiddleware": 560,
}
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
GOVMEDIA_BLOCK_LIMIT = 8  # blocked responses before a source is stopped for this run
GOVMEDIA_BLOCK_BACKOFF = 5.0  # seconds: the least delay after a block
GOVMEDIA_BLOCK_MAX_DELAY = 120.0
# Hosts that may resolve to non-public addresses anyway (the offline sample web sets 127.0.0.1).
GOVMEDIA_SCOPE_ALLOW = [h for h in os.environ.get("GOVMEDIA_SCOPE_ALLOW", "").split(",") if h]

ITEM_PIPELINES = {
    "spiders.pipelines.warc_archive.WarcArchivePipeline": 300,
    "spiders.pipelines.page_records.PageRecordsPipeline": 400,
}
EXTENSIONS = {
    "spiders.extensions.crawl_summary.CrawlSummary": 500,
}

# Where a crawl writes WARC + page records before the flow moves them into the store.
GOVMEDIA_STAGING_DIR = os.environ.get("GOVMEDIA_STAGING_DIR", os.path.join(tempfile.gettempdir(), "govmedia-staging", "manual"))
GOVMEDIA_WARC_ENABLED = True
GOVMEDIA_WARC_MAX_BYTES = int(os.environ.get("GOVMEDIA_WARC_MAX_BYTES", 512 * 1024 * 1024))

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
