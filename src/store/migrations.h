#pragma once
// Numbered SQL migrations, compiled in from store/migrations/NNNN_name.sql, applied in order,
// each in its own transaction and recorded in schema_migrations.
#include <vector>

namespace shaobing {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& Migrations();
inline int LatestSchemaVersion() { return Migrations().empty() ? 0 : Migrations().back().version; }

}  // namespace shaobing
