// compiler/ingest: JSON / JSON Lines records -> Documents (see records.hpp).
// nlohmann::json reports syntax errors by exception; they are caught right here and become
// diagnostics, so no exception leaves this file for bad input.
#include "ingest/records.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "ingest/ids.hpp"

namespace sheaf {
namespace {

using Json = nlohmann::json;

/// Where one record sits: for its messages, its origin and its fallback id.
struct RecordPlace {
  const InputFile& file;
  uint64_t line;            // diagnostic line: the .jsonl line, 0 inside a .json file
  std::string prefix;       // message prefix: "record #3: " in a .json array, else ""
  std::string origin;       // Document::origin
  std::string fallback_id;  // the id when the record has none
};

/// Reads the fields of one JSON object and reports what is wrong with them.
class RecordReader {
 public:
  RecordReader(const Json& object, const RecordPlace& place, Diagnostics& diags)
      : object_(object), place_(place), diags_(diags) {}

  std::optional<Document> read();

 private:
  void warn(DiagCode code, const std::string& message) {
    diags_.warning(place_.file.path, place_.line, code, place_.prefix + message);
  }

  const Json* find(const char* key) const {
    const auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }

  std::string read_id();
  void read_string(const char* key, std::string& out);
  void read_string_list(const char* key, std::vector<std::string>& out);
  void read_site(SiteInfo& site);

  const Json& object_;
  const RecordPlace& place_;
  Diagnostics& diags_;
};

std::string RecordReader::read_id() {
  const Json* value = find("id");
  if (value == nullptr) {
    return place_.fallback_id;
  }
  if (value->is_number_unsigned()) {
    return std::to_string(value->get<uint64_t>());
  }
  if (value->is_number_integer()) {
    return std::to_string(value->get<int64_t>());
  }
  if (value->is_string() && !value->get_ref<const std::string&>().empty()) {
    return value->get<std::string>();
  }
  warn(DiagCode::bad_field, std::string("field 'id' is ") +
                                (value->is_string() ? "empty"
                                                    : "not a string or an integer (" +
                                                          std::string(value->type_name()) + ")") +
                                "; using the derived id '" + place_.fallback_id + "'");
  return place_.fallback_id;
}

void RecordReader::read_string(const char* key, std::string& out) {
  const Json* value = find(key);
  if (value == nullptr) {
    return;
  }
  if (!value->is_string()) {
    warn(DiagCode::bad_field,
         std::string("field '") + key + "' is not a string (" + value->type_name() + "); ignored");
    return;
  }
  out = value->get<std::string>();
}

// "site": an object of publisher facts (gold format), as `unpack` writes it.
void RecordReader::read_site(SiteInfo& site) {
  const Json* value = find("site");
  if (value == nullptr || (value->is_object() && value->empty())) {
    return;
  }
  if (!value->is_object()) {
    warn(DiagCode::bad_field,
         std::string("field 'site' is not an object (") + value->type_name() + "); ignored");
    return;
  }
  for (const auto& [key, out] : site.fields()) {
    const auto it = value->find(key);
    if (it != value->end() && it->is_string()) {
      *out = it->get<std::string>();
    } else if (it != value->end() && !it->is_null()) {
      warn(DiagCode::bad_field, std::string("field 'site.") + key + "' is not a string; ignored");
    }
  }
}

void RecordReader::read_string_list(const char* key, std::vector<std::string>& out) {
  const Json* value = find(key);
  if (value == nullptr) {
    return;
  }
  if (!value->is_array()) {
    warn(DiagCode::bad_field, std::string("field '") + key + "' is not an array of strings (" +
                                  value->type_name() + "); ignored");
    return;
  }
  for (size_t i = 0; i < value->size(); ++i) {
    const Json& item = (*value)[i];
    if (item.is_string()) {
      out.push_back(item.get<std::string>());
    } else {
      warn(DiagCode::bad_field, std::string("field '") + key + "' item " + std::to_string(i + 1) +
                                    " is not a string (" + item.type_name() + "); ignored");
    }
  }
}

std::optional<Document> RecordReader::read() {
  if (!object_.is_object()) {
    diags_.error(place_.file.path, place_.line, DiagCode::not_an_object,
                 place_.prefix + "record is not a JSON object (got " + object_.type_name() + ")");
    return std::nullopt;
  }
  Document doc;
  doc.format = DocumentFormat::record;
  doc.origin = place_.origin;
  doc.id = read_id();
  Article& f = doc.fields;
  f.id = doc.id;
  f.origin = doc.origin;
  read_string("title", f.title);
  read_string("subtitle", f.subtitle);
  read_string("date", f.date);
  read_string("source", f.source);
  read_string("author", f.author);
  read_string("location", f.location);
  read_string("url", f.url);
  read_string_list("categories", f.categories);
  std::string category;
  read_string("category", category);
  read_string_list("paragraphs", f.paragraphs);
  SiteInfo site;
  read_site(site);
  f.site = SiteRef(std::move(site));
  std::string body;
  read_string("body", body);

  // A non-empty list wins over its single-string form; say so when both carry data.
  if (!category.empty() && !f.categories.empty()) {
    warn(DiagCode::conflicting_fields,
         "both 'categories' and 'category' given; 'category' ignored");
  } else if (!category.empty()) {
    f.categories.push_back(category);
  }
  if (!body.empty() && !f.paragraphs.empty()) {
    warn(DiagCode::conflicting_fields, "both 'paragraphs' and 'body' given; 'body' ignored");
  } else {
    doc.text = std::move(body);
  }
  if (f.title.empty() && doc.text.empty() && f.paragraphs.empty()) {
    warn(DiagCode::empty_record, "record has no title, body or paragraphs; skipped");
    return std::nullopt;
  }
  return doc;
}

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

/// nlohmann's what() without its "[json.exception.parse_error.101] " tag and, for syntax
/// errors, without its "parse error at line L, column C: " (we give our own position).
std::string reason_of(const Json::exception& e) {
  std::string reason = e.what();
  const size_t tag_end = reason.find("] ");
  if (tag_end != std::string::npos) {
    reason.erase(0, tag_end + 2);
  }
  if (reason.compare(0, 11, "parse error") == 0) {
    const size_t colon = reason.find(": ");
    if (colon != std::string::npos) {
      reason.erase(0, colon + 2);
    }
  }
  return reason;
}

/// Parses `text` as one JSON value; on failure reports "malformed-json" and returns nullopt.
/// `first_line` is the file line of text's first line (the line number of a .jsonl line).
std::optional<Json> parse_value(std::string_view text, const InputFile& file, uint64_t first_line,
                                Diagnostics& diags) {
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    // e.byte counts the bytes read, so the offending byte is at e.byte - 1.
    const size_t pos = e.byte == 0 ? 0 : std::min<size_t>(e.byte - 1, text.size());
    const std::string_view before = text.substr(0, pos);
    const auto newlines = static_cast<uint64_t>(std::count(before.begin(), before.end(), '\n'));
    const size_t last_nl = before.rfind('\n');
    const size_t column = last_nl == std::string_view::npos ? pos + 1 : pos - last_nl;
    diags.error(file.path, first_line + newlines, DiagCode::malformed_json,
                "malformed JSON (column " + std::to_string(column) + "): " + reason_of(e));
  } catch (const Json::exception& e) {
    // Not a syntax error but a value nlohmann cannot hold, e.g. a number like 1e999.
    diags.error(file.path, first_line, DiagCode::malformed_json, "malformed JSON: " + reason_of(e));
  }
  return std::nullopt;
}

}  // namespace

void parse_jsonl(std::string_view text, const InputFile& file, Diagnostics& diags,
                 DocumentSink& sink) {
  // One document per line at most: no reallocation (a Document is large) on big files.
  sink.expect(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  uint64_t line_no = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    ++line_no;
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (is_blank(line)) {
      continue;
    }
    const std::optional<Json> value = parse_value(line, file, line_no, diags);
    if (!value) {
      continue;
    }
    const RecordPlace place{file, line_no, "", file.path + ':' + std::to_string(line_no),
                            derive_record_id(file.rel_path, line_no)};
    std::optional<Document> doc = RecordReader(*value, place, diags).read();
    if (doc) {
      sink.take(std::move(*doc));
    }
  }
}

void parse_json(std::string_view text, const InputFile& file, Diagnostics& diags,
                DocumentSink& sink) {
  const std::optional<Json> root = parse_value(text, file, 1, diags);
  if (!root) {
    return;
  }
  if (root->is_object()) {
    const RecordPlace place{file, 0, "", file.path, derive_id(file.rel_path)};
    std::optional<Document> doc = RecordReader(*root, place, diags).read();
    if (doc) {
      sink.take(std::move(*doc));
    }
    return;
  }
  if (!root->is_array()) {
    diags.error(file.path, 0, DiagCode::not_an_object,
                std::string("expected a JSON object or an array of objects (got ") +
                    root->type_name() + ")");
    return;
  }
  sink.expect(root->size());
  for (size_t i = 0; i < root->size(); ++i) {
    const uint64_t number = i + 1;
    const std::string n = std::to_string(number);
    const RecordPlace place{file, 0, "record #" + n + ": ", file.path + ":#" + n,
                            derive_record_id(file.rel_path, number)};
    std::optional<Document> doc = RecordReader((*root)[i], place, diags).read();
    if (doc) {
      sink.take(std::move(*doc));
    }
  }
}

std::vector<Document> parse_jsonl(std::string_view text, const InputFile& file,
                                  Diagnostics& diags) {
  std::vector<Document> docs;
  DocumentList list(docs);
  parse_jsonl(text, file, diags, list);
  return docs;
}

std::vector<Document> parse_json(std::string_view text, const InputFile& file, Diagnostics& diags) {
  std::vector<Document> docs;
  DocumentList list(docs);
  parse_json(text, file, diags, list);
  return docs;
}

}  // namespace sheaf
