"""regsim-mpi: an ensemble split across MPI ranks gives the file one process gives."""

import os
import shutil
import subprocess

import h5py
import numpy as np
import pytest

from test_ensemble import datasets

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="module")
def mpirun():
    """mpirun and regsim-mpi, both installed by scripts/setup.sh (libopenmpi-dev, openmpi-bin)."""
    launcher = shutil.which("mpirun")
    binary = os.environ.get("REGSIM_MPI_BIN")
    if not launcher or not binary:
        pytest.fail("mpirun or regsim-mpi is missing: run scripts/setup.sh (it installs Open MPI), then reconfigure")
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1")

    def run(ranks, *args):
        return subprocess.run([launcher, "--oversubscribe", "-n", str(ranks), binary, *map(str, args)], cwd=SOURCE_DIR,
                              env=env, capture_output=True, text=True, timeout=300)

    return run


@pytest.mark.parametrize("scenario, draws", [("scenarios/jinzhong-2024.yaml", 37),
                                             ("tests/data/scenarios/ensemble_sobol.yaml", 50)])
def test_one_two_and_four_ranks_write_the_same_ensemble(mpirun, run_regsim, tmp_path, scenario, draws):
    single = tmp_path / "single.h5"
    assert run_regsim("ensemble", scenario, "--draws", draws, "-o", single, "-q").returncode == 0
    expected = datasets(single)
    for ranks in (1, 2, 4):
        out = tmp_path / f"ranks{ranks}.h5"
        result = mpirun(ranks, "ensemble", scenario, "--draws", draws, "--threads", 1, "-o", out)
        assert result.returncode == 0, result.stderr
        assert result.stdout.count("wrote ") == 1  # rank 0 alone prints and writes
        found = datasets(out)
        assert found.keys() == expected.keys()
        for name, values in expected.items():
            assert np.array_equal(values, found[name], equal_nan=values.dtype.kind == "f"), (ranks, name)


def test_an_invalid_draw_is_reported_once(mpirun, tmp_path):
    result = mpirun(3, "ensemble", "tests/data/scenarios/ensemble_invalid.yaml", "-o", tmp_path / "x.h5")
    assert result.returncode == 3
    assert result.stderr.count("uncertainty.parameters[0]: draw 0: shifting online by -400 days") == 1
    assert not (tmp_path / "x.h5").exists()
