"""Issue 6: the pre-commit hooks, for real — `pre-commit try-repo` on this repository.

pre-commit builds the hooks' environment with pip from a git repository. `try-repo`
on a working tree with uncommitted changes shadow-commits only *tracked* files, so
the test snapshots this repository's files (tracked and untracked-but-not-ignored,
exactly what a commit of the working tree would hold) into a temporary git
repository and tries that. Each try-repo run builds a fresh hook environment from
PyPI (pre-commit keeps it in a throw-away store), so there are three runs only:
clean, broken, fix.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
GIT_USER = ["-c", "user.name=gailint tests", "-c", "user.email=tests@gailint.invalid"]
ROW = "一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |"


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *GIT_USER, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """This repository's working tree, committed in a temporary git repository."""
    snapshot = tmp_path_factory.mktemp("gailint-repo")
    files = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    assert (snapshot / ".pre-commit-hooks.yaml").is_file()
    _git("init", "-q", cwd=snapshot)
    _git("add", "-A", cwd=snapshot)
    _git("commit", "-q", "-m", "snapshot", cwd=snapshot)
    return snapshot


@pytest.fixture
def reports(tmp_path) -> Path:
    """A repository of reports, as the people who write them keep one."""
    _git("init", "-q", cwd=tmp_path)
    _git("config", "user.name", "report author", cwd=tmp_path)
    _git("config", "user.email", "author@example.invalid", cwd=tmp_path)
    (tmp_path / "gailint.toml").write_text('select = ["GAI1", "GAI2"]\n', encoding="utf-8")
    shutil.copy(SEEDS["003"], tmp_path / "clean.txt")
    text = SEEDS["004"].read_text(encoding="utf-8")
    (tmp_path / "broken.md").write_text(text.replace(ROW, ROW[:-3] + "5 |"), encoding="utf-8")
    _git("add", "-A", cwd=tmp_path)
    _git("commit", "-q", "-m", "reports", cwd=tmp_path)
    return tmp_path


def _try_repo(hook_repo: Path, hook: str, reports: Path, *files: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_COLOR": "never", "PRE_COMMIT_HOME": str(reports.parent / "pre-commit-home")}
    return subprocess.run([*PRE_COMMIT, "try-repo", str(hook_repo), hook, "--files", *files],
                          cwd=reports, env=env, capture_output=True, text=True, timeout=600)


def test_hooks_file_declares_both_hooks():
    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    assert hooks["gailint"]["entry"] == "gailint check"
    assert hooks["gailint-fix"]["entry"] == "gailint check --fix"
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["files"] == r"(?i)\.(txt|md|docx|pdf|html?|doc|wps)$"


def test_clean_report_passes(hook_repo, reports):
    proc = _try_repo(hook_repo, "gailint", reports, "clean.txt")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "gailint" in proc.stdout and "Passed" in proc.stdout


def test_word_report_is_checked_by_the_hook(hook_repo, reports):
    """The hook matches .docx: the broken report as a Word file fails, the wrong total
    named by its table, row and column."""
    from .docfixtures import seed_to_docx

    seed_to_docx((reports / "broken.md").read_text(encoding="utf-8"), reports / "report.docx")
    _git("add", "-A", cwd=reports)
    proc = _try_repo(hook_repo, "gailint", reports, "report.docx")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "report.docx:" in proc.stdout and "GAI201" in proc.stdout and "位置: 表2 第4行第10列" in proc.stdout


def _readme_config() -> dict:
    """The `.pre-commit-config.yaml` the README shows."""
    import yaml

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in readme.split("```yaml\n")[1:]]
    [block] = [b for b in blocks if b.startswith("repos:")]
    return yaml.safe_load(block)


def test_readme_pins_a_commit_not_a_tag_that_does_not_exist():
    [repo] = _readme_config()["repos"]
    tags = _git("tag", "--list", cwd=ROOT).split()
    assert repo["rev"] in tags or (len(repo["rev"]) == 40 and all(c in "0123456789abcdef" for c in repo["rev"]))
    assert [hook["id"] for hook in repo["hooks"]] == ["gailint"]


def test_broken_report_fails_and_shows_the_diagnostics(hook_repo, reports):
    """The README's configuration, pinned to a commit of this repository, as a user sets it up."""
    import yaml

    config = _readme_config()
    [repo] = config["repos"]
    repo["repo"], repo["rev"] = str(hook_repo), _git("rev-parse", "HEAD", cwd=hook_repo).strip()
    del repo["hooks"][0]["files"]  # the README's example narrows to reports/; these reports are at the top
    (reports / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_COLOR": "never", "PRE_COMMIT_HOME": str(reports.parent / "pre-commit-home")}
    proc = subprocess.run([*PRE_COMMIT, "run", "gailint", "--files", "broken.md"],
                          cwd=reports, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Failed" in proc.stdout
    assert "broken.md:36:" in proc.stdout and "GAI201" in proc.stdout
    assert "总计应为 4（4+0+0+0+0+0），实为 5" in proc.stdout


def test_fix_hook_applies_safe_fixes(hook_repo, reports):
    proc = _try_repo(hook_repo, "gailint-fix", reports, "clean.txt")
    assert proc.returncode == 1, proc.stdout + proc.stderr  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in proc.stdout
    fixed = (reports / "clean.txt").read_text(encoding="utf-8")
    assert "#### 五、存在的主要问题及改进情况" in fixed
    assert fixed == SEEDS["003"].read_text(encoding="utf-8").replace("#### 五、存在的主要问题及改进措施",
                                                                    "#### 五、存在的主要问题及改进情况")
