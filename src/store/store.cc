#include "store/store.h"

#include <future>

namespace shaobing {

Status Store::Write(WriteJob job) {
  std::promise<Status> done;
  auto result = done.get_future();
  Submit(std::move(job), [&done](Status s) { done.set_value(std::move(s)); });
  return result.get();
}

}  // namespace shaobing
