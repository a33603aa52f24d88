"""The analysis package is imported from the source tree (analysis/), as the README documents."""

import os
import pathlib
import subprocess
import sys

import pytest

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
ANALYSIS = SOURCE_DIR / "analysis"
if str(ANALYSIS) not in sys.path:
    sys.path.insert(0, str(ANALYSIS))


@pytest.fixture(scope="session")
def jinzhong_runs(tmp_path_factory, regsim_bin):
    """The default scenario and two what-ifs, run by the C++ engine in this test session."""
    folder = tmp_path_factory.mktemp("runs")
    paths = {}
    for name, scenario in [("default", "scenarios/jinzhong-2024.yaml"),
                           ("no-new-projects", "scenarios/what-if/no-new-projects.yaml"),
                           ("methanol", "scenarios/what-if/methanol-acceleration.yaml")]:
        paths[name] = folder / f"{name}.h5"
        subprocess.run([str(regsim_bin), "run", scenario, "-o", str(paths[name]), "--quiet"], cwd=SOURCE_DIR,
                       check=True)
    return paths


@pytest.fixture(scope="session")
def python_env():
    """The environment for `python3 -m regsim` and notebooks: the package on PYTHONPATH."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(ANALYSIS), env.get("PYTHONPATH", "")] if p)
    return env
