"""Third-party plugins: discovery through the `gailint` entry-point group, isolation
(GAI006 for a plugin that fails, GAI005 for a rule that raises), the hooks, the
`plugins` command, and the example plugin in examples/gailint-plugin-example.

The fixture plugins in tests/plugins/ are "installed" by writing a dist-info
directory (METADATA + entry_points.txt) into a temporary directory on the path.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gailint.plugin_loader import discover
from gailint.engine import Linter
from gailint.inputs import Inputs
from gailint.runner import check_bytes
from gailint.source import Source
from gailint.testing import assert_case, check_text, load_cases

from .conftest import ROOT

PLUGINS = Path(__file__).resolve().parent / "plugins"
EXAMPLE = ROOT / "examples" / "gailint-plugin-example"
# a report snippet with a real table-2 error (GAI201) and a placeholder (XYZ001)
REPORT = ("一、总体情况\n"
          "本机关共公开 XXX 条。\n"
          "三、收到和处理政府信息公开申请情况\n"
          "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t6\t0\t8\n")


def write_dist(root: Path, dist: str, entry_points: dict[str, str], version: str = "0.1") -> None:
    info = root / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    info.joinpath("METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
    lines = "".join(f"{name} = {value}\n" for name, value in entry_points.items())
    info.joinpath("entry_points.txt").write_text(f"[gailint]\n{lines}")


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """Install fixture plugins: installed(good="gl_good", ...) → one distribution each."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(PLUGINS))
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv("GAILINT_DISABLE_PLUGINS", raising=False)

    def install(**plugins: str) -> Path:
        for name, module in plugins.items():
            write_dist(site, f"gailint-test-{name}", {name: module})
        return site

    return install


def run(site: Path, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    exe = shutil.which("gailint", path=os.path.dirname(sys.executable)) or shutil.which("gailint")
    assert exe, "gailint is not installed in this environment"
    environment = {key: value for key, value in os.environ.items() if key != "GAILINT_DISABLE_PLUGINS"}
    environment.update({"PYTHONPATH": os.pathsep.join([str(site), str(PLUGINS)]), **(env or {})})
    # in the test's own directory, so that the result cache (.gailint_cache) stays there
    return subprocess.run([exe, *args], capture_output=True, text=True, env=environment, timeout=120,
                          cwd=cwd or site.parent)


def report_file(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


# --- discovery and the hooks ---------------------------------------------------------------

def test_a_good_plugin_adds_its_rule(installed):
    installed(good="gl_good")
    linter = Linter()
    assert linter.rule("XYZ001") is not None
    info = next(i for i in linter.plugins.infos if i.name == "good")
    assert (info.distribution, info.version, info.status) == ("gailint-test-good", "0.1", "loaded")
    assert [r.code for r in info.rules] == ["XYZ001"]
    found = check_text(REPORT).positions()
    assert "XYZ001 2:8" in found and "GAI201 4:30" in found


def test_no_plugins_and_the_disable_variable(installed, monkeypatch):
    installed(good="gl_good", broken="gl_broken_import")
    assert Linter(load_plugins=False).rule("XYZ001") is None
    assert Linter(disable=["good"]).rule("XYZ001") is None
    monkeypatch.setenv("GAILINT_DISABLE_PLUGINS", "gailint-test-good, broken")
    plugins = discover()
    assert {i.name: i.status for i in plugins.infos if i.name != "gailint"} == {"good": "disabled",
                                                                                 "broken": "disabled"}
    assert not plugins.errors


def test_options_are_namespaced_by_code_validated_and_passed_to_configure(installed):
    installed(good="gl_good")
    import gl_good

    gl_good.CONFIGURED.clear()
    linter = Linter(options={"XYZ001": {"marker": "待填"}})
    assert gl_good.CONFIGURED == [{"XYZ001": {"marker": "待填"}}]
    assert [o.name for o in linter.rule("XYZ001").options] == ["marker", "min-length"]  # + the hook's
    checked = check_text("本机关共公开 待填 条。\n", options={"XYZ001": {"marker": "待填"}})
    assert checked.positions("XYZ") == ["XYZ001 1:8"]
    with pytest.raises(ValueError, match="rule XYZ001: option marker must be str, not int"):
        Linter(options={"XYZ001": {"marker": 3}})
    with pytest.raises(ValueError, match="rule XYZ001 has no option 'colour'"):
        Linter(options={"XYZ001": {"colour": "red"}})


def test_options_for_a_plugin_that_is_off_are_not_an_error(installed):
    installed(good="gl_good")
    Linter(load_plugins=False, options={"XYZ001": {"marker": "x"}})
    with pytest.raises(ValueError, match="unknown rule GAI999"):
        Linter(load_plugins=False, options={"GAI999": {"x": 1}})


def test_reader_and_formatter(installed, tmp_path):
    site = installed(good="gl_good")
    linter = Linter()
    result = check_bytes(linter, "r.rpt", REPORT.replace("\n", "|NL|").encode())
    assert {d.code for d in result.diagnostics} >= {"GAI201", "XYZ001"}
    assert ".rpt" in Inputs(linter.readers).extensions
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.rpt").write_bytes(REPORT.replace("\n", "|NL|").encode())
    proc = run(site, "check", "--output-format", "count", str(tmp_path / "in"))
    assert proc.stdout.endswith(" diagnostics\n") and not proc.stdout.startswith("0 ")
    assert proc.returncode == 1


# --- isolation -------------------------------------------------------------------------------

def test_import_error_is_gai006_and_the_other_rules_still_run(installed, tmp_path):
    site = installed(broken="gl_broken_import", good="gl_good")
    proc = run(site, "check", "--output-format", "json", str(report_file(tmp_path)))
    items = json.loads(proc.stdout)
    [error] = [i for i in items if i["code"] == "GAI006"]
    assert error["message"].startswith("插件 broken (gailint-test-broken 0.1) 无法加载：ModuleNotFoundError")
    assert error["location"] == {"row": 1, "column": 1} and error["severity"] == "error"
    assert {"GAI201", "XYZ001"} <= {i["code"] for i in items}
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr


def test_gai006_alone_makes_the_exit_status_1_and_v_shows_the_traceback(installed, tmp_path):
    site = installed(broken="gl_broken_import")
    clean = tmp_path / "clean.txt"
    clean.write_text("本机关共公开 98 条。\n", encoding="utf-8")
    proc = run(site, "check", "--output-format", "concise", "--select", "XYZ", str(clean))
    assert proc.stdout.splitlines() == [
        f"{clean}:1:1: GAI006 插件 broken (gailint-test-broken 0.1) 无法加载：ModuleNotFoundError: "
        "No module named 'gailint_no_such_dependency'（加 -v 查看回溯）"]
    assert proc.returncode == 1
    # the message says "加 -v": after the command, as users type it, and before it
    for verbose in (run(site, "check", "-v", "--output-format", "concise", "--select", "XYZ", str(clean)),
                    run(site, "-v", "check", "--output-format", "concise", "--select", "XYZ", str(clean))):
        assert "Traceback" in verbose.stderr and "gl_broken_import.py" in verbose.stderr, verbose.stderr
        assert verbose.stdout == proc.stdout.replace("（加 -v 查看回溯）", "") and verbose.returncode == 1
    ignored = run(site, "check", "--output-format", "concise", "--select", "XYZ", "--ignore", "GAI006", str(clean))
    assert (ignored.stdout, ignored.returncode) == ("", 0)
    off = run(site, "check", "--output-format", "concise", str(clean), env={"GAILINT_DISABLE_PLUGINS": "broken"})
    assert "GAI006" not in off.stdout
    assert "GAI006" not in run(site, "check", "--no-plugins", "--output-format", "concise", str(clean)).stdout


def test_gai006_with_no_file_to_attach_it_to_goes_to_stderr(installed, tmp_path):
    site = installed(broken="gl_broken_import")
    (tmp_path / "empty").mkdir()
    proc = run(site, "check", "--output-format", "concise", str(tmp_path / "empty"))
    assert "GAI006" in proc.stderr and proc.returncode == 1


def test_a_rule_that_raises_is_gai005_and_the_built_ins_still_report(installed, tmp_path):
    site = installed(raising="gl_raising_rule")
    proc = run(site, "check", "--output-format", "json", "--lang", "en", str(report_file(tmp_path)))
    items = json.loads(proc.stdout)
    [error] = [i for i in items if i["code"] == "GAI005"]
    assert error["message"] == ("rule RAI001 (always-raises) of plugin raising (gailint-test-raising 0.1) raised "
                                "ZeroDivisionError: division by zero")
    assert "GAI201" in {i["code"] for i in items}
    assert proc.returncode == 1
    verbose = run(site, "check", "-v", "--no-cache", str(report_file(tmp_path)))
    assert "ZeroDivisionError" in verbose.stderr and "gl_raising_rule.py" in verbose.stderr


def test_two_plugins_claiming_one_code_is_an_error_naming_both(installed):
    installed(good="gl_good", zdup="gl_duplicate")
    linter = Linter()
    [error] = linter.plugin_errors
    assert error.message_en == ("plugin zdup (gailint-test-zdup 0.1) and plugin good (gailint-test-good 0.1) "
                                "both claim rule code XYZ001; the rule of zdup (gailint-test-zdup 0.1) is ignored")
    assert linter.rule("XYZ001").name == "no-placeholder"
    selected = Linter(select=["XYZ"])  # --select does not hide a plugin error
    [diagnostic] = selected.check_source(Source("a.txt", "", "utf-8")).diagnostics
    assert diagnostic.code == "GAI006" and "good" in diagnostic.message and "zdup" in diagnostic.message
    assert not selected.check_source(Source("b.txt", "", "utf-8")).diagnostics  # once per run


def test_bad_declarations_are_reported_and_the_good_rule_kept(installed):
    installed(bad="gl_bad_declarations")
    linter = Linter()
    messages = [e.message_en for e in linter.plugin_errors]
    assert any("GAI999 uses the reserved prefix GAI" in m for m in messages)
    assert any("BAD001: default '1月15日' is invalid: option deadline must match" in m for m in messages)
    assert any("failed in hook gailint_formatters: RuntimeError: formatter hook exploded" in m for m in messages)
    assert linter.rule("BAD002") is not None and linter.rule("BAD001") is None and linter.rule("GAI999") is None


def test_an_unknown_hook_is_an_error_not_silence(installed):
    installed(typo="gl_typo_hook")
    [error] = Linter().plugin_errors
    assert "implements unknown hooks gailint_rulez" in error.message_en


def test_plugins_command(installed):
    site = installed(good="gl_good", broken="gl_broken_import")
    proc = run(site, "plugins")
    out = proc.stdout
    assert "gailint  gailint 0.1.0 (built-in)  [builtin]" in out
    assert "good  gailint-test-good 0.1  [loaded]  gl_good" in out
    assert "    XYZ001  no-placeholder" in out and "    readers: .rpt" in out and "output formats: count" in out
    assert "broken  gailint-test-broken 0.1  [failed]" in out and "GAI006" in out
    assert proc.returncode == 1
    listing = run(site, "rule", "--all").stdout
    assert "XYZ001  no-placeholder" in listing and "GAI201" in listing


# --- the example plugin ----------------------------------------------------------------------

@pytest.fixture
def example(installed, monkeypatch):
    site = installed()
    write_dist(site, "gailint-plugin-example", {"example": "gailint_plugin_example"}, "0.1.0")
    monkeypatch.syspath_prepend(str(EXAMPLE / "src"))
    return site


def test_example_plugin_is_discovered_and_its_cases_pass_with_the_kit(example):
    linter = Linter()
    assert {"EXA001", "EXA002"} <= {r.code for r in linter.all_rules}
    assert not linter.plugin_errors
    cases = load_cases(EXAMPLE / "rules")
    assert {c.code for c in cases} == {"EXA001", "EXA002"}
    for case in cases:
        assert_case(case)


def test_example_plugin_through_the_command_line(example):
    env = {"PYTHONPATH": os.pathsep.join([str(example), str(EXAMPLE / "src")])}
    assert "EXA001  section-one-parts" in run(example, "rule", "--all", env=env).stdout
    plugins = run(example, "plugins", env=env).stdout
    assert "example  gailint-plugin-example 0.1.0  [loaded]" in plugins and "EXA002  publication-deadline" in plugins
    seed = ROOT / "examples" / "002_9fb1aedde79e69ea.txt"
    out = run(example, "check", "--output-format", "concise", "--select", "EXA", str(seed), env=env).stdout
    assert out.splitlines() == [f"{seed}:3:1: EXA001 “一、总体情况”缺少“平台建设”“监督保障”方面的内容"]


def test_example_plugin_options_come_from_the_configuration_file(example, tmp_path):
    """[rules.EXA002] in gailint.toml ([tool.gailint.rules.EXA002] in pyproject.toml)."""
    env = {"PYTHONPATH": os.pathsep.join([str(example), str(EXAMPLE / "src")])}
    work = tmp_path / "work"
    work.mkdir()
    # seed 000's title and signature, the date changed to 2026年1月20日
    (work / "r.txt").write_text("攀枝花市西区卫生健康局\n\n2025 年政府信息公开工作年度报告\n\n一、总体情况\n\n"
                                "2026年1月20日\n", encoding="utf-8")
    args = ("check", "--output-format", "concise", "--select", "EXA002", "r.txt")
    assert run(example, *args, env=env, cwd=work).stdout == ""
    (work / "gailint.toml").write_text('[rules.EXA002]\ndeadline = "01-15"\n', encoding="utf-8")
    assert run(example, *args, env=env, cwd=work).stdout.splitlines() == [
        "r.txt:7:1: EXA002 发布日期 2026-01-20 晚于规定期限 2026-01-15"]
    (work / "gailint.toml").write_text('[rules.EXA002]\ndeadline = "1月15日"\n', encoding="utf-8")
    bad = run(example, *args, env=env, cwd=work)
    assert bad.returncode == 2 and "rule EXA002: option deadline must match" in bad.stderr
    off = run(example, *args, env={**env, "GAILINT_DISABLE_PLUGINS": "example"}, cwd=work)
    assert off.returncode == 0  # the plugin is off: its options are not an error


def test_the_public_api_is_complete_and_typed():
    import gailint
    import gailint.plugin
    import gailint.testing

    for module in (gailint.plugin, gailint.testing):
        missing = [name for name in module.__all__ if not hasattr(module, name)]
        assert not missing, f"{module.__name__}.__all__ names what it lacks: {missing}"
    assert Path(gailint.__file__).with_name("py.typed").is_file()
    assert gailint.plugin.API_VERSION.split(".")[0] == "1"
    context = gailint.plugin.Context("r.txt", text="一\n二十七")
    assert context.number("二十七") == 27 and context.number("２７") == 27 and context.number("1,024") == 1024
    assert context.label_matches("(五) 监督保障方面", "监督保障") and not context.label_matches("保障体系", "监督保障")
    assert context.position(gailint.plugin.Span(2, 3)) == (2, 1)


def test_the_plugin_prescan_never_misses_an_entry_point(installed, tmp_path, monkeypatch):
    """`importlib.metadata` is skipped only when no distribution declares the group; an
    installed plugin, an egg-info one, or a zip on the path all send it to importlib.metadata."""
    from importlib import metadata

    from gailint import plugin_loader as discovery

    if not discovery._may_have_plugins():
        assert list(metadata.entry_points(group="gailint")) == []
    other = tmp_path / "other"
    (other / "tool-1.0.dist-info").mkdir(parents=True)
    (other / "tool-1.0.dist-info" / "entry_points.txt").write_text("[console_scripts]\ntool = tool:main\n")
    monkeypatch.setattr(sys, "path", [str(other), str(tmp_path / "missing")])
    assert discovery._may_have_plugins() is False
    egg = tmp_path / "egg"
    (egg / "old_plugin.egg-info").mkdir(parents=True)
    (egg / "old_plugin.egg-info" / "entry_points.txt").write_text("[gailint]\nold = old_plugin\n")
    monkeypatch.setattr(sys, "path", [str(other), str(egg)])
    assert discovery._may_have_plugins() is True
    archive = tmp_path / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + bytes(18))
    monkeypatch.setattr(sys, "path", [str(other), str(archive)])
    assert discovery._may_have_plugins() is True
    monkeypatch.setattr(sys, "path", [str(other), str(installed(good="gl_good"))])
    assert discovery._may_have_plugins() is True


def test_no_plugin_installed_means_no_importlib_metadata(tmp_path):
    """The start-up cost of importlib.metadata (~20 ms) is paid only when a plugin may exist:
    gailint and its dependencies alone on the path (no site), discovery must not import it."""
    import attr
    import attrs
    import lark
    import pluggy

    import gailint

    site = tmp_path / "site"
    site.mkdir()
    for module in (gailint, lark, pluggy, attrs, attr):
        (site / module.__name__).symlink_to(Path(module.__file__).parent, target_is_directory=True)
    script = ("import sys; from gailint import plugin_loader as discovery; plugins = discovery.discover(); "
              "print(discovery._may_have_plugins(), 'importlib.metadata' in sys.modules, len(plugins.infos))")
    out = subprocess.run([sys.executable, "-S", "-c", script], capture_output=True, text=True, cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(site)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False", "1"]
