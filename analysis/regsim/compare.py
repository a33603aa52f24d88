"""Line up runs: tidy differences against the first (the reference)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .display import same_unit


@dataclass
class Comparison:
    """`indicators`: indicator, year, run, value, difference (from the reference), difference in
    percent and, for growth, in percentage points. `sectors`: quantity, year, sector, run, value,
    difference. `targets`: every run's target table with a `run` column."""

    reference: str
    indicators: pd.DataFrame
    sectors: pd.DataFrame
    targets: pd.DataFrame


def _check_comparable(runs):
    first = runs[0]
    for other in runs[1:]:
        problems = []
        if list(other.sectors.index) != list(first.sectors.index):
            problems.append("different sectors")
        if other.meta["base_year"] != first.meta["base_year"]:
            problems.append(f"base year {other.meta['base_year']} vs {first.meta['base_year']}")
        if not same_unit(other.units, first.units):
            problems.append(f"units {other.units!r} vs {first.units!r}")
        if problems:
            raise ValueError(f"cannot compare {other.name} with {first.name}: {'; '.join(problems)}")


def _names(runs):
    names, seen = [], {}
    for run in runs:
        name = run.name
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def compare(*runs, quantity: str = "value_added") -> Comparison:
    """Compares runs (regsim.Run) against the first. Refuses runs of different sectors, base year
    or units, saying what differs."""
    if len(runs) < 2:
        raise ValueError("compare needs at least two runs")
    _check_comparable(runs)
    names = _names(runs)
    frames, sector_frames, target_frames = [], [], []
    reference = runs[0].indicators()
    reference_growth = reference.pct_change()
    reference_sectors = runs[0].yearly(quantity)
    for name, run in zip(names, runs):
        levels = run.indicators()
        growth = levels.pct_change()
        common = [c for c in levels.columns if c in reference.columns]
        tidy = levels[common].stack().rename("value").to_frame()
        tidy["difference"] = (levels[common] - reference[common]).stack()
        tidy["difference_percent"] = (100.0 * (levels[common] / reference[common] - 1.0)).stack()
        tidy["growth"] = growth[common].stack(dropna=False)
        tidy["growth_difference_pt"] = (100.0 * (growth[common] - reference_growth[common])).stack(dropna=False)
        tidy = tidy.reset_index().rename(columns={"level_1": "indicator"})
        tidy.insert(0, "run", name)
        frames.append(tidy)
        sectors = run.yearly(quantity)
        s = sectors.stack().rename("value").to_frame()
        s["difference"] = (sectors - reference_sectors).stack()
        s = s.reset_index()
        s.insert(0, "run", name)
        s.insert(1, "quantity", quantity)
        sector_frames.append(s)
        t = run.targets()
        t.insert(0, "run", name)
        target_frames.append(t)
    return Comparison(names[0], pd.concat(frames, ignore_index=True), pd.concat(sector_frames, ignore_index=True),
                      pd.concat(target_frames, ignore_index=True))
