"""Shared fixtures for the Python tests: where the regsim binary and the source tree are."""

import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def regsim_bin():
    path = os.environ.get("REGSIM_BIN")
    if not path:
        pytest.fail("REGSIM_BIN is not set: run the Python tests through ctest (cmake --workflow --preset dev)")
    return pathlib.Path(path)


@pytest.fixture(scope="session")
def run_regsim(regsim_bin):
    """Runs regsim from the source tree and returns the CompletedProcess (text mode)."""

    def run(*args, cwd=SOURCE_DIR, env=None):
        # English results whatever the machine's locale, unless a test asks otherwise; a variable
        # given as None is removed.
        merged = {**os.environ, "REGSIM_LANG": "en", **(env or {})}
        environment = {key: value for key, value in merged.items() if value is not None}
        return subprocess.run([str(regsim_bin), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                              timeout=120, env=environment)

    return run
