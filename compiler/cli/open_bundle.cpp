// compiler, CLI: bundle opening shared by info, ls, cat, verify and unpack.
#include "cli/open_bundle.hpp"

#include <cstdio>
#include <cstring>

namespace sheaf::cli {

void print_error(const std::string& path, const std::string& what, Errc e) {
  std::fprintf(stderr, "sheaf: error: %s: %s: %s\n", path.c_str(), what.c_str(), to_string(e));
}

bool OpenBundle::open(const std::string& path) {
  path_ = path;
  if (file_.open(path.c_str()) != Errc::ok) {
    const int err = file_.error_number();
    std::fprintf(stderr, "sheaf: error: %s: cannot open: %s\n", path.c_str(),
                 err != 0 ? std::strerror(err) : "file too large");
    return false;
  }
  const Result<Bundle> b = Bundle::open(file_.bytes());
  if (!b.ok()) {
    print_error(path, "not a readable bundle", b.error());
    return false;
  }
  bundle_ = b.value();
  return true;
}

bool OpenBundle::init_decoder() {
  workspace_.assign((Decoder::workspace_size(bundle_) + 7) / 8, 0);
  const Result<Decoder> d = Decoder::init(
      bundle_,
      MutableByteSpan(reinterpret_cast<uint8_t*>(workspace_.data()), workspace_.size() * 8));
  if (!d.ok()) {
    print_error(path_, "cannot initialize the decoder", d.error());
    return false;
  }
  decoder_ = d.value();
  const BundleInfo info = bundle_.info();
  buffer_.assign(
      info.max_read_size > info.max_frame_size ? info.max_read_size : info.max_frame_size, 0);
  return true;
}

Result<std::string_view> OpenBundle::read(const ArticleView& a) {
  const Result<std::string_view> body =
      decoder_.read(a, MutableByteSpan(buffer_.data(), buffer_.size()));
  if (!body.ok()) {
    print_error(path_, "article '" + std::string(a.id) + "'", body.error());
  }
  return body;
}

}  // namespace sheaf::cli
