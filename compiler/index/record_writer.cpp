// compiler, index stage: record encoding.
#include "index/record_writer.hpp"

#include <sheaf/format.hpp>

namespace sheaf {
namespace {

void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void put_field(std::string& out, format::Field tag, const std::string& bytes) {
  if (bytes.empty()) {
    return;
  }
  out.push_back(static_cast<char>(tag));
  put_varint(out, bytes.size());
  out += bytes;
}

void put_number(std::string& out, format::Field tag, uint32_t value) {
  if (value == 0) {
    return;
  }
  std::string bytes;
  put_varint(bytes, value);
  put_field(out, tag, bytes);
}

}  // namespace

std::string encode_record(const Article& a, const std::string& body, uint32_t site) {
  std::string out;
  out.reserve(body.size() + a.title.size() + a.id.size() + 64);
  put_field(out, format::Field::id, a.id);
  put_field(out, format::Field::title, a.title);
  put_field(out, format::Field::subtitle, a.subtitle);
  put_field(out, format::Field::date, a.date);
  put_field(out, format::Field::source, a.source);
  put_field(out, format::Field::author, a.author);
  put_field(out, format::Field::location, a.location);
  put_field(out, format::Field::url, a.url);
  for (const std::string& c : a.categories) {
    // An empty category keeps its place in the breadcrumb: write it even when empty.
    out.push_back(static_cast<char>(format::Field::category));
    put_varint(out, c.size());
    out += c;
  }
  put_number(out, format::Field::site, site);
  put_number(out, format::Field::source_file, a.source_file);
  out.push_back(static_cast<char>(format::Field::end));
  out += body;
  return out;
}

}  // namespace sheaf
