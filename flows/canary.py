"""govmedia-canary: a small crawl of every source to catch a redesign or a block before the corpus
quietly thins. Checks that entry points answer, that articles are found, and that extraction
still yields title, text and date; writes a health table (artifact and ``runs/<id>/health.json``)
and fails when a source is unhealthy or its extraction yield dropped against the last canary.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from prefect import flow, get_run_logger, task, unmapped
from prefect.artifacts import create_table_artifact

from cleaning.chain import CleaningChain, page_steps
from cleaning.filters.min_length import count_tokens
from flows import bucket_layout, run_state
from flows.clean import document_for, read_warc_payload
from flows.config import Settings
from flows.crawl import run_spider
from flows.raw_archive import read_page_records
from flows.report import escape_markdown
from flows.store import open_store
from spiders.site_profile import available_profiles

ENTRY_KINDS = ("list", "search", "sitemap", "feed")


class CanaryAlarm(RuntimeError):
    """At least one source is unhealthy: the flow run fails so that it is noticed."""


def source_health(source: str, pages: list[dict], warc_dir: Path, min_tokens: int) -> dict:
    """Health of one source from its canary crawl's page records and WARC files (no store I/O)."""
    entries = [p for p in pages if p["page_kind"] in ENTRY_KINDS]
    articles = [p for p in pages if p["page_kind"] == "article" and p.get("status") == 200 and not p.get("article_root")]
    chain = CleaningChain(page_steps())
    extracted = dated = 0
    for page in articles:
        doc = document_for(page, source)
        with open(warc_dir / page["warc_file"], "rb") as handle:
            doc.body, _ = read_warc_payload(handle, page["warc_offset"])
        result = chain.process(doc)
        if hasattr(result, "text") and result.title and count_tokens(result.text) >= min_tokens:
            extracted += 1
            dated += result.published is not None
    blocked = sum(1 for p in pages if p.get("blocked"))
    health = {
        "source": source,
        "entry_points": len(entries),
        "entry_points_ok": sum(1 for p in entries if p.get("status") in (200, 304)),
        "articles_found": len(articles),
        "extracted": extracted,
        "dated": dated,
        "blocked": blocked,
        "extraction_yield": round(extracted / len(articles), 3) if articles else 0.0,
    }
    problems = []
    if health["entry_points_ok"] == 0:
        problems.append("no entry point answered")
    if not articles:
        problems.append("no articles found")
    elif health["extraction_yield"] < 0.5:
        problems.append(f"extraction yield {health['extraction_yield']:.0%}")
    elif dated < extracted / 2:
        problems.append(f"dates found for {dated}/{extracted} articles")
    if blocked:
        problems.append(f"{blocked} blocked responses")
    health["problems"] = problems
    return health


@task(name="check-source", task_run_name="canary-{source}")
def check_source(source: str, base_url: str | None, max_articles: int, settings: Settings) -> dict:
    log = get_run_logger()
    staging = Path(tempfile.mkdtemp(prefix=f"govmedia-canary-{source}-"))
    try:
        run_spider(source, "canary", str(staging), max_articles, base_url, settings, timeout_s=600, log=log)
        folder = staging / source
        return source_health(source, read_page_records(folder / "pages.jsonl"), folder / "warc", settings.min_tokens)
    except Exception as error:  # a crashed crawl is a finding about the source, not a crash of the canary
        return {"source": source, "entry_points": 0, "entry_points_ok": 0, "articles_found": 0, "extracted": 0,
                "dated": 0, "blocked": 0, "extraction_yield": 0.0, "problems": [f"crawl failed: {error}"[:300]]}
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def compare_with_last(health: dict, last: dict | None, max_drop: float) -> None:
    if last and last.get("extraction_yield", 0) > 0:
        if health["extraction_yield"] < last["extraction_yield"] * (1 - max_drop):
            health["problems"].append(f"yield dropped from {last['extraction_yield']:.0%} to {health['extraction_yield']:.0%}")


@flow(name="govmedia-canary", log_prints=True)
def govmedia_canary(sources: list[str] | None = None, store: str | None = None, base_urls: dict[str, str] | None = None,
                    max_articles: int = 3, max_yield_drop: float = 0.3, run_id: str | None = None) -> list[dict]:
    """Check every source (default: all profiles); fail when any is unhealthy."""
    settings = Settings.from_env(store=store)
    target = open_store(settings.store, settings)
    sources = sources or available_profiles()
    run_id = bucket_layout.check_run_id(run_id or "canary-" + run_state.new_run_id())
    futures = check_source.map(sources, [(base_urls or {}).get(s) for s in sources], unmapped(max_articles),
                               unmapped(settings))
    table = []
    for source, future in zip(sources, futures):
        health = future.result()
        last_key = f"state/canary/{source}.json"
        compare_with_last(health, run_state.read_json(target, last_key), max_yield_drop)
        health["status"] = "failing" if health["problems"] else "ok"
        if health["status"] == "ok":
            run_state.write_json(target, last_key, health)  # the baseline moves only on a healthy check
        table.append(health)
    run_state.write_json(target, f"runs/{run_id}/health.json",
                         {"run_id": run_id, "checked_at": datetime.now(timezone.utc).isoformat(), "sources": table})
    create_table_artifact(key="govmedia-canary", description=f"source health, {run_id}",
                          table=[{k: escape_markdown(", ".join(v)) if isinstance(v, list) else v for k, v in row.items()}
                                 for row in table])
    failing = [row for row in table if row["status"] != "ok"]
    for row in table:
        print(f"{row['source']:<12} {row['status']:<8} entry {row['entry_points_ok']}/{row['entry_points']}  "
              f"articles {row['articles_found']}  extracted {row['extracted']}  dated {row['dated']}  "
              f"{'; '.join(row['problems'])}")
    if failing:
        raise CanaryAlarm("unhealthy sources: " + "; ".join(f"{r['source']} ({', '.join(r['problems'])})" for r in failing))
    return table
