"""gailint._lazy_re: module-level patterns compiled on first use, behaving as compiled ones."""

from __future__ import annotations

import copy
import pickle
import re
import subprocess
import sys

from gailint._lazy_re import lazy_compile


def test_compiled_on_first_use_then_the_same_as_re():
    pattern = lazy_compile(r"(?P<n>\d+)件", re.ASCII)
    assert pattern._compiled is None and pattern.pattern == r"(?P<n>\d+)件"
    text = "新收申请12件，办结3件"
    compiled = re.compile(r"(?P<n>\d+)件", re.ASCII)
    assert pattern.search(text).group("n") == "12"
    assert pattern._compiled is compiled  # re's own cache: the very same object
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert pattern.findall(text) == ["12", "3"] and pattern.sub("#", text) == compiled.sub("#", text)
    assert pattern.flags == compiled.flags and pattern.groupindex == {"n": 1}


def test_copy_and_pickle_do_not_recurse():
    pattern = lazy_compile("年度报告")
    assert copy.copy(pattern).search("2024年度报告").start() == 4
    assert pickle.loads(pickle.dumps(pattern)).pattern == "年度报告"


def test_setting_up_compiles_almost_none_of_gailints_patterns():
    """No module compiles a pattern eagerly, and building a Linter (every rule imported)
    compiles only the few patterns that set-up itself uses (rule-code validation,
    template labels)."""
    script = ("import gc, re, sys; eager = []; real = re._compile\n"
              "def spy(pattern, flags):\n"
              "    frame = sys._getframe(1)\n"
              "    while frame.f_globals.get('__name__') == 're': frame = frame.f_back\n"
              "    name = frame.f_globals.get('__name__', '')\n"
              "    if name.startswith('gailint') and name != 'gailint._lazy_re': eager.append(name)\n"
              "    return real(pattern, flags)\n"
              "re._compile = spy\n"
              "from gailint._lazy_re import LazyPattern\n"
              "from gailint.engine import Linter; Linter(load_plugins=False)\n"
              "lazy = [o for o in gc.get_objects() if isinstance(o, LazyPattern)]\n"
              "print(len(eager), len(lazy), sum(o._compiled is not None for o in lazy))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    eager, lazy, compiled = map(int, out.stdout.split())
    assert eager == 0 and lazy > 60 and compiled <= 6
