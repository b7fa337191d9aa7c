# Every dependency comes from a Debian 12 package (scripts/setup installs them).
# FlatBuffers is used header-only (builder, verifier, generated code): no library to link.
find_path(FLATBUFFERS_INCLUDE_DIR flatbuffers/flatbuffers.h REQUIRED)  # libflatbuffers-dev
add_library(sheaf_flatbuffers INTERFACE)
target_include_directories(sheaf_flatbuffers SYSTEM INTERFACE ${FLATBUFFERS_INCLUDE_DIR})

find_path(ZSTD_INCLUDE_DIR zstd.h REQUIRED)       # libzstd-dev
find_library(ZSTD_LIBRARY zstd REQUIRED)
add_library(sheaf_zstd INTERFACE)
target_include_directories(sheaf_zstd SYSTEM INTERFACE ${ZSTD_INCLUDE_DIR})
target_link_libraries(sheaf_zstd INTERFACE ${ZSTD_LIBRARY})

if(SHEAF_RUNTIME_ONLY)
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

find_package(Threads REQUIRED)
