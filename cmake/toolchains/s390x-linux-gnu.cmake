# Cross build of the runtime, its tests and the small reader for s390x-linux-gnu (Debian's cross compiler;
# zstd's decoder compiled from build-deps/zstd), run under qemu-s390x. Used by tests/cross/run.sh with
# -DSHEAF_RUNTIME_ONLY=ON. Executables are static: under Debian 12's qemu-s390x (7.2) every
# dynamically linked s390x program, even hello world, aborts with "stack smashing detected".
# Static glibc forbids the no-heap test's malloc interposition, so that test is left out here
# (it runs on x86-64, arm64 and armhf, and the MCU firmware traps any allocation).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR s390x)
set(CMAKE_C_COMPILER s390x-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER s390x-linux-gnu-g++)
set(CMAKE_EXE_LINKER_FLAGS_INIT -static)
set(SHEAF_STATIC_TESTS ON)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-s390x)
# Headers and CMake packages of architecture-independent -dev packages (FlatBuffers, Catch2)
# live under /usr; libraries come from the multiarch directory of the target.
set(CMAKE_FIND_ROOT_PATH /usr/s390x-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
