"""An interrupted run leaves nothing behind: SIGINT, SIGTERM or SIGHUP while the run file is being
written removes the temporary file and ends regsim with the signal; a temporary file a killed run
left (its process gone) is removed by the next run writing to the same name."""

import os
import pathlib
import signal
import subprocess
import time

import pytest

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]


def long_write_scenario(tmp_path):
    """Jinzhong with daily reports over ten years: a run file of tens of MB, written for a while."""
    path = tmp_path / "long.yaml"
    path.write_text(f"regsim: 1\nextends: {SOURCE_DIR / 'scenarios' / 'jinzhong-2024.yaml'}\nname: long\n"
                    "time: {start: 2024-01-01, end: 2033-12-31, report: daily}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_the_write_removes_the_temporary_file(regsim_bin, tmp_path, sig):
    scenario = long_write_scenario(tmp_path)
    out = tmp_path / "out" / "long.h5"
    out.parent.mkdir()
    process = subprocess.Popen([str(pathlib.Path(regsim_bin).resolve()), "run", str(scenario), "-o", str(out), "--quiet"], cwd=tmp_path,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    temporary = out.parent / f".long.h5.tmp-{process.pid}"
    deadline = time.monotonic() + 120
    while not temporary.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.0005)
    assert temporary.exists(), "the run finished before its file could be interrupted"
    process.send_signal(sig)
    process.wait(timeout=60)
    assert process.returncode == -sig  # ended by the signal itself: a shell shows 128 + signal
    assert list(out.parent.iterdir()) == []


def test_a_killed_runs_leftover_is_removed(run_regsim, tmp_path):
    pid = 4_000_000
    while pathlib.Path(f"/proc/{pid}").exists():
        pid += 1
    leftover = tmp_path / f".run.h5.tmp-{pid}"
    leftover.write_bytes(b"half a file")
    mine = tmp_path / f".run.h5.tmp-{os.getpid()}"  # a live process's file stays
    mine.write_bytes(b"in progress")
    other = tmp_path / f".other.h5.tmp-{pid}"       # another name's file is not this run's business
    other.write_bytes(b"not mine")
    result = run_regsim("run", "scenarios/examples/miller-blair.yaml", "-o", tmp_path / "run.h5", "--quiet")
    assert result.returncode == 0, result.stderr
    assert not leftover.exists()
    assert mine.exists() and other.exists()
