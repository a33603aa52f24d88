"""How results read: money in 亿元 (or the unit asked for) with separators and no exponent, and
Chinese names and headers with --lang zh, REGSIM_LANG or the locale (issue: planner UX)."""

import pathlib
import re
import unicodedata

import pytest

SOURCE = pathlib.Path(__file__).resolve().parents[2]
JINZHONG = "scenarios/jinzhong-2024.yaml"
EXPONENT = re.compile(r"\d[eE][-+]?\d")


def width(text):
    """Terminal columns: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def lines_starting(text, prefix):
    return [line for line in text.splitlines() if line.startswith(prefix)]


def test_money_is_in_100m_yuan_with_separators(run_regsim, tmp_path):
    result = run_regsim("run", JINZHONG, "-o", tmp_path / "j.h5")
    assert result.returncode == 0, result.stderr
    gdp = lines_starting(result.stdout, "gdp ")[0].split()
    assert gdp[:3] == ["gdp", "100M", "CNY"]
    # GDP 2023 is 24,054,711 万元 in the table: 2,405.5 亿元.
    assert gdp[3] == "2,405.5"
    assert "1,750,000" in lines_starting(result.stdout, "jobs ")[0]
    assert not EXPONENT.search(result.stdout)


@pytest.mark.parametrize("unit, shown, header", [("万元", "24,054,711", "10k CNY"), ("yuan", "240,547,110,007", "CNY"),
                                                  ("亿元", "2,405.5", "100M CNY")])
def test_unit_option_changes_the_unit(run_regsim, tmp_path, unit, shown, header):
    result = run_regsim("run", JINZHONG, "-o", tmp_path / "j.h5", "--unit", unit)
    assert result.returncode == 0, result.stderr
    gdp = lines_starting(result.stdout, "gdp ")[0]
    assert f" {header} " in gdp and f" {shown} " in gdp


def test_unit_of_another_currency_is_refused(run_regsim, tmp_path):
    result = run_regsim("run", JINZHONG, "-o", tmp_path / "j.h5", "--unit", "million USD")
    assert result.returncode == 3
    assert "--unit: expected a unit of the table's currency CNY (such as 100M CNY), found \"million USD\" (USD)" \
        in result.stderr


def extension(tmp_path, name, body, base=JINZHONG):
    """A scenario file that extends a shipped one with `body` (YAML lines)."""
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"regsim: 1\nname: {name}\nextends: {SOURCE / base}\n{body}")
    return path


@pytest.mark.parametrize("unit, message", [
    ("lots of money", "display_unit: expected a unit of money (亿元, 万元, 元, \"10k CNY\", \"million USD\") or auto, "
                      "found \"lots of money\""),
])
def test_a_display_unit_that_is_not_money_is_located(run_regsim, tmp_path, unit, message):
    scenario = extension(tmp_path, "s", f"display_unit: {unit}\n")
    result = run_regsim("check", scenario)
    assert result.returncode == 3
    assert f"{scenario}:4:15: {message}" in result.stderr


def test_a_display_unit_of_another_currency_is_located(run_regsim, tmp_path):
    scenario = extension(tmp_path, "s", "display_unit: million USD\n")
    result = run_regsim("run", scenario, "-o", tmp_path / "s.h5")
    assert result.returncode == 3
    assert "display_unit: expected a unit of the table's currency CNY" in result.stderr
    # The scenario's display unit is only a default: --unit wins.
    assert run_regsim("run", scenario, "-o", tmp_path / "s.h5", "--unit", "万元").returncode == 0


def test_every_command_prints_without_exponents(run_regsim, tmp_path):
    run_file = tmp_path / "j.h5"
    assert run_regsim("run", JINZHONG, "-o", run_file).returncode == 0
    outputs = {
        "check": run_regsim("check", JINZHONG),
        "info": run_regsim("info", run_file),
        "compare": run_regsim("compare", JINZHONG, "scenarios/what-if/consumption-vouchers.yaml"),
        "chains": run_regsim("chains", JINZHONG, "--list"),
        "multipliers": run_regsim("multipliers", JINZHONG),
        "seek": run_regsim("seek", "scenarios/what-if/manufacturing-target.yaml", "-o", tmp_path / "s.h5"),
    }
    for command, result in outputs.items():
        assert result.returncode == 0, (command, result.stderr)
        assert not EXPONENT.search(result.stdout), (command, EXPONENT.search(result.stdout))


def test_chinese_results_name_indicators_chains_and_units(run_regsim, tmp_path):
    result = run_regsim("run", JINZHONG, "-o", tmp_path / "j.h5", "--lang", "zh")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for text in ["地区生产总值", "制造业增加值", "亿元", "增速", "新能源（甲醇）汽车", "是否达成", "7 项目标中达成 0 项"]:
        assert text in out, text
    # Columns line up on screen: in the target table every row starts its year at one column.
    table = out[out.index("目标"):].splitlines()
    rows = [line for line in table[1:8]]
    starts = {width(line[:line.index("2024")]) for line in rows}
    assert len(starts) == 1, rows


def test_language_comes_from_the_environment(run_regsim, tmp_path):
    run_file = tmp_path / "j.h5"
    assert run_regsim("run", JINZHONG, "-o", run_file, "-q").returncode == 0
    chinese = run_regsim("info", run_file, env={"REGSIM_LANG": "", "LC_ALL": "zh_CN.UTF-8"})
    assert "地区生产总值" in chinese.stdout
    english = run_regsim("info", run_file, env={"REGSIM_LANG": "", "LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"})
    assert "地区生产总值" not in english.stdout and "gdp " in english.stdout
    asked = run_regsim("--lang", "zh", "info", run_file)
    assert "地区生产总值" in asked.stdout


def test_units_are_compared_by_meaning(run_regsim, tmp_path):
    base = "scenarios/examples/miller-blair.yaml"
    runs = {}
    for name, unit in [("wan", "万元"), ("tenk", "10k CNY"), ("usd", "million USD")]:
        scenario = extension(tmp_path, name, f"economy: {{units: \"{unit}\"}}\n", base)
        runs[name] = tmp_path / f"{name}.h5"
        result = run_regsim("run", scenario, "-o", runs[name], "-q")
        assert result.returncode == 0, result.stderr
    same = run_regsim("compare", runs["wan"], runs["tenk"])
    assert same.returncode == 0, same.stderr
    different = run_regsim("compare", runs["wan"], runs["usd"])
    assert different.returncode == 3
    assert "units \"million USD\" vs \"万元\" in the reference" in different.stderr


def test_a_changed_scenario_gets_a_run_file_of_its_own(run_regsim, tmp_path):
    scenario = SOURCE / "scenarios/examples/miller-blair.yaml"
    plain = run_regsim("run", scenario, cwd=tmp_path)
    assert plain.returncode == 0 and (tmp_path / "miller-blair.h5").exists()
    assert "replaced" not in plain.stdout
    changed = run_regsim("run", scenario, "--set", "trends.household=0.06", cwd=tmp_path)
    other = run_regsim("run", scenario, "--set", "trends.household=0.07", cwd=tmp_path)
    names = sorted(p.name for p in tmp_path.glob("*.h5"))
    assert len(names) == 3 and all(n.startswith("miller-blair") for n in names), names
    assert "-set-" in changed.stdout and "-set-" in other.stdout
    again = run_regsim("run", scenario, cwd=tmp_path)
    assert "(it replaced an earlier file of that name)" in again.stdout.splitlines()[1]


def test_a_bad_indicator_label_is_located(run_regsim, tmp_path):
    scenario = extension(tmp_path, "s", "indicators:\n  gdp: {of: value_added, label: {en: GDP, fr: PIB}}\n")
    result = run_regsim("check", scenario)
    assert result.returncode == 3
    assert f"{scenario}:5:43: indicators.gdp.label.fr: unknown key; expected one of: en, zh" in result.stderr
