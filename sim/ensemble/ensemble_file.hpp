#pragma once

#include <filesystem>

#include "ensemble/ensemble.hpp"

namespace regsim {

/// Writes the central run with the ensemble's `/ensemble` groups (docs/hdf5-layout.md), atomically,
/// refusing to replace one of the scenario's own files. Throws OutputError or InputError.
void write_ensemble_file(const std::filesystem::path& path, const ScenarioRun& central, const EnsembleResult& ensemble);

}  // namespace regsim
