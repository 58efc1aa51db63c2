#pragma once
// The data directory holds the database with every password hash and report: only the
// service's own user may enter it (0700), and every file the service creates in it is
// readable by that user alone (umask 077, database files 0600).
#include <string>

#include "core/error.h"

namespace shaobing {

// Creates `dir` when missing, sets it to 0700, restricts the process umask to 077 and sets
// the database files already in it (shaobing.db, -wal, -shm) to 0600. kInvalidArgument
// "file_error" naming the directory when it cannot.
Status PrepareDataDir(const std::string& dir);

// The setting (store settings table) that marks a data directory as a demo one.
inline constexpr char kDemoDataSetting[] = "demo_data";

}  // namespace shaobing
