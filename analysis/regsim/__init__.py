"""Read regsim run files in Python: `regsim.load("run.h5")` gives labelled pandas and xarray views of
everything a run wrote (docs/hdf5-layout.md); `regsim.compare` lines runs up; `regsim.plots` draws
them; `python3 -m regsim report` writes a self-contained HTML page."""

from .run import FORMAT_VERSION, Run, RunFormatError, load
from .compare import compare

__all__ = ["FORMAT_VERSION", "Run", "RunFormatError", "compare", "load"]
