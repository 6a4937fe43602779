"""``emptychair extract`` and ``emptychair eval`` from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from emptychair.cli import app

VENV_BIN = Path(sys.executable).parent

STORY = (
    "Macron heads to Johannesburg\n"
    "\n"
    "French President Emmanuel Macron will attend the G20 summit in Johannesburg next week, "
    "the Elysee said.\n"
    "\n"
    "Trade and debt relief top the agenda.\n"
)
ATTEND = (
    "French President Emmanuel Macron will attend the G20 summit in Johannesburg next week, "
    "the Elysee said."
)
NOTHING = "The city council voted to repave the harbour road."


def doc_line(doc_id: str, text: str, published: str = "2025-11-14", **extra: object) -> str:
    return json.dumps({"id": doc_id, "published": published, "title": None, "text": text, **extra})


GOLD_MACRON = {
    "person": "Emmanuel Macron",
    "country": "FRA",
    "role": "leader",
    "forum": "g20-summit",
    "meeting_date": "2025-11",
    "status": "attend",
    "certainty": "reported",
    "representative": None,
    "sources": [{"kind": "named", "descriptor": "the Elysee"}],
}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_extract_txt_with_published(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    result = runner.invoke(app, ["extract", "--published", "2025-11-14", str(path)])
    assert result.exit_code == 0, result.output
    [row] = lines(result.stdout)
    assert row["id"] == "story.txt"
    [claim] = row["claims"]
    assert claim["person"] == "Emmanuel Macron"
    assert (claim["forum"], claim["status"], claim["country"]) == ("g20-summit", "attend", "FRA")
    assert claim["meeting_date"] == "2025-11"
    assert set(claim) >= {
        "person", "country", "role", "forum", "meeting_date", "status", "certainty",
        "representative", "sources", "evidence",
    }  # fmt: skip


def test_extract_txt_without_published_leaves_relative_dates_open(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    [row] = lines(result.stdout)
    [claim] = row["claims"]
    assert claim["meeting_date"] is None


def test_extract_bad_published_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    result = runner.invoke(app, ["extract", "--published", "14/11/2025", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""


def test_extract_jsonl_with_a_broken_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        "\n".join([doc_line("a1", ATTEND), '{"id": "a2", "text": ', doc_line("a3", NOTHING)])
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 1
    rows = lines(result.stdout)
    assert [r["id"] for r in rows] == ["a1", "a3"]
    assert [c["person"] for c in rows[0]["claims"]] == ["Emmanuel Macron"]
    assert rows[1]["claims"] == []
    assert f"{path}:2:" in result.stderr
    assert "a1" not in result.stderr


def test_extract_missing_file_fails_but_others_are_output(
    runner: CliRunner, tmp_path: Path
) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(doc_line("g1", ATTEND) + "\n", encoding="utf-8")
    missing = tmp_path / "missing.jsonl"
    result = runner.invoke(app, ["extract", str(missing), str(good)])
    assert result.exit_code == 1
    assert [r["id"] for r in lines(result.stdout)] == ["g1"]
    assert str(missing) in result.stderr


def test_extract_output_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(doc_line("b1", ATTEND) + "\n" + doc_line("b2", NOTHING) + "\n", "utf-8")
    out = tmp_path / "claims.jsonl"
    result = runner.invoke(app, ["extract", "-o", str(out), str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    rows = lines(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == ["b1", "b2"]
    assert rows[0]["claims"][0]["status"] == "attend"


def test_extract_ignores_gold_claims_in_the_input(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(doc_line("c1", NOTHING, claims=[GOLD_MACRON]) + "\n", "utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert lines(result.stdout) == [{"id": "c1", "claims": []}]


def write_gold(tmp_path: Path) -> Path:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        doc_line("g1", ATTEND, claims=[GOLD_MACRON])
        + "\n"
        + doc_line("g2", NOTHING, claims=[])
        + "\n",
        encoding="utf-8",
    )
    return gold


def test_eval_prints_precision_recall_f1(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(write_gold(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "documents 2" in result.stdout
    assert "gold 1" in result.stdout
    for word in ("precision", "recall", "F1"):
        assert word in result.stdout


def test_eval_json_parses(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(write_gold(tmp_path)), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    scores = report["scores"]
    assert scores["documents"] == 2
    assert scores["gold"] == 1
    for key in ("precision", "recall", "f1"):
        assert 0.0 <= scores[key] <= 1.0
    assert "errors" not in report


def test_eval_scores_a_correct_extraction_perfectly(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(write_gold(tmp_path)), "--format", "json"])
    scores = json.loads(result.stdout)["scores"]
    assert (scores["predicted"], scores["matched"]) == (1, 1)
    assert scores["f1"] == 1.0
    assert scores["certainty"] == 1.0
    assert scores["meeting_date"] == 1.0


def test_eval_errors_lists_a_miss(runner: CliRunner, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(doc_line("m1", NOTHING, claims=[GOLD_MACRON]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), "--errors"])
    assert result.exit_code == 0, result.output
    assert "recall 0.000" in result.stdout
    assert "m1 missed: Emmanuel Macron FRA leader attend g20-summit" in result.stdout

    result = runner.invoke(app, ["eval", str(gold), "--errors", "--format", "json"])
    report = json.loads(result.stdout)
    assert report["errors"] == ["m1 missed: Emmanuel Macron FRA leader attend g20-summit 2025-11"]


def test_eval_malformed_gold_exits_2_naming_the_line(runner: CliRunner, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(doc_line("x1", NOTHING, claims=[]) + "\nnot json\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold)])
    assert result.exit_code == 2
    assert f"{gold}:2" in result.stderr


def test_installed_command_reads_jsonl_from_stdin(tmp_path: Path) -> None:
    exe = VENV_BIN / "emptychair"
    if not exe.exists():
        pytest.skip("emptychair entry point is not installed next to this Python")
    stdin = doc_line("s1", ATTEND) + "\n" + "{oops\n" + doc_line("s3", NOTHING) + "\n"
    proc = subprocess.run(
        [str(exe), "extract", "-"],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert [r["id"] for r in lines(proc.stdout)] == ["s1", "s3"]
    assert "-:2:" in proc.stderr
