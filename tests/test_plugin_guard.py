"""Issue 15 (part A): nothing a plugin returns, yields or does can break a run.

Garbage from a hook is a GAI006 naming the plugin, the hook and the value; a rule that
yields something invalid (a str, an int, a string severity, a tuple span, a reversed or
out-of-range span or edit) or runs past its time budget is a GAI005 naming the rule, its
plugin and what went wrong; a plugin that loops at import fails instead of hanging every
command. Each plugin is written into a temporary "site" directory and installed there
with a dist-info (see test_plugins.write_dist); the run is the real `gailint` program.
"""

from __future__ import annotations

import json
import textwrap
import threading
import time
from pathlib import Path

import pytest

from gailint.engine import Linter
from gailint.source import Source

from .test_plugins import REPORT, run, write_dist

HEADER = '''
from gailint.plugin import Diagnostic, Edit, Fix, Rule, Severity, Span, hookimpl


class Base(Rule):
    """fixture. **Why.** **Failing example.** **Passing example.**"""

    severity = Severity.WARNING
    summary = "fixture / fixture"
'''


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A directory on the path where `plugin(name, body)` installs a one-module plugin."""
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.delenv("GAILINT_DISABLE_PLUGINS", raising=False)
    return root


def plugin(site: Path, name: str, body: str) -> Path:
    module = f"glg_{name}_{abs(hash(body)) % 10**8}"  # a fresh module name: no import cache across tests
    (site / f"{module}.py").write_text(HEADER + textwrap.dedent(body), encoding="utf-8")
    write_dist(site, f"gailint-test-{name}", {name: module})
    return site


def check_json(site: Path, tmp_path: Path, *args: str) -> tuple[int, list[dict], str]:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    proc = run(site, "check", "--no-cache", "--output-format", "json", "--lang", "en", *args, str(report))
    return proc.returncode, json.loads(proc.stdout or "[]"), proc.stderr


# --- hooks returning garbage: GAI006, the other rules run -----------------------------------

@pytest.mark.parametrize(("hook", "value", "expected"), [
    ("gailint_rules", "5", "hook gailint_rules returned 5 (int), not a list of rule classes"),
    ("gailint_rules", "'XYZ001'", "hook gailint_rules returned 'XYZ001' (str), not a list of rule classes"),
    ("gailint_rule_options", "['marker']",
     "hook gailint_rule_options returned ['marker'] (list), not a mapping of rule codes to lists of Option"),
    ("gailint_rule_options", "'marker'",
     "hook gailint_rule_options returned 'marker' (str), not a mapping of rule codes to lists of Option"),
    ("gailint_readers", "['.rpt']",
     "hook gailint_readers returned ['.rpt'] (list), not a mapping of file extensions to reader functions"),
    ("gailint_formatters", "'csv'",
     "hook gailint_formatters returned 'csv' (str), not a mapping of format names to formatter functions"),
    ("gailint_formatters", "{None: print}",
     "has an output format named None; give a name such as \"csv\" (letters, digits, hyphens)"),
    ("gailint_formatters", "{'two words': print}",
     "has an output format named 'two words'; give a name such as \"csv\" (letters, digits, hyphens)"),
])
def test_garbage_from_a_hook_is_gai006_naming_plugin_and_value(site, tmp_path, hook, value, expected):
    plugin(site, "junk", f"""
        @hookimpl
        def {hook}():
            return {value}
        """)
    status, items, stderr = check_json(site, tmp_path)
    assert "Traceback" not in stderr
    [error] = [i for i in items if i["code"] == "GAI006"]
    assert error["message"] == f"plugin junk (gailint-test-junk 0.1) {expected} (run with -v for the traceback)"
    assert error["location"] == {"row": 1, "column": 1}
    assert "GAI201" in {i["code"] for i in items}  # the built-in rules still ran
    assert status == 1
    listing = run(site, "plugins", "--lang", "en")
    assert f"GAI006 plugin junk (gailint-test-junk 0.1) {expected}" in listing.stdout
    assert "Traceback" not in listing.stderr and listing.returncode == 1
    assert "output formats:" not in listing.stdout  # nothing registered, not even 'none'


# --- rules yielding garbage: GAI005 for that rule, the others run -----------------------------

@pytest.mark.parametrize(("body", "expected"), [
    ("yield 'oops'", "yielded 'oops' (str), not a Diagnostic"),
    ("yield 7", "yielded 7 (int), not a Diagnostic"),
    ("yield Diagnostic('BAD001', 'bad', 'error', 'm', 'm', context.path, Span(0, 1))",
     "severity 'error' (str) is not a gailint Severity"),
    ("yield Diagnostic('BAD001', 'bad', Severity.ERROR, 'm', 'm', context.path, (0, 1))",
     "span (0, 1) (tuple) is not a gailint Span"),
    ("yield context.diagnostic(Span(40, 12), 'm', 'm')", "span 40–12 ends before it starts"),
    ("yield context.diagnostic(Span(0, 10**6), 'm', 'm')", "span 0–1000000 lies outside the document (0–70)"),
    ("yield context.diagnostic(Span(-2760, 0), 'm', 'm')", "span -2760–0 lies outside the document (0–70)"),
    ("yield context.diagnostic(Span(0, 1), 'm', 'm', fix=Fix((Edit(Span(9, 3), 'x'),), 'safe'))",
     "fix edit span 9–3 ends before it starts"),
    ("yield context.diagnostic(Span(0, 1), 'm', 'm', fix=Fix((Edit(Span(0, 99), 'x'),), 'safe'))",
     "fix edit span 0–99 lies outside the document (0–70)"),
])
def test_a_rule_yielding_garbage_is_gai005_naming_plugin_and_value(site, tmp_path, body, expected):
    plugin(site, "yields", f"""
        class Bad(Base):
            code, name = "BAD001", "bad"

            def check(self, report, context):
                {body}


        @hookimpl
        def gailint_rules():
            return [Bad]
        """)
    assert len(REPORT) == 70
    for output in ("json", "full", "sarif"):
        proc = run(site, "check", "--no-cache", "--output-format", output, "--lang", "en",
                   str(write_report(tmp_path)))
        assert "Traceback" not in proc.stderr and ":-2760" not in proc.stdout and proc.returncode == 1
    status, items, _ = check_json(site, tmp_path)
    [error] = [i for i in items if i["code"] == "GAI005"]
    assert error["message"] == (f"rule BAD001 (bad) of plugin yields (gailint-test-yields 0.1) produced an "
                                f"invalid diagnostic ({expected}); its results are dropped")
    assert "BAD001" not in {i["code"] for i in items}
    assert all(i[key][axis] >= 1 for i in items for key in ("location", "end_location") for axis in ("row", "column"))
    assert "GAI201" in {i["code"] for i in items}
    assert status == 1


def write_report(tmp_path: Path) -> Path:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    return report


def test_a_formatter_that_raises_is_gai005_on_stderr_not_a_traceback(site, tmp_path):
    plugin(site, "fmt", """
        @hookimpl
        def gailint_formatters():
            def explode(results, out, lang):
                raise KeyError("column")
            return {"explode": explode}
        """)
    proc = run(site, "check", "--no-cache", "--output-format", "explode", str(write_report(tmp_path)))
    assert proc.stderr.splitlines() == [
        "gailint: GAI005 the output format explode of plugin fmt (gailint-test-fmt 0.1) raised KeyError: 'column'"]
    assert proc.returncode == 2


# --- time budget ----------------------------------------------------------------------------

LOOPING_RULE = """
    class Loops(Base):
        code, name = "LOO001", "loops"

        def check(self, report, context):
            while True:  # swallows what it can: the budget's exception is not an Exception
                try:
                    sum(range(1000))
                except Exception:
                    pass


    @hookimpl
    def gailint_rules():
        return [Loops]
    """


def test_an_infinite_loop_in_a_rule_is_gai005_after_its_budget(site, tmp_path):
    plugin(site, "loops", LOOPING_RULE)
    started = time.monotonic()
    status, items, stderr = check_json(site, tmp_path, "--timeout", "0.5")
    assert time.monotonic() - started < 30
    [error] = [i for i in items if i["code"] == "GAI005"]
    assert error["message"] == ("rule LOO001 (loops) of plugin loops (gailint-test-loops 0.1) ran past its "
                                "time budget (0.5 s) and was stopped")
    assert "GAI201" in {i["code"] for i in items} and status == 1


def test_the_budget_holds_in_worker_processes(site, tmp_path):
    plugin(site, "loops", LOOPING_RULE)
    folder = tmp_path / "batch"
    folder.mkdir()
    for number in range(8):
        (folder / f"r{number}.txt").write_text(REPORT, encoding="utf-8")
    proc = run(site, "check", "--no-cache", "--jobs", "2", "--timeout", "0.3", "--output-format", "json",
               str(folder))
    items = json.loads(proc.stdout)
    assert sorted(i["filename"] for i in items if i["code"] == "GAI005") == sorted(
        str(folder / f"r{number}.txt") for number in range(8))


def test_the_budget_holds_off_the_main_thread():
    """The language server checks on a worker thread: a watchdog interrupts the rule there."""
    from gailint.plugin import Rule, Severity

    class Loops(Rule):
        """fixture. **Why.** **Failing example.** **Passing example.**"""

        code, name, severity, summary = "LOO002", "loops", Severity.WARNING, "fixture / fixture"

        def check(self, report, context):
            while True:
                pass

    linter = Linter([Loops], timeout=0.3)
    found: list = []
    worker = threading.Thread(target=lambda: found.extend(linter.check_source(Source("a.txt", "x\n", "utf-8"))
                                                          .diagnostics))
    worker.start()
    worker.join(20)
    assert not worker.is_alive()
    assert [(d.code, d.message_en) for d in found] == [
        ("GAI005", "rule LOO002 (loops) ran past its time budget (0.3 s) and was stopped")]


def test_an_infinite_loop_in_a_reader_is_gai001_after_its_budget(site, tmp_path):
    plugin(site, "reads", """
        @hookimpl
        def gailint_readers():
            def read(data, path):
                while True:
                    pass
            return {".rpt": read}
        """)
    report = tmp_path / "r.rpt"
    report.write_bytes(b"x")
    proc = run(site, "check", "--no-cache", "--timeout", "0.3", "--output-format", "concise", "--lang", "en",
               str(report))
    assert proc.stdout.splitlines() == [
        f"{report}:1:1: GAI001 the reader of plugin reads (gailint-test-reads 0.1) ran past its time budget "
        "(0.3 s) and was stopped"]
    assert proc.returncode == 2


LOOPING_IMPORT = """
    while True:
        pass
    """


@pytest.mark.parametrize("command", [("plugins", "--lang", "en"), ("check", "--output-format", "concise")])
def test_a_plugin_that_loops_at_import_fails_instead_of_hanging(site, tmp_path, command):
    plugin(site, "stuck", LOOPING_IMPORT)
    plugin(site, "fine", """
        class Fine(Base):
            code, name = "FIN001", "fine"

            def check(self, report, context):
                return ()


        @hookimpl
        def gailint_rules():
            return [Fine]
        """)
    args = [*command, "--timeout", "0.5"]
    if command[0] == "check":
        args.append(str(write_report(tmp_path)))
    started = time.monotonic()
    proc = run(site, *args)
    assert time.monotonic() - started < 60
    expected = "plugin stuck (gailint-test-stuck 0.1) did not finish importing within its time budget (0.5 s)"
    assert expected in proc.stdout or "插件 stuck (gailint-test-stuck 0.1) 的导入超过时间限制（0.5 秒）" in proc.stdout
    assert proc.returncode == 1
    if command[0] == "plugins":
        assert "fine  gailint-test-fine 0.1  [loaded]" in proc.stdout and "FIN001" in proc.stdout


def test_no_plugins_never_imports_a_stuck_plugin(site, tmp_path):
    plugin(site, "stuck", LOOPING_IMPORT)
    for args in (("plugins", "--no-plugins"), ("check", "--no-plugins", str(write_report(tmp_path)))):
        proc = run(site, *args, "--timeout", "0")  # no budget at all: only not importing can save it
        assert "stuck" not in proc.stdout
        assert proc.returncode == (1 if args[0] == "check" else 0)


def test_a_hook_that_loops_is_gai006(site, tmp_path):
    plugin(site, "hooked", """
        @hookimpl
        def gailint_rules():
            while True:
                pass
        """)
    status, items, _ = check_json(site, tmp_path, "--timeout", "0.3")
    [error] = [i for i in items if i["code"] == "GAI006"]
    assert error["message"].startswith("plugin hooked (gailint-test-hooked 0.1) hook gailint_rules ran past its "
                                       "time budget (0.3 s) and was stopped")
    assert status == 1


def test_the_budget_costs_next_to_nothing():
    """Per rule: a clock read and two stores (measured 0.5 µs of CPU); per file: the timer armed
    and disarmed (12 µs) — against some 30 ms to check a report. CPU time of this thread, so
    that a loaded machine does not make the figures wrong."""
    from gailint.budget import Budget

    budget = Budget(10)
    calls, sessions = 20000, 1000
    with budget.session():
        started = time.thread_time()
        for _ in range(calls):
            with budget.call():
                pass
        per_call = (time.thread_time() - started) / calls
    started = time.thread_time()
    for _ in range(sessions):
        with budget.session():
            pass
    per_session = (time.thread_time() - started) / sessions
    assert per_call < 5e-6, f"{per_call * 1e6:.2f} µs per rule call"
    assert per_session < 200e-6, f"{per_session * 1e6:.1f} µs per file"
