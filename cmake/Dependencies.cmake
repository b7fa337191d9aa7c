# Every dependency comes from a Debian 12 package (scripts/setup installs them).
# FlatBuffers is used header-only (builder, verifier, generated code): no library to link.
find_path(FLATBUFFERS_INCLUDE_DIR flatbuffers/flatbuffers.h REQUIRED)  # libflatbuffers-dev
add_library(sheaf_flatbuffers INTERFACE)
target_include_directories(sheaf_flatbuffers SYSTEM INTERFACE ${FLATBUFFERS_INCLUDE_DIR})

# zstd: the system's libzstd (libzstd-dev), or with SHEAF_ZSTD_SOURCE its decoder compiled from a
# zstd source tree. Cross builds use the latter (tests/cross/run.sh, with the Debian source package
# scripts/setup --embedded unpacks into build-deps/zstd), so that no foreign-architecture package,
# whose version may differ from the host's, is needed. The runtime only decompresses.
set(SHEAF_ZSTD_SOURCE "" CACHE PATH "Compile zstd's decoder from this source tree (runtime only)")
add_library(sheaf_zstd INTERFACE)
if(SHEAF_ZSTD_SOURCE)
  if(SHEAF_BUILD_CLI)
    message(FATAL_ERROR "SHEAF_ZSTD_SOURCE builds zstd's decoder only: use it with "
                        "SHEAF_RUNTIME_ONLY, or from a parent project (add_subdirectory)")
  endif()
  if(NOT EXISTS "${SHEAF_ZSTD_SOURCE}/lib/zstd.h")
    message(FATAL_ERROR "SHEAF_ZSTD_SOURCE=${SHEAF_ZSTD_SOURCE} holds no lib/zstd.h "
                        "(scripts/setup --embedded fetches it into build-deps/zstd)")
  endif()
  set(zstd_lib "${SHEAF_ZSTD_SOURCE}/lib")
  add_library(sheaf_zstd_decoder STATIC
    ${zstd_lib}/common/debug.c ${zstd_lib}/common/entropy_common.c
    ${zstd_lib}/common/error_private.c ${zstd_lib}/common/fse_decompress.c
    ${zstd_lib}/common/xxhash.c ${zstd_lib}/common/zstd_common.c
    ${zstd_lib}/decompress/huf_decompress.c ${zstd_lib}/decompress/zstd_ddict.c
    ${zstd_lib}/decompress/zstd_decompress.c ${zstd_lib}/decompress/zstd_decompress_block.c)
  # Portable C only (the x86-64 assembly Huffman decoder is not for these targets), no legacy
  # formats; the code is zstd's, so its warnings are not ours to fix.
  target_compile_definitions(sheaf_zstd_decoder PRIVATE ZSTD_DISABLE_ASM ZSTD_LEGACY_SUPPORT=0)
  target_compile_options(sheaf_zstd_decoder PRIVATE -w)
  target_include_directories(sheaf_zstd SYSTEM INTERFACE ${zstd_lib})
  target_link_libraries(sheaf_zstd INTERFACE sheaf_zstd_decoder)
  file(READ "${zstd_lib}/zstd.h" zstd_header)
  set(zstd_version "")
  foreach(part MAJOR MINOR RELEASE)
    string(REGEX MATCH "#define ZSTD_VERSION_${part} +([0-9]+)" unused "${zstd_header}")
    list(APPEND zstd_version ${CMAKE_MATCH_1})
  endforeach()
  list(JOIN zstd_version . zstd_version)
  message(STATUS "zstd decoder from source: ${SHEAF_ZSTD_SOURCE} (${zstd_version})")
else()
  find_path(ZSTD_INCLUDE_DIR zstd.h REQUIRED)     # libzstd-dev
  find_library(ZSTD_LIBRARY zstd REQUIRED)
  target_include_directories(sheaf_zstd SYSTEM INTERFACE ${ZSTD_INCLUDE_DIR})
  target_link_libraries(sheaf_zstd INTERFACE ${ZSTD_LIBRARY})
endif()

if(NOT SHEAF_BUILD_CLI)
  return()  # the runtime needs nothing more
endif()

find_program(FLATC flatc REQUIRED)                # flatbuffers-compiler
find_package(nlohmann_json 3 CONFIG REQUIRED)     # nlohmann-json3-dev
find_package(CLI11 CONFIG QUIET)                  # libcli11-dev
if(NOT CLI11_FOUND)
  find_path(CLI11_INCLUDE_DIR CLI/CLI.hpp REQUIRED)
  add_library(CLI11::CLI11 INTERFACE IMPORTED)
  target_include_directories(CLI11::CLI11 INTERFACE ${CLI11_INCLUDE_DIR})
endif()

# HTML parsing: libxml2's HTML parser (maintained, fuzzed upstream; see docs/DESIGN.md).
find_package(LibXml2 REQUIRED)                    # libxml2-dev
add_library(sheaf_libxml2 INTERFACE)
target_link_libraries(sheaf_libxml2 INTERFACE LibXml2::LibXml2)

# The SEARCH section's text normalisation (NFKC, lowercase) at build time.
find_package(ICU REQUIRED COMPONENTS uc)  # libicu-dev (scripts/setup)
add_library(sheaf_icu INTERFACE)
target_link_libraries(sheaf_icu INTERFACE ICU::uc)

# Markdown front matter: yaml-cpp (libyaml-cpp-dev; 0.7 on Debian 12, 0.8 on Debian 13, whose
# config names the target yaml-cpp::yaml-cpp and keeps plain yaml-cpp as a deprecated alias).
find_package(yaml-cpp CONFIG REQUIRED)
add_library(sheaf_yaml INTERFACE)
if(TARGET yaml-cpp::yaml-cpp)
  target_link_libraries(sheaf_yaml INTERFACE yaml-cpp::yaml-cpp)
else()
  target_link_libraries(sheaf_yaml INTERFACE yaml-cpp)
endif()

# `build --config FILE`: toml++ (libtomlplusplus-dev; 3.3 on Debian 12, 3.4 on Debian 13, one
# API), as the shared library Debian builds (its config sets TOML_HEADER_ONLY=0).
find_package(tomlplusplus CONFIG REQUIRED)

find_package(Threads REQUIRED)
