#pragma once
// PipelineService: one conversation turn — input safety (emergencies short-circuit before any model runs,
// personal data redacted before anything leaves the process), intent, agent tools or cached/retrieved
// knowledge, response generation, output safety — recorded as a turn with its steps in the session's
// conversation. Used by the /pipelines routes, the voice role and `aurixa chat`.
//
// A turn runs in three stages: begin() (checks, tenant/patient, session history, input safety, intent, the
// response cache), complete() (agent tools, retrieval, generation, output safety, staff escalation) when
// the cache did not answer, then its rows go to the commit queue (one transaction and fsync per batch of
// concurrent turns). run() does all three on the calling thread; run_async() (the /pipelines route on an
// I/O thread) runs begin() in place when nothing it calls can block and the prompt is likely a cache hit,
// the rest on the worker pool, and is resumed by the commit instead of a thread waiting for it.
#include <boost/asio/awaitable.hpp>

#include <memory>

#include "core/async_route.hpp"
#include "roles/orchestration/api.hpp"
#include "roles/orchestration/cache.hpp"
#include "roles/orchestration/intent/classifier.hpp"

namespace aurixa {
struct App;
namespace store {
class CommitQueue;
class Tx;
}
}  // namespace aurixa

namespace aurixa::orchestration {

class ClassificationMemo;

class PipelineService final : public Api {
 public:
  PipelineService(App& app, std::shared_ptr<const intent::Classifier> classifier, std::shared_ptr<ResponseCache> cache);
  ~PipelineService() override;
  PipelineResult run(const PipelineRequest& request, const CallContext& ctx) override;
  void run_stream(const PipelineRequest& request, const CallContext& ctx,
                  const std::function<void(const StreamEvent&)>& on_event) override;
  // The same turn as run(), for a coroutine on an I/O thread (see above). Throws as run() does.
  boost::asio::awaitable<PipelineResult> run_async(PipelineRequest request, CallContext ctx, http::AsyncEnv env);

  // POST /api/v1/intents/classify: the classifier alone (with the session's pending task as context).
  intent::Classification classify(const std::string& text, const std::string& session_id, const CallContext& ctx);
  const ResponseCache& cache() const { return *cache_; }
  // Waits until every turn handed to the commit queue is durable and its caller resumed (or its resumption
  // queued): called once the HTTP server has stopped, before its threads' contexts are destroyed.
  void drain();

 private:
  struct Emitter;
  struct Turn;
  std::unique_ptr<Turn> begin(const PipelineRequest& request, const CallContext& ctx, Emitter* emit);
  void complete(Turn& turn);
  PipelineResult execute(const PipelineRequest& request, const CallContext& ctx, Emitter* emit);  // run(), run_stream()
  void seal(Turn& turn);  // the final answer and the rows' metadata
  std::function<void(store::Tx&)> persist_work(Turn& turn);  // writes the turn and its steps
  void lookup_cache(Turn& turn);
  PipelineResult result(Turn& turn);
  bool begins_on_io_thread(const PipelineRequest& request, const CallContext& ctx) const;

  App& app_;
  std::shared_ptr<const intent::Classifier> classifier_;
  std::shared_ptr<ResponseCache> cache_;
  std::unique_ptr<store::CommitQueue> commits_;  // persists turns with an asynchronous group commit
  std::unique_ptr<ClassificationMemo> memo_;     // recent prompts' classifications (no dialogue context)
  bool local_fast_path_ = false;  // safety, llm and cache are in-process and never wait on the network
};

}  // namespace aurixa::orchestration
