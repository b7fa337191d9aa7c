// compiler/ingest: read, decode, parse (see ingest.hpp).
#include "ingest/ingest.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>
#include <utility>

#include "ingest/decode.hpp"
#include "ingest/ids.hpp"
#include "ingest/input_types.hpp"
#include "ingest/records.hpp"

namespace sheaf {
namespace {

bool is_blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
  });
}

// Sets each Document's source_file on its way to the sink.
class SourceTag : public DocumentSink {
 public:
  SourceTag(DocumentSink& sink, uint32_t source) : sink_(sink), source_(source) {}

  void expect(size_t n) override { sink_.expect(n); }

  void take(Document&& doc) override {
    doc.source_file = source_;
    sink_.take(std::move(doc));
  }

 private:
  DocumentSink& sink_;
  uint32_t source_;
};

// --keep-source: the file's bytes under its relative path; two roots can hold the same
// relative path, so the later ones are numbered and none is lost.
// @return the 1-based number of the kept file, for Document::source_file.
uint32_t keep_source(const InputFile& file, const std::string& bytes,
                     std::unordered_set<std::string>& paths, std::vector<SourceFile>& sources) {
  std::string path = file.rel_path;
  for (int n = 2; !paths.insert(path).second; ++n) {
    path = file.rel_path + "~" + std::to_string(n);
  }
  sources.push_back({std::move(path), bytes});
  return static_cast<uint32_t>(sources.size());
}

// The documents of one decoded, non-blank file, by the parser its type selects.
void parse_input(const InputFile& file, std::string&& text, Diagnostics& diags,
                 DocumentSink& sink) {
  switch (file.kind) {
    case InputKind::text_dump:
    case InputKind::html:
    case InputKind::markdown: {
      Document doc;
      doc.format = document_format(file.kind);
      doc.origin = file.path;  // as the user gave it, so messages lead to the file
      doc.id = derive_id(file.rel_path);
      normalize_newlines_in_place(text);
      doc.text = std::move(text);
      sink.take(std::move(doc));
      break;
    }
    case InputKind::jsonl:
      parse_jsonl(text, file, diags, sink);
      break;
    case InputKind::json:
      parse_json(text, file, diags, sink);
      break;
  }
}

}  // namespace

void ingest(const std::vector<InputFile>& files, FileSystem& fs, Diagnostics& diags,
            DocumentSink& sink, std::vector<SourceFile>* sources, Progress* progress) {
  std::unordered_set<std::string> source_paths;
  size_t files_read = 0;
  for (const InputFile& file : files) {
    if (progress != nullptr) {
      progress->update(files_read++);
    }
    ReadResult read = fs.read_file(file.path);
    if (!read.ok()) {
      diags.error(file.path, 0, DiagCode::read_error, read.error);
      continue;
    }
    const uint32_t source =
        sources != nullptr ? keep_source(file, read.bytes, source_paths, *sources) : 0;
    // Moved in: valid UTF-8 is used as read, anything else decoded into a new string.
    const size_t errors_before = diags.error_count();
    std::string text = decode_owned_to_utf8(std::move(read.bytes), file.path, diags);
    if (text.empty()) {
      if (diags.error_count() == errors_before) {  // not a binary file, already reported
        diags.warning(file.path, 0, DiagCode::empty_file, "empty file");
      }
      continue;
    }
    if (is_blank(text)) {
      diags.warning(file.path, 0, DiagCode::empty_file, "file has only whitespace");
      continue;
    }
    SourceTag tagged(sink, source);
    parse_input(file, std::move(text), diags, tagged);
  }
}

std::vector<Document> ingest(const std::vector<InputFile>& files, FileSystem& fs,
                             Diagnostics& diags, std::vector<SourceFile>* sources,
                             Progress* progress) {
  std::vector<Document> docs;
  DocumentList list(docs);
  ingest(files, fs, diags, list, sources, progress);
  return docs;
}

}  // namespace sheaf
