"""Stage 4: run the rules. Owns the plugin loader and the per-file pipeline
bytes → `source.decode` (or a plugin reader) → `parser.parse` → `recognize.recognize`
→ rules → diagnostics."""

from __future__ import annotations

import logging
import os
import re
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import metadata
from types import MappingProxyType
from typing import Literal

import attrs
import pluggy

from . import __version__, hookspecs
from .ast import Report, Span
from .diagnostics import Diagnostic, Severity
from .parser import parse
from .recognize import recognize
from .rule import Context, Option, Rule
from .source import DecodeError, Source, decode

__all__ = ["DISABLE_ENV", "FileResult", "Linter", "PluginError", "PluginInfo", "Plugins", "discover",
           "plugin_manager"]

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


def _call(info: PluginInfo, impl: pluggy.HookImpl, hook: str, **kwargs: object) -> object:
    """Call one plugin's implementation of one hook; a failure becomes the plugin's error."""
    try:
        return impl.function(*(kwargs[name] for name in impl.argnames))
    except Exception as exc:  # noqa: BLE001 - a plugin must not stop gailint
        _fail(info, f"的钩子 {hook} 出错：{type(exc).__name__}: {exc}",
              f"failed in hook {hook}: {type(exc).__name__}: {exc}", exc=exc)
        return None


def _impls(pm: pluggy.PluginManager, hook: str, plugin: object) -> list[pluggy.HookImpl]:
    return [impl for impl in getattr(pm.hook, hook).get_hookimpls() if impl.plugin is plugin]


def _entry_points() -> list[metadata.EntryPoint]:
    return sorted(metadata.entry_points(group=hookspecs.PROJECT), key=lambda ep: (ep.name, ep.value))


def _register(pm: pluggy.PluginManager, info: PluginInfo, load: Callable[[], object]) -> object | None:
    try:
        plugin = load()
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


def _collect(plugins: Plugins, info: PluginInfo, plugin: object) -> None:
    pm = plugins.manager
    for impl in _impls(pm, "gailint_rules", plugin):
        batch = _call(info, impl, "gailint_rules")
        for rule in batch or ():
            _add_rule(plugins, info, rule)
    for impl in _impls(pm, "gailint_rule_options", plugin):
        declared = _call(info, impl, "gailint_rule_options")
        for code, options in (declared or {}).items():
            _add_options(info, str(code).upper(), options)
    for hook, table, names in (("gailint_readers", plugins.readers, info.readers),
                               ("gailint_formatters", plugins.formatters, info.formatters)):
        for impl in _impls(pm, hook, plugin):
            for key, function in (_call(info, impl, hook) or {}).items():
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


def _add_entry(plugins: Plugins, info: PluginInfo, hook: str, table: dict, names: list[str], key: object,
               function: object) -> None:
    kind_zh, kind_en = ("读取器", "reader") if hook == "gailint_readers" else ("输出格式", "output format")
    key = str(key).lower()
    if hook == "gailint_readers" and not re.fullmatch(r"\.[a-z0-9]+", key):
        _fail(info, f"的{kind_zh}扩展名 {key!r} 不合规（应如 \".docx\"）",
              f"has a {kind_en} for {key!r}; give a file extension such as \".docx\"")
        return
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


def discover(*, load_plugins: bool = True, disable: Iterable[str] | None = None) -> Plugins:
    """The built-in rules and, unless `load_plugins` is false, every installed plugin of the
    ``gailint`` entry-point group not named in `disable` (default: $GAILINT_DISABLE_PLUGINS).

    Each plugin is imported, registered and asked for its contributions separately; a
    failure is recorded on its `PluginInfo` (reported as GAI006) and the others go on.
    """
    from . import rules

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    plugins = Plugins(pm)
    builtin = PluginInfo(BUILTIN, "gailint.rules", None, __version__, "builtin")
    plugins.infos.append(builtin)
    pm.register(rules, name=BUILTIN)
    _collect(plugins, builtin, rules)
    if not load_plugins:
        return plugins
    off = disabled_from_env() if disable is None else frozenset(_canonical(n) for n in disable)
    for ep in _entry_points():
        dist = getattr(ep, "dist", None)
        info = PluginInfo(ep.name, ep.value, dist.name if dist else None, dist.version if dist else None)
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
        plugin = _register(pm, info, ep.load)
        if plugin is None:
            info.status = "failed"
            continue
        _collect(plugins, info, plugin)
        if info.errors and not (info.rules or info.readers or info.formatters):
            info.status = "failed"
    return plugins


def plugin_manager(*, load_plugins: bool = True) -> pluggy.PluginManager:
    """The plugin manager with the built-in rules and, optionally, installed plugins."""
    return discover(load_plugins=load_plugins).manager


@attrs.frozen
class FileResult:
    path: str
    source: Source | None
    diagnostics: tuple[Diagnostic, ...]
    report: Report | None = None


class Linter:
    """Runs the rules on reports. `rules=None` means the built-ins plus installed plugins
    (see `discover`); a list of rule classes runs exactly those (the testing kit does this)."""

    def __init__(self, rules: Sequence[type[Rule]] | None = None, *, load_plugins: bool = True,
                 select: Iterable[str] = (), ignore: Iterable[str] = (),
                 options: dict[str, dict[str, object]] | None = None,
                 disable: Iterable[str] | None = None) -> None:
        if rules is None:
            self.plugins = discover(load_plugins=load_plugins, disable=disable)
            rules = self.plugins.rules
            # options naming a rule of a plugin that is off or broken are skipped, not an error
            self._rules_may_be_missing = not load_plugins or self.plugins.incomplete
        else:
            self.plugins = Plugins(pluggy.PluginManager(hookspecs.PROJECT))
            self._rules_may_be_missing = False
        seen: dict[str, type[Rule]] = {}
        for rule in rules:
            rule.validate()
            if rule.code in seen and seen[rule.code] is not rule:
                raise ValueError(f"rule code {rule.code} is claimed by both {seen[rule.code].__module__} "
                                 f"and {rule.__module__}")
            seen[rule.code] = rule
        self.all_rules = tuple(sorted(seen.values(), key=lambda r: r.code))
        select, ignore = tuple(select), tuple(ignore)
        self.rules = tuple(r for r in self.all_rules
                           if (not select or r.code.startswith(select)) and not r.code.startswith(ignore or ("\0",)))
        self._instances = [rule() for rule in self.rules]
        self.options = self.validate_options(options or {})
        self.configure(self.options)
        self._report_plugin_errors = not "GAI006".startswith(ignore or ("\0",))
        self._plugin_errors_pending = self._report_plugin_errors and bool(self.plugins.errors)

    @property
    def readers(self) -> Mapping[str, Callable[[bytes, str], str]]:
        """Plugin input readers by file extension (".docx")."""
        return self.plugins.readers

    @property
    def formatters(self) -> Mapping[str, Callable[..., None]]:
        """Plugin output formats by name."""
        return self.plugins.formatters

    @property
    def extensions(self) -> tuple[str, ...]:
        """The file extensions a directory walk picks up: .txt, .md and the plugins' readers'."""
        return (".txt", ".md", *self.plugins.readers)

    @property
    def plugin_errors(self) -> list[PluginError]:
        return self.plugins.errors

    def configure(self, options: Mapping[str, Mapping[str, object]]) -> None:
        """Hand the final (validated) rule configuration to every plugin's ``gailint_configure``,
        each in isolation. Called with ``Linter(options=...)``; a caller that reads
        configuration files calls it again with what it read, before checking files."""
        config = MappingProxyType({code: MappingProxyType(dict(values)) for code, values in options.items()})
        for info in self.plugins.infos:
            plugin = self.plugins.manager.get_plugin(info.name)
            if plugin is None:
                continue
            for impl in _impls(self.plugins.manager, "gailint_configure", plugin):
                _call(info, impl, "gailint_configure", config=config)

    def validate_options(self, options: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
        valid = {}
        for code, values in options.items():
            rule = self.rule(code)
            if rule is None:
                if not code.upper().startswith("GAI") and self._rules_may_be_missing:
                    log.info("options for %s ignored: its plugin is not loaded", code)
                    continue
                raise ValueError(f"options given for unknown rule {code}")
            for name, value in values.items():
                declared = next((o for o in rule.options if o.name == name), None)
                if declared is None:
                    known = ", ".join(o.name for o in rule.options) or "none"
                    raise ValueError(f"rule {code} has no option {name!r} (its options: {known})")
                try:
                    declared.validate(value)
                except ValueError as error:
                    raise ValueError(f"rule {rule.code}: {error}") from None
            valid[code.upper()] = dict(values)
        return valid

    def take_plugin_diagnostics(self, path: str) -> tuple[Diagnostic, ...]:
        """GAI006 for every plugin that failed to load, once per Linter (at the first file checked)."""
        if not self._plugin_errors_pending:
            return ()
        self._plugin_errors_pending = False
        hint_zh, hint_en = ("", "") if log.isEnabledFor(logging.DEBUG) else ("（加 -v 查看回溯）", " (run with -v for the traceback)")
        return tuple(Diagnostic("GAI006", "plugin-error", Severity.ERROR, error.message_zh + hint_zh,
                                error.message_en + hint_en, path, Span(0, 0))
                     for error in self.plugins.errors)

    def rule(self, code: str) -> type[Rule] | None:
        return next((r for r in self.all_rules if r.code == code.upper()), None)

    def check_bytes(self, path: str, data: bytes, settings: dict[str, dict[str, object]] | None = None, *,
                    max_size: int = 0) -> FileResult:
        """Check one file's bytes. A file larger than `max_size` bytes (0: no limit) is not
        decoded: it gets GAI008 instead."""
        if 0 < max_size < len(data):
            return FileResult(path, None, self._too_large(path, len(data), max_size))
        extension = os.path.splitext(path)[1].lower()
        if extension in self.plugins.readers:
            return self._read_with_plugin(path, data, extension, settings)
        try:
            source = decode(data, path)
        except DecodeError as error:
            return FileResult(path, None, self._input_error(path, error.message_zh, error.message_en))
        return self.check_source(source, settings)

    def check_source(self, source: Source, settings: dict[str, dict[str, object]] | None = None) -> FileResult:
        report = recognize(parse(source.text))
        context = Context(source.path, settings=self.options if settings is None else settings, text=source.text)
        found: list[Diagnostic] = list(self.take_plugin_diagnostics(source.path))
        for rule in self._instances:
            context.rule = type(rule)
            try:
                found.extend(rule.check(report, context))
            except Exception as error:  # noqa: BLE001 - one rule must not stop the others
                log.debug("rule %s raised:\n%s", rule.code, traceback.format_exc())
                found.append(Diagnostic(
                    "GAI005", "rule-error", Severity.ERROR,
                    f"规则 {rule.code}（{rule.name}）执行出错：{type(error).__name__}: {error}",
                    f"rule {rule.code} ({rule.name}) raised {type(error).__name__}: {error}",
                    source.path, Span(0, 0)))
        found.sort(key=lambda d: (d.span.start, d.code))
        return FileResult(source.path, source, tuple(found), report)

    def _read_with_plugin(self, path: str, data: bytes, extension: str,
                          settings: dict[str, dict[str, object]] | None) -> FileResult:
        try:
            text = self.plugins.readers[extension](data, path)
            if not isinstance(text, str):
                raise TypeError(f"the reader returned {type(text).__name__}, not str")
        except Exception as error:  # noqa: BLE001 - a plugin reader must not stop the batch
            log.debug("reader for %s raised:\n%s", path, traceback.format_exc())
            owner = self.plugins.owner[f"gailint_readers:{extension}"].label
            return FileResult(path, None, self._input_error(
                path, f"插件 {owner} 的读取器无法读取文件：{type(error).__name__}: {error}",
                f"the reader of plugin {owner} cannot read the file: {type(error).__name__}: {error}"))
        return self.check_source(Source(path, text, "utf-8"), settings)

    def _input_error(self, path: str, zh: str, en: str) -> tuple[Diagnostic, ...]:
        return (*self.take_plugin_diagnostics(path),
                Diagnostic("GAI001", "undecodable", Severity.ERROR, zh, en, path, Span(0, 0)))

    def _too_large(self, path: str, size: int, limit: int) -> tuple[Diagnostic, ...]:
        return (*self.take_plugin_diagnostics(path), Diagnostic(
            "GAI008", "file-too-large", Severity.ERROR,
            f"文件过大（{size:,} 字节，上限 {limit:,} 字节），未检查；可调整配置项 max-file-size",
            f"file too large ({size:,} bytes, limit {limit:,}); not checked: raise max-file-size", path, Span(0, 0)))

    def unreadable(self, path: str, error: OSError) -> FileResult:
        reason = error.strerror or type(error).__name__
        return FileResult(path, None, self._input_error(path, f"无法读取文件：{reason}", f"cannot read file: {reason}"))
