#include "fusion/desk_records.h"

namespace shaobing::fusion {

const char* ToString(LinkAction a) {
  switch (a) {
    case LinkAction::kLinked:
      return "linked";
    case LinkAction::kProvisional:
      return "provisional";
    case LinkAction::kNewEvent:
      return "new_event";
    case LinkAction::kNamed:
      return "named";
  }
  return "new_event";
}

std::optional<LinkAction> ParseLinkAction(std::string_view code) {
  for (LinkAction a : {LinkAction::kLinked, LinkAction::kProvisional, LinkAction::kNewEvent, LinkAction::kNamed}) {
    if (code == ToString(a)) return a;
  }
  return std::nullopt;
}

const char* ToString(TaskState s) {
  switch (s) {
    case TaskState::kNone:
      return "";
    case TaskState::kPending:
      return "pending";
    case TaskState::kConfirmed:
      return "confirmed";
    case TaskState::kRejected:
      return "rejected";
  }
  return "";
}

std::optional<TaskState> ParseTaskState(std::string_view code) {
  for (TaskState s : {TaskState::kNone, TaskState::kPending, TaskState::kConfirmed, TaskState::kRejected}) {
    if (code == ToString(s)) return s;
  }
  return std::nullopt;
}

const char* ToString(OperationKind k) {
  switch (k) {
    case OperationKind::kMerge:
      return "merge";
    case OperationKind::kSplit:
      return "split";
  }
  return "merge";
}

std::optional<OperationKind> ParseOperationKind(std::string_view code) {
  for (OperationKind k : {OperationKind::kMerge, OperationKind::kSplit}) {
    if (code == ToString(k)) return k;
  }
  return std::nullopt;
}

}  // namespace shaobing::fusion
