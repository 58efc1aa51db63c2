#pragma once
// The change log of live push on SQLite, for the readers (the writer's side is
// SqliteTransaction::Publish and PurgeChanges).
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace shaobing::sqlite {

// Changes with seq > after_seq, at most `limit`, and the log's bounds, from one snapshot.
Result<ChangePage> QueryChangesAfter(Db& db, std::int64_t after_seq, int limit);

}  // namespace shaobing::sqlite
