// compiler: body text <-> paragraphs (SPEC: "Body text").
#include "model/article.hpp"

namespace sheaf {

const SiteInfo& SiteRef::empty_site() {
  static const SiteInfo empty;
  return empty;
}

std::string join_body(const std::vector<std::string>& paragraphs) {
  std::string body;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (i > 0) {
      body += '\n';
    }
    body += paragraphs[i];
  }
  return body;
}

size_t body_size(const std::vector<std::string>& paragraphs) {
  size_t n = paragraphs.empty() ? 0 : paragraphs.size() - 1;
  for (const std::string& p : paragraphs) {
    n += p.size();
  }
  return n;
}

std::vector<std::string> split_body(const std::string& body) {
  std::vector<std::string> out;
  if (body.empty()) {
    return out;
  }
  size_t start = 0;
  for (;;) {
    const size_t nl = body.find('\n', start);
    if (nl == std::string::npos) {
      out.push_back(body.substr(start));
      return out;
    }
    out.push_back(body.substr(start, nl - start));
    start = nl + 1;
  }
}

}  // namespace sheaf
