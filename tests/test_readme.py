"""The README's promise: what Vigil is in two sentences, then exactly two commands that work on a
fresh clone. (.ci/run itself runs the test command on a fresh clone; this checks the demo one.)"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text()
    block = re.search(r"```(?:sh|bash)?\n(.*?)```", text, re.S)
    assert block, "README must show its commands in a code block"
    return [line.split("#")[0].strip() for line in block.group(1).strip().splitlines()]


def test_readme_opens_with_what_vigil_is_then_exactly_two_commands():
    text = (REPO / "README.md").read_text()
    intro = text.split("```")[0]
    assert intro.startswith("# Vigil")
    assert readme_commands() == ["make demo", "make test"]
    ci = (REPO / ".ci" / "run").read_text()
    assert "make test" in ci


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("VIGIL_SKIP_FRESH_CLONE") == "1", reason="asked to skip the fresh-clone run")
@pytest.mark.skipif(shutil.which("git") is None or shutil.which("make") is None, reason="needs git and make")
def test_make_demo_works_from_a_fresh_clone(tmp_path):
    if subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                      capture_output=True, text=True).stdout.strip():
        pytest.skip("the working tree has uncommitted changes; a fresh clone would not test them")
    clone = tmp_path / "vigil"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    result = subprocess.run(["make", "demo", f"PYTHON={sys.executable}"], cwd=clone, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "reconciles" in result.stdout
    assert (clone / "demo-output" / "vigil.duckdb").exists()
