#include "core/config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <thread>

namespace aurixa {
namespace {

ConfigSources env_only(std::map<std::string, std::string> env) {
  ConfigSources s;
  s.env = [env](const std::string& k) -> std::optional<std::string> {
    auto it = env.find(k);
    return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  return s;
}

// A config file that is removed when the test ends.
struct TempFile {
  explicit TempFile(const std::string& content)
      : path(::testing::TempDir() + "aurixa_config_" + std::to_string(::getpid()) + ".json") {
    std::ofstream(path) << content;
  }
  ~TempFile() { std::remove(path.c_str()); }
  std::string path;
};

TEST(Config, DefaultsWhenNothingIsSet) {
  auto c = load_config(env_only({}));
  EXPECT_EQ(c.port, 3000);
  EXPECT_EQ(c.roles, "all");
  EXPECT_EQ(c.max_body_bytes, 1 << 20);
  EXPECT_GE(c.io_threads, 1);
}

TEST(Config, WorkerThreadsFollowWhatTheProcessWaitsOn) {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  EXPECT_EQ(load_config(env_only({})).worker_threads, std::max(4, 2 * cores));  // all local: CPU-bound
  for (const auto& [k, v] : std::map<std::string, std::string>{{"OPENAI_API_KEY", "sk-x"},
                                                               {"DATABASE_URL", "postgresql://u@h/db"},
                                                               {"REDIS_URL", "redis://h:6379"},
                                                               {"AURIXA_ROLES", "orchestration"}})
    EXPECT_EQ(load_config(env_only({{k, v}})).worker_threads, 16) << k;
  EXPECT_EQ(load_config(env_only({{"AURIXA_WORKER_THREADS", "7"}})).worker_threads, 7);  // explicit wins
}

TEST(Config, FlagsBeatEnvBeatFileBeatDefaults) {
  auto src = env_only({{"AURIXA_PORT", "4000"}, {"AURIXA_LOG_LEVEL", "warn"}});
  const TempFile file(R"({"port": 5000, "log_level": "debug", "data_dir": "/tmp/from-file"})");
  src.file = file.path;
  src.flags = {{"port", "6000"}};
  auto c = load_config(src);
  EXPECT_EQ(c.port, 6000);              // flag
  EXPECT_EQ(c.log_level, "warn");       // env over file
  EXPECT_EQ(c.data_dir, "/tmp/from-file");  // file over default
}

TEST(Config, AurixaNameWinsOverOriginalName) {
  auto c = load_config(env_only({{"AURIXA_PORT", "4100"}, {"API_GATEWAY_PORT", "4200"}}));
  EXPECT_EQ(c.port, 4100);
  auto d = load_config(env_only({{"API_GATEWAY_PORT", "4200"}}));
  EXPECT_EQ(d.port, 4200);
}

TEST(Config, InvalidValueNamesTheSetting) {
  try {
    load_config(env_only({{"AURIXA_PORT", "eighty"}}));
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("port"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("AURIXA_PORT"), std::string::npos);
  }
}

TEST(Config, OutOfRangePortRejected) {
  ConfigSources s = env_only({});
  s.flags = {{"port", "70000"}};
  EXPECT_THROW(load_config(s), ConfigError);
}

TEST(Config, UnknownRoleRejected) {
  ConfigSources s = env_only({});
  s.flags = {{"roles", "gateway,teleporter"}};
  try {
    load_config(s);
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("teleporter"), std::string::npos);
  }
}

TEST(Config, UnknownFileSettingRejected) {
  ConfigSources s = env_only({});
  const TempFile file(R"({"prot": 1})");
  s.file = file.path;
  EXPECT_THROW(load_config(s), ConfigError);
}

TEST(Config, RoleUrlsFromEnvAndDefaults) {
  auto c = load_config(env_only({{"AURIXA_RAG_URL", "http://rag:9000"}}));
  EXPECT_EQ(c.role_url("rag"), "http://rag:9000");
  EXPECT_EQ(c.role_url("safety"), "http://127.0.0.1:8005");
}

TEST(Config, BooleanParsing) {
  EXPECT_TRUE(load_config(env_only({{"AURIXA_DEBUG_ROUTES", "true"}})).debug_routes);
  EXPECT_FALSE(load_config(env_only({{"AURIXA_ACCESS_LOG", "off"}})).access_log);
  EXPECT_THROW(load_config(env_only({{"AURIXA_ACCESS_LOG", "maybe"}})), ConfigError);
}

TEST(Config, DocsListEverySetting) {
  auto docs = config_docs();
  EXPECT_GE(docs.size(), 15u);
  bool has_port = false;
  for (const auto& d : docs) has_port |= d.name == "port" && d.env.find("AURIXA_PORT") != std::string::npos;
  EXPECT_TRUE(has_port);
}

}  // namespace
}  // namespace aurixa
