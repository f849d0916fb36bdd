"""Word's automatic list numbering, restored as text.

A heading such as ``一、总体情况`` is often not typed: Word draws ``一、`` from the
numbering definitions (``word/numbering.xml``) of the paragraph's list (its own
``w:numPr`` or its style's). Reading only the runs would lose it, and the grammar would
not see a section heading. `Numbering` keeps the counters as Word does and renders a
paragraph's label (``%1、`` with the level's format: decimal, 一二三, ①, 甲乙丙, a/A, i/I).
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Numbering", "chinese_counting"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"


def chinese_counting(n: int, digits: str = _DIGITS, ten: str = "十", hundred: str = "百",
                     thousand: str = "千") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五 (up to 9999)."""
    if n <= 0 or n >= 10000:
        return str(n)
    out, zero = [], False
    for value, unit in ((1000, thousand), (100, hundred), (10, ten), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero:
                out.append(digits[0])
                zero = False
            out.append(("" if value == 10 and not out and digit == 1 else digits[digit]) + unit)
        elif out:
            zero = True
    return "".join(out)


def _roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letter(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(ord(c) - ord("0") + 0xFF10) for c in str(n)),
    "decimalFullWidth2": lambda n: "".join(chr(ord(c) - ord("0") + 0xFF10) for c in str(n)),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})",
    "decimalEnclosedFullstop": lambda n: chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}.",
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting,
    "taiwaneseCounting": chinese_counting,
    "taiwaneseCountingThousand": chinese_counting,
    "japaneseCounting": chinese_counting,
    "ideographDigital": lambda n: "".join(_DIGITS[int(c)] for c in str(n)),
    "taiwaneseDigital": lambda n: "".join(_DIGITS[int(c)] for c in str(n)),
    "chineseLegalSimplified": lambda n: chinese_counting(n, _LEGAL, "拾", "佰", "仟"),
    "ideographLegalTraditional": lambda n: chinese_counting(n, _LEGAL, "拾", "佰", "仟"),
    "ideographTraditional": lambda n: _HEAVENLY[(n - 1) % 10],
    "ideographZodiac": lambda n: _EARTHLY[(n - 1) % 12],
    "lowerLetter": lambda n: _letter(n).lower(),
    "upperLetter": _letter,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": _roman,
    "none": lambda n: "",
}


class _Level:
    __slots__ = ("start", "fmt", "text", "suffix")

    def __init__(self, element) -> None:
        def val(tag: str, default: str | None = None) -> str | None:
            node = element.find(W + tag)
            return node.get(W + "val", default) if node is not None else default

        self.start = _int(val("start", "1"), 1)
        self.fmt = val("numFmt", "decimal") or "decimal"
        self.text = val("lvlText", "") or ""
        self.suffix = val("suff", "tab") or "tab"


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class Numbering:
    """The numbering definitions of one document and the running counters."""

    def __init__(self, numbering_root=None, styles_root=None) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}   # numId → (abstractNumId, start overrides)
        self._counters: dict[str, dict[int, int]] = {}             # abstractNumId → level → current value
        self._restarted: set[str] = set()
        self._style_num: dict[str, tuple[str | None, int | None]] = {}
        self._based_on: dict[str, str] = {}
        self._abstract_elements: dict[str, object] = {}
        if numbering_root is not None:
            for abstract in numbering_root.iterchildren(W + "abstractNum"):  # levels read when first used
                self._abstract_elements[abstract.get(W + "abstractNumId", "")] = abstract
            for num in numbering_root.iterchildren(W + "num"):
                ref = num.find(W + "abstractNumId")
                overrides = {}
                for override in num.iter(W + "lvlOverride"):
                    start = override.find(W + "startOverride")
                    if start is not None:
                        overrides[_int(override.get(W + "ilvl"), 0)] = _int(start.get(W + "val"), 1)
                if ref is not None:
                    self._nums[num.get(W + "numId", "")] = (ref.get(W + "val", ""), overrides)
        if styles_root is not None:
            for style in styles_root.iter(W + "style"):
                style_id = style.get(W + "styleId")
                if style_id is None:
                    continue
                based = style.find(W + "basedOn")
                if based is not None:
                    self._based_on[style_id] = based.get(W + "val", "")
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    self._style_num[style_id] = _num_pr(num_pr)

    def __bool__(self) -> bool:
        return bool(self._nums)

    def label(self, p_pr) -> str:
        """The label Word draws before a paragraph with properties `p_pr` (``""`` if none),
        advancing the counters as Word does."""
        if p_pr is None or not self._nums:
            return ""
        num_id, level = None, None
        style = p_pr.find(W + "pStyle")
        seen: set[str] = set()
        style_id = style.get(W + "val") if style is not None else None
        while style_id and style_id not in seen:  # the style's list, through its basedOn chain
            seen.add(style_id)
            if style_id in self._style_num:
                num_id, level = self._style_num[style_id]
                break
            style_id = self._based_on.get(style_id)
        own = p_pr.find(W + "numPr")
        if own is not None:
            own_id, own_level = _num_pr(own)
            num_id = own_id if own_id is not None else num_id
            level = own_level if own_level is not None else level
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        return self._advance(num_id, level or 0)

    def _advance(self, num_id: str, level: int) -> str:
        abstract_id, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract_id)
        if levels is None:
            element = self._abstract_elements.get(abstract_id)
            levels = self._abstract[abstract_id] = {} if element is None else {
                _int(lvl.get(W + "ilvl"), 0): _Level(lvl) for lvl in element.iter(W + "lvl")}
        definition = levels.get(level)
        if definition is None:
            return ""
        counters = self._counters.setdefault(abstract_id, {})
        if overrides and num_id not in self._restarted:
            self._restarted.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        counters[level] = counters.get(level, (definition.start - 1)) + 1
        for deeper in [lvl for lvl in counters if lvl > level]:
            del counters[deeper]
        if definition.fmt == "bullet":
            return ""
        text = definition.text
        for lvl in range(level, -1, -1):
            placeholder = f"%{lvl + 1}"
            if placeholder in text:
                spec = levels.get(lvl, definition)
                value = counters.get(lvl, spec.start)
                text = text.replace(placeholder, _FORMATS.get(spec.fmt, str)(value))
        if not text:
            return ""
        if definition.suffix == "space" or (definition.suffix == "tab" and text[-1].isalnum()):
            return text + " "
        return text


def _num_pr(num_pr) -> tuple[str | None, int | None]:
    num_id = num_pr.find(W + "numId")
    ilvl = num_pr.find(W + "ilvl")
    return (num_id.get(W + "val") if num_id is not None else None,
            _int(ilvl.get(W + "val"), 0) if ilvl is not None else None)
