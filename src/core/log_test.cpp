#include "core/log.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace aurixa {
namespace {

TEST(Log, FormatsOneJsonObjectPerLine) {
  Log log("off");
  auto line = log.format("info", "access", {{"path", "/health"}, {"status", std::int64_t{200}}, {"ms", 1.5}, {"ok", true}});
  auto v = boost::json::parse(line).as_object();
  EXPECT_EQ(v.at("level").as_string(), "info");
  EXPECT_EQ(v.at("msg").as_string(), "access");
  EXPECT_EQ(v.at("path").as_string(), "/health");
  EXPECT_EQ(v.at("status").as_int64(), 200);
  EXPECT_DOUBLE_EQ(v.at("ms").as_double(), 1.5);
  EXPECT_TRUE(v.at("ok").as_bool());
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(Log, EscapesControlCharactersAndQuotes) {
  Log log("off");
  auto line = log.format("warn", "a \"quoted\"\nline\x01", {});
  EXPECT_EQ(boost::json::parse(line).as_object().at("msg").as_string(), "a \"quoted\"\nline\x01");
}

TEST(Log, RedactorAppliesToMessageAndStringFields) {
  Log log("off");
  log.set_redactor([](std::string_view s) {
    std::string out(s);
    for (auto pos = out.find("123-45-6789"); pos != std::string::npos; pos = out.find("123-45-6789"))
      out.replace(pos, 11, "[REDACTED-SSN]");
    return out;
  });
  auto line = log.format("info", "ssn 123-45-6789", {{"text", "mine is 123-45-6789"}});
  EXPECT_EQ(line.find("123-45-6789"), std::string::npos);
  EXPECT_NE(line.find("[REDACTED-SSN]"), std::string::npos);
}

}  // namespace
}  // namespace aurixa
