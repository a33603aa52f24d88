"""A self-contained HTML page about one or more runs, for people who do not use notebooks: the page is
templates/report.html.j2 (Jinja2), its numbers follow the command's rule (regsim.display), its
figures are PNG images inside the page, each with a description as its alt text."""

from __future__ import annotations

import base64
import io
import sys

import jinja2
import matplotlib.pyplot as plt

from . import plots
from .compare import compare
from .display import format_percent, format_points


def _cell(text, kind="number", css=""):
    return {"text": text, "kind": kind, "css": css}


def _table(caption, header, rows):
    return {"table": {"caption": caption, "header": header, "rows": rows}}


class _Figures:
    """Figures to draw, each a function and its description; drawn at the end with a progress bar."""

    def __init__(self):
        self.jobs = []

    def add(self, draw, alt):
        block = {"figure": {"alt": alt, "png": ""}}
        self.jobs.append((draw, block))
        return block

    def draw(self, progress: bool):
        from tqdm import tqdm

        for draw, block in tqdm(self.jobs, desc="figures", unit="figure", disable=not progress, file=sys.stderr):
            fig = draw()
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=90)
            plt.close(fig)
            block["figure"]["png"] = base64.b64encode(buffer.getvalue()).decode()


def _target_rows(run, display):
    rows = []
    units = run.indicators().attrs["units"]
    for t in run.targets().itertuples():
        unit = units.get(t.indicator, "")
        show = format_percent if t.kind == "growth" else (lambda v, u=unit: display.value(v, u))
        gap = format_points(t.gap) if t.kind == "growth" else display.value(t.gap, unit, signed=True)
        rows.append([_cell(run.label(t.indicator, display.lang), "text"), _cell(str(t.year)),
                     _cell(display.text(t.kind), "text"), _cell(show(t.target)), _cell(show(t.simulated)),
                     _cell(gap), _cell(display.text("yes" if t.met else "no"), "text", "met" if t.met else "missed")])
    return rows


def _indicator_table(run, display):
    frame = run.indicators()
    years = list(frame.index)
    header = [display.text("indicator"), display.text("unit")] + [str(y) for y in years] + \
             [f"{display.text('growth')} {y}" for y in years[1:]]
    rows = []
    for name in frame.columns:
        unit = frame.attrs["units"].get(name, "")
        values = frame[name]
        row = [_cell(run.label(name, display.lang), "text"), _cell(display.unit(unit), "text")]
        row += [_cell(display.value(v, unit)) for v in values]
        row += [_cell(format_percent(values.iloc[i] / values.iloc[i - 1] - 1.0)) for i in range(1, len(values))]
        rows.append(row)
    return _table(display.text("Indicators"), header, rows)


def _ensemble_part(run, display, figures, unit):
    odds = run.ensemble.p_met().reset_index()
    attrs = run.ensemble.attrs
    rows = []
    units = run.indicators().attrs["units"]
    for t in odds.itertuples():
        unit = units.get(t.indicator, "")
        show = format_percent if t.kind == "growth" else (lambda v, u=unit: display.value(v, u))
        rows.append([_cell(run.label(t.indicator, display.lang), "text"), _cell(str(t.year)), _cell(show(t.target)),
                     _cell(show(t.central)), _cell(f"{t.p_met:.1%} ± {t.p_met_se:.1%}"), _cell(show(t.median)),
                     _cell(f"{show(t.p5)} … {show(t.p95)}")])
    header = [display.text(h) for h in ("indicator", "year", "target", "central", "P(met)", "median", "90 % band")]
    blocks = [_table(f"{attrs['draws']} {display.text('draws')} ({attrs['sampling']}, seed {attrs['seed']})", header,
                     rows)]
    for t in odds.drop_duplicates("indicator").itertuples():
        label = run.label(t.indicator, display.lang)
        blocks.append(figures.add(lambda i=t.indicator: plots.fan_chart(run, i, unit,
                                                                         display.lang),
                                  f"Fan chart of {label} by year over {attrs['draws']} draws: the central run, the "
                                  f"median and the 50 % and 90 % bands, with the target; P(met) {t.p_met:.1%}"))
        blocks.append(figures.add(lambda i=t.indicator: plots.tornado(run, i),
                                  f"Tornado chart: the drawn parameters that move {label} growth most, by Spearman "
                                  "rank correlation"))
    return {"id": "", "heading": display.text("How likely"), "blocks": blocks}


def _waterfall_alt(run, indicator, year, display):
    frame = run.attribution(indicator).droplevel("kind")
    years = list(frame.columns)
    change = frame[year] - frame[years[years.index(year) - 1]]
    largest = change.abs().sort_values(ascending=False).index[0]
    unit = run.indicators().attrs["units"].get(indicator, "")
    return (f"Waterfall of what changed {run.label(indicator, display.lang)} from {years[years.index(year) - 1]} to "
            f"{year}: a total change of {display.value(change.sum(), unit, signed=True)} {display.unit(unit)}, the "
            f"largest part from {largest} ({display.value(change[largest], unit, signed=True)})")


def _chains_part(run, display, figures):
    va = run.chains("value_added")
    labels = run.chain_labels(display.lang)
    years = list(va.index)
    unit = run.units
    header = [display.text("chain")] + [f"{y} ({display.unit(unit)})" for y in years] + \
             [f"{display.text('growth')} {y}" for y in years[1:]]
    rows = []
    for chain in va.columns:
        values = va[chain]
        rows.append([_cell(labels.get(chain, chain), "text")] + [_cell(display.value(v, unit)) for v in values] +
                    [_cell(format_percent(values.iloc[i] / values.iloc[i - 1] - 1.0)) for i in range(1, len(values))])
    indicator = "manufacturing_va" if "manufacturing_va" in run.indicators() else run.indicators().columns[0]
    label = run.label(indicator, display.lang)
    return {"id": "", "heading": display.text("Industry chains"),
            "blocks": [_table(display.text("growth of each chain's value added"), header, rows),
                       figures.add(lambda: plots.chain_contributions(run, indicator, lang=display.lang),
                                   f"Bar chart: each chain's share of the change in {label} from {years[0]} to "
                                   f"{years[1]}")]}


def _run_section(index, run, display, figures, unit):
    targets = run.targets()
    met = int(targets["met"].sum())
    paragraph = (f"{run.meta['start']} 至 {run.meta['end']}；金额单位 {display.unit_name}；regsim "
                 f"{run.meta['regsim_version']} 写于 {run.meta['created']}。{len(targets)} 项目标中达成 {met} 项。"
                 if display.lang == "zh" else
                 f"{run.meta['start']} to {run.meta['end']}; amounts in {display.unit_name}; written by regsim "
                 f"{run.meta['regsim_version']} on {run.meta['created']}. {met} of {len(targets)} targets met.")
    parts = []
    if len(targets):
        header = [display.text(h) for h in ("indicator", "year", "kind", "target", "simulated", "gap", "met")]
        parts.append({"id": "", "heading": display.text("Targets"),
                      "blocks": [_table(display.text("Targets"), header, _target_rows(run, display))]})
    parts.append({"id": "", "heading": display.text("Indicators"), "blocks": [_indicator_table(run, display)]})
    if run.has_ensemble:
        parts.append(_ensemble_part(run, display, figures, unit))
    if len(targets):
        blocks = []
        for t in targets.drop_duplicates("indicator").itertuples():
            blocks.append({"paragraph": f"{run.label(t.indicator, display.lang)}, {t.year}"})
            blocks.append(figures.add(lambda i=t.indicator, y=t.year: plots.attribution_waterfall(
                run, i, y, unit=unit, lang=display.lang),
                _waterfall_alt(run, t.indicator, t.year, display)))
        parts.append({"id": "", "heading": display.text("What moved each target"), "blocks": blocks})
    if run.chain_names():
        parts.append(_chains_part(run, display, figures))
    parts.append({"id": "", "heading": display.text("Scenario as simulated"),
                  "blocks": [{"pre": run.meta["scenario_yaml"], "summary": "YAML"}]})
    for k, part in enumerate(parts):
        part["id"] = f"run{index}-{k}"
    return {"id": f"run{index}", "heading": run.name, "blocks": [{"paragraph": paragraph}], "parts": parts}


def _side_by_side(runs, display, figures):
    c = compare(*runs)
    names = list(dict.fromkeys(c.indicators["run"]))
    wide = c.indicators.pivot_table(index=["indicator", "year"], columns="run", values="value", sort=False)
    growth = c.indicators.pivot_table(index=["indicator", "year"], columns="run", values="growth", sort=False,
                                      dropna=False)
    units = runs[0].indicators().attrs["units"]
    header = [display.text("indicator"), display.text("year"), display.text("unit")] + names + \
             [f"{display.text('growth')} {n}" for n in names]
    rows = []
    for (indicator, year), values in wide.iterrows():
        unit = units.get(indicator, "")
        rows.append([_cell(runs[0].label(indicator, display.lang), "text"), _cell(str(year)),
                     _cell(display.unit(unit), "text")] + [_cell(display.value(values[n], unit)) for n in names] +
                    [_cell(format_percent(growth.loc[(indicator, year), n])) for n in names])
    blocks = [{"paragraph": f"{display.text('reference')}: {c.reference}"},
              _table(display.text("Indicators side by side"), header, rows)]
    for indicator in sorted(set(c.targets["indicator"])):
        label = runs[0].label(indicator, display.lang)
        blocks.append(figures.add(lambda i=indicator: plots.indicator_paths(list(runs), i, lang=display.lang),
                                  f"Line chart of {label} by year for {', '.join(names)}, with each run's targets"))
    return {"id": "compare", "heading": display.text("Indicators side by side"), "blocks": blocks, "parts": []}


def report(runs, lang: str | None = None, unit: str | None = None, progress: bool = False) -> str:
    """The page's HTML: a contents list; for several runs, the indicators side by side; per run,
    the targets met or missed, the indicators, the odds (ensemble files), what moved each target,
    the chains and the scenario text. `lang` and `unit` as in Run.display."""
    runs = list(runs)
    display = runs[0].display(unit, lang)
    figures = _Figures()
    sections = []
    if len(runs) > 1:
        sections.append(_side_by_side(runs, display, figures))
    for index, run in enumerate(runs):
        sections.append(_run_section(index, run, run.display(unit, lang), figures, unit))
    figures.draw(progress)
    environment = jinja2.Environment(loader=jinja2.PackageLoader("regsim", "templates"),
                                     autoescape=jinja2.select_autoescape(["html", "j2"]),
                                     undefined=jinja2.StrictUndefined)
    title = ("regsim 报告：" if display.lang == "zh" else "regsim report: ") + ", ".join(r.name for r in runs)
    summary = (f"{len(runs)} 次运行，{len(figures.jobs)} 幅图" if display.lang == "zh"
               else f"{len(runs)} run{'s' if len(runs) != 1 else ''}, {len(figures.jobs)} figures")
    return environment.get_template("report.html.j2").render(lang=display.lang, title=title, summary=summary,
                                                              sections=sections, text=display.text)
