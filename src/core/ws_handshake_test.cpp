#include "core/ws_handshake.hpp"

#include <gtest/gtest.h>

namespace aurixa::ws_detail {
namespace {

namespace bhttp = boost::beast::http;

bhttp::fields upgrade(const char* key, const char* version) {
  bhttp::fields f;
  if (key) f.set(bhttp::field::sec_websocket_key, key);
  if (version) f.set(bhttp::field::sec_websocket_version, version);
  return f;
}

TEST(WsHandshake, AValidKeyAndVersion13Proceed) {
  EXPECT_FALSE(handshake_error(upgrade("dGhlIHNhbXBsZSBub25jZQ==", "13")));  // RFC 6455's example key
}

TEST(WsHandshake, KeyProblemsAre400NamingTheHeader) {
  for (const char* key : {static_cast<const char*>(nullptr), "", "short==", "dGhlIHNhbXBsZSBub25jZQ",
                          "dGhlIHNhbXBsZSBub25j*Q==", "dGhlIHNhbXBsZSBub25jZQ==x"}) {
    auto e = handshake_error(upgrade(key, "13"));
    ASSERT_TRUE(e) << (key ? key : "(none)");
    EXPECT_EQ(e->status(), 400);
    EXPECT_EQ(e->field(), "Sec-WebSocket-Key");
  }
}

TEST(WsHandshake, VersionMissingIs400AndOtherVersionsAre426) {
  auto missing = handshake_error(upgrade("dGhlIHNhbXBsZSBub25jZQ==", nullptr));
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status(), 400);
  EXPECT_EQ(missing->field(), "Sec-WebSocket-Version");
  for (const char* v : {"8", "12", "14", "13, 8"}) {
    auto e = handshake_error(upgrade("dGhlIHNhbXBsZSBub25jZQ==", v));
    ASSERT_TRUE(e) << v;
    EXPECT_EQ(e->status(), 426) << v;
    EXPECT_EQ(e->code(), "upgrade_required");
  }
}

}  // namespace
}  // namespace aurixa::ws_detail
