"""The examples in docs/ are real: they are extracted from the pages and run."""

import pathlib
import re

import pytest

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]


def code_blocks(page):
    """The fenced blocks of a Markdown page, without their fences."""
    blocks, current = [], None
    for line in (SOURCE_DIR / page).read_text().splitlines(keepends=True):
        if line.startswith("```"):
            if current is None:
                current = []
            else:
                blocks.append("".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def test_table_format_example_is_a_valid_table(run_regsim, tmp_path):
    blocks = code_blocks("docs/table-format.md")
    table = next(b for b in blocks if b.startswith("code,  coal, steel"))
    sectors = next(b for b in blocks if b.startswith("code,name,name_zh,groups\ncoal"))
    satellites = next(b for b in blocks if b.startswith("code,employment,co2\ncoal"))
    (tmp_path / "table.csv").write_text(table)
    (tmp_path / "sectors.csv").write_text(sectors)
    (tmp_path / "satellites.csv").write_text(satellites)
    (tmp_path / "s.yaml").write_text(
        "regsim: 1\nname: doc-example\ntime: {start: 2024-01-01, end: 2024-12-31}\n"
        "economy:\n  table: table.csv\n  sectors: sectors.csv\n  satellites: satellites.csv\n"
        "  satellite_units: {employment: persons, co2: \"t CO2\"}\n  units: \"10k CNY\"\n  base_year: 2023\n"
        "  final_demand: {household: HH, government: GOV, gfcf: GFCF, inventory: INV, exports: EXP}\n"
        "  value_added: {compensation: COMP, taxes: TAX, depreciation: DEP, surplus: OS}\n"
        "  households: endogenous\n")
    result = run_regsim("check", tmp_path / "s.yaml")
    assert result.returncode == 0, result.stderr
    assert "GDP 1,000 by production, 1,000 by expenditure (10k CNY)" in result.stdout


# Lines whose content changes from run to run (timings, creation times, machine-dependent digits).
VOLATILE = re.compile(r"reciprocal condition|^wrote .* in [0-9.]+ s( \(it replaced an earlier file of that name\))?$|written by regsim")


NUMBER = re.compile(r"-?\d+\.\d+(?:e[-+]?\d+)?")


def same_up_to_rounding(got, want):
    """Equal text, except full-precision numbers may differ in their last digits (1e-12 relative):
    the linear algebra library picks kernels by processor, so the last bits vary between machines."""
    if got == want:
        return True
    got_numbers, want_numbers = NUMBER.findall(got), NUMBER.findall(want)
    if NUMBER.sub("#", got) != NUMBER.sub("#", want) or len(got_numbers) != len(want_numbers):
        return False
    return all(abs(float(a) - float(b)) <= 1e-12 * max(abs(float(a)), abs(float(b)), 1e-300)
               for a, b in zip(got_numbers, want_numbers))


@pytest.mark.parametrize("page, at_least", [("docs/cli.md", 6), ("docs/whatif.md", 2)])
def test_pages_show_what_regsim_prints(run_regsim, page, at_least):
    checked = 0
    for block in code_blocks(page):
        lines = block.splitlines()
        if not lines or not lines[0].startswith("$ regsim "):
            continue
        args = lines[0][len("$ regsim "):].split()
        result = run_regsim(*args)
        assert result.returncode == 0, result.stderr
        shown = [line for line in lines[1:] if not VOLATILE.search(line)]
        printed = [line for line in result.stdout.splitlines() if not VOLATILE.search(line)]
        # A block may show only the start of a long output.
        assert len(printed) >= len(shown)
        for got, want in zip(printed, shown):
            assert same_up_to_rounding(got, want), f"printed:\n{got}\ndocumented:\n{want}"
        checked += 1
    assert checked >= at_least
