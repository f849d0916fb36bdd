"""Loading plugins: the built-in rules and every installed ``gailint`` entry point, each
loaded in isolation.

A plugin that fails to import, registers hooks gailint does not know, returns
something that is not a rule, or claims a code, reader or output format another
plugin already has is recorded as a `PluginError` on its `PluginInfo` (reported as
GAI006) and every other plugin still loads.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

import attrs
import pluggy

from . import __version__, hookspecs
from ._lazy_re import lazy_compile
from .budget import Budget, Overrun
from .rule import Option, Rule

if TYPE_CHECKING:
    from importlib import metadata

__all__ = ["DISABLE_ENV", "PluginError", "PluginInfo", "Plugins", "configure_plugins", "discover",
           "disabled_from_env", "plugin_manager"]

log = logging.getLogger(__name__)

DISABLE_ENV = "GAILINT_DISABLE_PLUGINS"
BUILTIN = "gailint"


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def disabled_from_env() -> frozenset[str]:
    """Plugin names (entry-point or distribution names) listed in $GAILINT_DISABLE_PLUGINS."""
    return frozenset(_canonical(n.strip()) for n in os.environ.get(DISABLE_ENV, "").split(",") if n.strip())


@attrs.frozen
class PluginError:
    """A plugin that could not be loaded or used; reported as GAI006."""

    plugin: str             # "example (gailint-plugin-example 0.1.0)"
    message_zh: str
    message_en: str
    traceback: str = ""


@attrs.define
class PluginInfo:
    """One plugin as `gailint plugins` lists it."""

    name: str                               # the entry-point name ("gailint" for the built-ins)
    value: str                              # what the entry point loads, e.g. "gailint_plugin_example"
    distribution: str | None = None
    version: str | None = None
    status: Literal["builtin", "loaded", "disabled", "failed"] = "loaded"
    rules: list[type[Rule]] = attrs.Factory(list)
    readers: list[str] = attrs.Factory(list)
    formatters: list[str] = attrs.Factory(list)
    errors: list[PluginError] = attrs.Factory(list)
    dist: object = attrs.field(default=None, repr=False, eq=False)  # its importlib.metadata.Distribution

    @property
    def label(self) -> str:
        if self.distribution is None:
            return self.name
        return f"{self.name} ({self.distribution} {self.version or '?'})"


@attrs.define
class Plugins:
    """What the built-ins and the installed plugins contribute, collected in isolation."""

    manager: pluggy.PluginManager
    infos: list[PluginInfo] = attrs.Factory(list)
    rules: list[type[Rule]] = attrs.Factory(list)
    readers: dict[str, Callable[[bytes, str], str]] = attrs.Factory(dict)
    formatters: dict[str, Callable[..., None]] = attrs.Factory(dict)
    owner: dict[str, PluginInfo] = attrs.Factory(dict)      # rule code / reader / format → its plugin

    @property
    def errors(self) -> list[PluginError]:
        return [error for info in self.infos for error in info.errors]

    @property
    def incomplete(self) -> bool:
        """True when some installed plugin is disabled or failed: its rules are unknown."""
        return any(info.status in ("disabled", "failed") for info in self.infos)


def _fail(info: PluginInfo, zh: str, en: str, *, exc: BaseException | None = None) -> None:
    trace = "".join(traceback.format_exception(exc)) if exc is not None else ""
    error = PluginError(info.label, f"插件 {info.label} {zh}", f"plugin {info.label} {en}", trace)
    info.errors.append(error)
    if info.status == "builtin":  # a broken built-in is a bug in gailint, not a plugin problem
        raise ValueError(error.message_en) from exc
    log.debug("%s%s", error.message_en, "\n" + trace if trace else "")


_NO_BUDGET = Budget(0)
_FORMAT_NAME = lazy_compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*")


def _call(info: PluginInfo, impl: pluggy.HookImpl, hook: str, budget: Budget = _NO_BUDGET,
          **kwargs: object) -> object:
    """Call one plugin's implementation of one hook, under `budget`; a failure becomes the
    plugin's error."""
    try:
        with budget.session(), budget.call():
            return impl.function(*(kwargs[name] for name in impl.argnames))
    except Overrun as exc:
        _fail(info, f"的钩子 {hook} 超过时间限制（{budget.seconds:g} 秒），已中止",
              f"hook {hook} ran past its time budget ({budget.seconds:g} s) and was stopped", exc=exc)
        return None
    except Exception as exc:  # noqa: BLE001 - a plugin must not stop gailint
        _fail(info, f"的钩子 {hook} 出错：{type(exc).__name__}: {exc}",
              f"failed in hook {hook}: {type(exc).__name__}: {exc}", exc=exc)
        return None


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _returned(info: PluginInfo, hook: str, value: object, expected_zh: str, expected_en: str) -> None:
    _fail(info, f"的钩子 {hook} 返回了 {_show(value)}（{type(value).__name__}），应为{expected_zh}",
          f"hook {hook} returned {_show(value)} ({type(value).__name__}), not {expected_en}")


def _sequence(value: object) -> bool:
    """A list, tuple, set or other iterable container of items — not text, bytes or a mapping."""
    return (isinstance(value, Iterable) and not isinstance(value, (str, bytes, bytearray, Mapping))
            and hasattr(value, "__len__"))


def _impls(pm: pluggy.PluginManager, hook: str, plugin: object) -> list[pluggy.HookImpl]:
    return [impl for impl in getattr(pm.hook, hook).get_hookimpls() if impl.plugin is plugin]


def _entry_points() -> list[metadata.EntryPoint]:
    if not _may_have_plugins():
        return []
    from importlib import metadata  # ~20 ms of imports: only when some distribution declares the group

    return sorted(metadata.entry_points(group=hookspecs.PROJECT), key=lambda ep: (ep.name, ep.value))


def _may_have_plugins() -> bool:
    """False only when no distribution on the path can declare a ``[gailint]`` entry point:
    every path entry is a directory whose ``*.dist-info``/``*.egg-info`` ``entry_points.txt``
    files lack the group. Anything else (a zip on the path, an unreadable entry, a custom
    finder) answers True and `importlib.metadata` decides."""
    if any(getattr(finder, "find_distributions", None) and finder.__module__ != "_frozen_importlib_external"
           for finder in sys.meta_path):
        return True
    header = f"[{hookspecs.PROJECT}]".encode()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except NotADirectoryError:
            return True  # a zip archive or egg on the path
        except OSError:
            continue  # a missing path entry holds no distribution
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                try:
                    with open(os.path.join(entry or ".", name, "entry_points.txt"), "rb") as file:
                        if header in file.read():
                            return True
                except FileNotFoundError:
                    continue
                except OSError:
                    return True
    return False


def _register(pm: pluggy.PluginManager, info: PluginInfo, load: Callable[[], object],
              budget: Budget = _NO_BUDGET) -> object | None:
    try:
        with budget.session(), budget.call():
            plugin = load()
    except Overrun as exc:
        _fail(info, f"的导入超过时间限制（{budget.seconds:g} 秒），已中止",
              f"did not finish importing within its time budget ({budget.seconds:g} s) and was stopped", exc=exc)
        return None
    except Exception as exc:  # noqa: BLE001 - ImportError, SyntaxError, anything the module raises
        _fail(info, f"无法加载：{type(exc).__name__}: {exc}", f"failed to load: {type(exc).__name__}: {exc}",
              exc=exc)
        return None
    try:
        pm.register(plugin, name=info.name)
    except Exception as exc:  # noqa: BLE001 - pluggy's validation of the hook signatures
        _fail(info, f"的钩子不符合 gailint 插件接口：{exc}", f"has hooks that do not match the gailint API: {exc}",
              exc=exc)
        return None
    unknown = sorted(caller.name for caller in pm.get_hookcallers(plugin) or () if not caller.has_spec())
    if unknown:
        pm.unregister(plugin)
        _fail(info, f"实现了未知的钩子 {', '.join(unknown)}（gailint 插件接口 {hookspecs.API_VERSION}）",
              f"implements unknown hooks {', '.join(unknown)} (gailint plugin API {hookspecs.API_VERSION})")
        return None
    return plugin


def _collect(plugins: Plugins, info: PluginInfo, plugin: object, budget: Budget = _NO_BUDGET) -> None:
    """Ask one plugin for its contributions. Whatever a hook returns is checked before it is
    used: a wrong type is the plugin's error (GAI006) naming the hook and the value."""
    pm = plugins.manager
    for impl in _impls(pm, "gailint_rules", plugin):
        batch = _call(info, impl, "gailint_rules", budget)
        if batch is None:
            continue
        if not _sequence(batch):
            _returned(info, "gailint_rules", batch, "规则类的列表", "a list of rule classes")
            continue
        for rule in batch:
            _add_rule(plugins, info, rule)
    for impl in _impls(pm, "gailint_rule_options", plugin):
        declared = _call(info, impl, "gailint_rule_options", budget)
        if declared is None:
            continue
        if not isinstance(declared, Mapping):
            _returned(info, "gailint_rule_options", declared, "规则代码到选项列表的映射",
                      "a mapping of rule codes to lists of Option")
            continue
        for code, options in declared.items():
            if not isinstance(code, str) or not _sequence(options):
                _returned(info, "gailint_rule_options", {code: options}, "规则代码到选项列表的映射",
                          "a mapping of rule codes to lists of Option")
                continue
            _add_options(info, code.upper(), options)
    for hook, table, names in (("gailint_readers", plugins.readers, info.readers),
                               ("gailint_formatters", plugins.formatters, info.formatters)):
        for impl in _impls(pm, hook, plugin):
            entries = _call(info, impl, hook, budget)
            if entries is None:
                continue
            if not isinstance(entries, Mapping):
                kind_zh, kind_en = (("扩展名到读取函数的映射", "a mapping of file extensions to reader functions")
                                    if hook == "gailint_readers" else
                                    ("格式名到输出函数的映射", "a mapping of format names to formatter functions"))
                _returned(info, hook, entries, kind_zh, kind_en)
                continue
            for key, function in entries.items():
                _add_entry(plugins, info, hook, table, names, key, function)


def _add_rule(plugins: Plugins, info: PluginInfo, rule: object) -> None:
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        _fail(info, f"返回的 {rule!r} 不是 gailint.plugin.Rule 的子类",
              f"returned {rule!r}, which is not a subclass of gailint.plugin.Rule")
        return
    try:
        rule.validate()
    except ValueError as exc:
        _fail(info, f"的规则不合规：{exc}", f"has an invalid rule: {exc}")
        return
    if info.status != "builtin" and rule.code.startswith("GAI"):
        _fail(info, f"的规则 {rule.code} 使用了保留前缀 GAI（插件须用自己的前缀）",
              f"rule {rule.code} uses the reserved prefix GAI (plugins use a prefix of their own)")
        return
    other = plugins.owner.get(rule.code)
    if other is not None:
        if other is info and next(r for r in info.rules if r.code == rule.code) is rule:
            return
        _fail(info, f"的规则 {rule.code} 与插件 {other.label} 的规则代码重复；已忽略前者",
              f"and plugin {other.label} both claim rule code {rule.code}; the rule of {info.label} is ignored")
        return
    plugins.owner[rule.code] = info
    plugins.rules.append(rule)
    info.rules.append(rule)


def _add_options(info: PluginInfo, code: str, options: Iterable[Option]) -> None:
    rule = next((r for r in info.rules if r.code == code), None)
    if rule is None:
        _fail(info, f"为不属于它的规则 {code} 声明了选项", f"declares options for {code}, which is not one of its rules")
        return
    merged = list(rule.options)
    for option in options:
        if option in merged:  # already merged by an earlier load in this process
            continue
        if not isinstance(option, Option):
            _fail(info, f"为 {code} 声明的 {option!r} 不是 gailint.plugin.Option",
                  f"declares {option!r} for {code}, which is not a gailint.plugin.Option")
            return
        merged.append(option)
    try:
        names = [option.name for option in merged]
        if len(set(names)) != len(names):
            raise ValueError(f"rule {code}: an option is declared twice: {', '.join(names)}")
        for option in merged:
            option.check_declaration(code)
    except ValueError as exc:
        _fail(info, f"的选项声明不合规：{exc}", f"declares an invalid option: {exc}")
        return
    rule.options = tuple(merged)


def _is_extension(key: str) -> bool:
    """".docx": a dot and ASCII letters or digits (checked without a regular expression: the
    built-in readers register at every start, and set-up compiles almost no pattern)."""
    return len(key) > 1 and key[0] == "." and key[1:].isascii() and key[1:].isalnum()


def _add_entry(plugins: Plugins, info: PluginInfo, hook: str, table: dict, names: list[str], key: object,
               function: object) -> None:
    kind_zh, kind_en = ("读取器", "reader") if hook == "gailint_readers" else ("输出格式", "output format")
    if hook == "gailint_readers" and not (isinstance(key, str) and _is_extension(key.lower())):
        _fail(info, f"的{kind_zh}扩展名 {_show(key)} 不合规（应如 \".docx\"）",
              f"has a {kind_en} for {_show(key)}; give a file extension such as \".docx\"")
        return
    if hook == "gailint_formatters" and not (isinstance(key, str) and _FORMAT_NAME.fullmatch(key.lower())):
        _fail(info, f"的{kind_zh}名称 {_show(key)} 不合规（应如 \"csv\"：小写字母、数字和连字符）",
              f"has an output format named {_show(key)}; give a name such as \"csv\" (letters, digits, hyphens)")
        return
    key = key.lower()
    if hook == "gailint_readers":
        reserved: tuple[str, ...] = (".txt", ".md")
    else:
        from .output import FORMATS  # output imports this module; by now it is loaded

        reserved = tuple(FORMATS)
    other = plugins.owner.get(f"{hook}:{key}")
    if key in reserved or other is not None:
        owner = other.label if other is not None else BUILTIN
        _fail(info, f"的{kind_zh} {key} 与 {owner} 重复；已忽略", f"and {owner} both provide the {kind_en} {key}; "
              f"the one from {info.label} is ignored")
        return
    if not callable(function):
        _fail(info, f"的{kind_zh} {key} 不可调用", f"has a {kind_en} {key} that is not callable")
        return
    plugins.owner[f"{hook}:{key}"] = info
    table[key] = function
    names.append(key)


def discover(*, load_plugins: bool = True, disable: Iterable[str] | None = None,
             budget: Budget | None = None) -> Plugins:
    """The built-in rules and, unless `load_plugins` is false, every installed plugin of the
    ``gailint`` entry-point group not named in `disable` (default: $GAILINT_DISABLE_PLUGINS).

    Each plugin is imported, registered and asked for its contributions separately; a
    failure is recorded on its `PluginInfo` (reported as GAI006) and the others go on.
    The import and each hook call run under `budget` (default: `budget.DEFAULT_SECONDS`
    each), so a plugin that loops forever at import fails instead of hanging gailint.
    """
    budget = Budget() if budget is None else budget
    from . import readers, rules

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    plugins = Plugins(pm)
    builtin = PluginInfo(BUILTIN, "gailint.rules", None, __version__, "builtin")
    plugins.infos.append(builtin)
    pm.register(rules, name=BUILTIN)
    _collect(plugins, builtin, rules)
    pm.register(readers, name=f"{BUILTIN}.readers")  # the built-in document readers, same hook
    _collect(plugins, builtin, readers)
    if not load_plugins:
        return plugins
    off = disabled_from_env() if disable is None else frozenset(_canonical(n) for n in disable)
    for ep in _entry_points():
        dist = getattr(ep, "dist", None)
        info = PluginInfo(ep.name, ep.value, dist.name if dist else None, dist.version if dist else None, dist=dist)
        plugins.infos.append(info)
        if off & {"all", "*", _canonical(ep.name), _canonical(info.distribution or ep.name)}:
            info.status = "disabled"
            continue
        if pm.has_plugin(ep.name) or ep.name == BUILTIN:
            other = next(i for i in plugins.infos if i.name == ep.name and i is not info)
            info.status = "failed"
            _fail(info, f"与 {other.label} 使用同一入口点名称 {ep.name}", f"and {other.label} use the same entry-point "
                  f"name {ep.name}")
            continue
        plugin = _register(pm, info, ep.load, budget)
        if plugin is None:
            info.status = "failed"
            continue
        _collect(plugins, info, plugin, budget)
        if info.errors and not (info.rules or info.readers or info.formatters):
            info.status = "failed"
    return plugins


def plugin_manager(*, load_plugins: bool = True) -> pluggy.PluginManager:
    """The plugin manager with the built-in rules and, optionally, installed plugins."""
    return discover(load_plugins=load_plugins).manager


def configure_plugins(plugins: Plugins, options: Mapping[str, Mapping[str, object]],
                      budget: Budget = _NO_BUDGET) -> None:
    """Hand the final rule configuration to every plugin's ``gailint_configure``, each in isolation."""
    config = MappingProxyType({code: MappingProxyType(dict(values)) for code, values in options.items()})
    for info in plugins.infos:
        plugin = plugins.manager.get_plugin(info.name)
        if plugin is None:
            continue
        for impl in _impls(plugins.manager, "gailint_configure", plugin):
            _call(info, impl, "gailint_configure", budget, config=config)
