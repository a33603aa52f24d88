"""How results read, the same rule as the regsim command (sim/core/units.hpp, sim/cli/display.cpp):
money in 亿元 or the unit asked for, thousands separators and no exponents, percentages and points
alike, and names and headers in English or Chinese."""

from __future__ import annotations

import glob
import math
import os
import re
from dataclasses import dataclass

LANGUAGES = ("en", "zh")


def language(asked: str | None = None) -> str:
    """`asked` (en or zh), else REGSIM_LANG, else the first locale variable that is set (zh… is
    Chinese), else English."""
    if asked:
        if asked not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {asked!r}")
        return asked
    chosen = os.environ.get("REGSIM_LANG", "")
    if chosen:
        return chosen if chosen in LANGUAGES else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "zh" if value.startswith("zh") else "en"
    return "en"


@dataclass(frozen=True)
class MoneyUnit:
    """A unit of money: a currency (ISO 4217) and how many base units one unit holds. "10k CNY" and
    "万元" are both MoneyUnit("CNY", 1e4), and compare equal."""

    currency: str
    scale: float = 1.0

    def __eq__(self, other):
        return (isinstance(other, MoneyUnit) and self.currency == other.currency
                and abs(self.scale - other.scale) <= 1e-12 * max(self.scale, other.scale))

    def __hash__(self):
        return hash((self.currency, round(math.log10(self.scale), 9)))

    def name(self, lang: str = "en") -> str:
        """亿元, 万元, 元 in Chinese; "100M CNY", "10k CNY", "million USD" in English."""
        if self.currency == "CNY" and lang == "zh":
            for scale, label in ((1.0, "元"), (1e3, "千元"), (1e4, "万元"), (1e6, "百万元"), (1e8, "亿元"),
                                 (1e12, "万亿元")):
                if self == MoneyUnit("CNY", scale):
                    return label
        for scale, prefix in ((1.0, ""), (1e3, "thousand "), (1e4, "10k "), (1e6, "million "), (1e8, "100M "),
                              (1e9, "billion "), (1e12, "trillion ")):
            if self == MoneyUnit(self.currency, scale):
                return f"{prefix}{self.currency}"
        return f"{self.scale:g} {self.currency}"


_CHINESE_CURRENCIES = (("人民币元", "CNY"), ("美元", "USD"), ("欧元", "EUR"), ("元", "CNY"))
_CHINESE_PREFIXES = {"": 1.0, "千": 1e3, "万": 1e4, "百万": 1e6, "千万": 1e7, "亿": 1e8, "万亿": 1e12}
_CURRENCY_WORDS = {"cny": "CNY", "rmb": "CNY", "yuan": "CNY", "usd": "USD", "dollars": "USD", "eur": "EUR",
                   "euro": "EUR", "euros": "EUR"}
_MULTIPLIER_WORDS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mio": 1e6, "million": 1e6, "b": 1e9,
                     "bn": 1e9, "billion": 1e9, "trillion": 1e12}
_NUMBER_AND_SUFFIX = re.compile(r"^(\d[\d.]*(?:e\d+)?)([a-z]*)$")


def _multiplier(word: str):
    if word in _MULTIPLIER_WORDS:
        return _MULTIPLIER_WORDS[word]
    match = _NUMBER_AND_SUFFIX.match(word)
    if not match:
        return None
    try:
        number = float(match.group(1))
    except ValueError:
        return None
    if number <= 0:
        return None
    suffix = match.group(2)
    if not suffix:
        return number
    factor = _MULTIPLIER_WORDS.get(suffix)
    return None if factor is None else number * factor


def parse_money_unit(text) -> MoneyUnit | None:
    """Reads 元, 万元, 亿元, yuan, CNY, "10k CNY", "100M CNY", "million USD", "1e4 CNY", …; None when the
    text is not money ("persons", "t CO2")."""
    text = str(text).strip()
    if not text:
        return None
    for word, code in _CHINESE_CURRENCIES:
        if text.endswith(word):
            prefix = text[: -len(word)]
            return MoneyUnit(code, _CHINESE_PREFIXES[prefix]) if prefix in _CHINESE_PREFIXES else None
    words = text.split()
    last = words[-1]
    currency = _CURRENCY_WORDS.get(last.lower())
    if currency is None and re.fullmatch(r"[A-Z]{3}", last):
        currency = last
    if currency is None:
        return None
    scale = 1.0
    for word in words[:-1]:
        factor = _multiplier(word.lower())
        if factor is None:
            return None
        scale *= factor
    return MoneyUnit(currency, scale)


def same_unit(a: str, b: str) -> bool:
    """Equal texts, or two spellings of one unit of money ("万元" and "10k CNY")."""
    if a == b:
        return True
    money = parse_money_unit(a)
    return money is not None and money == parse_money_unit(b)


def display_units(currency: str) -> list[MoneyUnit]:
    """The units results of `currency` are shown in, smallest first."""
    if currency == "CNY":
        return [MoneyUnit("CNY", s) for s in (1.0, 1e4, 1e8)]
    return [MoneyUnit(currency, s) for s in (1.0, 1e3, 1e6, 1e9)]


def readable_unit(table_unit: MoneyUnit, reference: float) -> MoneyUnit:
    """The largest display unit in which `reference` (in `table_unit`, such as GDP) is at least 10."""
    base = abs(reference) * table_unit.scale
    chosen = display_units(table_unit.currency)[0]
    for unit in display_units(table_unit.currency):
        if base >= 10.0 * unit.scale:
            chosen = unit
    return chosen


def format_amount(value, significant: int = 5, signed: bool = False) -> str:
    """`significant` digits (all integer digits when there are more), at most four decimals and no
    trailing zeros, thousands separators, never an exponent; what rounds to zero is "0"."""
    if value is None or not math.isfinite(value):
        return "-"
    magnitude = abs(value)
    integer_digits = int(math.floor(math.log10(magnitude))) + 1 if magnitude >= 1.0 else 1
    decimals = min(max(significant - integer_digits, 0), 4)
    digits = f"{magnitude:,.{decimals}f}"
    if not digits.replace("0", "").replace(".", "").replace(",", ""):
        return "0"
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    sign = "-" if value < 0 else "+" if signed else ""
    return sign + digits


def format_percent(rate) -> str:
    """0.0541 is "+5.41 %"; what rounds to zero is "0.00 %"."""
    if rate is None or not math.isfinite(rate):
        return "-"
    shown = round(rate * 100.0, 2)
    return "0.00 %" if shown == 0 else f"{shown:+.2f} %"


def format_points(difference) -> str:
    """A difference of rates in percentage points: 0.0123 is "+1.23 pt"."""
    if difference is None or not math.isfinite(difference):
        return "-"
    shown = round(difference * 100.0, 2)
    return "0.00 pt" if shown == 0 else f"{shown:+.2f} pt"


class Display:
    """How one run's results are shown: a language and a money unit (the run's table unit, shown in
    `unit`: a unit text, "auto", or None for the run's display_unit attribute)."""

    def __init__(self, table_units: str, reference: float, unit: str | None = None, lang: str | None = None,
                 display_unit: str = "auto"):
        self.lang = language(lang)
        self.table_units = table_units
        self.table = parse_money_unit(table_units)
        asked = unit if unit else display_unit
        if self.table is None:
            if asked and asked != "auto":
                raise ValueError(f"the table's unit {table_units!r} is not a unit of money, so amounts cannot be "
                                 f"shown in {asked!r}")
            self.shown, self.divisor = None, 1.0
            return
        if not asked or asked == "auto":
            self.shown = readable_unit(self.table, reference)
        else:
            self.shown = parse_money_unit(asked)
            if self.shown is None:
                raise ValueError(f"expected a unit of money (亿元, 万元, 元, yuan, \"10k CNY\", \"million USD\", auto), "
                                 f"found {asked!r}")
            if self.shown.currency != self.table.currency:
                raise ValueError(f"expected a unit of the table's currency {self.table.currency}, found {asked!r}")
        self.divisor = self.shown.scale / self.table.scale

    @property
    def unit_name(self) -> str:
        return self.shown.name(self.lang) if self.shown else self.table_units

    def is_money(self, unit: str) -> bool:
        return same_unit(unit, self.table_units)

    def unit(self, unit: str) -> str:
        """The unit as headers show it: the display unit for money, else translated."""
        return self.unit_name if self.is_money(unit) else self.text(unit)

    def scale(self, unit: str) -> float:
        """What values of `unit` are divided by to be shown."""
        return self.divisor if self.is_money(unit) else 1.0

    def value(self, value, unit: str, signed: bool = False) -> str:
        return format_amount(value / self.scale(unit), signed=signed)

    def text(self, english: str) -> str:
        return _CHINESE.get(english, english) if self.lang == "zh" else english


# The report's and the plots' words in Chinese (the command's are in sim/cli/display.cpp).
_CHINESE = {
    "indicator": "指标", "unit": "单位", "year": "年份", "kind": "类型", "target": "目标", "simulated": "模拟值",
    "gap": "差距", "met": "是否达成", "yes": "是", "no": "否", "growth": "增速", "level": "水平",
    "persons": "人", "t CO2": "吨 CO2", "chain": "产业链", "run": "运行", "value": "数值",
    "central": "中心情景", "P(met)": "达成概率", "median": "中位数", "90 % band": "90 % 区间",
    "Contents": "目录", "Targets": "目标", "Indicators": "指标", "Industry chains": "产业链",
    "Scenario as simulated": "模拟所用情景", "How likely": "达成概率", "What moved each target": "各目标的变动来源",
    "Indicators side by side": "指标对比", "reference": "基准", "targets met": "项目标达成",
    "% of the change": "占变化的 %", "draws": "次抽样",
    "baseline": "基线", "all others": "其余", "change": "变化", "median of draws": "抽样中位数",
    "90 % of draws": "90 % 的抽样", "50 % of draws": "50 % 的抽样", "Spearman rank correlation": "Spearman 秩相关",
    "% growth over the year before": "同比增速 %", "growth of each chain's value added": "各产业链增加值增速",
}


def use_cjk_font() -> str | None:
    """Makes matplotlib draw Chinese: adds a Noto CJK font (fonts-noto-cjk, installed by
    scripts/setup.sh) ahead of the default sans-serif fonts. Returns its name, or None when no CJK
    font is installed."""
    import matplotlib
    from matplotlib import font_manager

    found = [f.name for f in font_manager.fontManager.ttflist if "CJK" in f.name]
    if not found:
        for path in sorted(glob.glob("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc") +
                           glob.glob("/usr/share/fonts/**/NotoSansCJK*.tt[cf]", recursive=True) +
                           glob.glob("/usr/share/fonts/**/NotoSansCJK*.otf", recursive=True)):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
            found = [f.name for f in font_manager.fontManager.ttflist if "CJK" in f.name]
            if found:
                break
    if not found:
        return None
    families = matplotlib.rcParams["font.sans-serif"]
    if found[0] not in families:
        matplotlib.rcParams["font.sans-serif"] = [found[0], *families]
    matplotlib.rcParams["axes.unicode_minus"] = False  # the CJK fonts' minus is the ASCII one
    return found[0]


def amount_formatter(divisor: float):
    """A matplotlib tick formatter: values divided by `divisor`, with separators, never `1e6`."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: format_amount(v / divisor))

