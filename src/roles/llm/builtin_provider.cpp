// The builtin responder behind the Provider interface: never fails, costs nothing, never leaves the
// process. Streaming delivers the reply a few words at a time so clients see the same shape of stream
// as from a model.
#include "roles/llm/builtin.hpp"
#include "roles/llm/provider.hpp"

namespace aurixa::llm {
namespace {

constexpr std::size_t kWordsPerDelta = 4;

class BuiltinProvider final : public Provider {
 public:
  const std::string& id() const override { return id_; }
  bool cloud() const override { return false; }
  std::string default_model() override { return id_; }
  std::vector<std::string> models() override { return {id_}; }

  ProviderResult complete(const ProviderCall& call) override {
    ProviderResult r;
    r.text = responder_.respond(call.request);
    r.model = id_;
    return r;  // usage_reported = false: the service estimates tokens for the builtin
  }

  ProviderResult stream(const ProviderCall& call, const DeltaSink& on_delta) override {
    auto r = complete(call);
    std::size_t start = 0, words = 0;
    for (std::size_t i = 0; i <= r.text.size(); ++i) {
      bool end = i == r.text.size();
      if (!end && r.text[i] != ' ' && r.text[i] != '\n') continue;
      if (!end && ++words < kWordsPerDelta) continue;
      std::size_t stop = end ? i : i + 1;  // keep the separator with the preceding words
      if (stop > start && !on_delta(std::string_view(r.text).substr(start, stop - start))) {
        r.text.resize(stop);
        r.finish_reason = "cancelled";
        return r;
      }
      start = stop;
      words = 0;
    }
    return r;
  }

 private:
  std::string id_ = "builtin";
  BuiltinResponder responder_;
};

}  // namespace

std::unique_ptr<Provider> make_builtin_provider() { return std::make_unique<BuiltinProvider>(); }

}  // namespace aurixa::llm
