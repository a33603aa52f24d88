"""One run file as pandas and xarray objects."""

from __future__ import annotations

import contextlib
import pathlib
import subprocess
import sys

import h5py
import pandas as pd
import xarray as xr

from .display import Display, MoneyUnit, language, parse_money_unit

#: The run-file format regsim writes (the `format_version` root attribute); this package reads it
#: and every format since OLDEST_FORMAT_VERSION (format 2 has fixed-length text attributes).
FORMAT_VERSION = 2
OLDEST_FORMAT_VERSION = 1


class RunFormatError(ValueError):
    """The file is not a regsim run file, or one of another format version."""


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


# Read in a child process before the file is opened here: every attribute and every text dataset,
# the parts whose damage can crash libhdf5 itself (its global heap has no checksum), so that a
# damaged file is an error here, not the end of the notebook's kernel.
_PROBE = """
import sys, h5py
def visit(name, obj):
    for key in obj.attrs:
        obj.attrs[key]
    if isinstance(obj, h5py.Dataset) and obj.dtype.kind in "OSU":
        obj[()]
with h5py.File(sys.argv[1], "r") as f:
    for key in f.attrs:
        f.attrs[key]
    f.visititems(visit)
"""


def _probe(path: pathlib.Path) -> None:
    """RunFormatError when reading the file's metadata and texts fails or crashes a child process."""
    try:
        done = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        raise RunFormatError(f"{path}: reading its metadata did not end in 120 s; the file is damaged") from None
    if done.returncode < 0:
        raise RunFormatError(f"{path}: reading it crashed the HDF5 library (signal {-done.returncode}); the file is "
                             "damaged") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise RunFormatError(f"{path}: cannot read it ({last}); the file is damaged or not a run file") from None


def load(path, check: bool = True) -> "Run":
    """Opens a run file written by `regsim run`; refuses other files with a clear message. `check`
    first reads the file's metadata in a child process (about 0.4 s), so that a damaged file raises
    RunFormatError instead of crashing this interpreter; `check=False` skips it for trusted files."""
    path = pathlib.Path(path)
    if check and path.is_file():
        with open(path, "rb") as f:
            hdf5 = f.read(8) == b"\x89HDF\r\n\x1a\n"
        if hdf5:  # other files are refused by Run, saying what they are not
            _probe(path)
    return Run(path)


class Run:
    """A run file. Every accessor reads from the file when called and returns labelled data."""

    def __init__(self, path):
        self.path = pathlib.Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"{self.path}: no such run file")
        try:
            with h5py.File(self.path, "r") as f:
                attrs = {key: (_text(v) if isinstance(v, (bytes, str)) else v.item() if hasattr(v, "item") else v)
                         for key, v in f.attrs.items()}
                groups = set(f)
        except OSError as error:
            raise RunFormatError(f"{self.path} is not an HDF5 file ({error})") from None
        except Exception as error:  # the HDF5 stack fails in many ways on a damaged file
            raise RunFormatError(f"{self.path}: cannot read its attributes ({type(error).__name__}: {error}); "
                                 "the file is damaged") from None
        if "format_version" not in attrs or "indicators" not in groups:
            raise RunFormatError(f"{self.path} is not a regsim run file (no format_version or /indicators)")
        if not OLDEST_FORMAT_VERSION <= attrs["format_version"] <= FORMAT_VERSION:
            raise RunFormatError(f"{self.path} is a run file of format {attrs['format_version']}; "
                                 f"this regsim package reads formats {OLDEST_FORMAT_VERSION} to {FORMAT_VERSION}")
        self._attrs = attrs
        self._groups = groups
        self._datasets = {}

    @contextlib.contextmanager
    def _open(self, what: str):
        """The file through h5py; whatever fails inside, on a damaged file, is a RunFormatError naming `what`."""
        try:
            with h5py.File(self.path, "r") as f:
                yield f
        except RunFormatError:
            raise
        except Exception as error:  # h5py and libhdf5 raise KeyError, OSError, TypeError, … on damage
            raise RunFormatError(f"{self.path}: cannot read {what} ({type(error).__name__}: {error}); the file is "
                                 "damaged or not a whole run file") from None

    def __repr__(self):
        return f"<regsim.Run {self.name!r} {self.meta['start']}..{self.meta['end']} from {self.path}>"

    @property
    def name(self) -> str:
        return self._attrs["scenario_name"]

    @property
    def meta(self) -> dict:
        """The root attributes: scenario_yaml (the scenario as simulated), regsim_version, units,
        base_year, start, end, report, households, created, …"""
        return dict(self._attrs)

    @property
    def units(self) -> str:
        """The table's unit as written ("10k CNY"); `money` is its meaning."""
        return self._attrs["units"]

    @property
    def money(self):
        """The table's unit as meaning, MoneyUnit(currency, scale) ("10k CNY" and "万元" are
        MoneyUnit("CNY", 1e4)), or None when the unit is not money."""
        if "currency" in self._attrs:
            return MoneyUnit(self._attrs["currency"], float(self._attrs["unit_scale"]))
        return parse_money_unit(self.units)

    def display(self, unit: str | None = None, lang: str | None = None) -> Display:
        """How this run's results are shown: `unit` (亿元, 万元, yuan, "million USD"; default the
        scenario's display_unit, else the readable one) and `lang` (en, zh; default REGSIM_LANG or
        the locale)."""
        gdp = float(self.yearly("value_added").iloc[0].sum())
        return Display(self.units, gdp, unit=unit, lang=lang, display_unit=self._attrs.get("display_unit", "auto"))

    def label(self, indicator: str, lang: str | None = None, long: bool = False) -> str:
        """An indicator's name as results show it: its Chinese label in Chinese, else its name (or,
        with `long`, its English label: "Manufacturing value added" for manufacturing_va)."""
        ds = self.dataset("indicators")
        if indicator not in ds:
            raise KeyError(f"no indicator {indicator!r}; the run has {', '.join(ds.data_vars)}")
        if language(lang) == "zh":
            return ds[indicator].attrs.get("long_name_zh", indicator)
        return ds[indicator].attrs.get("long_name", indicator) if long else indicator

    def dataset(self, group: str) -> xr.Dataset:
        """A group as an xarray Dataset with labelled coordinates (`"yearly"`, `"chains/series"`, …).
        A group the file does not have, or cannot give back whole, is a RunFormatError naming it."""
        # Read once per group while the file is unchanged: reports and notebooks ask for the same
        # groups many times.
        key = (group.strip("/"), self.path.stat().st_mtime_ns)
        if key in self._datasets:
            return self._datasets[key].copy(deep=False)
        try:
            with xr.open_dataset(self.path, engine="h5netcdf", group=group) as ds:
                self._datasets[key] = ds.load()
                return self._datasets[key].copy(deep=False)
        except Exception as error:  # h5netcdf and libhdf5 fail in many ways on a damaged file
            raise RunFormatError(f"{self.path}: cannot read the group /{group.strip('/')} "
                                 f"({type(error).__name__}: {error}); the file is damaged or not a whole run file") from None

    @property
    def sectors(self) -> pd.DataFrame:
        """Sector code (index), names and groups, in the table's order."""
        root = self.dataset("/")
        return pd.DataFrame({"name": root["sector_name"].values, "name_zh": root["sector_name_zh"].values,
                             "groups": [g.split(";") if g else [] for g in root["sector_groups"].values]},
                            index=pd.Index(root["sector"].values, name="sector"))

    def quantities(self) -> list[str]:
        """The per-sector quantities: output, value_added, final_demand, imports, then satellites."""
        return list(self.dataset("yearly").data_vars)

    def _quantity(self, group: str, quantity: str) -> xr.DataArray:
        ds = self.dataset(group)
        if quantity not in ds:
            raise KeyError(f"no quantity {quantity!r} in /{group}; the run has {', '.join(ds.data_vars)}")
        return ds[quantity]

    def series(self, quantity: str = "output") -> pd.DataFrame:
        """Annual rates on each report date: DatetimeIndex × sector."""
        frame = self._quantity("series", quantity).to_pandas()
        frame.index = pd.DatetimeIndex(frame.index, name="date")
        frame.columns.name = "sector"
        return frame

    def yearly(self, quantity: str = "output") -> pd.DataFrame:
        """Exact amounts per calendar year (the first row is the table's base year): year × sector."""
        frame = self._quantity("yearly", quantity).to_pandas()
        frame.columns.name = "sector"
        return frame

    def indicators(self) -> pd.DataFrame:
        """Indicators by year (year × indicator); units in `frame.attrs["units"]`."""
        ds = self.dataset("indicators")
        frame = ds.to_dataframe()
        frame.attrs["units"] = {name: ds[name].attrs.get("units", "") for name in ds.data_vars}
        frame.attrs["of"] = {name: ds[name].attrs.get("of", "") for name in ds.data_vars}
        frame.attrs["labels"] = {name: ds[name].attrs.get("long_name", name) for name in ds.data_vars}
        frame.attrs["labels_zh"] = {name: ds[name].attrs.get("long_name_zh", "") for name in ds.data_vars}
        return frame

    def growth(self) -> pd.DataFrame:
        """Indicator growth over the year before (the base year's row is NaN)."""
        return self.indicators().pct_change()

    def targets(self) -> pd.DataFrame:
        """The target table: indicator, year, kind, target, simulated, gap, met."""
        ds = self.dataset("targets")
        frame = ds.to_dataframe().reset_index(drop=True)
        growth = frame["kind"] == "growth"
        frame["target"] = frame["target_growth"].where(growth, frame["target_level"])
        frame["simulated"] = frame["simulated_growth"].where(growth, frame["simulated_level"])
        frame["met"] = frame["met"].astype(bool)
        return frame[["indicator", "year", "kind", "target", "simulated", "gap", "met"]]

    def attribution(self, indicator: str = "gdp") -> pd.DataFrame:
        """The baseline and each event's and trend's exact contribution: (event, kind) × year, numbers
        only, so `.sum()` gives the indicator by year; `kind` is baseline, demand, project, rule,
        trend, disruption or interaction."""
        ds = self.dataset("attribution")
        if indicator not in ds:
            names = [n for n in ds.data_vars if n != "kind"]
            raise KeyError(f"no indicator {indicator!r}; the run has {', '.join(names)}")
        frame = ds[indicator].to_pandas()
        frame.index = pd.MultiIndex.from_arrays([frame.index, ds["kind"].values], names=["event", "kind"])
        frame.columns.name = "year"
        return frame

    def events(self) -> pd.DataFrame:
        """The event log: date, id, kind, detail, in date order."""
        frame = self.dataset("events").to_dataframe().reset_index(drop=True)
        frame["date"] = pd.to_datetime(frame["date"])
        return frame[["date", "id", "kind", "detail"]]

    def chain_names(self) -> list[str]:
        if "chains" not in self._groups:
            return []
        return [str(c) for c in self.dataset("chains")["chain"].values]

    def chain_labels(self, lang: str | None = None) -> dict:
        """Chain name → its label in the language (English: the label_en, Chinese: label_zh)."""
        if not self.chain_names():
            return {}
        ds = self.dataset("chains")
        column = "label_zh" if language(lang) == "zh" else "label_en"
        return {str(c): (str(label) or str(c)) for c, label in zip(ds["chain"].values, ds[column].values)}

    def chains(self, measure: str = "value_added") -> pd.DataFrame:
        """One chain measure by year (year × chain): output, value_added, employment, co2,
        induced_value_added. Chains overlap where they share sectors."""
        if not self.chain_names():
            return pd.DataFrame(columns=pd.Index([], name="chain"))
        ds = self.dataset("chains/yearly")
        if measure not in ds:
            raise KeyError(f"no chain measure {measure!r}; chains have {', '.join(ds.data_vars)}")
        return ds[measure].transpose("year", "chain").to_pandas()

    def chain_members(self) -> pd.DataFrame:
        """Tidy chain membership: chain, sector, role."""
        rows = []
        if self.chain_names():
            ds = self.dataset("chains")
            meanings = str(ds["role"].attrs.get("flag_meanings", "none core upstream downstream")).split()
            role = ds["role"].values
            for c, name in enumerate(ds["chain"].values):
                rows += [{"chain": str(name), "sector": str(sector), "role": meanings[role[c, j]]}
                         for j, sector in enumerate(ds["sector"].values) if role[c, j] > 0]
        return pd.DataFrame(rows, columns=["chain", "sector", "role"])

    def chain_indicators(self, indicator: str = "gdp") -> pd.DataFrame:
        """The part of an indicator arising in each chain's sectors (year × chain)."""
        if not self.chain_names():
            return pd.DataFrame(columns=pd.Index([], name="chain"))
        return self.dataset("chains/indicators")[indicator].transpose("year", "chain").to_pandas()

    def graph(self) -> pd.DataFrame:
        """The flow graph's edges: from, to, coefficient (a_ij), flow (z_ij)."""
        ds = self.dataset("graph")
        return pd.DataFrame({"from": ds["from"].values, "to": ds["to"].values,
                             "coefficient": ds["coefficient"].values, "flow": ds["flow"].values})

    @property
    def has_prices(self) -> bool:
        """True for a run with `kind: price` events (it has a /prices group)."""
        with self._open("its groups") as f:
            return "prices" in f

    def prices(self, yearly: bool = True) -> pd.DataFrame:
        """Runs with price levers: each sector's output price index (1 = the table's prices), as the
        mean over each year's simulated days (year × sector), or on each report date."""
        if not self.has_prices:
            raise KeyError(f"{self.path} has no price levers (no /prices group): every value is in the table's prices")
        ds = self.dataset("prices")
        frame = ds["yearly_price_index" if yearly else "price_index"].to_pandas()
        if not yearly:
            frame.index = pd.DatetimeIndex(frame.index, name="date")
        frame.columns.name = "sector"
        return frame

    def deflators(self) -> pd.DataFrame:
        """Runs with price levers: the gdp, cpi, ppi and fai deflators by year (year × deflator)."""
        if not self.has_prices:
            raise KeyError(f"{self.path} has no price levers (no /prices group): every deflator is 1")
        return self.dataset("prices")["deflators"].to_pandas().T

    def checks(self) -> pd.DataFrame:
        """Negative yearly output, value added or final demand the run found: quantity, sector,
        year, value (empty when there is none)."""
        with self._open("/checks") as f:
            group = f["checks"]
            return pd.DataFrame({"quantity": group["quantity"].asstr()[:], "sector": group["sector"].asstr()[:],
                                 "year": group["year"][:], "value": group["value"][:]})

    @property
    def has_ensemble(self) -> bool:
        """True for a file written by `regsim ensemble`."""
        return "ensemble" in self._groups

    @property
    def ensemble(self):
        """The ensemble's draws (`regsim ensemble`): P(met), bands, sensitivity (regsim.ensemble.Ensemble)."""
        if not self.has_ensemble:
            raise RunFormatError(f"{self.path} has no /ensemble: it was written by regsim run, not regsim ensemble")
        from .ensemble import Ensemble
        return Ensemble(self)

    @property
    def is_dynamic(self) -> bool:
        """True for a run of the supply-constrained ARIO engine (it has a /dynamics group)."""
        with self._open("its groups") as f:
            return "dynamics" in f

    def dynamics(self, variable: str = "production") -> pd.DataFrame:
        """ARIO runs: a daily variable (production, capacity, overproduction, intermediate_demand,
        final_demand, rebuild_demand, rebuild_production, final_demand_unmet, capital_to_recover,
        limiting_input) as DatetimeIndex × sector, flows per day in the table's unit."""
        if not self.is_dynamic:
            raise KeyError(f"{self.path} is a run of the leontief engine: it has no daily state (/dynamics)")
        ds = self.dataset("dynamics")
        if variable not in ds:
            raise KeyError(f"no variable {variable!r} in /dynamics; the run has {', '.join(ds.data_vars)}")
        frame = ds[variable].to_pandas()
        frame.index = pd.DatetimeIndex(frame.index, name="date")
        frame.columns.name = "sector"
        return frame

    def bottlenecks(self) -> pd.DataFrame:
        """ARIO runs: per chain, the input products that bound its members' production and on how
        many member-days: columns chain, input, member_days, most first within each chain."""
        rows = []
        with self._open("the chains' bottlenecks") as f:
            present = "chains/bottlenecks" in f
        if present:
            days = self.dataset("chains/bottlenecks")["member_days"].to_pandas()  # chain × product
            for chain, row in days.iterrows():
                # Most member-days first, ties in product order.
                for product, count in sorted(row.items(), key=lambda item: -item[1]):
                    if count > 0:
                        rows.append({"chain": str(chain), "input": str(product), "member_days": int(count)})
        return pd.DataFrame(rows, columns=["chain", "input", "member_days"])

    def chain_graph(self, chain: str | None = None):
        """The flow graph as a networkx DiGraph: a node per sector (name, name_zh, chains: the chains
        it belongs to, with its role in each), an edge i → j per local flow with a_ij at or above the
        graph's threshold (coefficient, flow). `chain` keeps that chain's members only."""
        import networkx as nx

        graph = nx.DiGraph(name=self.name, threshold=float(self.dataset("graph").attrs.get("threshold", 0.0)),
                           units=self.units)
        sectors = self.sectors
        members = self.chain_members()
        for code, row in sectors.iterrows():
            roles = {r.chain: r.role for r in members[members["sector"] == code].itertuples()}
            graph.add_node(code, name=row["name"], name_zh=row["name_zh"], chains=roles)
        for edge in self.graph().itertuples(index=False):
            graph.add_edge(edge[0], edge[1], coefficient=float(edge.coefficient), flow=float(edge.flow))
        if chain is None:
            return graph
        if chain not in self.chain_names():
            raise KeyError(f"no chain {chain!r}; the run has {', '.join(self.chain_names()) or 'none'}")
        return graph.subgraph(list(members.loc[members["chain"] == chain, "sector"])).copy()

    def to_excel(self, path) -> pathlib.Path:
        """Writes the run as an Excel workbook (openpyxl), one sheet per group of the run file: about,
        sectors, indicators, targets, attribution, yearly, series, events, chains, graph, linkages,
        checks, and prices, dynamics or ensemble when the run has them. Values are in the table's
        units, named in each sheet's columns; tidy sheets have one value per row."""
        path = pathlib.Path(path)
        sheets = {"about": pd.DataFrame({"key": list(self.meta), "value": [str(v) for v in self.meta.values()]}),
                  "sectors": self.sectors.assign(groups=lambda f: f["groups"].map(";".join)).reset_index()}
        indicators = self.indicators()
        units = indicators.attrs["units"]
        sheets["indicators"] = indicators.rename(columns=lambda c: f"{c} ({units[c]})").reset_index()
        sheets["targets"] = self.targets()
        sheets["attribution"] = pd.concat(
            [self.attribution(name).stack().rename("value").reset_index().assign(indicator=name, unit=units[name])
             for name in indicators.columns], ignore_index=True)[["indicator", "event", "kind", "year", "value", "unit"]]
        for group in ("yearly", "series"):
            ds = self.dataset(group)
            frames = [ds[q].to_pandas().stack().rename("value").reset_index().assign(
                quantity=q, unit=ds[q].attrs.get("units", "")) for q in ds.data_vars]
            sheets[group] = pd.concat(frames, ignore_index=True)
        sheets["events"] = self.events()
        if self.chain_names():
            sheets["chains"] = pd.concat(
                [self.chains(m).stack().rename("value").reset_index().assign(measure=m)
                 for m in self.dataset("chains/yearly").data_vars], ignore_index=True)
            sheets["chain_members"] = self.chain_members()
        sheets["graph"] = self.graph()
        sheets["linkages"] = self.linkages().reset_index()
        sheets["checks"] = self.checks()
        if self.has_prices:
            sheets["prices"] = self.prices().reset_index()
            sheets["deflators"] = self.deflators().reset_index()
        if self.is_dynamic:
            sheets["dynamics"] = self.dynamics("production").reset_index()
        if self.has_ensemble:
            sheets["ensemble"] = self.ensemble.p_met().reset_index()
        temporary = path.with_name(path.name + ".part.xlsx")
        with pd.ExcelWriter(temporary, engine="openpyxl") as writer:
            for name, frame in sheets.items():
                frame.to_excel(writer, sheet_name=name, index=False)
        temporary.replace(path)
        return path

    def linkages(self) -> pd.DataFrame:
        """Per sector: normalized backward and forward linkages and the Rasmussen class."""
        ds = self.dataset("graph")
        return pd.DataFrame({"backward": ds["backward_linkage"].values, "forward": ds["forward_linkage"].values,
                             "class": ds["sector_class"].values}, index=pd.Index(ds["sector"].values, name="sector"))
