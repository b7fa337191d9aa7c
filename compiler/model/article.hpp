// compiler: the article model every stage passes along. Plain data, no behaviour.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sheaf {

/// Publisher facts from a page's header or footer (gold format "site"); empty when unknown.
struct SiteInfo {
  std::string name;
  std::string copyright;
  std::string icp;                     ///< ICP number as written
  std::string public_security_record;  ///< 公网安备 number
  std::string email;
  std::string address;
  std::string phone;
  std::string organizer;     ///< 主办单位
  std::string tech_support;  ///< 技术支持

  /// Every field with its gold-format key, in the gold README's order: one list for JSON,
  /// records and comparisons.
  std::array<std::pair<const char*, std::string*>, 9> fields() { return fields_of(*this); }

  std::array<std::pair<const char*, const std::string*>, 9> fields() const {
    return fields_of(*this);
  }

  bool empty() const {
    for (const auto& [key, value] : fields()) {
      if (!value->empty()) {
        return false;
      }
    }
    return true;
  }

  bool operator==(const SiteInfo& o) const {
    const auto a = fields();
    const auto b = o.fields();
    for (size_t i = 0; i < a.size(); ++i) {
      if (*a[i].second != *b[i].second) {
        return false;
      }
    }
    return true;
  }

 private:
  // One list for both constness: Ptr is std::string* or const std::string*.
  template <class Self, class Ptr = decltype(&std::declval<Self&>().name)>
  static std::array<std::pair<const char*, Ptr>, 9> fields_of(Self& s) {
    return std::array<std::pair<const char*, Ptr>, 9>{
        {{"name", &s.name},
         {"copyright", &s.copyright},
         {"icp", &s.icp},
         {"public_security_record", &s.public_security_record},
         {"email", &s.email},
         {"address", &s.address},
         {"phone", &s.phone},
         {"organizer", &s.organizer},
         {"tech_support", &s.tech_support}}};
  }
};

/// An article's SiteInfo, held by a shared handle: an article without publisher facts holds
/// none (a SiteInfo is 288 bytes, and a build may hold a million articles), and equal sites
/// may share one copy (Extractor does so). Reads as a SiteInfo (`*site`, `site->name`), empty
/// when there is none; never changed in place: assign a new one.
class SiteRef {
 public:
  SiteRef() = default;

  /// Holds `site`, or nothing when it is empty.
  explicit SiteRef(SiteInfo site)
      : site_(site.empty() ? nullptr : std::make_shared<const SiteInfo>(std::move(site))) {}

  const SiteInfo& operator*() const { return site_ != nullptr ? *site_ : empty_site(); }

  const SiteInfo* operator->() const { return &**this; }

  /// True when the article has no publisher facts.
  bool empty() const { return site_ == nullptr; }

 private:
  static const SiteInfo& empty_site();

  std::shared_ptr<const SiteInfo> site_;
};

/// One article as the compiler knows it after extraction: clean UTF-8 fields, no markup.
/// Empty strings mean "not known". Paragraphs never contain '\n'.
struct Article {
  std::string id;  ///< stable id, unique in a build (see ingest/ids.hpp)
  std::string title;
  std::string subtitle;
  std::string date;  ///< "YYYY-MM-DD", "--MM-DD" or ""
  std::string source;
  std::string author;
  std::string location;
  std::string url;
  std::vector<std::string> categories;
  std::vector<std::string> paragraphs;
  SiteRef site;
  uint32_t source_file = 0;  ///< 1 + index of its kept input file (--keep-source), else 0
  std::string origin;        ///< where it came from, for messages: "dir/a.txt" or "dir/b.jsonl:12"
};

/// Which parser produced a Document, and so which extractor turns it into an Article.
enum class DocumentFormat {
  text_dump,  ///< a scraped page saved as text: first non-empty line is the title
  record,     ///< a JSON / JSONL record with named fields
  html,       ///< a whole HTML page
  markdown,   ///< Markdown with an optional front-matter block
};

/// One input unit after ingest (decoded to UTF-8) and before extraction.
struct Document {
  std::string origin;  ///< "dir/a.txt" or "dir/b.jsonl:12" (1-based line)
  std::string id;      ///< from the record, else derived from the path (ingest/ids.hpp)
  DocumentFormat format = DocumentFormat::text_dump;
  std::string text;          ///< text_dump: the whole page; record: its "body" field (may be empty)
  uint32_t source_file = 0;  ///< 1 + index of its kept input file (--keep-source), else 0
  Article fields;  ///< record: the fields as given, not yet cleaned (paragraphs if the record
                   ///< has a "paragraphs" list); text_dump: unused
};

/// An input file's original bytes, kept with `build --keep-source`.
struct SourceFile {
  std::string path;  ///< relative to its input root, unique in a build
  std::string bytes;
};

/// Joins paragraphs with '\n': the body text stored in a bundle (SPEC: "Body text").
std::string join_body(const std::vector<std::string>& paragraphs);

/// join_body(paragraphs).size(), without joining.
size_t body_size(const std::vector<std::string>& paragraphs);

/// Splits a stored body back into paragraphs; the inverse of join_body.
std::vector<std::string> split_body(const std::string& body);

}  // namespace sheaf
