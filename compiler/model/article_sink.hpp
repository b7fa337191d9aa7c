// compiler: where extraction hands each kept Article, so that a build can encode it as its
// record there and then instead of holding every Article until the index stage.
#pragma once

#include <cstddef>

#include "model/article.hpp"

namespace sheaf {

/// Receives the kept Articles of extraction, one at a time. Records come as they are read and
/// pages once the extraction stage reaches them, so the order is not the input order.
class ArticleSink {
 public:
  virtual ~ArticleSink() = default;

  /// About `n` more Articles may follow: room for them may be made at once. A hint only.
  virtual void expect(size_t n) { (void)n; }

  virtual void put(Article&& article) = 0;
};

}  // namespace sheaf
