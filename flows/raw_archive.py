"""Move a crawl's or an ingest's staging folder (WARC files + pages.jsonl) into the store's raw/ keys."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from flows import bucket_layout, tables
from flows.store import Store


def read_page_records(path: Path) -> list[dict]:
    """Page records from JSON lines; a line cut short by a crash is skipped, the rest kept."""
    rows = []
    if not path.exists():
        return rows
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return rows


def crawl_state_rows(rows: list[dict]) -> list[dict]:
    """Fetches to remember: pages with their validators (conditional GETs, known articles) and
    pages that are gone (404, 410), so dead links are not asked again every run."""
    return [{"url": row["url"], "final_url": row.get("final_url") or "", "page_kind": row["page_kind"],
             "status": row.get("status"), "etag": (row.get("headers") or {}).get("etag", ""),
             "last_modified": (row.get("headers") or {}).get("last-modified", ""), "body_sha1": row.get("body_sha1", ""),
             "fetched_at": row["fetched_at"], "run_id": row["run_id"]}
            for row in rows if row.get("status") in (200, 404, 410) and not row.get("blocked")]


def known_pages(store: Store, source: str, exclude_run: str) -> dict[str, dict]:
    """Latest state per URL over every earlier run of the source (this run's own is ignored)."""
    known: dict[str, dict] = {}
    for key in store.list(bucket_layout.crawl_state_prefix(source)):
        if key == bucket_layout.crawl_state(source, exclude_run):
            continue
        for row in tables.from_parquet_bytes(store.get_bytes(key)):
            previous = known.get(row["url"])
            if previous is None or row["fetched_at"] >= previous["fetched_at"]:
                known[row["url"]] = row
    return {url: dict(row, fetched_at=row["fetched_at"].isoformat()) for url, row in known.items()}


def archive_staging(store: Store, folder: Path, source: str, run_id: str, day: str) -> dict:
    """Upload WARC parts, then the page table pointing into them. Same input, same keys and bytes."""
    warc_keys = {}
    for part, path in enumerate(sorted((folder / "warc").glob("*.warc.gz"))):
        key = bucket_layout.raw_warc(source, day, run_id, part)
        store.put_file(key, path)
        warc_keys[path.name] = key
    rows = read_page_records(folder / "pages.jsonl")
    for row in rows:
        row["warc_file"] = warc_keys.get(row.get("warc_file") or "", "")
    rows.sort(key=lambda row: (row["fetched_at"], row["url"]))
    pages_key = bucket_layout.raw_pages(source, day, run_id)
    store.put_bytes(pages_key, tables.to_parquet_bytes(rows, tables.PAGES))
    state_key = bucket_layout.crawl_state(source, run_id)
    store.put_bytes(state_key, tables.to_parquet_bytes(crawl_state_rows(rows), tables.CRAWL_STATE))
    stats_path = folder / "crawl_stats.json"
    crawl_stats = json.loads(stats_path.read_text(encoding="utf-8")) if stats_path.exists() else {}
    blocked = {k.removeprefix("govmedia/blocked/"): v for k, v in crawl_stats.items() if k.startswith("govmedia/blocked/")}
    return {
        "source": source,
        "blocked": blocked,
        "finish_reason": crawl_stats.get("finish_reason", ""),
        "pages_key": pages_key,
        "state_key": state_key,
        "warc_keys": sorted(warc_keys.values()),
        "pages": len(rows),
        "by_kind": dict(Counter(row["page_kind"] for row in rows)),
        "by_status": {str(k): v for k, v in Counter(row.get("status") or row.get("error", "")[:40] for row in rows).items()},
        "crawl_stats": {k: v for k, v in crawl_stats.items()
                        if k.startswith(("downloader/response_count", "robotstxt/", "finish_reason", "elapsed",
                                         "item_scraped_count", "log_count/ERROR", "govmedia/", "offsite/"))},
    }
