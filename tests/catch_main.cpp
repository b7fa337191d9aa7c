// tests: Catch2's main for the compiler and end-to-end tests. With Catch2 2 this file holds
// Catch's implementation; with Catch2 3 the main comes from Catch2::Catch2WithMain.
#define CATCH_CONFIG_MAIN
#include "support/catch.hpp"
