#include "standards/text_matcher.h"

#include <algorithm>
#include <utility>

namespace shaobing {

TextMatcher::TextMatcher(const std::vector<std::string>& patterns) {
  // 1. A trie with per-node edge lists.
  std::vector<std::vector<std::pair<std::uint8_t, std::uint32_t>>> edges(1);
  std::vector<std::vector<std::uint32_t>> outs(1);
  lengths_.reserve(patterns.size());
  for (std::uint32_t id = 0; id < patterns.size(); ++id) {
    const std::string& p = patterns[id];
    lengths_.push_back(static_cast<std::uint32_t>(p.size()));
    if (p.empty()) continue;
    std::uint32_t s = 0;
    for (char ch : p) {
      const auto b = static_cast<std::uint8_t>(ch);
      auto it = std::find_if(edges[s].begin(), edges[s].end(), [b](auto& e) { return e.first == b; });
      if (it != edges[s].end()) {
        s = it->second;
        continue;
      }
      const auto t = static_cast<std::uint32_t>(edges.size());
      edges[s].emplace_back(b, t);
      edges.emplace_back();
      outs.emplace_back();
      s = t;
    }
    outs[s].push_back(id);
  }
  // 2. Flatten.
  nodes_.resize(edges.size());
  for (std::uint32_t s = 0; s < edges.size(); ++s) {
    std::sort(edges[s].begin(), edges[s].end());
    nodes_[s].edges_first = static_cast<std::uint32_t>(edge_bytes_.size());
    nodes_[s].edges_count = static_cast<std::uint32_t>(edges[s].size());
    for (auto [b, t] : edges[s]) {
      edge_bytes_.push_back(b);
      edge_targets_.push_back(t);
    }
    nodes_[s].outs_first = static_cast<std::uint32_t>(outs_.size());
    nodes_[s].outs_count = static_cast<std::uint32_t>(outs[s].size());
    outs_.insert(outs_.end(), outs[s].begin(), outs[s].end());
  }
  // 3. Root transitions, then failure and dictionary links breadth first.
  std::vector<std::uint32_t> queue;
  for (auto [b, t] : edges[0]) {
    root_[b] = t;
    nodes_[t].fail = 0;
    queue.push_back(t);
  }
  for (size_t head = 0; head < queue.size(); ++head) {
    const std::uint32_t s = queue[head];
    for (auto [b, t] : edges[s]) {
      std::uint32_t f = nodes_[s].fail;
      nodes_[t].fail = Next(f, b);
      const std::uint32_t fl = nodes_[t].fail;
      nodes_[t].dict = nodes_[fl].outs_count > 0 ? fl : nodes_[fl].dict;
      queue.push_back(t);
    }
  }
}

}  // namespace shaobing
