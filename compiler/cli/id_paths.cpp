// compiler, CLI: article ids and kept-source paths -> file names (see id_paths.hpp).
#include "cli/id_paths.hpp"

#include <cstdint>
#include <cstdio>
#include <set>
#include <string_view>

namespace sheaf::cli {
namespace {

// One path segment of an article id, percent-encoded so that it is a plain file name:
// '%', '\\' and control bytes become %XX, and the segments "", "." and ".." cannot occur.
// Injective: different ids never share a file.
std::string encode_segment(const std::string& seg) {
  if (seg.empty()) {
    return "%";  // a lone '%' never appears otherwise: every real '%' becomes "%25"
  }
  if (seg == "." || seg == "..") {
    return seg == "." ? "%2E" : "%2E%2E";
  }
  std::string out;
  for (char c : seg) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || c == '%' || c == '\\') {
      char hex[4];
      std::snprintf(hex, sizeof(hex), "%%%02X", u);
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

// A kept source's segment: as stored, but for what no file system takes.
std::string source_segment(const std::string& seg) {
  if (seg.empty() || seg == "." || seg == "..") {
    return encode_segment(seg);
  }
  std::string out;
  for (char c : seg) {
    out += c == '\0' ? std::string("%00") : std::string(1, c);
  }
  return out;
}

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    const size_t slash = path.find('/', start);
    out.push_back(path.substr(start, slash == std::string::npos ? slash : slash - start));
    if (slash == std::string::npos) {
      return out;
    }
    start = slash + 1;
  }
}

uint64_t fnv1a(std::string_view bytes, uint64_t salt = 0) {
  uint64_t h = 14695981039346656037ULL ^ salt;
  for (const char c : bytes) {
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  return h;
}

std::string hex16(uint64_t h) {
  char out[17];
  std::snprintf(out, sizeof(out), "%016llx", static_cast<unsigned long long>(h));
  return out;
}

// The first bytes of `s`, at most `max`, not ending inside a UTF-8 character or a %XX escape.
std::string prefix_of(const std::string& s, size_t max) {
  size_t keep = s.size() < max ? s.size() : max;
  while (keep > 0 && keep < s.size() && (static_cast<unsigned char>(s[keep]) & 0xC0) == 0x80) {
    --keep;
  }
  for (size_t back = 1; back <= 2 && back <= keep; ++back) {
    if (s[keep - back] == '%') {
      keep -= back;  // "%" or "%X" would be cut from its digits
      break;
    }
  }
  return s.substr(0, keep);
}

// Rule 2: a component (with `suffix`) within kNameMax bytes.
std::string fit(const std::string& component, const std::string& suffix, bool& changed) {
  if (component.size() + suffix.size() <= kNameMax) {
    return component + suffix;
  }
  changed = true;
  const std::string hash = "~" + hex16(fnv1a(component));
  return prefix_of(component, kNameMax - hash.size() - suffix.size()) + hash + suffix;
}

// Rule 3: `name` (a file name, `ext` its extension) made distinct with a hash of `key`.
std::string renamed(const std::string& name, size_t ext, const std::string& key, uint64_t k) {
  const std::string hash = "~" + hex16(fnv1a(key, k));
  const std::string tail = name.substr(ext);
  return prefix_of(name.substr(0, ext), kNameMax - hash.size() - tail.size()) + hash + tail;
}

// The extension's start in a file name ("a.json" -> 1; "x", ".profile" -> size: none).
size_t extension_at(const std::string& name, bool article) {
  if (article) {
    return name.size() - 5;  // ".json"
  }
  const size_t dot = name.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? name.size() : dot;
}

struct Natural {
  std::string dir;   // "" or "a/b/"
  std::string name;  // last component
  bool changed = false;
};

// Rules 1 and 2 done (`natural`); rule 3 here.
std::vector<PlannedFile> resolve(const std::vector<std::string>& keys,
                                 const std::vector<Natural>& natural, bool article) {
  std::set<std::string> folders;
  for (const Natural& n : natural) {
    for (size_t slash = n.dir.find('/'); slash != std::string::npos;
         slash = n.dir.find('/', slash + 1)) {
      folders.insert(n.dir.substr(0, slash));
    }
  }
  std::set<std::string> taken = {kManifestName};
  std::vector<PlannedFile> out;
  out.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const Natural& n = natural[i];
    std::string path = n.dir + n.name;
    bool changed = n.changed;
    for (uint64_t k = 0; folders.count(path) != 0 || taken.count(path) != 0; ++k) {
      path = n.dir + renamed(n.name, extension_at(n.name, article), keys[i], k);
      changed = true;
    }
    taken.insert(path);
    out.push_back({path, changed});
  }
  return out;
}

Natural natural_path(const std::string& key, bool article) {
  Natural n;
  const std::vector<std::string> segments = split(key);
  for (size_t s = 0; s < segments.size(); ++s) {
    const std::string seg = article ? encode_segment(segments[s]) : source_segment(segments[s]);
    n.changed = n.changed || (!article && seg != segments[s]);
    if (s + 1 < segments.size()) {
      n.dir += fit(seg, "", n.changed) + "/";
    } else {
      n.name = fit(seg, article ? ".json" : "", n.changed);
    }
  }
  return n;
}

std::vector<PlannedFile> plan(const std::vector<std::string>& keys, bool article) {
  std::vector<Natural> natural;
  natural.reserve(keys.size());
  for (const std::string& key : keys) {
    natural.push_back(natural_path(key, article));
  }
  return resolve(keys, natural, article);
}

}  // namespace

std::string safe_relative_path(const std::string& path) {
  std::string out;
  for (const std::string& seg : split(path)) {
    out += (out.empty() ? "" : "/") + encode_segment(seg);
  }
  return out;
}

std::string file_name_for_id(const std::string& id) {
  return safe_relative_path(id) + ".json";
}

std::vector<PlannedFile> plan_article_files(const std::vector<std::string>& ids) {
  return plan(ids, true);
}

std::vector<PlannedFile> plan_source_files(const std::vector<std::string>& paths) {
  return plan(paths, false);
}

}  // namespace sheaf::cli
