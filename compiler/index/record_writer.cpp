// compiler, index stage: record encoding.
#include "index/record_writer.hpp"

#include <sheaf/format.hpp>

namespace sheaf {
namespace {

size_t varint_size(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

size_t field_size(const std::string& bytes) {
  return bytes.empty() ? 0 : 1 + varint_size(bytes.size()) + bytes.size();
}

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

// Reads the LEB128 at `at` in `record`, advancing `at`; false when it runs past the end.
bool read_varint(std::string_view record, size_t& at, uint64_t& value) {
  value = 0;
  for (unsigned shift = 0; at < record.size() && shift < 64; shift += 7) {
    const auto byte = static_cast<uint8_t>(record[at++]);
    value |= uint64_t{byte & 0x7Fu} << shift;
    if ((byte & 0x80u) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string site_field(uint32_t site) {
  std::string out;
  put_number(out, format::Field::site, site);
  return out;
}

size_t site_field_offset(std::string_view record) {
  size_t at = 0;
  while (at < record.size() && static_cast<uint8_t>(record[at]) != 0 &&
         static_cast<uint8_t>(record[at]) < static_cast<uint8_t>(format::Field::site)) {
    size_t p = at + 1;
    uint64_t length = 0;
    if (!read_varint(record, p, length) || length > record.size() - p) {
      return record.size();
    }
    at = p + static_cast<size_t>(length);
  }
  return at;
}

std::string_view record_id(std::string_view record) {
  size_t at = 1;
  uint64_t length = 0;
  if (record.empty() ||
      static_cast<uint8_t>(record[0]) != static_cast<uint8_t>(format::Field::id) ||
      !read_varint(record, at, length) || length > record.size() - at) {
    return {};
  }
  return record.substr(at, static_cast<size_t>(length));
}

size_t record_size(const Article& a, size_t body_size, uint32_t site) {
  const auto number_size = [](uint32_t v) { return v == 0 ? 0 : 2 + varint_size(v); };
  size_t size = 1 + body_size + number_size(site) + number_size(a.source_file);
  for (const std::string* f :
       {&a.id, &a.title, &a.subtitle, &a.date, &a.source, &a.author, &a.location, &a.url}) {
    size += field_size(*f);
  }
  for (const std::string& c : a.categories) {
    size += 1 + varint_size(c.size()) + c.size();
  }
  return size;
}

std::string encode_record(const Article& a, const std::string& body, uint32_t site) {
  std::string out;
  out.reserve(record_size(a, body.size(), site));
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
