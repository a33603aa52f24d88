"""The example notebook runs from top to bottom with the Debian kernel (nbclient), every cell."""

import pathlib

import nbformat
from nbclient import NotebookClient

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOK = SOURCE_DIR / "analysis/notebooks/jinzhong-what-ifs.ipynb"


def test_notebook_is_stored_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_notebook_executes(regsim_bin, tmp_path, monkeypatch):
    monkeypatch.setenv("REGSIM_BIN", str(regsim_bin))
    monkeypatch.setenv("REGSIM_NOTEBOOK_RUNS", str(tmp_path / "runs"))
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel draws inline
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # quiets ipykernel's debugger note
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # Runs in the notebook's folder, as Jupyter would; a failing cell raises CellExecutionError.
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 4
    assert any("manufacturing_va" in str(o.get("data", {}).get("text/html", "")) for o in outputs)
    texts = [str(o.get("text", "")) + str(o.get("data", {})) for o in outputs]
    assert any("every target met" in t for t in texts)  # the seek cell printed its answer
    assert any("year-to-date growth" in t for t in texts)  # the rule's firings, from the event log
    assert any("manufacturing +12 %: P(met) =" in t for t in texts)  # the ensemble section ran
