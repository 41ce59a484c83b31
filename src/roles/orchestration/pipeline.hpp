#pragma once
// PipelineService: one conversation turn — input safety (emergencies short-circuit before any model runs,
// personal data redacted before anything leaves the process), intent, agent tools or cached/retrieved
// knowledge, response generation, output safety — recorded as a turn with its steps in the session's
// conversation. Used by the /pipelines routes, the voice role and `aurixa chat`.
#include <memory>

#include "roles/orchestration/api.hpp"
#include "roles/orchestration/cache.hpp"
#include "roles/orchestration/intent/classifier.hpp"

namespace aurixa {
struct App;
namespace store {
class GroupCommit;
}
}  // namespace aurixa

namespace aurixa::orchestration {

class PipelineService final : public Api {
 public:
  PipelineService(App& app, std::shared_ptr<const intent::Classifier> classifier, std::shared_ptr<ResponseCache> cache);
  ~PipelineService() override;
  PipelineResult run(const PipelineRequest& request, const CallContext& ctx) override;
  void run_stream(const PipelineRequest& request, const CallContext& ctx,
                  const std::function<void(const StreamEvent&)>& on_event) override;

  // POST /api/v1/intents/classify: the classifier alone (with the session's pending task as context).
  intent::Classification classify(const std::string& text, const std::string& session_id, const CallContext& ctx);
  const ResponseCache& cache() const { return *cache_; }

 private:
  struct Emitter;
  PipelineResult execute(const PipelineRequest& request, const CallContext& ctx, Emitter* emit);
  App& app_;
  std::shared_ptr<const intent::Classifier> classifier_;
  std::shared_ptr<ResponseCache> cache_;
  std::unique_ptr<store::GroupCommit> turns_;  // persists turns with group commit
  struct ClassificationMemo;
  std::unique_ptr<ClassificationMemo> memo_;  // recent prompts' classifications (no dialogue context)
};

}  // namespace aurixa::orchestration
