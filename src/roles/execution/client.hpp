#pragma once
// execution::Api over HTTP (split mode), for processes that do not run the execution role.
#include <memory>
#include <string>

namespace aurixa {
class HttpClient;
}

namespace aurixa::execution {
class Api;

// base_url: the execution role (e.g. http://127.0.0.1:8007). The caller's identity (principal, tenant)
// travels in the X-Aurixa-* headers, with internal_token when the deployment sets one.
std::shared_ptr<Api> make_client(HttpClient& http, std::string base_url, std::string internal_token = {});

}  // namespace aurixa::execution
