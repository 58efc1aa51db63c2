#pragma once
// Loading a catalogue from YAML text (the caller reads the file). Loading is strict: unknown
// keys, duplicate keys, wrong types, unknown categories / figures / levels / grades / channels /
// sensitive factors, duplicate rule ids and impossible thresholds all fail with an Error that
// FormatLoadError renders with the file name, line and bad value. See data/standards/default.yaml
// for the format, documented there by example.
#include <string_view>

#include "core/error.h"
#include "standards/catalogue.h"

namespace shaobing {

// Parses the structure only (types, keys, enumerations); no cross-reference checks.
Result<CatalogueSpec> ParseCatalogueSpec(std::string_view yaml_text, std::string_view file_name);

// ParseCatalogueSpec, then Catalogue::Build (validation and compilation).
Result<Catalogue> LoadCatalogue(std::string_view yaml_text, std::string_view file_name);

}  // namespace shaobing
