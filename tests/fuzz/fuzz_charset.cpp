// Fuzz target: charset detection and conversion (tests/fuzz/README.md): the declared-charset
// sniffer, then decode_bytes with a hint chosen by the first byte, as an HTTP header or a record
// field would give one.
#include <cstdint>
#include <string_view>

#include "ingest/decode.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static constexpr std::string_view kHints[] = {
      "", "utf-8", "gbk", "gb2312", "gb18030", "big5", "windows-1252", "utf-16", "x-unknown"};
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string_view hint;
  if (!bytes.empty()) {
    hint = kHints[static_cast<uint8_t>(bytes[0]) % (sizeof(kHints) / sizeof(kHints[0]))];
    bytes.remove_prefix(1);
  }
  (void)sheaf::sniff_declared_charset(bytes.substr(0, sheaf::kSniffLimitBytes));
  const sheaf::DecodedText decoded = sheaf::decode_bytes(bytes, hint);
  sheaf::Diagnostics diags;
  sheaf::report_decode_problems(decoded, "input", diags);
  (void)sheaf::normalize_newlines(decoded.utf8);
  return 0;
}
