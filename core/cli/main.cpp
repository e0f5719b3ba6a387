// Entry point of koppelkans-cli-full: every command (the lean koppelkans-cli hands over here).
#include <iostream>

#include "core/cli/cli.h"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    kk::cli::Context ctx{std::cout, std::cerr, false, {}};
    return kk::cli::run(args, ctx);
}
