"""Pipeline throughput on the bundled sample web, next to a bare trafilatura.extract loop.

    python bench/pipeline.py [--repeat 20]

Prints pages/s and docs/s per stage of one real flow run, then the cleaning chain against
``trafilatura.extract`` over the same archived pages (repeated for steadier figures), as a ratio.
Figures only: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

import pyarrow.parquet as pq
import trafilatura

from cleaning.chain import CleaningChain
from cleaning.decode.charset import decode_body
from flows.clean import document_for, read_warc_payload
from flows.config import Settings
from flows.pipeline import govmedia_pipeline
from flows.sample_web import SampleWeb
from flows.store import open_store


def archived_articles(store) -> list[tuple[dict, bytes, str]]:
    out = []
    for key in store.list("raw/pages/"):
        for page in pq.read_table(io.BytesIO(store.get_bytes(key))).to_pylist():
            if page["page_kind"] != "article" or page["warc_offset"] is None:
                continue
            record = store.get_range(page["warc_file"], page["warc_offset"], page["warc_length"])
            body, content_type = read_warc_payload(io.BytesIO(record), 0)
            page["source"] = key.split("source=")[1].split("/")[0]
            out.append((page, body, content_type))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20, help="passes over the pages for the cleaning comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govmedia-bench-") as workdir:
        os.environ["GOVMEDIA_STAGING_DIR"] = str(Path(workdir) / "staging")
        store_uri = str(Path(workdir) / "store")
        with SampleWeb("chinadaily") as web:
            manifest = govmedia_pipeline(sources=["chinadaily"], max_pages=None, run_id="bench", store=store_uri,
                                         base_urls={"chinadaily": web.base_url})
        counts, seconds = manifest["counts"], manifest["stage_seconds"]
        print(f"\nOne flow run on the sample web ({counts['pages_fetched']} fetches, "
              f"{counts['documents_in']} article pages):")
        work = {"raw": counts["pages_fetched"], "clean": counts["documents_in"], "dedup": counts["documents_kept"],
                "publish": counts["published"]}
        for stage, n in work.items():
            print(f"  {stage:<8} {seconds[stage]:7.2f}s  {n / max(seconds[stage], 1e-9):9.1f} items/s   ({n} items;"
                  f" includes task start-up, which dominates on a site this small)")

        pages = archived_articles(open_store(store_uri, Settings.from_env()))
        total = len(pages) * args.repeat
        started = time.perf_counter()
        for _ in range(args.repeat):
            for page, body, content_type in pages:
                trafilatura.extract(decode_body(body, content_type).text, url=page["final_url"])
        bare = time.perf_counter() - started
        chain = CleaningChain()
        started = time.perf_counter()
        for _ in range(args.repeat):
            for page, body, content_type in pages:
                doc = document_for(page, page["source"])
                doc.body, doc.content_type = body, doc.content_type or content_type
                chain.process(doc)
        ours = time.perf_counter() - started
        print(f"\nCleaning, {len(pages)} archived pages x {args.repeat}:")
        print(f"  bare trafilatura.extract  {total / bare:8.1f} pages/s")
        print(f"  govmedia cleaning chain   {total / ours:8.1f} pages/s   ratio {bare / ours:.2f} "
              f"(1.00 = as fast as the bare extractor)")
        slowest = sorted(chain.stats.seconds.items(), key=lambda kv: -kv[1])
        print("  time by step: " + ", ".join(f"{name} {100 * s / ours:.0f}%" for name, s in slowest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
