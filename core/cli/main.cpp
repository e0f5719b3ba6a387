// Entry point of koppelkans-cli.
#include <iostream>

#include "core/cli/cli.h"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    kk::cli::Context ctx{std::cout, std::cerr};
    return kk::cli::run(args, ctx);
}
