// Tests for diag/status.hpp: success by default, failures keep their code through wrapping.
#include "diag/status.hpp"
#include "support/catch.hpp"

TEST_CASE("status: a default Status is success with no message", "[compiler][diag]") {
  const sheaf::Status s;
  CHECK(s.ok());
  CHECK(s.code() == sheaf::StatusCode::ok);
  CHECK(s.message().empty());
  CHECK(s.wrapped("a: ", "!").ok());
  CHECK(s.wrapped("a: ", "!").message().empty());
}

TEST_CASE("status: failures carry their code and message", "[compiler][diag]") {
  const sheaf::Status io = sheaf::Status::io_error("x: cannot write: No space left on device");
  CHECK_FALSE(io.ok());
  CHECK(io.code() == sheaf::StatusCode::io_error);
  CHECK(io.message() == "x: cannot write: No space left on device");
  const sheaf::Status bad = sheaf::Status::corrupt("article 3 does not read back as written");
  CHECK_FALSE(bad.ok());
  CHECK(bad.code() == sheaf::StatusCode::corrupt);
}

TEST_CASE("status: wrapped adds context and keeps the code", "[compiler][diag]") {
  const sheaf::Status w = sheaf::Status::corrupt("bad").wrapped("out.sheaf: not written (", ")");
  CHECK(w.code() == sheaf::StatusCode::corrupt);
  CHECK(w.message() == "out.sheaf: not written (bad)");
}
