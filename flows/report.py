"""The run report: plain text for the terminal, markdown for the Prefect UI artifact."""

from __future__ import annotations

import re

from flows import bucket_layout

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>])")


def escape_markdown(text: str) -> str:
    """Page-derived text renders as text: no links, images or HTML injected into the UI."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def _reasons(manifest: dict) -> list[tuple[str, int]]:
    return sorted(manifest["counts"]["rejected_by_reason"].items(), key=lambda item: (-item[1], item[0]))


def render_text(manifest: dict, store) -> str:
    counts = manifest["counts"]
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(counts["pages_by_kind"].items())) or "none"
    lines = [
        f"govmedia run {manifest['run_id']} ({manifest['date']})",
        f"  pages fetched      {counts['pages_fetched']:>6}   ({kinds})",
        f"  documents kept     {counts['documents_kept']:>6}   of {counts['documents_in']} article pages",
        f"  documents dropped  {counts['documents_rejected']:>6}",
    ]
    lines += [f"    {reason:<28}{count:>5}" for reason, count in _reasons(manifest)]
    lines += [
        f"  clusters           {counts['clusters']:>6}   ({counts['duplicate_clusters']} with duplicates, "
        f"{counts['non_canonical']} copies set aside, {counts['already_published']} already in the corpus)",
        f"  published          {counts['published']:>6}   documents new to the corpus",
        "  time per stage     " + ", ".join(f"{k} {v:.1f}s" for k, v in manifest["stage_seconds"].items()),
        f"  manifest           {store.url_for(bucket_layout.manifest(manifest['run_id']))}",
    ]
    for source, error in manifest.get("source_errors", {}).items():
        lines.insert(2, f"  FAILED {source}: {error[:300]}")
    for source, part in manifest["per_source"].items():
        if part.get("blocked"):
            kinds = ", ".join(f"{n} {k}" for k, n in sorted(part["blocked"].items()) if k != "stopped")
            stopped = " - crawl stopped, backing off until the next run" if part["blocked"].get("stopped") else ""
            lines.insert(2, f"  BLOCKED by {source}: {kinds}{stopped}")
    return "\n".join(lines)


def render_markdown(manifest: dict, store) -> str:
    counts = manifest["counts"]
    rows = [f"| {escape_markdown(source)} | {part['pages']} | {part['kept']} | {sum(part['rejected'].values())} "
            f"| {part['published']} |" for source, part in manifest["per_source"].items()]
    reasons = [f"| {escape_markdown(reason)} | {count} |" for reason, count in _reasons(manifest)]
    return "\n".join([
        f"# govmedia run {escape_markdown(manifest['run_id'])}",
        "",
        f"**{counts['pages_fetched']}** pages fetched, **{counts['documents_kept']}** documents kept, "
        f"**{counts['documents_rejected']}** dropped, **{counts['published']}** published, "
        f"**{counts['duplicate_clusters']}** duplicate clusters.",
        "",
        "| source | pages | kept | dropped | published |", "|---|---|---|---|---|", *rows,
        "",
        "| drop reason | documents |", "|---|---|", *(reasons or ["| none | 0 |"]),
        "",
        "Stage seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in manifest["stage_seconds"].items()),
        "",
        f"Manifest: `{store.url_for(bucket_layout.manifest(manifest['run_id']))}`",
    ])
