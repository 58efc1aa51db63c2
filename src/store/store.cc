#include "store/store.h"

#include <future>

namespace shaobing {

boost::json::array FilingMovesJson(const std::vector<FilingMove>& moves) {
  auto id = [](const std::optional<EventId>& x) { return x ? boost::json::value(*x) : boost::json::value(nullptr); };
  boost::json::array a;
  for (const auto& m : moves)
    a.push_back(boost::json::object{{"filing", m.filing}, {"before", id(m.before)}, {"after", id(m.after)}});
  return a;
}

Status Store::Write(WriteJob job) {
  std::promise<Status> done;
  auto result = done.get_future();
  Submit(std::move(job), [&done](Status s) { done.set_value(std::move(s)); });
  return result.get();
}

}  // namespace shaobing
