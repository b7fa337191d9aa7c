# Cross build of the runtime, its tests and the small reader for aarch64-linux-gnu (Debian's cross compiler;
# zstd's decoder compiled from build-deps/zstd), run under qemu-aarch64. Used by tests/cross/run.sh with
# -DSHEAF_RUNTIME_ONLY=ON. Executables are dynamic (the no-heap test interposes malloc, which
# static glibc forbids): qemu-aarch64 -L /usr/aarch64-linux-gnu finds the target's loader and libstdc++.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /usr/aarch64-linux-gnu)
# Headers and CMake packages of architecture-independent -dev packages (FlatBuffers, Catch2)
# live under /usr; libraries come from the multiarch directory of the target.
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
