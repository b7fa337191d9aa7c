// compiler/ingest: read, decode, parse (see ingest.hpp).
#include "ingest/ingest.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>

#include "ingest/decode.hpp"
#include "ingest/ids.hpp"
#include "ingest/records.hpp"

namespace sheaf {
namespace {

bool is_blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
  });
}

void append(std::vector<Document>& out, std::vector<Document> more) {
  out.insert(out.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

}  // namespace

std::vector<Document> ingest(const std::vector<InputFile>& files, FileSystem& fs,
                             Diagnostics& diags) {
  std::vector<Document> docs;
  for (const InputFile& file : files) {
    ReadResult read = fs.read_file(file.path);
    if (!read.ok()) {
      diags.error(file.path, 0, "read-error", read.error);
      continue;
    }
    const std::string text = decode_to_utf8(read.bytes, file.path, diags);
    read.bytes = std::string();  // the decoded copy is all we need from here on
    if (text.empty()) {
      diags.warning(file.path, 0, "empty-file", "empty file");
      continue;
    }
    if (is_blank(text)) {
      diags.warning(file.path, 0, "empty-file", "file has only whitespace");
      continue;
    }
    switch (file.kind) {
      case InputKind::text_dump: {
        Document doc;
        doc.format = DocumentFormat::text_dump;
        doc.origin = file.path;  // as the user gave it, so messages lead to the file
        doc.id = derive_id(file.rel_path);
        doc.text = normalize_newlines(text);
        docs.push_back(std::move(doc));
        break;
      }
      case InputKind::jsonl:
        append(docs, parse_jsonl(text, file, diags));
        break;
      case InputKind::json:
        append(docs, parse_json(text, file, diags));
        break;
    }
  }
  return docs;
}

}  // namespace sheaf
