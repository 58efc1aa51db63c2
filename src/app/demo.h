#pragma once
// The demo region: the gazetteer, the units, demo accounts and a few days of realistic
// reports (data/demo/*.yaml), replayed through the same services as live traffic, with a
// manual clock so that each report is received at its moment in the past.
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "store/audit_anchor.h"

namespace shaobing {

struct DemoAccount {
  std::string name, password, role, display;
  std::string unit, region;  // as the role needs
};

struct DemoSeedResult {
  std::vector<DemoAccount> accounts;
  int events = 0;
  int reports = 0;
  int history_reports = 0;  // of which the simulated week before the scenario (demo_history.h)
  bool already_seeded = false;
};

// Reads the demo accounts (data/demo/accounts.yaml, UTF-8: a non-empty list `accounts` of
// name, password, role and optional display, unit, region). `file` names the file in errors.
Result<std::vector<DemoAccount>> ParseDemoAccounts(const std::string& text, const std::string& file);

// Seeds the database in `db_dir` (created when missing) once; a second call finds the demo
// accounts and only returns them. `now` anchors the scenario's minute offsets. The audit
// chain is anchored as `audit_anchor` says (the server's options: "" = beside the database).
Result<DemoSeedResult> SeedDemo(const std::string& db_dir, const std::string& files_dir, TimePoint now,
                                const AuditAnchorOptions& audit_anchor = {});

}  // namespace shaobing
