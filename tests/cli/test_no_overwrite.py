"""No command writes over one of its own inputs: the scenario, what it extends, the table's files,
a recipe and its sources. Files are compared by identity, so another name for the same file (a
hard or symbolic link, a path through `..`) is refused too, and the input is left as it was."""

import os
import pathlib
import shutil

import pytest

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture
def scenario_copy(tmp_path):
    """The Miller & Blair example and its data, copied where the test may damage them."""
    shutil.copytree(SOURCE_DIR / "scenarios" / "examples", tmp_path / "examples")
    return tmp_path / "examples"


def unchanged(path, before):
    return path.read_bytes() == before


@pytest.mark.parametrize("target", ["miller-blair.yaml", "data/miller-blair-table.csv", "data/miller-blair-sectors.csv"])
def test_run_refuses_to_write_over_its_inputs(run_regsim, scenario_copy, target):
    victim = scenario_copy / target
    before = victim.read_bytes()
    result = run_regsim("run", scenario_copy / "miller-blair.yaml", "-o", victim)
    assert result.returncode == 3
    assert f'-o: "{victim}" is an input of this command; write the output to another file' in result.stderr
    assert unchanged(victim, before)


def test_another_name_for_the_input_is_refused(run_regsim, scenario_copy, tmp_path):
    scenario = scenario_copy / "miller-blair.yaml"
    before = scenario.read_bytes()
    hard, soft = tmp_path / "hard.h5", tmp_path / "soft.h5"
    os.link(scenario, hard)
    os.symlink(scenario, soft)
    dotted = scenario_copy / "data" / ".." / "miller-blair.yaml"
    for other in (hard, soft, dotted):
        result = run_regsim("run", scenario, "-o", other)
        assert result.returncode == 3, other
        assert f'-o: "{other}" is the same file as "{scenario}", an input of this command' in result.stderr
    assert unchanged(scenario, before)


def test_an_inherited_file_is_an_input(run_regsim, scenario_copy):
    base = scenario_copy / "miller-blair.yaml"
    before = base.read_bytes()
    result = run_regsim("run", scenario_copy / "miller-blair-projects.yaml", "-o", base)
    assert result.returncode == 3
    assert unchanged(base, before)


def test_seek_and_chains_refuse_too(run_regsim, scenario_copy):
    scenario = scenario_copy / "miller-blair-seek.yaml"
    before = scenario.read_bytes()
    result = run_regsim("seek", scenario, "-o", scenario_copy / "sought.h5", "--write-scenario", scenario)
    assert result.returncode == 3
    assert "--write-scenario:" in result.stderr
    assert unchanged(scenario, before)
    table = scenario_copy / "data" / "miller-blair-table.csv"
    table_before = table.read_bytes()
    result = run_regsim("chains", scenario_copy / "miller-blair.yaml", "--dot", table)
    assert result.returncode == 3
    assert "--dot:" in result.stderr
    assert unchanged(table, table_before)


def test_build_table_refuses_to_replace_its_source(run_regsim, tmp_path):
    # The national table under the names build-table writes, in the folder it is asked to write to.
    data = SOURCE_DIR / "scenarios" / "examples" / "data"
    source = tmp_path / "national"
    source.mkdir()
    for theirs, ours in (("table", "table"), ("sectors", "sectors"), ("satellites", "satellites")):
        shutil.copy(data / f"miller-blair-{theirs}.csv", source / f"{ours}.csv")
    shutil.copy(SOURCE_DIR / "tests" / "data" / "recipes" / "regional_sectors.csv", tmp_path / "regional_sectors.csv")
    text = (SOURCE_DIR / "tests" / "data" / "recipes" / "measures_recipe.yaml").read_text(encoding="utf-8")
    text = text.replace("../../../scenarios/examples/data/miller-blair-", "national/")
    recipe = tmp_path / "recipe.yaml"
    recipe.write_text(text, encoding="utf-8")
    assert run_regsim("build-table", recipe, "-o", tmp_path / "elsewhere").returncode == 0  # the recipe itself works
    before = {p.name: p.read_bytes() for p in source.iterdir()}
    result = run_regsim("build-table", recipe, "-o", source)
    assert result.returncode == 3, result.stderr
    assert f'-o: "{source / "sectors.csv"}" is an input of this command' in result.stderr
    assert {p.name: p.read_bytes() for p in source.iterdir()} == before
