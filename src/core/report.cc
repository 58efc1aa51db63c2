#include "core/report.h"

namespace shaobing {

const char* ReportKindCode(ReportKind k) {
  switch (k) {
    case ReportKind::kFirst:
      return "first";
    case ReportKind::kFollowup:
      return "followup";
    case ReportKind::kFinal:
      return "final";
    case ReportKind::kCorrection:
      return "correction";
  }
  return "first";
}

std::optional<ReportKind> ParseReportKind(std::string_view code) {
  for (auto k : {ReportKind::kFirst, ReportKind::kFollowup, ReportKind::kFinal, ReportKind::kCorrection}) {
    if (code == ReportKindCode(k)) return k;
  }
  return std::nullopt;
}

const char* ChannelCode(Channel c) { return c == Channel::kPhone ? "phone" : "written"; }

std::optional<Channel> ParseChannel(std::string_view code) {
  if (code == "written") return Channel::kWritten;
  if (code == "phone") return Channel::kPhone;
  return std::nullopt;
}

}  // namespace shaobing
