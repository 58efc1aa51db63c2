#pragma once
// The region tree and the unit registry, held in memory for validation and permission
// checks on the hot path, loaded from the store and replaced whole after an import.
// Readers take a snapshot (shared_ptr) and never see a half-updated directory.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/directory_snapshot.h"
#include "core/thread_annotations.h"
#include "store/store.h"

namespace shaobing {

class Directory {
 public:
  // Reloads from the store; keeps the previous snapshot when the store's data is invalid.
  Status Reload(Store& store);
  std::shared_ptr<const DirectorySnapshot> Get() const;

 private:
  mutable Mutex mu_;
  std::shared_ptr<const DirectorySnapshot> current_ GUARDED_BY(mu_) = std::make_shared<DirectorySnapshot>();
};

}  // namespace shaobing
