// sheaf runtime: the one header to include. Reads sheaf bundles in place: no heap, no
// exceptions, no RTTI; C++17. Needs zstd's decompression API and FlatBuffers headers.
// For mapping files on POSIX systems, also include <sheaf/posix_file.hpp>.
//
//   sheaf::Result<sheaf::Bundle> b = sheaf::Bundle::open(bytes);      // O(1), checks header
//   sheaf::Result<sheaf::Decoder> d = sheaf::Decoder::init(b.value(), workspace);
//   sheaf::Result<sheaf::Record> r = d.value().read(i, buffer);        // r.value().title, .body
//   sheaf::Result<sheaf::Found> f = d.value().find("an-id", buffer);   // or find_title(title)
//
// See runtime/README.md for a complete program and schema/SPEC.md for the byte layout.
#pragma once

#include <sheaf/bundle.hpp>
#include <sheaf/bytes.hpp>
#include <sheaf/charset.hpp>
#include <sheaf/config.hpp>
#include <sheaf/decoder.hpp>
#include <sheaf/error.hpp>
#include <sheaf/format.hpp>
#include <sheaf/headlines.hpp>
#include <sheaf/layout.hpp>
#include <sheaf/navigation.hpp>
#include <sheaf/patch.hpp>
#include <sheaf/record.hpp>
#include <sheaf/screens.hpp>
#include <sheaf/search.hpp>
#include <sheaf/search_query.hpp>
#include <sheaf/verify.hpp>
