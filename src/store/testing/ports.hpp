#pragma once
// Test support: a free TCP port on 127.0.0.1 for a throw-away server (PostgreSQL, Redis).
namespace aurixa::store::testing {

unsigned short free_loopback_port();

}  // namespace aurixa::store::testing
