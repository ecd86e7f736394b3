"""Cleaning throughput: the whole chain next to bare ``trafilatura.extract`` on the same pages.

    python bench/clean.py [--repeat 5] [--workers 2]

Pages: every article page of the bundled sample web (nine sources, English and Chinese, our own
fixtures). Prints pages/s for the bare extractor and for our chain on one core, the ratio
(target >= 0.8), the process-pool speed-up (target >= 1.7x on 2 cores), and peak memory per worker.
Figures only: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone

import trafilatura

from cleaning.chain import CleaningChain, default_steps
from cleaning.decode.charset import decode_body
from cleaning.document import Document
from flows.sample_web import SAMPLE_WEB_ROOT

SUFFIXES = {".html", ".htm", ".shtml"}


def sample_pages() -> list[tuple[str, bytes]]:
    pages = []
    for path in sorted(SAMPLE_WEB_ROOT.rglob("*")):
        if path.suffix in SUFFIXES and "index" not in path.name and path.stat().st_size > 2000:
            pages.append((path.relative_to(SAMPLE_WEB_ROOT).as_posix(), path.read_bytes()))
    return pages


def bare(pages, repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        for url, body in pages:
            trafilatura.extract(decode_body(body, "text/html").text, url=f"http://sample/{url}")
    return time.perf_counter() - started


def chain_batch(batch: list[tuple[str, bytes]]) -> tuple[int, float, int]:
    """(pages, seconds, peak RSS in MiB) of one worker cleaning a batch."""
    chain = CleaningChain(default_steps())
    started = time.perf_counter()
    for url, body in batch:
        chain.process(Document(doc_id="b", url=f"http://sample/{url}", source="bench", run_id="bench",
                               fetched_at=datetime.now(timezone.utc), content_type="text/html", body=body))
    return len(batch), time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    pages = sample_pages()
    work = pages * args.repeat
    total = len(work)
    print(f"{len(pages)} sample-web article pages x {args.repeat} = {total} pages")
    bare_s = bare(pages, args.repeat)
    _, one_core_s, rss = chain_batch(work)
    print(f"  bare trafilatura.extract     {total / bare_s:7.1f} pages/s")
    print(f"  govmedia chain, 1 process    {total / one_core_s:7.1f} pages/s   ratio {bare_s / one_core_s:.2f} "
          f"(target >= 0.8)   peak RSS {rss} MiB")
    chunks = [work[i::args.workers * 4] for i in range(args.workers * 4)]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        results = list(pool.map(chain_batch, chunks))
    pool_s = time.perf_counter() - started
    print(f"  govmedia chain, {args.workers} processes  {total / pool_s:7.1f} pages/s   speed-up "
          f"{one_core_s / pool_s:.2f}x (target >= 1.7x on 2 cores)   peak RSS per worker "
          f"{max(r[2] for r in results)} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
