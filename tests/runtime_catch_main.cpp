// tests: Catch2 main for the runtime tests, built with -fno-exceptions -fno-rtti.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
