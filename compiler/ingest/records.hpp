// compiler/ingest: JSON Lines and JSON record files -> Documents (format = record).
// Pure: works on text already read and decoded to UTF-8. Bad input becomes diagnostics.
#pragma once

#include <string_view>
#include <vector>

#include "diag/diagnostics.hpp"
#include "ingest/discover.hpp"
#include "ingest/document_sink.hpp"
#include "model/article.hpp"

namespace sheaf {

/// Parses a .jsonl file: one JSON object per non-blank line (blank = only ASCII whitespace).
///
/// Each object becomes a Document with format = record, origin = "REL_PATH:LINE" (LINE is
/// 1-based) and id = its "id" field (a string, or an integer written in decimal), else
/// derive_record_id(rel_path, LINE). Known fields, all optional:
///   id, title, subtitle, date, source, author, location, url   (strings)
///   categories (array of strings) or category (string: one category)
///   paragraphs (array of strings) or body (string: Document::text)
/// They go to Document::fields as given (cleaning is extract's job). A null value counts as
/// absent; an id that is empty, or neither a string nor an integer, gives way to the derived
/// one ("bad-field"). Other keys are ignored.
///
/// Reports to `diags` (file = file.path, line = the record's line):
/// - error "malformed-json": the line is not valid JSON (the other lines still count);
/// - error "not-an-object": the line is valid JSON but not an object;
/// - warning "bad-field": a value of the wrong type (the value is ignored);
/// - warning "conflicting-fields": a non-empty "paragraphs" list and a non-empty "body" (the
///   body is ignored), or a non-empty "categories" list and a "category" (ignored). An empty
///   list gives way to its single-string form without a warning;
/// - warning "empty-record": no title, body or paragraphs (the record is skipped).
///
/// @param text  the decoded file contents (valid UTF-8).
/// @param file  where it came from (path for messages, rel_path for origin and ids).
/// @return the records in line order.
std::vector<Document> parse_jsonl(std::string_view text, const InputFile& file, Diagnostics& diags);

/// parse_jsonl() handing each Document to `sink` as it is read (after sink.expect(lines)).
void parse_jsonl(std::string_view text, const InputFile& file, Diagnostics& diags,
                 DocumentSink& sink);

/// Parses a .json file: one object, or an array of objects, each read as in parse_jsonl.
///
/// A single object gets origin = "REL_PATH" and, without an id, id = derive_id(rel_path).
/// An array element gets origin = "REL_PATH:#N" with N its 1-based index, and without an id,
/// id = derive_record_id(rel_path, N). Diagnostics about an element carry line 0 and start
/// with "record #N: "; a syntax error carries the line where parsing stopped.
/// Any other top-level value is an error "not-an-object".
std::vector<Document> parse_json(std::string_view text, const InputFile& file, Diagnostics& diags);

/// parse_json() handing each Document to `sink` as it is read.
void parse_json(std::string_view text, const InputFile& file, Diagnostics& diags,
                DocumentSink& sink);

}  // namespace sheaf
