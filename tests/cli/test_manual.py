"""The man page and bash completion the build writes from --help, and what `cmake --install` puts in
place (sim/cli/CMakeLists.txt, scripts/make_manual.py)."""

import pathlib
import shutil
import subprocess

import pytest


@pytest.fixture(scope="module")
def build_dir(regsim_bin):
    return pathlib.Path(regsim_bin).parent


def complete(script, *words):
    """What bash completion offers after `words` (the last one being typed)."""
    line = " ".join(f"'{w}'" for w in words)
    program = f'source "{script}"; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; _regsim; echo "${{COMPREPLY[*]}}"'
    return subprocess.run(["bash", "-c", program], capture_output=True, text=True, check=True).stdout.split()


def test_completion_offers_commands_options_and_choices(build_dir):
    script = build_dir / "regsim.bash"
    assert complete(script, "regsim", "ru") == ["run"]
    assert "init" in complete(script, "regsim", "")
    assert complete(script, "regsim", "run", "--st") == ["--strict"]
    assert complete(script, "regsim", "compare", "a.h5", "--format", "") == ["table", "csv", "json"]
    assert complete(script, "regsim", "convert-table", "a", "b", "--to", "") == ["csv", "hdf5", "pymrio"]
    assert complete(script, "regsim", "--lang", "") == ["en", "zh"]
    assert complete(script, "regsim", "--lang", "zh", "ch") == ["check", "chains"]


@pytest.mark.skipif(shutil.which("help2man") is None, reason="help2man is not installed (scripts/setup.sh installs it)")
def test_the_man_page_holds_every_command(build_dir, run_regsim):
    page = (build_dir / "regsim.1").read_text(encoding="utf-8")
    assert page.startswith(".\\\" DO NOT MODIFY THIS FILE!") and ".TH REGSIM" in page
    commands = ["init", "check", "multipliers", "run", "info", "chains", "compare", "seek", "ensemble",
                "build-table", "convert-table"]
    for command in commands:
        assert f'.SS "regsim {command}"' in page, command
    assert "\\-\\-unit" in page  # roff escapes "-" in the options section, not in the commands' help
    assert "--write-scenario" in page and "亿元" in page


def test_install_puts_the_programs_pages_and_scenarios_in_place(build_dir, tmp_path):
    done = subprocess.run(["cmake", "--install", str(build_dir), "--prefix", str(tmp_path)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    for path in ["bin/regsim", "share/bash-completion/completions/regsim", "share/regsim/scenarios/jinzhong-2024.yaml",
                 "share/regsim/scenarios/data/jinzhong-2023/table.csv"]:
        assert (tmp_path / path).is_file(), path
    if shutil.which("help2man"):
        assert (tmp_path / "share/man/man1/regsim.1").is_file()
    installed = subprocess.run([str(tmp_path / "bin/regsim"), "check", "scenarios/jinzhong-2024.yaml"],
                               cwd=tmp_path / "share/regsim", capture_output=True, text=True, check=False)
    assert installed.returncode == 0, installed.stderr
