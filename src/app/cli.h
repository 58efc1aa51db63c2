#pragma once
// The `shaobing` command line (CONTRACTS.md §3). Exit status: 0 success, 1 failure of the
// checked thing (a broken audit chain), 2 bad input with a one-line error on stderr.
namespace shaobing {
int RunCli(int argc, char** argv);
}  // namespace shaobing
