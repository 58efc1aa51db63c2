#pragma once
// Finds every occurrence of a fixed set of byte strings in a text (Aho–Corasick), built once.
// With UTF-8 text and patterns a match never starts or ends inside a character. Immutable
// after construction and safe to share between threads.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shaobing {

class TextMatcher {
 public:
  TextMatcher() = default;
  // Pattern ids are indices into `patterns`; empty patterns never match; duplicates each match.
  explicit TextMatcher(const std::vector<std::string>& patterns);

  // Calls on_match(id, begin, end) for every occurrence, by increasing end (byte offsets).
  template <typename F>
  void Scan(std::string_view text, F&& on_match) const;

  size_t pattern_count() const { return lengths_.size(); }

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  struct Node {
    std::uint32_t edges_first = 0;  // into edge_bytes_/edge_targets_, sorted by byte
    std::uint32_t edges_count = 0;
    std::uint32_t fail = 0;
    std::uint32_t dict = kNone;    // nearest proper suffix node with patterns
    std::uint32_t outs_first = 0;  // into outs_
    std::uint32_t outs_count = 0;
  };

  std::uint32_t Next(std::uint32_t state, std::uint8_t byte) const {
    for (;;) {
      if (state == 0) return root_[byte];
      const Node& n = nodes_[state];
      for (std::uint32_t e = n.edges_first, end = e + n.edges_count; e < end; ++e) {
        if (edge_bytes_[e] == byte) return edge_targets_[e];
      }
      state = n.fail;
    }
  }

  std::vector<Node> nodes_;
  std::uint32_t root_[256] = {};
  std::vector<std::uint8_t> edge_bytes_;
  std::vector<std::uint32_t> edge_targets_;
  std::vector<std::uint32_t> outs_;
  std::vector<std::uint32_t> lengths_;
};

template <typename F>
void TextMatcher::Scan(std::string_view text, F&& on_match) const {
  if (nodes_.empty()) return;
  std::uint32_t state = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    state = Next(state, static_cast<std::uint8_t>(text[i]));
    std::uint32_t v = nodes_[state].outs_count > 0 ? state : nodes_[state].dict;
    for (; v != kNone; v = nodes_[v].dict) {
      const Node& n = nodes_[v];
      for (std::uint32_t k = n.outs_first; k < n.outs_first + n.outs_count; ++k) {
        const std::uint32_t id = outs_[k];
        on_match(id, i + 1 - lengths_[id], i + 1);
      }
    }
  }
}

}  // namespace shaobing
