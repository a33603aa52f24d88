"""The example notebook is stored with its outputs, and running it again (nbclient, the Debian
kernel) gives the same cells and outputs: the same kinds in the same places, the same text up to
the last digits (kernels of the linear algebra differ between machines), no warning and no error."""

import pathlib
import re

import nbformat
import pytest
from nbclient import NotebookClient

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOK = SOURCE_DIR / "analysis/notebooks/jinzhong-what-ifs.ipynb"
DIGITS = re.compile(r"\d+")


def shape(notebook):
    """Per code cell, its outputs as (kind, mime types, text with digits masked); figures by kind only."""
    cells = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            cells.append((cell.cell_type, cell.source))
            continue
        outputs = []
        for output in cell.outputs:
            data = output.get("data", {})
            text = output.get("text", "") if output.output_type == "stream" else data.get("text/plain", "")
            if "image/png" in data:
                text = "<figure>"
            entry = (output.output_type, output.get("name", ""), tuple(sorted(data)), DIGITS.sub("#", text))
            # A stream arrives in pieces that depend on timing: pieces in a row are one output.
            if outputs and entry[0] == "stream" and outputs[-1][:2] == entry[:2]:
                entry = (*entry[:3], outputs.pop()[3] + entry[3])
            outputs.append(entry)
        cells.append(("code", cell.source, tuple(outputs)))
    return cells


@pytest.fixture(scope="module")
def executed(regsim_bin, tmp_path_factory):
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("REGSIM_BIN", str(regsim_bin))
    monkeypatch.setenv("REGSIM_NOTEBOOK_RUNS", str(tmp_path_factory.mktemp("runs")))
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel draws inline
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # quiets ipykernel's debugger note
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # Runs in the notebook's folder, as Jupyter would; a failing cell raises CellExecutionError.
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    monkeypatch.undo()
    return notebook


def test_notebook_is_stored_with_its_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count is not None for cell in code)
    images = [o for cell in code for o in cell.outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 5


def test_running_it_again_gives_the_stored_notebook(executed):
    stored = nbformat.read(NOTEBOOK, as_version=4)
    assert shape(executed) == shape(stored)


def test_it_tells_the_story_in_plain_tables_without_warnings(executed):
    outputs = [o for cell in executed.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not [o for o in outputs if o.output_type == "error"]
    texts = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    assert "Styler" not in texts and "e-1" not in texts  # plain tables, no exponent
    assert "0 of 7 targets met." in texts
    assert "Manufacturing value added in 2024: the plan asks +12.00 %" in texts
    assert "every target met" in texts  # the seek cell printed its answer
    assert "extra sales of the chains' core products needed:" in texts
    assert "year-to-date growth" in texts  # the rule's firings, from the event log
    assert "manufacturing +12 %: P(met) =" in texts  # the ensemble section ran
    assert "targets met that the plan misses: Retail sales of consumer goods" in texts
    assert "制造业增加值（2024年）" in texts
