"""regsim.display: the command's formatting rule on the Python side, and Chinese that draws."""

import math
import subprocess
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import regsim  # noqa: E402
from regsim.display import (MoneyUnit, format_amount, format_percent, format_points, parse_money_unit,  # noqa: E402
                            readable_unit, same_unit, use_cjk_font)

from conftest import SOURCE_DIR  # noqa: E402


@pytest.fixture(scope="module")
def run(jinzhong_runs):
    return regsim.load(jinzhong_runs["default"])


@pytest.mark.parametrize("text, unit", [
    ("10k CNY", MoneyUnit("CNY", 1e4)), ("万元", MoneyUnit("CNY", 1e4)), ("10 thousand yuan", MoneyUnit("CNY", 1e4)),
    ("1e4 CNY", MoneyUnit("CNY", 1e4)), ("亿元", MoneyUnit("CNY", 1e8)), ("100M CNY", MoneyUnit("CNY", 1e8)),
    ("元", MoneyUnit("CNY", 1.0)), ("million USD", MoneyUnit("USD", 1e6)), ("bn EUR", MoneyUnit("EUR", 1e9)),
    ("万美元", MoneyUnit("USD", 1e4)),
])
def test_units_of_money_are_read_as_the_command_reads_them(text, unit):
    assert parse_money_unit(text) == unit


@pytest.mark.parametrize("text", ["persons", "t CO2", "", "kWh", "10x CNY", "-1 CNY", "万人"])
def test_what_is_not_money_is_not_money(text):
    assert parse_money_unit(text) is None


def test_units_compare_by_meaning_and_have_names():
    assert same_unit("万元", "10k CNY") and not same_unit("万元", "亿元") and same_unit("persons", "persons")
    assert MoneyUnit("CNY", 1e8).name("zh") == "亿元" and MoneyUnit("CNY", 1e8).name("en") == "100M CNY"
    assert readable_unit(MoneyUnit("CNY", 1e4), 2.4e7) == MoneyUnit("CNY", 1e8)
    assert readable_unit(MoneyUnit("USD", 1.0), 2050.0) == MoneyUnit("USD", 1.0)


@pytest.mark.parametrize("value, shown", [(2405.47, "2,405.5"), (24054700.0, "24,054,700"), (39.402, "39.402"),
                                          (910.80, "910.8"), (3000.0, "3,000"), (0.00123456, "0.0012"),
                                          (-1234.5, "-1,234.5"), (-7.47e-14, "0"), (1e300, None), (math.nan, "-")])
def test_amounts_as_the_command_prints_them(value, shown):
    text = format_amount(value)
    if shown is None:
        assert "e" not in text
    else:
        assert text == shown
    assert format_percent(-1e-16) == "0.00 %" and format_points(-0.0421) == "-4.21 pt"


def test_a_run_knows_its_money_and_shows_it_in_100m_yuan(run):
    assert run.money == MoneyUnit("CNY", 1e4)
    display = run.display()
    assert display.unit_name == "100M CNY" and run.display(lang="zh").unit_name == "亿元"
    assert display.value(24054711.0, run.units) == "2,405.5"
    assert run.display(unit="万元").value(24054711.0, "10k CNY") == "24,054,711"
    assert run.label("gdp", "zh") == "地区生产总值" and run.label("gdp", "en") == "gdp"
    with pytest.raises(ValueError, match="table's currency CNY"):
        run.display(unit="million USD")


def test_chinese_labels_draw_with_no_missing_glyph():
    assert use_cjk_font() is not None, "no CJK font: scripts/setup.sh installs fonts-noto-cjk"
    fig, ax = plt.subplots()
    ax.set_title("晋中 地区生产总值 2,405.5 亿元")
    ax.set_yticks([0, 1], ["新能源（甲醇）汽车", "碳基新材料（循环经济）"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from current font"
        fig.savefig("/dev/null", format="png")
    plt.close(fig)


def test_the_dot_drawing_finds_a_chinese_font(regsim_bin, tmp_path):
    dot_file = tmp_path / "flows.dot"
    subprocess.run([str(regsim_bin), "chains", "scenarios/jinzhong-2024.yaml", "--lang", "zh", "--dot", str(dot_file)],
                   cwd=SOURCE_DIR, check=True, capture_output=True)
    assert "新能源" in dot_file.read_text(encoding="utf-8")
    drawn = subprocess.run(["dot", "-v", "-Tpng", "-o", str(tmp_path / "flows.png"), str(dot_file)],
                           capture_output=True, text=True, check=True)
    resolved = [line for line in drawn.stderr.splitlines() if "resolved to" in line]
    assert resolved and all("CJK" in line for line in resolved), resolved


def test_plots_put_money_axes_in_the_display_unit(run):
    from regsim import plots

    fig = plots.indicator_paths(run, "gdp", lang="zh")
    ax = fig.axes[0]
    assert "亿元" in ax.get_title() and "地区生产总值" in ax.get_title()
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert labels and all("e" not in label for label in labels)
    assert ax.yaxis.get_offset_text().get_text() == ""
    assert any("," in label for label in labels)  # 2,400 亿元, not 2.4 × 1e7
    plt.close(fig)
