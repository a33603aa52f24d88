"""regsim init: a commented scenario a user edits, valid as written and with its examples used."""

import pytest


@pytest.mark.parametrize("base", ["jinzhong-2024", "miller-blair", "consumption-vouchers"])
def test_init_writes_a_scenario_that_checks_with_and_without_its_examples(run_regsim, tmp_path, base):
    made = run_regsim("init", "mine", "--from", base, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    scenario = tmp_path / "mine.yaml"
    text = scenario.read_text(encoding="utf-8")
    assert "extends: " in text and "name: mine" in text
    assert run_regsim("check", scenario, cwd=tmp_path).returncode == 0
    # Deleting the "# " of every example (lines starting "##" explain and stay comments) gives a
    # scenario that checks, with the examples' events in it, and runs.
    used = tmp_path / "used.yaml"
    used.write_text("\n".join(line[2:] if line.startswith("# ") else line for line in text.splitlines()) + "\n",
                    encoding="utf-8")
    checked = run_regsim("check", used, cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    ran = run_regsim("run", used, "-o", tmp_path / "used.h5", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    info = run_regsim("info", tmp_path / "used.h5")
    assert "my-vouchers" in info.stdout and "my-plant" in info.stdout and "my-price" in info.stdout


def test_init_never_replaces_a_file_and_names_what_it_needs(run_regsim, tmp_path):
    (tmp_path / "mine.yaml").write_text("keep me\n")
    again = run_regsim("init", "mine", cwd=tmp_path)
    assert again.returncode == 5 and "mine.yaml exists" in again.stderr
    assert (tmp_path / "mine.yaml").read_text() == "keep me\n"
    unknown = run_regsim("init", "other", "--from", "jinzhong-2042", cwd=tmp_path)
    assert unknown.returncode == 3 and "found \"jinzhong-2042\"" in unknown.stderr
    assert not (tmp_path / "other.yaml").exists()
