// compiler, index stage: FlatBuffers serialization of the index.
#include "index/index_builder.hpp"

#include <algorithm>
#include <stdexcept>

#include <flatbuffers/flatbuffers.h>

#include <sheaf/bundle.hpp>
#include <sheaf/detail/sheaf_generated.h>
#include <sheaf/record.hpp>

#include "index/record_writer.hpp"

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

Offset<fb::Site> build_site(FlatBufferBuilder& b, const SiteInfo& s) {
  const auto name = shared(b, s.name);
  const auto copyright = shared(b, s.copyright);
  const auto icp = shared(b, s.icp);
  const auto record = shared(b, s.public_security_record);
  const auto email = shared(b, s.email);
  const auto address = shared(b, s.address);
  const auto phone = shared(b, s.phone);
  const auto organizer = shared(b, s.organizer);
  const auto tech = shared(b, s.tech_support);
  return fb::CreateSite(b, name, copyright, icp, record, email, address, phone, organizer, tech);
}

}  // namespace

IndexKeys index_keys(const RecordStore& records, const std::vector<const SiteInfo*>& sites,
                     const FramePlan& plan) {
  IndexKeys keys;
  (void)plan;
  keys.title_hashes.reserve(records.size());
  keys.id_hashes.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const Result<Record> r = parse_record(records[i]);
    keys.title_hashes.push_back(detail::title_hash(r.ok() ? r.value().title : ""));
    keys.id_hashes.push_back(detail::title_hash(record_id(records[i])));
  }
  for (const SiteInfo* s : sites) {
    keys.sites.push_back(*s);
  }
  return keys;
}

std::string build_index(const BundleMeta& meta, const IndexKeys& keys, const FramePlan& plan,
                        const std::vector<FrameRecord>& frames,
                        const std::vector<SourceRecord>& sources) {
  FlatBufferBuilder b(1024 + plan.locations.size() * 32);
  std::vector<Offset<fb::Site>> sites;
  for (const SiteInfo& s : keys.sites) {
    sites.push_back(build_site(b, s));
  }
  const auto site_vector = sites.empty() ? 0 : b.CreateVector(sites);
  std::vector<Offset<fb::SourceFile>> source_tables;
  for (const SourceRecord& s : sources) {
    const auto path = b.CreateString(s.path);
    source_tables.push_back(
        fb::CreateSourceFile(b, path, s.offset, s.compressed_size, s.size, s.checksum));
  }
  const auto source_vector = source_tables.empty() ? 0 : b.CreateVector(source_tables);
  std::vector<fb::Article> entries;
  entries.reserve(plan.locations.size());
  for (const RecordLocation& loc : plan.locations) {
    entries.emplace_back(loc.first_frame, loc.offset, loc.size, loc.checksum);
  }
  const auto article_vector = b.CreateVectorOfStructs(entries);
  // Keys sorted by (hash, article): lookups by id and by title (SPEC: "Lookup by id and by
  // title").
  const auto key_vector = [&b](const std::vector<uint32_t>& hashes) {
    std::vector<fb::TitleKey> sorted;
    sorted.reserve(hashes.size());
    for (size_t i = 0; i < hashes.size(); ++i) {
      sorted.emplace_back(hashes[i], static_cast<uint32_t>(i));
    }
    std::sort(sorted.begin(), sorted.end(), [](const fb::TitleKey& x, const fb::TitleKey& y) {
      return x.hash() != y.hash() ? x.hash() < y.hash() : x.article() < y.article();
    });
    return b.CreateVectorOfStructs(sorted);
  };
  const auto title_key_vector = key_vector(keys.title_hashes);
  const auto id_key_vector = key_vector(keys.id_hashes);
  // Frame ends modulo 2^32, and where they pass each multiple of 4 GiB (SPEC: "Frame table").
  std::vector<uint32_t> ends;
  std::vector<uint32_t> wraps;
  ends.reserve(frames.size());
  for (size_t j = 0; j < frames.size(); ++j) {
    const uint64_t end = frames[j].offset + frames[j].compressed_size;
    while ((end >> 32) > wraps.size()) {
      wraps.push_back(static_cast<uint32_t>(j));  // a frame is far under 4 GiB: once at most
    }
    ends.push_back(static_cast<uint32_t>(end));
  }
  const auto end_vector = b.CreateVector(ends);
  Offset<flatbuffers::Vector<uint32_t>> wrap_vector;  // absent below 4 GiB
  if (!wraps.empty()) {
    wrap_vector = b.CreateVector(wraps);
  }
  // One statement per string: argument evaluation order is unspecified, byte order is not.
  const auto title = unique(b, meta.title);
  const auto language = unique(b, meta.language);
  const auto creator = unique(b, meta.creator);
  const auto generator = unique(b, meta.generator);
  const auto root = fb::CreateBundle(
      b, title, language, creator, generator, meta.created, meta.block_size, plan.max_frame_size,
      plan.max_read_size, article_vector, title_key_vector, site_vector, source_vector, end_vector,
      id_key_vector, wrap_vector, meta.dictionary_new_raw);
  fb::FinishBundleBuffer(b, root);
  return std::string(reinterpret_cast<const char*>(b.GetBufferPointer()), b.GetSize());
}

}  // namespace sheaf
