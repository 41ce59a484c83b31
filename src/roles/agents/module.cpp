#include "roles/agents/module.hpp"

#include <stdexcept>

#include "app/app.hpp"
#include "roles/agents/service.hpp"
#include "roles/orchestration/intent/classifier.hpp"

namespace aurixa::agents {

void wire(App& app) {
  if (!app.db) throw std::logic_error("agents: the store must be opened before the role is wired");
  // Execution may run elsewhere or be wired later: looked up per write.
  auto execution = [&app] { return app.apis.execution; };
  // The stand-alone /api/v1/run (no intent given) classifies with the same model as the orchestration.
  std::shared_ptr<const orchestration::intent::Classifier> classifier =
      orchestration::intent::make_classifier(app.config.intent_model, app.config.intent_oos_threshold);
  IntentFn classify = [classifier](const std::string& text) {
    const auto c = classifier->classify(text);
    return std::pair<std::string, double>(c.intent, c.confidence);
  };
  // The LLM role may be wired after this one: looked up per turn.
  auto llm = [&app] { return app.apis.llm; };
  AgentOptions options;
  options.tool_calling = app.config.agents_tool_calling;
  app.apis.agents = std::make_shared<AgentService>(*app.db, execution, std::move(classify), llm, options);
}

}  // namespace aurixa::agents
