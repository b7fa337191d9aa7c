// compiler, index stage: FlatBuffers serialization of the index.
#include "index/index_builder.hpp"

#include <flatbuffers/flatbuffers.h>

#include <sheaf/detail/sheaf_generated.h>

namespace sheaf {
namespace {

using flatbuffers::FlatBufferBuilder;
using flatbuffers::Offset;
using flatbuffers::String;

// Fields that repeat across articles (source, date, categories) are stored once.
Offset<String> shared(FlatBufferBuilder& b, const std::string& s) {
  return s.empty() ? 0 : b.CreateSharedString(s);
}

Offset<String> unique(FlatBufferBuilder& b, const std::string& s) {
  return s.empty() ? 0 : b.CreateString(s);
}

Offset<fb::Article> build_article(FlatBufferBuilder& b, const Article& a, const BodyLocation& loc) {
  std::vector<Offset<String>> categories;
  categories.reserve(a.categories.size());
  for (const std::string& c : a.categories) {
    categories.push_back(b.CreateSharedString(c));
  }
  const auto id = b.CreateString(a.id);
  const auto title = unique(b, a.title);
  const auto subtitle = unique(b, a.subtitle);
  const auto date = shared(b, a.date);
  const auto source = shared(b, a.source);
  const auto author = shared(b, a.author);
  const auto location = shared(b, a.location);
  const auto url = unique(b, a.url);
  const auto cats = categories.empty() ? 0 : b.CreateVector(categories);
  return fb::CreateArticle(b, id, title, subtitle, date, source, author, location, url, cats,
                           loc.first_frame, loc.offset, loc.size, loc.checksum);
}

}  // namespace

std::string build_index(const BundleMeta& meta, const std::vector<Article>& articles,
                        const FramePlan& plan, const std::vector<FrameRecord>& frames) {
  FlatBufferBuilder b(1024 + articles.size() * 256);
  std::vector<Offset<fb::Article>> offsets;
  offsets.reserve(articles.size());
  for (size_t i = 0; i < articles.size(); ++i) {
    offsets.push_back(build_article(b, articles[i], plan.locations[i]));
  }
  const auto article_vector = b.CreateVector(offsets);
  std::vector<fb::Frame> frame_structs;
  frame_structs.reserve(frames.size());
  for (const FrameRecord& f : frames) {
    frame_structs.emplace_back(f.offset, f.compressed_size, f.raw_size);
  }
  const auto frame_vector = b.CreateVectorOfStructs(frame_structs);
  // One statement per string: argument evaluation order is unspecified, byte order is not.
  const auto title = unique(b, meta.title);
  const auto language = unique(b, meta.language);
  const auto creator = unique(b, meta.creator);
  const auto generator = unique(b, meta.generator);
  const auto root =
      fb::CreateBundle(b, title, language, creator, generator, meta.created, meta.block_size,
                       plan.max_frame_size, plan.max_read_size, frame_vector, article_vector);
  fb::FinishBundleBuffer(b, root);
  return std::string(reinterpret_cast<const char*>(b.GetBufferPointer()), b.GetSize());
}

}  // namespace sheaf
