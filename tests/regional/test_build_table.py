"""`regsim build-table` and the NBS converter rebuild the shipped tables byte for byte, and the
default scenario runs from anywhere."""

import filecmp
import pathlib
import subprocess
import sys

import pytest

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
RECIPE = "scenarios/data/jinzhong-2023/recipe/jinzhong-2023.yaml"
JINZHONG = SOURCE_DIR / "scenarios/data/jinzhong-2023"
CHINA = SOURCE_DIR / "scenarios/data/china-2020"


def same_files(built, shipped, names):
    for name in names:
        assert filecmp.cmp(built / name, shipped / name, shallow=False), f"{name} differs from the shipped one"


def test_recipe_rebuilds_the_shipped_jinzhong_table(run_regsim, tmp_path):
    result = run_regsim("build-table", RECIPE, "-o", tmp_path / "jz")
    assert result.returncode == 0, result.stderr
    assert "55 sectors from 153 national" in result.stdout
    assert "GDP by production 2,405.5 = by expenditure 2,405.5 (100M CNY)" in result.stdout
    same_files(tmp_path / "jz", JINZHONG, ["sectors.csv", "table.csv", "satellites.csv", "final_imports.csv"])
    assert "final_imports: final_imports.csv" in result.stdout


def test_converter_rebuilds_the_national_table(tmp_path):
    source = CHINA / "source"
    subprocess.run([sys.executable, str(SOURCE_DIR / "scripts/nbs_table.py"), str(source / "china_io_2020_153.csv"),
                    "--concordance", str(source / "concordance_153_to_42_2020.csv"),
                    "--employment", str(source / "china_employment_by_io42_2017_2018.csv"),
                    "--co2", str(source / "china_co2_intensity_by_io42_2017_2018_derived.csv"),
                    "--satellite-year", "2018", "-o", str(tmp_path)], check=True)
    same_files(tmp_path, CHINA, ["sectors.csv", "table.csv", "satellites.csv"])


def test_bad_recipe_is_an_input_error_and_writes_nothing(run_regsim, tmp_path):
    result = run_regsim("build-table", "tests/data/recipes/bad_recipe.yaml", "-o", tmp_path / "out")
    assert result.returncode == 3
    assert "tests/data/recipes/bad_recipe.yaml:2:9: recipe: expected recipe format 1, found 2" in result.stderr
    assert not (tmp_path / "out").exists()


def test_national_table_checks_and_has_its_published_gdp(run_regsim):
    # The NBS 2020 table's GDP (value added) is 1,016,422.0 亿元 (data/china_io_nbs README).
    result = run_regsim("check", "scenarios/data/china-2020/check.yaml")
    assert result.returncode == 0, result.stderr
    assert "GDP 1,016,422 by production" in result.stdout


@pytest.mark.parametrize("cwd", [SOURCE_DIR, None])
def test_run_without_a_scenario_runs_jinzhong(run_regsim, tmp_path, cwd):
    result = run_regsim("run", "-o", tmp_path / "default.h5", cwd=cwd or tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("jinzhong-2024: 2024-01-01 to 2026-12-31")
    assert "manufacturing_va        2024  growth  +12.00 %" in result.stdout


def test_a_failed_write_leaves_the_old_table_whole(run_regsim, tmp_path):
    """build-table writes its files all or nothing: when one cannot be written (here a folder stands
    where table.csv's temporary file would go, as a full disk would stop it), none replaces the old
    files and no temporary file is left."""
    folder = tmp_path / "jz"
    folder.mkdir()
    (folder / "sectors.csv").write_text("old sectors\n")
    (folder / "table.csv").write_text("old table\n")
    (folder / "table.csv.part").mkdir()
    result = run_regsim("build-table", RECIPE, "-o", folder)
    assert result.returncode == 5, result.stderr
    assert "cannot write" in result.stderr
    assert (folder / "sectors.csv").read_text() == "old sectors\n"
    assert (folder / "table.csv").read_text() == "old table\n"
    assert sorted(p.name for p in folder.iterdir()) == ["sectors.csv", "table.csv", "table.csv.part"]
