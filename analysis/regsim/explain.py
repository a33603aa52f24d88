"""A run in words and plain tables, as a planning office reads it: which targets are met or missed
and by how much, what moved an indicator (the attribution: events, trends and the baseline), and
which industry chains the change arose in. Numbers follow regsim.display (亿元, +5.41 %, -4.21 pt);
`lang="zh"` writes Chinese."""

from __future__ import annotations

import pandas as pd

from .display import format_percent, format_points


def target_table(run, lang: str | None = None, unit: str | None = None) -> pd.DataFrame:
    """The targets as text, ready to show: indicator (its label), year, target, simulated, gap (in
    points for growth), met; no styling, so it reads the same in a browser, a terminal or a file."""
    display = run.display(unit, lang)
    t = display.text
    units = run.indicators().attrs["units"]
    rows = []
    for target in run.targets().itertuples():
        unit_of = units.get(target.indicator, "")
        growth = target.kind == "growth"
        show = format_percent if growth else (lambda v: f"{display.value(v, unit_of)} {display.unit(unit_of)}")
        rows.append({t("indicator"): run.label(target.indicator, display.lang), t("year"): target.year,
                     t("target"): show(target.target), t("simulated"): show(target.simulated),
                     t("gap"): format_points(target.gap) if growth else display.value(target.gap, unit_of, signed=True),
                     t("met"): t("yes" if target.met else "no")})
    return pd.DataFrame(rows)


def targets_in_words(run, lang: str | None = None, unit: str | None = None) -> str:
    """One sentence per target: what the plan asks, what the run reaches, and the gap."""
    display = run.display(unit, lang)
    units = run.indicators().attrs["units"]
    lines = []
    for target in run.targets().itertuples():
        name = run.label(target.indicator, display.lang, long=True)
        unit_of = units.get(target.indicator, "")
        if target.kind == "growth":
            asked, reached, gap = format_percent(target.target), format_percent(target.simulated), format_points(target.gap)
        else:
            asked = f"{display.value(target.target, unit_of)} {display.unit(unit_of)}"
            reached = f"{display.value(target.simulated, unit_of)} {display.unit(unit_of)}"
            gap = display.value(target.gap, unit_of, signed=True)
        if display.lang == "zh":
            verdict = "达成" if target.met else f"未达成，差 {gap}"
            lines.append(f"{name}（{target.year}年）：目标 {asked}，模拟 {reached}，{verdict}。")
        else:
            verdict = "met" if target.met else f"missed by {gap.lstrip('-')}"
            lines.append(f"{name} in {target.year}: the plan asks {asked}, the run reaches {reached}: {verdict}.")
    met = int(run.targets()["met"].sum())
    total = len(run.targets())
    lines.append(f"共 {total} 项目标，达成 {met} 项。" if display.lang == "zh" else f"{met} of {total} targets met.")
    return "\n".join(lines)


def attribution_in_words(run, indicator: str, year: int, top: int = 3, lang: str | None = None,
                         unit: str | None = None) -> str:
    """What changed `indicator` from the year before to `year`: the total, the baseline's part, the
    trends', and the `top` events that moved it most (the parts sum to the change exactly)."""
    display = run.display(unit, lang)
    frame = run.attribution(indicator)
    years = list(frame.columns)
    before = years[years.index(year) - 1]
    change = frame[year] - frame[before]
    unit_of = run.indicators().attrs["units"].get(indicator, "")
    amount = lambda v: f"{display.value(v, unit_of, signed=True)} {display.unit(unit_of)}"  # noqa: E731
    kinds = change.groupby(level="kind").sum()
    events = change[~change.index.get_level_values("kind").isin(["baseline", "trend"])].droplevel("kind")
    largest = events.reindex(events.abs().sort_values(ascending=False).index[:top])
    name = run.label(indicator, display.lang, long=True)
    listed = ", ".join(f"{event} {amount(value)}" for event, value in largest.items())
    rounds_to_zero = lambda v: display.value(v, unit_of) == "0"  # noqa: E731
    if display.lang == "zh":
        parts = [f"{label} {amount(value)}" for label, value in (("基线", kinds.get("baseline", 0.0)),
                                                                  ("趋势", kinds.get("trend", 0.0)),
                                                                  ("各事件合计", events.sum())) if not rounds_to_zero(value)]
        return f"{name}从{before}年到{year}年变化 {amount(change.sum())}：{'，'.join(parts)}；影响最大的事件：{listed}。"
    parts = [f"{label} {amount(value)}" for label, value in (("the baseline", kinds.get("baseline", 0.0)),
                                                              ("the trends", kinds.get("trend", 0.0)),
                                                              ("the events together", events.sum()))
             if not rounds_to_zero(value)]
    return (f"{name} changes by {amount(change.sum())} from {before} to {year}: {', '.join(parts)}; those that "
            f"moved it most: {listed}.")


def difference_in_words(run, reference, indicator: str, year: int, top: int = 3, lang: str | None = None,
                        unit: str | None = None) -> str:
    """How `run` differs from `reference` in `indicator` and `year`, and the events (or trends)
    whose contributions differ most: the differences of all rows sum to the indicator's."""
    display = run.display(unit, lang)
    mine = run.attribution(indicator)[year].droplevel("kind")
    theirs = reference.attribution(indicator)[year].droplevel("kind")
    difference = mine.sub(theirs, fill_value=0.0)
    largest = difference.reindex(difference.abs().sort_values(ascending=False).index[:top])
    unit_of = run.indicators().attrs["units"].get(indicator, "")
    amount = lambda v: f"{display.value(v, unit_of, signed=True)} {display.unit(unit_of)}"  # noqa: E731
    listed = ", ".join(f"{event} {amount(value)}" for event, value in largest.items()
                       if display.value(value, unit_of) != "0")
    name = run.label(indicator, display.lang, long=True)
    if display.lang == "zh":
        return f"{run.name}：{year}年{name}比{reference.name}{amount(difference.sum())}，主要来自 {listed}。"
    return f"{run.name}: {name} {year} {amount(difference.sum())} against {reference.name}, from {listed}."


def chains_in_words(run, indicator: str, year: int, top: int = 3, lang: str | None = None) -> str:
    """Which chains the change of `indicator` arose in, as shares of the change (chains overlap
    where they share sectors, so the shares need not sum to 100 %)."""
    display = run.display(lang=lang)
    parts = run.chain_indicators(indicator)
    if parts.empty:
        return "该情景未声明产业链。" if display.lang == "zh" else f"{run.name} declares no industry chains."
    totals = run.indicators()[indicator]
    years = list(totals.index)
    before = years[years.index(year) - 1]
    shares = (parts.loc[year] - parts.loc[before]) / (totals.loc[year] - totals.loc[before])
    shares = shares.reindex(shares.abs().sort_values(ascending=False).index[:top])
    labels = run.chain_labels(display.lang)
    name = run.label(indicator, display.lang, long=True)
    listed = ", ".join(f"{labels.get(c, c)} {100.0 * s:.0f} %" for c, s in shares.items())
    if display.lang == "zh":
        return f"{name}{before}→{year}年的变化主要来自：{listed}（各链可重叠）。"
    return f"The change in {name} from {before} to {year} arises mostly in {listed} (chains overlap)."
