"""Figures of runs (matplotlib); every function returns its Figure (shown inline in notebooks).
Money axes are in the run's display unit (亿元 for Jinzhong; `unit=` changes it) with separators,
never `1e6`; `lang="zh"` (or REGSIM_LANG, the locale) names indicators, chains and axes in Chinese,
drawn with the Noto CJK font scripts/setup.sh installs."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .display import amount_formatter, use_cjk_font

use_cjk_font()


def _runs(runs):
    return list(runs) if isinstance(runs, (list, tuple)) else [runs]


def _money_axis(axis, display, unit):
    """Ticks of `axis` in the display unit of `unit` values; the unit's name for the label."""
    axis.set_major_formatter(amount_formatter(display.scale(unit)))
    return display.unit(unit)


def indicator_paths(runs, indicator: str = "gdp", unit: str | None = None, lang: str | None = None):
    """An indicator by year for one or more runs, with each run's targets for it: a growth target
    is drawn at the level it asks for (the year before × (1 + growth))."""
    display = _runs(runs)[0].display(unit, lang)
    fig, ax = plt.subplots(figsize=(7, 4))
    for run in _runs(runs):
        values = run.indicators()[indicator]
        line, = ax.plot(values.index, values.values, marker="o", label=run.name)
        for t in run.targets().itertuples():
            if t.indicator != indicator:
                continue
            level = values.loc[t.year - 1] * (1.0 + t.target) if t.kind == "growth" else t.target
            ax.scatter([t.year], [level], marker="_", s=400, color=line.get_color(), linewidths=3)
            ax.annotate(f"{display.text('target')} {t.target:+.1%}" if t.kind == "growth" else display.text("target"),
                        (t.year, level), textcoords="offset points", xytext=(8, 0), fontsize=8,
                        color=line.get_color())
    first = _runs(runs)[0]
    shown = _money_axis(ax.yaxis, display, first.indicators().attrs["units"].get(indicator, ""))
    ax.set(title=f"{first.label(indicator, display.lang)} ({shown})", xlabel=display.text("year"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend()
    fig.tight_layout()
    return fig


def attribution_waterfall(run, indicator: str = "gdp", year: int | None = None, top: int = 8,
                          unit: str | None = None, lang: str | None = None):
    """What moved an indicator from the year before: the baseline's change, then each event's and
    trend's change in contribution (the largest `top`, the rest together), ending at the year's change."""
    frame = run.attribution(indicator).droplevel("kind")
    years = list(frame.columns)
    year = year if year is not None else years[1]
    if year not in years or years.index(year) == 0:
        raise ValueError(f"year {year} is not a simulated year of the run ({years[1]}..{years[-1]})")
    change = frame[year] - frame[years[years.index(year) - 1]]
    ordered = change.reindex(change.abs().sort_values(ascending=False).index)
    shown = ordered.iloc[:top]
    display = run.display(unit, lang)
    shown.index = [display.text(name) for name in shown.index]
    if len(ordered) > top:
        shown.loc[display.text("all others")] = ordered.iloc[top:].sum()
    fig, ax = plt.subplots(figsize=(8, 4 + 0.25 * len(shown)))
    start = 0.0
    for i, (name, value) in enumerate(shown.items()):
        ax.barh(i, value, left=start, color="#4daf4a" if value >= 0 else "#e41a1c")
        start += value
    ax.barh(len(shown), change.sum(), color="#377eb8")
    ax.set_yticks(range(len(shown) + 1),
                  list(shown.index) + [f"{display.text('change')} {years[years.index(year) - 1]} → {year}"])
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    units = _money_axis(ax.xaxis, display, run.indicators().attrs["units"].get(indicator, ""))
    title = run.label(indicator, display.lang)
    ax.set(title=f"{title}: {year}" if display.lang == "zh" else f"{title}: what changed it in {year}", xlabel=units)
    fig.tight_layout()
    return fig


def chain_contributions(run, indicator: str = "gdp", year: int | None = None, lang: str | None = None):
    """Each chain's part of an indicator's change over the year before, as a share of the change."""
    display = run.display(lang=lang)
    parts = run.chain_indicators(indicator)
    if parts.empty:
        # A scenario without chains still gets a figure, saying so, so notebooks and reports run on.
        fig, ax = plt.subplots(figsize=(7, 1.5))
        ax.axis("off")
        ax.text(0.5, 0.5, f"{run.name} declares no industry chains (chains: in the scenario)", ha="center",
                va="center")
        return fig
    totals = run.indicators()[indicator]
    years = list(totals.index)
    year = year if year is not None else years[1]
    before = years[years.index(year) - 1]
    shares = (parts.loc[year] - parts.loc[before]) / (totals.loc[year] - totals.loc[before])
    labels = run.chain_labels(display.lang)
    fig, ax = plt.subplots(figsize=(7, 0.5 + 0.4 * len(shares)))
    ax.barh([labels.get(c, c) for c in shares.index], 100.0 * shares.values, color="#984ea3")
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    name = run.label(indicator, display.lang)
    title = (f"各产业链占{name}变化的比重，{before}→{year}" if display.lang == "zh"
             else f"chains' share of the change in {name}, {before} to {year}")
    ax.set(title=title, xlabel=display.text("% of the change"))
    fig.tight_layout()
    return fig


def sector_heatmap(run, quantity: str = "value_added", reference=None, top: int | None = 30):
    """Sector × year: growth over the year before, or (with `reference`) the percent difference from
    the reference run. `top` keeps the sectors that change most."""
    values = run.yearly(quantity)
    if reference is None:
        change = 100.0 * values.pct_change().iloc[1:]
        label = "% growth over the year before"
    else:
        change = 100.0 * (values / reference.yearly(quantity) - 1.0).iloc[1:]
        label = f"% difference from {reference.name}"
    change = change.T
    if top is not None and len(change) > top:
        change = change.loc[change.abs().max(axis=1).sort_values(ascending=False).index[:top]]
    fig, ax = plt.subplots(figsize=(2 + 1.0 * change.shape[1], 1 + 0.28 * change.shape[0]))
    limit = float(np.nanmax(np.abs(change.values))) or 1.0
    image = ax.imshow(change.values, aspect="auto", cmap="RdBu", vmin=-limit, vmax=limit)
    ax.set_xticks(range(change.shape[1]), [str(c) for c in change.columns])
    ax.set_yticks(range(change.shape[0]), list(change.index), fontsize=8)
    fig.colorbar(image, ax=ax, label=label)
    ax.set(title=f"{run.name}: {quantity}")
    fig.tight_layout()
    return fig


def fan_chart(run, indicator: str = "gdp", unit: str | None = None, lang: str | None = None):
    """An ensemble's indicator by year: the central run, the median, the 25–75 % and 5–95 % bands of
    the draws, and the level each growth target asks for."""
    display = run.display(unit, lang)
    t_ = display.text
    bands = run.ensemble.bands(indicator)
    central = run.indicators()[indicator]
    years = list(bands.columns)
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.fill_between(years, bands.loc[0.05], bands.loc[0.95], color="#9ecae1", label=t_("90 % of draws"))
    ax.fill_between(years, bands.loc[0.25], bands.loc[0.75], color="#4292c6", label=t_("50 % of draws"))
    ax.plot(years, bands.loc[0.5], color="#08306b", label=t_("median"))
    ax.plot(central.index, central.values, color="black", linestyle="--", marker="o", label=t_("central"))
    for t in run.ensemble.p_met().reset_index().itertuples():
        if t.indicator != indicator:
            continue
        level = central.loc[t.year - 1] * (1.0 + t.target) if t.kind == "growth" else t.target
        ax.scatter([t.year], [level], marker="_", s=400, color="#e41a1c", linewidths=3)
        ax.annotate(f"{t_('target')}, {t_('P(met)')} {t.p_met:.0%}", (t.year, level), textcoords="offset points",
                    xytext=(8, 0), fontsize=8, color="#e41a1c")
    units = _money_axis(ax.yaxis, display, run.indicators().attrs["units"].get(indicator, ""))
    ax.set(title=f"{run.label(indicator, display.lang)} ({units}): {run.ensemble.attrs['draws']} {t_('draws')}",
           xlabel=t_("year"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def tornado(run, indicator: str = "gdp", year: int | None = None, top: int = 10):
    """The parameters that move a target most: Spearman rank correlation with its growth, largest
    first."""
    table = run.ensemble.sensitivity("spearman")
    columns = [c for c in table.columns if c[0] == indicator and (year is None or c[1] == year)]
    if not columns:
        raise ValueError(f"no target on {indicator!r}" + (f" in {year}" if year is not None else ""))
    rho = table[columns[0]].dropna()
    rho = rho.reindex(rho.abs().sort_values(ascending=False).index[:top])
    fig, ax = plt.subplots(figsize=(8, 1 + 0.35 * len(rho)))
    ax.barh(list(rho.index), rho.values, color=["#4daf4a" if v >= 0 else "#e41a1c" for v in rho.values])
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.set(title=f"what moves {indicator} growth in {columns[0][1]}", xlabel="Spearman rank correlation")
    fig.tight_layout()
    return fig
