// compiler/ingest: input files -> Documents. The read and decode step of the pipeline; the only
// I/O is through the FileSystem it is given.
#pragma once

#include <vector>

#include "diag/diagnostics.hpp"
#include "diag/progress.hpp"
#include "ingest/discover.hpp"
#include "ingest/document_sink.hpp"
#include "ingest/filesystem.hpp"
#include "model/article.hpp"

namespace sheaf {

/// Reads each file, decodes it to UTF-8 (decode_to_utf8) and parses it by kind:
/// - text_dump: one Document{format = text_dump, text = the contents with CRLF and CR turned
///   into LF, origin = rel_path, id = derive_id(rel_path)};
/// - jsonl / json: the records, see parse_jsonl and parse_json.
///
/// Reports to `diags` (file = InputFile::path):
/// - error "read-error": the file cannot be read; the message has the OS reason
///   ("cannot open file: Permission denied");
/// - warning "empty-file": zero bytes (or just a BOM) or only ASCII whitespace; no Document;
/// - warning "invalid-utf8", and whatever the record parsers report.
///
/// With `sources` (build --keep-source), every file read is appended there byte for byte, under
/// its relative path (made unique with "~2", "~3"... when two roots share one), and each
/// Document records which one it came from (Document::source).
/// With `progress`, each file read is reported to it (the caller begins and ends the stage).
/// @return the Documents in the order of `files`, records in file order.
std::vector<Document> ingest(const std::vector<InputFile>& files, FileSystem& fs,
                             Diagnostics& diags, std::vector<SourceFile>* sources = nullptr,
                             Progress* progress = nullptr);

/// ingest() handing each Document to `sink` as it is made, in the same order, so that the
/// caller need not hold them all (build extracts each record as it comes).
void ingest(const std::vector<InputFile>& files, FileSystem& fs, Diagnostics& diags,
            DocumentSink& sink, std::vector<SourceFile>* sources = nullptr,
            Progress* progress = nullptr);

}  // namespace sheaf
