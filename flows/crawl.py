"""Crawl stage: run a Scrapy spider in a subprocess, then archive its staging folder into raw/.

Scrapy's Twisted reactor cannot be restarted inside one process, so every crawl gets its own.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections import deque
from urllib.parse import urlsplit

from prefect import get_run_logger, task

from flows.config import Settings
from flows.raw_archive import archive_staging, known_pages
from flows.store import open_store

SAMPLE_WEB_SETTINGS = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "RANDOMIZE_DOWNLOAD_DELAY": "False",
                       "CONCURRENT_REQUESTS_PER_DOMAIN": "8"}


class CrawlFailed(RuntimeError):
    pass


def scrapy_command(source: str, run_id: str, staging: str, max_pages: int | None, base_url: str | None,
                   settings: Settings, since: str | None = None, until: str | None = None,
                   known_file: str | None = None, refetch: bool = False) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", source, "-a", f"run_id={run_id}",
               "-s", f"GOVMEDIA_STAGING_DIR={staging}", "-s", f"GOVMEDIA_WARC_MAX_BYTES={settings.warc_max_bytes}",
               "-s", f"USER_AGENT={settings.user_agent}", "-s", "LOGSTATS_INTERVAL=15"]
    if max_pages:
        command += ["-a", f"max_pages={max_pages}"]
    if known_file:
        command += ["-a", f"known_file={known_file}"]
    if refetch:
        command += ["-a", "refetch=1"]
    if since:
        command += ["-a", f"since={since}"]
    if until:
        command += ["-a", f"until={until}"]
    if base_url:
        command += ["-a", f"base_url={base_url}", "-s", f"GOVMEDIA_SCOPE_ALLOW={urlsplit(base_url).hostname}"]
        for key, value in SAMPLE_WEB_SETTINGS.items():
            command += ["-s", f"{key}={value}"]
    return command


def run_spider(source: str, run_id: str, staging: str, max_pages: int | None, base_url: str | None,
               settings: Settings, timeout_s: float, log, since: str | None = None, until: str | None = None,
               known_file: str | None = None, refetch: bool = False) -> None:
    env = dict(os.environ, SCRAPY_SETTINGS_MODULE="spiders.settings", PYTHONUNBUFFERED="1")
    command = scrapy_command(source, run_id, staging, max_pages, base_url, settings, since, until, known_file, refetch)
    tail: deque[str] = deque(maxlen=30)
    started = time.monotonic()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                          errors="replace") as process:
        for line in process.stdout:
            tail.append(line.rstrip())
            # Scrapy's periodic "Crawled N pages" line is the crawl's progress report.
            if "[scrapy.extensions.logstats]" in line or "ERROR" in line or "Spider closed" in line:
                log.info("[%s] %s", source, line.rstrip())
            if time.monotonic() - started > timeout_s:
                process.kill()
                raise CrawlFailed(f"crawl of {source} exceeded {timeout_s:.0f}s")
        code = process.wait()
    if code != 0:
        raise CrawlFailed(f"scrapy crawl {source} exited with {code}:\n" + "\n".join(tail))


@task(name="crawl-source", retries=1, retry_delay_seconds=10, task_run_name="crawl-{source}")
def crawl_source(store_uri: str, source: str, run_id: str, day: str, max_pages: int | None, base_url: str | None,
                 settings: Settings, since: str | None = None, until: str | None = None,
                 refetch: bool = False, timeout_s: float = 3600) -> dict:
    log = get_run_logger()
    staging = settings.staging_dir / run_id / source
    shutil.rmtree(staging, ignore_errors=True)  # a retried crawl starts clean
    staging.mkdir(parents=True)
    store = open_store(store_uri, settings)
    known = known_pages(store, source, exclude_run=run_id)
    known_file = staging.parent / f"{source}-known.json"
    known_file.write_text(json.dumps(known), encoding="utf-8")
    log.info("crawling %s%s (max %s articles; %d URLs known from earlier runs%s)", source,
             f" from {base_url}" if base_url else "", max_pages or "all", len(known), ", re-fetching" if refetch else "")
    run_spider(source, run_id, str(staging.parent), max_pages, base_url, settings, timeout_s, log, since, until,
               str(known_file), refetch)
    result = archive_staging(store, staging, source, run_id, day)
    known_file.unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)
    log.info("archived %d fetches of %s into %s", result["pages"], source, result["pages_key"])
    return result
