#pragma once
// HttpClient::request as a coroutine for code already running on an Asio I/O thread (Execution::async_io
// routes). The request runs on the calling coroutine's executor and its connections are pooled per
// io_context, so a forwarded request is written, read and answered without leaving that thread. Same
// errors as request(): ApiError bad_gateway / gateway_timeout.
#include <boost/asio/awaitable.hpp>

#include "core/http_client.hpp"

namespace aurixa {

boost::asio::awaitable<ClientResponse> co_request(HttpClient& client, ClientRequest req);

}  // namespace aurixa
