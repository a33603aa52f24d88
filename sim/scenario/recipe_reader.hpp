#pragma once

#include <filesystem>

#include "regional/recipe.hpp"

namespace regsim {

inline constexpr int recipe_format_version = 1;

/// Reads and validates a table recipe (docs/regionalization.md). Throws InputError listing every
/// problem, each at its file:line:col with its key path.
RegionalRecipe load_recipe(const std::filesystem::path& file);

}  // namespace regsim
