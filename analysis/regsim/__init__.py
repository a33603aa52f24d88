"""Read regsim run files in Python: `regsim.load("run.h5")` gives labelled pandas and xarray views of
everything a run wrote (docs/hdf5-layout.md); `regsim.compare` lines runs up; `regsim.plots` draws
them; `python3 -m regsim report` writes a self-contained HTML page; `regsim.load_table(scenario)` gives a
table under pymrio's names (Z, Y, x, F; A, L, S, M on demand) and `regsim.to_pymrio` an IOSystem."""

from .run import FORMAT_VERSION, Run, RunFormatError, load
from .compare import compare
from .display import MoneyUnit
from .table import Table, load_table, to_pymrio

__all__ = ["FORMAT_VERSION", "MoneyUnit", "Run", "RunFormatError", "Table", "compare", "load", "load_table",
           "to_pymrio"]
