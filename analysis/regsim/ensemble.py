"""The draws of `regsim ensemble` (the `/ensemble` groups of a run file, docs/ensembles.md)."""

from __future__ import annotations

import pandas as pd


class Ensemble:
    """What an ensemble run file says about its draws. Get it as `regsim.load(path).ensemble`."""

    def __init__(self, run):
        self._run = run

    def __repr__(self):
        attrs = self.attrs
        return (f"<regsim.Ensemble {attrs['draws']} draws ({attrs['sampling']}, seed {attrs['seed']}) "
                f"of {len(self.parameters())} parameters>")

    @property
    def attrs(self) -> dict:
        """draws, seed, sampling, sensitivity, runs."""
        return dict(self._run.dataset("ensemble").attrs)

    def parameters(self) -> pd.DataFrame:
        """Each drawn field (index) with its action and distribution."""
        ds = self._run.dataset("ensemble")
        return pd.DataFrame({"action": ds["action"].values, "distribution": ds["distribution"].values},
                            index=pd.Index(ds["parameter"].values, name="parameter"))

    def samples(self) -> pd.DataFrame:
        """Draw × parameter: the days shifted, factor or value each draw used."""
        return self._run.dataset("ensemble")["samples"].to_pandas()

    def _target_labels(self, ds) -> pd.MultiIndex:
        return pd.MultiIndex.from_arrays([ds["target_indicator"].values, ds["target_year"].values],
                                         names=["indicator", "year"])

    def p_met(self) -> pd.DataFrame:
        """One row per target (indicator, year): kind, target, central, p_met, p_met_se, median, p5, p95."""
        ds = self._run.dataset("ensemble")
        frame = pd.DataFrame({name: ds[name].values for name in
                              ("target_kind", "target_value", "central", "p_met", "p_met_se", "median", "p5", "p95")},
                             index=self._target_labels(ds))
        return frame.rename(columns={"target_kind": "kind", "target_value": "target"})

    def reached(self) -> pd.DataFrame:
        """Draw × target (indicator, year): each draw's growth (or level) in the target year."""
        ds = self._run.dataset("ensemble")
        return pd.DataFrame(ds["reached"].values, index=pd.Index(ds["draw"].values, name="draw"),
                            columns=self._target_labels(ds))

    def indicator(self, name: str = "gdp") -> pd.DataFrame:
        """Draw × year: an indicator in every draw."""
        ds = self._run.dataset("ensemble/indicators")
        if name not in ds:
            raise KeyError(f"no indicator {name!r} in the ensemble; it has {', '.join(ds.data_vars)}")
        return ds[name].to_pandas()

    def bands(self, name: str = "gdp") -> pd.DataFrame:
        """Quantile (0.05 … 0.95) × year of an indicator; `output` or `value_added` give
        quantile × year × sector as a frame indexed by (quantile, year)."""
        if name in ("output", "value_added"):
            data = self._run.dataset("ensemble/bands")[name]
            return data.to_dataframe().unstack("sector")[name]
        ds = self._run.dataset("ensemble/indicator_bands")
        if name not in ds:
            raise KeyError(f"no indicator {name!r} in the ensemble; it has {', '.join(ds.data_vars)}")
        return ds[name].to_pandas()

    def sensitivity(self, method: str = "spearman") -> pd.DataFrame:
        """Parameter × target (indicator, year): `spearman`, or with `sensitivity: sobol`,
        `first_order` or `total`."""
        ds = self._run.dataset("ensemble/sensitivity")
        if method not in ds:
            raise KeyError(f"no {method!r} sensitivity in this ensemble; it has {', '.join(ds.data_vars)}")
        labels = self._target_labels(self._run.dataset("ensemble"))
        return pd.DataFrame(ds[method].values, index=pd.Index(ds["parameter"].values, name="parameter"),
                            columns=labels)
