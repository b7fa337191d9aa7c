// compiler, CLI: SIGBUS on a mapped bundle -> an I/O error (see bus_guard.hpp).
#include "cli/bus_guard.hpp"

#include <csignal>
#include <cstdint>

#include <unistd.h>

#include "cli/commands.hpp"

namespace sheaf::cli {
namespace {

// Read by the handler: static storage only, set before the handler is installed.
volatile std::uintptr_t g_begin = 0;
volatile std::uintptr_t g_end = 0;
char g_message[3300];
volatile size_t g_message_size = 0;

extern "C" void on_bus_error(int sig, siginfo_t* info, void* /*context*/) {
  const auto address = reinterpret_cast<std::uintptr_t>(info->si_addr);
  if (info->si_code > 0 && address >= g_begin && address < g_end) {  // > 0: from the kernel
    ssize_t ignored = ::write(STDERR_FILENO, g_message, g_message_size);
    (void)ignored;
    ::_exit(kExitFailure);
  }
  std::signal(sig, SIG_DFL);  // not ours: returning faults again, now with the default action
  if (info->si_code <= 0) {
    std::raise(sig);  // sent by kill(): the fault will not come back by itself
  }
}

}  // namespace

void guard_mapped_reads(const void* data, size_t size, const std::string& name) {
  const std::string message =
      "sheaf: error: " + name.substr(0, 3000) +
      ": I/O error: the file shrank or could not be read while it was being read (SIGBUS); "
      "nothing after this point was read\n";
  g_message_size = message.copy(g_message, sizeof(g_message));  // 3000 + the text: it fits
  g_begin = reinterpret_cast<std::uintptr_t>(data);
  g_end = g_begin + size;

  struct sigaction action {};

  action.sa_sigaction = on_bus_error;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGBUS, &action, nullptr);
}

}  // namespace sheaf::cli
