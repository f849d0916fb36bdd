"""docs/editors.md's Neovim 0.7–0.10 snippet, run as documented in a real headless Neovim
(`nvim --headless`): it starts `gailint lsp`, opens a seed report and shows gailint's
diagnostics at the right places. Neovim is in .ci/run's SYSTEM_PACKAGES; without it the
test skips, except on CI (CI=true), where it fails."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT, SEEDS

SNIPPET_MARK = "Neovim 0.7 to 0.10"


def _nvim() -> str:
    nvim = shutil.which("nvim")
    if nvim is None:
        if os.environ.get("CI") == "true":
            pytest.fail("nvim is not installed (it is in .ci/run's SYSTEM_PACKAGES)")
        pytest.skip("nvim is not installed (apt-get install neovim)")
    return nvim


def _snippet() -> str:
    """The first lua block after the 0.7–0.10 heading in docs/editors.md, verbatim."""
    text = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    after = text[text.index(SNIPPET_MARK):]
    return after.split("```lua\n", 1)[1].split("```", 1)[0]


# after the documented snippet: wait for gailint's diagnostics, write them out, quit
HARNESS = r"""
vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    local ok = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(0)) do
      table.insert(found, { code = d.code, source = d.source, lnum = d.lnum, col = d.col, message = d.message })
    end
    local file = io.open(vim.env.GAILINT_NVIM_OUT, "w")
    file:write(vim.fn.json_encode({ ok = ok, diagnostics = found }))
    file:close()
    vim.cmd("qall!")
  end,
})
"""


def test_the_documented_neovim_snippet_shows_gailints_diagnostics(tmp_path):
    nvim = _nvim()
    init = tmp_path / "init.lua"
    init.write_text(_snippet() + HARNESS, encoding="utf-8")
    report = tmp_path / "report.txt"
    shutil.copy(SEEDS["003"], report)
    out = tmp_path / "diagnostics.json"
    env = {**os.environ, "GAILINT_NVIM_OUT": str(out), "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           # `gailint` as the snippet names it: the one installed next to this Python
           "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
    proc = subprocess.run([nvim, "--headless", "--clean", "-u", str(init), str(report)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=90)
    assert out.is_file(), f"nvim wrote no result: {proc.stdout}{proc.stderr}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["ok"] is True, "no diagnostics within 30 s"
    found = sorted((d["code"], d["lnum"], d["col"]) for d in result["diagnostics"])
    lines = report.read_text(encoding="utf-8").splitlines()

    def at(code: str, line: int, column: int) -> tuple[str, int, int]:  # 1-based code points → Neovim's 0-based bytes
        return code, line - 1, len(lines[line - 1][:column - 1].encode("utf-8"))

    # what `gailint check` reports on seed 003 (see tests/test_workflow.py): GAI302 at 3:1, GAI103 at 78:8
    assert found == [at("GAI103", 78, 8), at("GAI302", 3, 1)]
    assert {d["source"] for d in result["diagnostics"]} == {"gailint"}
    [heading] = [d for d in result["diagnostics"] if d["code"] == "GAI103"]
    assert heading["message"].startswith("第五部分标题应为“五、存在的主要问题及改进情况”")
