#include "roles/rag/chunker.hpp"

#include <algorithm>

#include "roles/rag/text.hpp"

namespace aurixa::rag {
namespace {

struct Block {
  std::vector<std::string> sentences;
  std::size_t words = 0;
  bool heading = false;  // starts a section
};

bool is_heading_line(const std::string& line) {
  if (line.empty()) return false;
  if (line[0] == '#') return true;
  // A short line ending in ':' introduces what follows ("Parking:", "What to bring:").
  return line.back() == ':' && count_words(line) <= 8;
}

// Paragraphs (separated by blank lines) as blocks of sentences; a heading line becomes its own block.
std::vector<Block> parse_blocks(const std::string& content) {
  std::vector<Block> blocks;
  std::string para;
  auto flush = [&] {
    if (para.empty()) return;
    Block b;
    for (auto& s : split_sentences(para)) {
      b.words += count_words(s);
      b.sentences.push_back(std::move(s));
    }
    if (!b.sentences.empty()) blocks.push_back(std::move(b));
    para.clear();
  };
  std::size_t pos = 0;
  while (pos <= content.size()) {
    auto nl = content.find('\n', pos);
    if (nl == std::string::npos) nl = content.size();
    std::string line = content.substr(pos, nl - pos);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) line.pop_back();
    std::size_t lead = line.find_first_not_of(" \t");
    line = lead == std::string::npos ? std::string() : line.substr(lead);
    if (line.empty()) {
      flush();
    } else if (is_heading_line(line)) {
      flush();
      blocks.push_back(Block{{line}, count_words(line), true});
    } else {
      if (!para.empty()) para += '\n';
      para += line;
    }
    pos = nl + 1;
  }
  flush();
  return blocks;
}

}  // namespace

std::vector<std::string> split_passages(const std::string& content, const ChunkOptions& opt) {
  // Flatten to sentences, remembering where sections start.
  struct Sentence {
    std::string text;
    std::size_t words;
    bool section_start;
    bool paragraph_start;
  };
  std::vector<Sentence> sentences;
  for (auto& b : parse_blocks(content))
    for (std::size_t i = 0; i < b.sentences.size(); ++i)
      sentences.push_back({b.sentences[i], count_words(b.sentences[i]), b.heading && i == 0, i == 0});

  std::vector<std::vector<std::size_t>> chunks;  // sentence indices
  std::vector<std::size_t> cur;
  std::size_t cur_words = 0, new_words = 0;  // new_words: words not repeated from the previous chunk
  auto close = [&] {
    chunks.push_back(cur);
    // Overlap: carry the last sentences (up to overlap_words) into the next chunk.
    std::vector<std::size_t> carry;
    std::size_t carried = 0;
    for (auto it = cur.rbegin(); it != cur.rend(); ++it) {
      if (carried + sentences[*it].words > opt.overlap_words || sentences[*it].section_start) break;
      carried += sentences[*it].words;
      carry.insert(carry.begin(), *it);
    }
    cur = std::move(carry);
    cur_words = carried;
    new_words = 0;
  };
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    const auto& s = sentences[i];
    bool would_overflow = new_words > 0 && cur_words + s.words > opt.max_words;
    // Prefer cutting at a section, then at a paragraph, once the chunk is long enough.
    bool good_cut = new_words > 0 && cur_words >= opt.min_words && s.section_start;
    if (would_overflow || good_cut) {
      close();
      if (s.section_start) {  // a new section never starts with the previous section's tail
        cur.clear();
        cur_words = 0;
      }
    }
    cur.push_back(i);
    cur_words += s.words;
    new_words += s.words;
  }
  if (new_words > 0) {
    // A short tail joins the previous chunk when the result stays reasonably sized.
    if (!chunks.empty() && new_words < opt.min_words / 2) {
      std::size_t prev_words = 0;
      for (auto k : chunks.back()) prev_words += sentences[k].words;
      if (prev_words + new_words <= opt.max_words + opt.max_words / 4) {
        for (auto k : cur)
          if (std::find(chunks.back().begin(), chunks.back().end(), k) == chunks.back().end())
            chunks.back().push_back(k);
        cur.clear();
      }
    }
    if (!cur.empty()) chunks.push_back(cur);
  }

  std::vector<std::string> out;
  for (const auto& c : chunks) {
    std::string text;
    for (std::size_t k = 0; k < c.size(); ++k) {
      if (k > 0) text += sentences[c[k]].paragraph_start ? "\n" : " ";
      text += sentences[c[k]].text;
    }
    out.push_back(std::move(text));
  }
  return out;
}

std::vector<Chunk> chunk_article(const Article& article, const ChunkOptions& options) {
  std::vector<Chunk> out;
  int index = 0;
  for (auto& text : split_passages(article.content, options)) {
    Chunk c;
    c.article_id = article.id;
    c.tenant_id = article.tenant_id;
    c.index = index;
    c.id = std::to_string(article.id) + ":" + std::to_string(index);
    c.title = article.title;
    c.category = article.category;
    c.text = std::move(text);
    out.push_back(std::move(c));
    ++index;
  }
  return out;
}

}  // namespace aurixa::rag
