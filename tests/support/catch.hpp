// tests: Catch2, version 2 (Debian 12: one header) or 3 (Debian 13: headers and a library).
#pragma once

#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_all.hpp>
#else
#include <catch2/catch.hpp>
#endif
