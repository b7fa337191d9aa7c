// Tests for extract/boilerplate.hpp: for now, only paragraphs repeating the title go.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "extract/boilerplate.hpp"

TEST_CASE("boilerplate: paragraphs that exactly repeat the title are dropped",
          "[compiler][extract]") {
  sheaf::Article a;
  a.title = "Headline";
  a.paragraphs = {"Headline", "Body one.", "Headline ", "headline", "Headline"};
  sheaf::Diagnostics diags;
  sheaf::remove_boilerplate(a, diags);
  CHECK(a.paragraphs == std::vector<std::string>{"Body one.", "Headline ", "headline"});
  CHECK(diags.items().empty());
}

TEST_CASE("boilerplate: without a title nothing is dropped", "[compiler][extract]") {
  sheaf::Article a;
  a.paragraphs = {"", "text"};
  sheaf::Diagnostics diags;
  sheaf::remove_boilerplate(a, diags);
  CHECK(a.paragraphs.size() == 2);
}
