"""The backtest's figures in scenarios/README.md are what the model gives (scenarios/what-if/backtest-2024.yaml)."""

import re

import h5py

from conftest import SOURCE_DIR

INDICATORS = {"GDP": "gdp", "primary industry": "primary_va", "secondary industry": "secondary_va",
              "tertiary industry": "tertiary_va"}


def stated_rows():
    """The README's backtest table: name -> (published, model, gap), in percent and points."""
    text = (SOURCE_DIR / "scenarios" / "README.md").read_text()
    section = text[text.index("## The backtest"):text.index("## Seeking")]
    rows = {}
    for name, published, model, gap in re.findall(
            r"^\| (GDP|\w+ industry) \| ([+−-][\d.]+) % \| ([+−-][\d.]+) % \| ([+−-][\d.]+) pt \|$", section, re.M):
        rows[name] = tuple(float(v.replace("−", "-")) for v in (published, model, gap))
    return rows


def test_the_readme_states_what_the_backtest_gives(run_regsim, tmp_path):
    rows = stated_rows()
    assert set(rows) == set(INDICATORS)
    out = tmp_path / "backtest.h5"
    result = run_regsim("run", "scenarios/what-if/backtest-2024.yaml", "-o", out, "--quiet")
    assert result.returncode == 0, result.stderr
    with h5py.File(out, "r") as f:
        years = list(f["indicators/year"][()])
        for name, indicator in INDICATORS.items():
            values = f[f"indicators/{indicator}"][()]
            growth = (values[years.index(2024)] / values[years.index(2023)] - 1.0) * 100.0
            published, model, gap = rows[name]
            assert round(growth, 2) == model, name
            assert round(model - published, 2) == gap, name
    # The published side is the communiqué's (S1, also in ../shared/data/jinzhong_stats).
    assert rows["GDP"][0] == 2.3 and rows["primary industry"][0] == 3.8
