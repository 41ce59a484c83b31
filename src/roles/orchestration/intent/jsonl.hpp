#pragma once
// A minimal reader for the JSON Lines files the intent trainer and evaluator use: one flat object per line
// whose string fields are read ({"text": "...", "intent": "..."}); other values are skipped. Keeps the
// intent library free of Boost.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace aurixa::orchestration::intent {

struct LabeledText {
  std::string text;
  std::string intent;
};

// The top-level string fields of one JSON object. Throws std::runtime_error on malformed input.
std::map<std::string, std::string> parse_string_fields(std::string_view line);

// Reads {"text","intent"} rows (blank lines skipped). Throws std::runtime_error naming the file and line.
std::vector<LabeledText> read_labeled_jsonl(const std::string& path);

}  // namespace aurixa::orchestration::intent
