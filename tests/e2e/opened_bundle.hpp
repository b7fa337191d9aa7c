// tests/e2e: a bundle built by the pipeline, then mapped and opened as a reader would, for the
// end-to-end tests (each REQUIREs every step, so a test stops at the first that fails).
#pragma once

#include <memory>
#include <string>

#include <sheaf/posix_file.hpp>
#include <sheaf/sheaf.hpp>

#include "pipeline.hpp"
#include "runtime/fixture.hpp"
#include "support/catch.hpp"

namespace sheaf::test {

/// Runs the build `options` describe, which must succeed. @return options.output.
inline std::string build_ok(const BuildOptions& options) {
  RealFileSystem fs;
  Diagnostics diagnostics;
  BuildReport report;
  REQUIRE(run_build(options, fs, diagnostics, report));
  return options.output;
}

/// A bundle file mapped and opened, checked whole unless asked not to, with a fast-mode decoder
/// made on first use.
class OpenedBundle {
 public:
  enum class Check { all, none };

  explicit OpenedBundle(const std::string& path, Check check = Check::all) {
    REQUIRE(file_.open(path.c_str()) == Errc::ok);
    const Result<Bundle> b = Bundle::open(file_.bytes());
    REQUIRE(b.ok());
    bundle_ = b.value();
    if (check == Check::all) {
      REQUIRE(verify_all(bundle_) == Errc::ok);
    }
  }

  OpenedBundle(const OpenedBundle&) = delete;
  OpenedBundle& operator=(const OpenedBundle&) = delete;

  const Bundle& bundle() const { return bundle_; }

  Decoder& decoder() {
    if (workspace_ == nullptr) {
      workspace_ = std::make_unique<Workspace>(Decoder::workspace_size(bundle_));
      const Result<Decoder> d = Decoder::init(bundle_, workspace_->span());
      REQUIRE(d.ok());
      decoder_ = d.value();
    }
    return decoder_;
  }

 private:
  MappedFile file_;
  Bundle bundle_;
  std::unique_ptr<Workspace> workspace_;
  Decoder decoder_;
};

}  // namespace sheaf::test
