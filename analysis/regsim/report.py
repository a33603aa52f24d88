"""A self-contained HTML page about one or more runs, for people who do not use notebooks."""

from __future__ import annotations

import base64
import html
import io

import matplotlib.pyplot as plt
import pandas as pd

from . import plots
from .compare import compare


def _figure(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90)
    plt.close(fig)
    return f'<img alt="figure" src="data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode()}">'


def _table(frame, percent=()) -> str:
    formatters = {c: (lambda v: "" if v != v else f"{v:+.2%}") for c in percent}
    return frame.to_html(index=False, formatters=formatters, float_format=lambda v: f"{v:,.6g}", border=0,
                         classes="table")


def _ensemble_section(run) -> list[str]:
    """How likely each target is under the ensemble's draws, with a fan chart and the drivers."""
    odds = run.ensemble.p_met().reset_index()
    attrs = run.ensemble.attrs
    rows = []
    for t in odds.itertuples():
        show = (lambda v: f"{v:+.2%}") if t.kind == "growth" else (lambda v: f"{v:,.6g}")
        rows.append({"indicator": t.indicator, "year": t.year, "target": show(t.target), "central": show(t.central),
                     "P(met)": f"{t.p_met:.1%} ± {t.p_met_se:.1%}", "median": show(t.median),
                     "90 % band": f"{show(t.p5)} to {show(t.p95)}"})
    parts = [f"<h3>How likely: {attrs['draws']} draws ({html.escape(str(attrs['sampling']))}, seed {attrs['seed']})</h3>",
             pd.DataFrame(rows).to_html(index=False, border=0)]
    for indicator in odds["indicator"].drop_duplicates():
        parts.append(_figure(plots.fan_chart(run, indicator)))
        parts.append(_figure(plots.tornado(run, indicator)))
    return parts


def report(runs) -> str:
    """The page's HTML: per run, the targets met or missed, what drove each targeted indicator,
    the chains and the scenario text; for several runs, the indicators side by side first."""
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>regsim report</title><style>",
             "body{font-family:sans-serif;max-width:1000px;margin:2em auto}"
             "table{border-collapse:collapse}td,th{padding:2px 8px;text-align:right}"
             ".missed{color:#b00}.met{color:#070}pre{background:#f4f4f4;padding:1em;overflow:auto}",
             "</style></head><body>", f"<h1>regsim report: {html.escape(', '.join(r.name for r in runs))}</h1>"]
    if len(runs) > 1:
        c = compare(*runs)
        wide = c.indicators.pivot_table(index=["indicator", "year"], columns="run", values="value", sort=False)
        parts.append(f"<h2>Indicators side by side (reference: {html.escape(c.reference)})</h2>")
        parts.append(wide.reset_index().to_html(index=False, float_format=lambda v: f"{v:,.6g}", border=0))
        targeted = sorted(set(c.targets["indicator"]))
        for indicator in targeted:
            parts.append(_figure(plots.indicator_paths(list(runs), indicator)))
    for run in runs:
        targets = run.targets()
        met = int(targets["met"].sum())
        parts.append(f"<h2>{html.escape(run.name)}</h2><p>{html.escape(run.meta['start'])} to "
                     f"{html.escape(run.meta['end'])}, {html.escape(run.units)}; written by regsim "
                     f"{html.escape(run.meta['regsim_version'])} on {html.escape(run.meta['created'])}. "
                     f"<b>{met} of {len(targets)} targets met.</b></p>")
        if len(targets):
            shown = targets.copy()
            shown["met"] = shown["met"].map({True: "met", False: "missed"})
            growth = shown["kind"] == "growth"
            for column in ["target", "simulated", "gap"]:
                shown[column] = [f"{v:+.2%}" if g else f"{v:,.6g}" for v, g in zip(shown[column], growth)]
            parts.append(shown.to_html(index=False, border=0))
            if run.has_ensemble:
                parts.extend(_ensemble_section(run))
            for t in targets.drop_duplicates("indicator").itertuples():
                parts.append(f"<h3>{html.escape(t.indicator)} in {t.year}</h3>")
                parts.append(_figure(plots.attribution_waterfall(run, t.indicator, t.year)))
        if run.chain_names():
            indicator = "manufacturing_va" if "manufacturing_va" in run.indicators() else run.indicators().columns[0]
            parts.append("<h3>Industry chains</h3>")
            va = run.chains("value_added")
            parts.append(_table(va.pct_change().iloc[1:].T.reset_index().rename(columns={"index": "chain"}),
                                percent=list(va.index[1:])))
            parts.append(_figure(plots.chain_contributions(run, indicator)))
        parts.append(f"<details><summary>Scenario as simulated</summary><pre>{html.escape(run.meta['scenario_yaml'])}"
                     "</pre></details>")
    parts.append("</body></html>")
    return "".join(parts)
