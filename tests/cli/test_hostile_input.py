"""Input that would hang regsim or eat the machine is refused at once with a clear message: files
that are not regular files (devices, FIFOs, folders), files over the size limit, YAML whose
aliases stand for billions of values."""

import os
import resource
import shutil
import signal
import pathlib
import subprocess
import time

import pytest

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = SOURCE_DIR / "scenarios" / "examples" / "miller-blair.yaml"


def run(regsim_bin, *args, env=None, cwd=SOURCE_DIR):
    started = time.monotonic()
    result = subprocess.run([str(regsim_bin), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=30,
                            env={**os.environ, **(env or {})})
    return result, time.monotonic() - started


def extending(tmp_path, target):
    path = tmp_path / "child.yaml"
    path.write_text(f"regsim: 1\nextends: {target}\nname: child\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("target,kind", [("/dev/zero", "a device"), ("/tmp", "a folder")])
def test_extends_naming_a_device_or_folder_is_refused(regsim_bin, tmp_path, target, kind):
    result, _ = run(regsim_bin, "check", extending(tmp_path, target))
    assert result.returncode == 3
    assert f"child.yaml:2:10: extends: expected a regular file as the scenario file, found {kind}" in result.stderr


def test_extends_naming_a_fifo_does_not_hang(regsim_bin, tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result, seconds = run(regsim_bin, "check", extending(tmp_path, fifo))
    assert result.returncode == 3
    assert "found a FIFO (named pipe)" in result.stderr
    assert seconds < 5


@pytest.mark.parametrize("command", ["check", "build-table"])
def test_a_device_as_the_file_itself_is_refused(regsim_bin, tmp_path, command):
    args = [command, "/dev/zero"] + (["-o", tmp_path / "t"] if command == "build-table" else [])
    result, seconds = run(regsim_bin, *args)
    assert result.returncode == 3
    assert "/dev/zero: expected a regular file as the" in result.stderr
    assert seconds < 5


def test_files_over_the_size_limit_are_refused_and_the_limit_can_be_raised(regsim_bin, tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text(EXAMPLE.read_text(encoding="utf-8").replace("data/", str(EXAMPLE.parent / "data") + "/")
                   + "# padding\n" * 200_000, encoding="utf-8")
    result, _ = run(regsim_bin, "check", big, env={"REGSIM_MAX_INPUT_MB": "1"})
    assert result.returncode == 3
    assert "big.yaml: the scenario file is 2.0 MB; a scenario file may be at most 1 MB" in result.stderr
    result, _ = run(regsim_bin, "check", big, env={"REGSIM_MAX_INPUT_MB": "3"})
    assert result.returncode == 0, result.stderr


def test_an_alias_bomb_is_refused_in_under_a_second(regsim_bin, tmp_path):
    # Nine levels of nine aliases: 9^9 (387 million) values from about 300 bytes.
    names = "abcdefghij"
    lines = ["a: &a [x]"]
    for level in range(1, 10):
        lines.append(f"{names[level]}: &{names[level]} [" + ",".join([f"*{names[level - 1]}"] * 9) + "]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert bomb.stat().st_size < 350
    result, seconds = run(regsim_bin, "check", bomb)
    assert result.returncode == 3
    assert "bomb.yaml:1:1: the document stands for more values than its text could hold" in result.stderr
    assert seconds < 1.0


def test_an_empty_output_name_is_a_usage_error(regsim_bin, tmp_path):
    for command in (["run", EXAMPLE], ["seek", SOURCE_DIR / "scenarios" / "examples" / "miller-blair-seek.yaml"]):
        result, _ = run(regsim_bin, *command, "-o", "", cwd=tmp_path)
        assert result.returncode == 2
        assert "--output: expected a file name, found an empty one" in result.stderr
        assert list(tmp_path.iterdir()) == []  # nothing written under a default name


@pytest.mark.parametrize("setting,key", [("extends=other.yaml", "extends"), ("remove_events=[slump]", "remove_events")])
def test_set_refuses_keys_resolved_before_it(regsim_bin, tmp_path, setting, key):
    result, _ = run(regsim_bin, "run", EXAMPLE, "-o", tmp_path / "x.h5", "--set", setting)
    assert result.returncode == 3
    assert f"--set:1:1: {key}: cannot be set with --set: it is resolved before --set applies" in result.stderr
    assert not (tmp_path / "x.h5").exists()


def test_messages_never_echo_a_whole_file_or_control_bytes(run_regsim, tmp_path):
    # A file that is not a scenario, and a value with a terminal escape and 3,000 characters.
    text_file = tmp_path / "notes.txt"
    text_file.write_text("root:x:0:0:root:/root:/bin/bash " * 200)
    result = run_regsim("check", text_file)
    assert result.returncode == 3
    assert len(result.stderr.splitlines()[0]) < 250
    assert "… (6399 bytes)" in result.stderr  # YAML drops the trailing blank
    scenario = tmp_path / "s.yaml"
    scenario.write_text('regsim: 1\nname: x\ntime: {start: 2024-01-01, end: 2024-12-31, report: "month\\x1b[31m'
                        + "a" * 3000 + '"}\n')
    result = run_regsim("check", scenario)
    assert result.returncode == 3
    assert "\x1b" not in result.stderr
    assert 'found "month\\x1b[31maaa' in result.stderr
    assert "(3010 bytes)" in result.stderr


def test_files_in_other_encodings_or_cr_line_ends_are_named(run_regsim, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    cases = {"utf16.yaml": (text.encode("utf-16"), "is saved as UTF-16 (little-endian): save it as UTF-8"),
             "utf16be.yaml": (text.encode("utf-16-be"), "UTF-16 (big-endian, no byte-order mark)"),
             "utf32.yaml": (text.encode("utf-32"), "is saved as UTF-32 (little-endian)"),
             "mac.yaml": (text.replace("\n", "\r").encode(), "ends its lines with CR only (old Mac text)")}
    for name, (data, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = run_regsim("check", path)
        assert result.returncode == 3, name
        assert message in result.stderr, (name, result.stderr)
    # CRLF is fine.
    crlf = tmp_path / "examples"
    shutil.copytree(SOURCE_DIR / "scenarios" / "examples", crlf)
    scenario = crlf / "miller-blair.yaml"
    scenario.write_bytes(scenario.read_bytes().replace(b"\n", b"\r\n"))
    assert run_regsim("check", scenario).returncode == 0
    # A table saved as UTF-16 is named at the key that points to it.
    table = crlf / "data" / "miller-blair-table.csv"
    table.write_bytes(table.read_text(encoding="utf-8").encode("utf-16"))
    result = run_regsim("check", scenario)
    assert result.returncode == 3
    assert "saved as UTF-16" in result.stderr


def test_a_nearly_singular_table_is_warned_about(run_regsim, tmp_path):
    # Column sums of A are 1 - 1e-10: I - A is productive but close to singular.
    (tmp_path / "sectors.csv").write_text("code,name\ns1,One\ns2,Two\n")
    (tmp_path / "table.csv").write_text("code,s1,s2,HH\n"
                                        "s1,500,500,0\n"
                                        "s2,499.9999999,499.9999999,0.0000002\n"
                                        "imports,0,0,0\n"
                                        "COMP,0.0000001,0.0000001,\n")
    (tmp_path / "s.yaml").write_text("regsim: 1\nname: near-singular\n"
                                     "time: {start: 2024-01-01, end: 2024-12-31}\n"
                                     "economy: {table: table.csv, sectors: sectors.csv, units: USD, base_year: 2023,\n"
                                     "          final_demand: {household: HH}, value_added: {compensation: COMP}}\n")
    for command in ("check", "multipliers"):
        result = run_regsim(command, tmp_path / "s.yaml")
        assert result.returncode == 0, result.stderr
        assert "regsim: warning: I - A is close to singular (reciprocal condition" in result.stderr
        assert "the largest column sum of A is 0.9999999999" in result.stderr
    # The Miller & Blair table is far from singular: no warning.
    assert "warning" not in run_regsim("multipliers", EXAMPLE).stderr


def test_a_run_that_would_not_fit_in_memory_is_refused_before_it_starts(regsim_bin, tmp_path):
    out = tmp_path / "daily.h5"
    arguments = [str(regsim_bin), "run", "scenarios/jinzhong-2024.yaml", "--set", "time.report=daily", "-o", str(out)]
    refused = subprocess.run(arguments, cwd=SOURCE_DIR, capture_output=True, text=True, timeout=60,
                             env={**os.environ, "REGSIM_MAX_MEMORY_MB": "2"})
    assert refused.returncode == 3
    assert "time: this run would need about 6.46 MiB of memory (1,096 report dates × 55 sectors × 6 quantities" \
        in refused.stderr and "and 2 MiB is available" in refused.stderr
    assert not out.exists()
    allowed = subprocess.run(arguments + ["-q"], cwd=SOURCE_DIR, capture_output=True, text=True, timeout=60,
                             env={**os.environ, "REGSIM_MAX_MEMORY_MB": "16"})
    assert allowed.returncode == 0, allowed.stderr


def test_a_run_file_that_cannot_be_written_whole_leaves_nothing(regsim_bin, tmp_path):
    # A file size limit of 64 KiB stands for a full disk: the default run file (300 KiB) is written
    # when it is closed, and that write fails.
    old = tmp_path / "jinzhong.h5"
    old.write_bytes(b"an earlier run file")

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() fails with EFBIG instead of a signal
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 << 10, 64 << 10))

    result = subprocess.run([str(regsim_bin), "run", "-o", old, "--quiet"], cwd=SOURCE_DIR, capture_output=True,
                            text=True, timeout=60, preexec_fn=limited)
    assert result.returncode == 5, result.stderr
    assert f"regsim: output error: cannot write {old} (as {tmp_path}/.jinzhong.h5.tmp-" in result.stderr
    assert "File too large; nothing was written" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["jinzhong.h5"]  # no temporary file left
    assert old.read_bytes() == b"an earlier run file"
