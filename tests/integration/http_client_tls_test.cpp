// TLS behaviour of the outbound HTTP client against a real TLS server (openssl s_server) on loopback:
// certificates are verified against trusted roots and the host name, so an untrusted or mismatched
// certificate is refused.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <cstdlib>
#include <thread>

#include "core/error.hpp"
#include "core/http_client.hpp"
#include "harness.hpp"

namespace aurixa {
namespace {

class TlsServer {
 public:
  TlsServer() {
    dir_ = testing::make_temp_dir("aurixa-tls");
    cert_ = dir_ + "/cert.pem";
    std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
                      "-addext subjectAltName=DNS:localhost -keyout " + dir_ + "/key.pem -out " + cert_ +
                      " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("openssl req failed");
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    port_ = a.local_endpoint().port();
    a.close();
    pid_ = fork();
    if (pid_ == 0) {
      std::string p = std::to_string(port_), key = dir_ + "/key.pem";
      freopen("/dev/null", "w", stdout);
      freopen("/dev/null", "w", stderr);
      execlp("openssl", "openssl", "s_server", "-accept", p.c_str(), "-cert", cert_.c_str(), "-key", key.c_str(),
             "-www", "-quiet", static_cast<char*>(nullptr));
      _exit(127);
    }
    // Wait until it accepts connections.
    for (int i = 0; i < 200; ++i) {
      boost::asio::io_context c;
      boost::asio::ip::tcp::socket s(c);
      boost::system::error_code ec;
      s.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ec);
      if (!ec) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    throw std::runtime_error("openssl s_server did not start");
  }
  ~TlsServer() {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  std::string url(const std::string& host) const { return "https://" + host + ":" + std::to_string(port_) + "/"; }
  const std::string& cert() const { return cert_; }

 private:
  std::string dir_, cert_;
  unsigned short port_ = 0;
  pid_t pid_ = -1;
};

TEST(HttpClientTls, TrustedCertificateAndMatchingHostSucceeds) {
  TlsServer server;
  HttpClient client({.ca_file = server.cert()});
  ClientRequest r;
  r.url = server.url("localhost");
  r.timeout = std::chrono::seconds(10);
  auto res = client.request(r);
  EXPECT_EQ(res.status, 200);
  EXPECT_NE(res.body.find("s_server"), std::string::npos);
}

TEST(HttpClientTls, UntrustedCertificateIsRefused) {
  TlsServer server;
  HttpClient client;  // system roots only: the self-signed certificate is not trusted
  ClientRequest r;
  r.url = server.url("localhost");
  r.timeout = std::chrono::seconds(10);
  try {
    client.request(r);
    FAIL() << "an untrusted certificate was accepted";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 502);
    EXPECT_NE(std::string(e.detail()).find("TLS"), std::string::npos) << e.detail();
  }
}

TEST(HttpClientTls, HostNameMismatchIsRefused) {
  TlsServer server;
  HttpClient client({.ca_file = server.cert()});
  ClientRequest r;
  r.url = server.url("127.0.0.1");  // the certificate names only DNS:localhost
  r.timeout = std::chrono::seconds(10);
  EXPECT_THROW(client.request(r), ApiError);
}

}  // namespace
}  // namespace aurixa
