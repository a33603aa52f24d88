"""Every shipped scenario's run file holds what it held when its fingerprint was recorded: a
refactoring that changes a number, a label, a unit or the layout shows here, by name. A change that
is meant (new economics, a new layout) re-records the fingerprints with `fingerprint.py update` and
the diff of tests/golden/*.json is reviewed with it."""

import json

import pytest

import fingerprint


def test_every_shipped_scenario_has_a_fingerprint():
    recorded = sorted(p.name for p in fingerprint.GOLDEN_DIR.glob("*.json"))
    expected = sorted(fingerprint.golden_path(s).name for s in fingerprint.shipped_scenarios())
    assert recorded == expected


@pytest.mark.parametrize("scenario", fingerprint.shipped_scenarios())
def test_run_file_is_unchanged(scenario, regsim_bin, tmp_path):
    actual = fingerprint.file_fingerprint(fingerprint.run_scenario(regsim_bin, scenario, tmp_path))
    expected = json.loads(fingerprint.golden_path(scenario).read_text(encoding="utf-8"))
    assert fingerprint.differences(expected, actual) == []


def test_a_changed_value_is_noticed(regsim_bin, tmp_path):
    # The comparison itself must be able to fail: one number moved by a part in a million shows.
    scenario = "scenarios/examples/miller-blair.yaml"
    actual = fingerprint.file_fingerprint(fingerprint.run_scenario(regsim_bin, scenario, tmp_path))
    expected = json.loads(fingerprint.golden_path(scenario).read_text(encoding="utf-8"))
    entry = actual["/yearly/output"]["value"]
    entry["weighted"] *= 1 + 1e-6
    assert fingerprint.differences(expected, actual) == [
        "/yearly/output: values changed (sum {0!r} became {0!r})".format(entry["sum"])]
