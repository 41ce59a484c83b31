#include "core/http_client.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace aurixa {
namespace {

std::vector<std::string> split(std::initializer_list<std::string_view> pieces) {
  LineSplitter s;
  std::vector<std::string> lines;
  auto on = [&](std::string_view l) {
    lines.emplace_back(l);
    return true;
  };
  for (auto p : pieces) s.feed(p, on);
  s.finish(on);
  return lines;
}

TEST(LineSplitter, JoinsLinesAcrossPieces) {
  EXPECT_EQ(split({"{\"a\"", ":1}\n{\"b\":2}\n"}), (std::vector<std::string>{"{\"a\":1}", "{\"b\":2}"}));
}

TEST(LineSplitter, StripsCarriageReturns) { EXPECT_EQ(split({"data: x\r\n\r\n"}), (std::vector<std::string>{"data: x", ""})); }

TEST(LineSplitter, FlushesPartialLastLine) { EXPECT_EQ(split({"a\nb"}), (std::vector<std::string>{"a", "b"})); }

TEST(LineSplitter, StopsWhenCallbackSaysSo) {
  LineSplitter s;
  int n = 0;
  EXPECT_FALSE(s.feed("1\n2\n3\n", [&](std::string_view) { return ++n < 2; }));
  EXPECT_EQ(n, 2);
}

TEST(HttpClient, InvalidUrlIsBadRequest) {
  HttpClient c;
  ClientRequest r;
  r.url = "ftp://example/x";
  EXPECT_THROW(c.request(r), ApiError);
  r.url = "not a url";
  EXPECT_THROW(c.request(r), ApiError);
}

}  // namespace
}  // namespace aurixa
