#include "app/cli.h"

int main(int argc, char** argv) { return shaobing::RunCli(argc, argv); }
