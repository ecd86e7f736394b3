"""The `govmedia` command, in-process against the session's Prefect API."""

from __future__ import annotations

import subprocess
import sys

import pytest

from flows import cli


def test_help_lists_every_command_and_the_store_settings():
    done = subprocess.run([sys.executable, "-m", "flows.cli", "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    for word in ("run", "crawl", "clean", "dedup", "ingest", "report", "S3_ENDPOINT_URL", "s3://"):
        assert word in done.stdout
    done = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--help"], capture_output=True, text=True, timeout=120)
    for option in ("--store", "--source", "--max-pages", "--run-id", "--sample-web"):
        assert option in done.stdout


def test_stage_by_stage_commands_then_report(prefect_api, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GOVMEDIA_STAGING_DIR", str(tmp_path / "staging"))
    store = str(tmp_path / "store")
    assert cli.main(["crawl", "--sample-web", "--store", store, "--run-id", "cli-1", "--max-pages", "5"]) == 0
    assert "next: govmedia clean --run-id cli-1" in capsys.readouterr().out
    assert cli.main(["clean", "--store", store, "--run-id", "cli-1"]) == 0
    assert cli.main(["dedup", "--store", store, "--run-id", "cli-1"]) == 0
    out = capsys.readouterr().out
    assert "documents kept" in out and "runs/cli-1/manifest.json" in out
    assert cli.main(["report", "--store", store, "--run-id", "cli-1"]) == 0
    assert "pages fetched" in capsys.readouterr().out


def test_run_falls_back_to_the_sample_web_with_one_clear_line(prefect_api, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GOVMEDIA_STAGING_DIR", str(tmp_path / "staging"))
    monkeypatch.setattr(cli, "live_problem", lambda source: "Name or service not known")
    assert cli.main(["run", "--store", str(tmp_path / "store"), "--run-id", "cli-2", "--max-pages", "4"]) == 0
    out = capsys.readouterr().out
    assert "live source unreachable: chinadaily (Name or service not known); crawling the bundled sample web" in out
    assert "published" in out


def test_errors_are_one_clear_line_not_a_traceback(tmp_path, capsys):
    assert cli.main(["report", "--store", str(tmp_path), "--run-id", "nope"]) == 1
    assert "run nope has no manifest" in capsys.readouterr().err
    assert cli.main(["run", "--store", "ftp://x/y"]) == 1
    assert "unsupported store" in capsys.readouterr().err
    assert cli.main(["crawl", "--store", str(tmp_path), "--source", "Bad Name!"]) == 1
    assert "must be lower-case" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["clean"])  # --run-id is required


def test_extract_prints_clean_text_or_the_record(tmp_path, capsys):
    from pathlib import Path

    from cleaning import extract_text

    seed = next((Path(__file__).parent / "fixtures" / "seeds").glob("002_*.txt"))
    assert cli.main(["extract", str(seed)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("System to be built by 2022") and "蜘蛛" not in out and "BACK TO THE TOP" not in out
    assert cli.main(["extract", str(seed), "--json"]) == 0
    import json

    record = json.loads(capsys.readouterr().out)
    assert record["authors"] == ["Hu Yongqi"] and record["published"] == "2019-01-03"
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert cli.main(["extract", str(empty)]) == 2 and "decode_empty" in capsys.readouterr().err
    page = ("<html><head><title>T</title></head><body><article>" + "".join(
        f"<p>The county's government WeChat account answered {n} questions from residents within an hour on day {n}, "
        f"officials said.</p>" for n in range(8)) + "</article></body></html>")
    assert extract_text(page).startswith("The county's government WeChat account") and extract_text(page.encode()) == extract_text(page)
