"""The ``govmedia`` command: a thin layer over the govmedia-pipeline flow."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from flows import bucket_layout
from flows.config import Settings

EPILOG = """\
stores:
  a folder path (default ./data, or $GOVMEDIA_STORE) or s3://bucket/prefix. For S3-compatible
  servers (MinIO) set S3_ENDPOINT_URL; credentials come from AWS_ACCESS_KEY_ID /
  AWS_SECRET_ACCESS_KEY or any boto3 credential source and are never printed.

examples:
  govmedia run                               crawl China Daily (sample web when offline), publish ./data
  govmedia run --sample-web --run-id demo    the same against the bundled sample web, as run 'demo'
  govmedia crawl --source chinadaily --max-pages 10 --run-id r1
  govmedia clean --run-id r1 && govmedia dedup --run-id r1
  govmedia ingest saved_pages/ archive.warc.gz --store s3://corpus/govmedia
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govmedia", description="Crawl, clean, dedup and publish a corpus about "
                                     "government new media.", epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sub, run_id_required=False):
        sub.add_argument("--store", help="folder path or s3://bucket/prefix (default: $GOVMEDIA_STORE or ./data)")
        sub.add_argument("--run-id", required=run_id_required,
                         help="run id; re-using one resumes it, a published run is left unchanged")

    def crawling(sub):
        sub.add_argument("--source", "--sources", action="append", dest="sources", metavar="NAMES",
                         help="site profiles to crawl: a,b or 'all' (repeatable; default chinadaily)")
        sub.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD",
                         help="skip articles published before this date (by URL date before fetching, by page date after)")
        sub.add_argument("--until", type=date.fromisoformat, metavar="YYYY-MM-DD", help="skip articles published after this date")
        sub.add_argument("--max-pages", type=int, default=30, help="article budget per source (default 30; 0 = no limit)")
        sub.add_argument("--refetch", action="store_true",
                         help="fetch articles that earlier runs already have; changed texts become new revisions")
        mode = sub.add_mutually_exclusive_group()
        mode.add_argument("--sample-web", action="store_true", help="crawl the bundled sample web on 127.0.0.1")
        mode.add_argument("--live", action="store_true", help="crawl the live sites; fail instead of falling back")

    run = commands.add_parser("run", help="the whole pipeline: crawl, clean, dedup, publish")
    common(run)
    crawling(run)
    crawl = commands.add_parser("crawl", help="crawl only: write raw/ WARC and page records")
    common(crawl)
    crawling(crawl)
    common(commands.add_parser("clean", help="clean a crawled run: write clean/docs and clean/rejected"), True)
    common(commands.add_parser("dedup", help="dedup a cleaned run and publish its corpus and manifest"), True)
    ingest = commands.add_parser("ingest", help="clean, dedup and publish local .html, .txt and .warc(.gz) files")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    ingest.add_argument("--source", default="local", help="source name for the ingested pages (default local)")
    common(ingest)
    canary = commands.add_parser("canary", help="health check of every source: entry points, articles, extraction")
    canary.add_argument("--store", help="where health tables go (default: $GOVMEDIA_STORE or ./data)")
    canary.add_argument("--source", "--sources", action="append", dest="sources", metavar="NAMES",
                        help="sources to check: a,b or 'all' (default all)")
    canary_mode = canary.add_mutually_exclusive_group()
    canary_mode.add_argument("--sample-web", action="store_true", help="check the bundled sample web on 127.0.0.1")
    canary_mode.add_argument("--live", action="store_true", help="check the live sites only")
    extract = commands.add_parser("extract", help="print the clean main text of one saved page")
    extract.add_argument("page", metavar="PAGE", help="a saved .html/.htm or .txt file")
    extract.add_argument("--url", help="the page's URL (helps metadata and relative links)")
    extract.add_argument("--json", action="store_true", help="print the whole record: metadata, counts, or the rejection")
    report = commands.add_parser("report", help="print the report of a published run")
    common(report, True)
    return parser


def sources_of(args) -> list[str]:
    from spiders.site_profile import available_profiles

    names = [name.strip() for value in (args.sources or ["chinadaily"]) for name in value.split(",") if name.strip()]
    if "all" in names:
        names = available_profiles()
    for name in names:
        bucket_layout.check_source(name)
    return names


def live_problem(source: str) -> str | None:
    """None when the live site answers, else a short reason."""
    from spiders.site_profile import load_profile

    profile = load_profile(source)
    request = urllib.request.Request(f"{profile.home}/robots.txt", headers={"User-Agent": Settings().user_agent})
    try:
        with urllib.request.urlopen(request, timeout=8):
            return None
    except urllib.error.HTTPError:
        return None  # the site answered, even if not with 200
    except (urllib.error.URLError, OSError) as error:
        return str(getattr(error, "reason", error))


@contextlib.contextmanager
def crawl_targets(args, sources: list[str]):
    """Per source, the mirror to crawl (the sample web) or nothing for the live site."""
    from flows.sample_web import SAMPLE_WEB_ROOT, SampleWeb

    probe = not (args.sample_web or args.live)
    with ThreadPoolExecutor(max_workers=8) as pool:
        problems = dict(zip(sources, pool.map(live_problem, sources))) if probe else {}
    with contextlib.ExitStack() as stack:
        mirrors, unreachable = {}, []
        for source in sources:
            problem = problems.get(source)
            if (args.sample_web or problem) and not (SAMPLE_WEB_ROOT / source).is_dir():
                print(f"govmedia: {source} has no bundled sample web; it is crawled live only.", flush=True)
            elif args.sample_web or problem:
                if problem:
                    unreachable.append((problem, source))
                mirrors[source] = stack.enter_context(SampleWeb(source)).base_url
        if unreachable:
            reasons = {}
            for problem, source in unreachable:
                reasons.setdefault(problem, []).append(source)
            detail = "; ".join(f"{', '.join(names)} ({problem})" for problem, names in reasons.items())
            print(f"govmedia: live source{'s' if len(unreachable) > 1 else ''} unreachable: {detail}; "
                  f"crawling the bundled sample web instead.", flush=True)
        yield mirrors


def extract_command(args) -> int:
    from cleaning import clean_page
    from cleaning.document import Rejection

    path = Path(args.page)
    if not path.is_file():
        print(f"govmedia: no such file {path}", file=sys.stderr)
        return 1
    content_type = "text/plain" if path.suffix.lower() == ".txt" else "text/html"
    result = clean_page(path.read_bytes(), args.url or path.resolve().as_uri(), content_type)
    if args.json:
        record = result.record()
        print(json.dumps(record, ensure_ascii=False, indent=2, default=str))
    elif isinstance(result, Rejection):
        print(f"govmedia: rejected by {result.step}: {result.reason} ({result.detail})", file=sys.stderr)
        return 2
    else:
        print(result.text)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "extract":
        return extract_command(args)
    # The temporary Prefect server started for a run without PREFECT_API_URL must not phone home.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # On a busy 2-core machine it can take longer than Prefect's default 20 s to start.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    from flows.pipeline import govmedia_pipeline
    from flows.report import render_text
    from flows.store import StoreError, open_store

    settings = Settings.from_env(store=args.store)
    try:
        store = open_store(settings.store, settings)
        if args.command == "canary":
            from flows.canary import govmedia_canary
            from spiders.site_profile import available_profiles

            sources = sources_of(args) if args.sources else None
            with crawl_targets(args, sources or available_profiles()) as mirrors:
                govmedia_canary(sources=sources, store=store.uri, base_urls=mirrors)
            return 0
        if args.command == "report":
            from flows.run_state import read_json

            manifest = read_json(store, bucket_layout.manifest(args.run_id))
            if not manifest:
                print(f"govmedia: run {args.run_id} has no manifest in {store.uri}", file=sys.stderr)
                return 1
            print(render_text(manifest, store))
            return 0
        params = {"store": store.uri, "run_id": args.run_id}
        if args.command in ("run", "crawl"):
            sources = sources_of(args)
            with crawl_targets(args, sources) as mirrors:
                result = govmedia_pipeline(sources=sources, max_pages=args.max_pages or None, base_urls=mirrors,
                                           stages=None if args.command == "run" else ["raw"], since=args.since,
                                           until=args.until, refetch=args.refetch, **params)
        elif args.command == "ingest":
            result = govmedia_pipeline(ingest_paths=args.paths, ingest_source=bucket_layout.check_source(args.source),
                                       **params)
        else:
            stages = ["clean"] if args.command == "clean" else ["dedup", "publish"]
            result = govmedia_pipeline(stages=stages, **params)
    except (StoreError, ValueError) as error:
        print(f"govmedia: {error}", file=sys.stderr)
        return 1
    except Exception as error:
        print(f"govmedia: the run failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    if result.get("partial"):
        print(f"govmedia run {result['run_id']}: stages done: {', '.join(result['stages_done'])} "
              f"({', '.join(f'{k} {v:.1f}s' for k, v in result['stage_seconds'].items())}); "
              f"next: govmedia {'clean' if 'clean' not in result['stages_done'] else 'dedup'} --run-id {result['run_id']}")
    else:
        print()
        print(render_text(result, store))
    return 0


if __name__ == "__main__":
    sys.exit(main())
