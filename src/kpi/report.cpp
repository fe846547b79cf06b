#include "kpi/report.h"

namespace agencykpi {

std::string_view RecurrenceStatusName(RecurrenceStatus status) {
  switch (status) {
    case RecurrenceStatus::kSpontaneous: return "spontaneous";
    case RecurrenceStatus::kSolicited: return "solicited";
    case RecurrenceStatus::kPending: return "pending";
    case RecurrenceStatus::kLost: return "lost";
  }
  return "lost";
}

std::string_view ParetoClassName(ParetoClass pareto_class) {
  switch (pareto_class) {
    case ParetoClass::kA: return "A";
    case ParetoClass::kB: return "B";
    case ParetoClass::kC: return "C";
  }
  return "C";
}

std::string_view MarginFlagName(MarginFlag flag) {
  switch (flag) {
    case MarginFlag::kLoss: return "loss";
    case MarginFlag::kLowMargin: return "low_margin";
    case MarginFlag::kEroding: return "eroding";
    case MarginFlag::kUnbilled: return "unbilled";
  }
  return "";
}

std::string_view ObjectiveStatusName(ObjectiveStatus status) {
  switch (status) {
    case ObjectiveStatus::kNotStarted: return "not_started";
    case ObjectiveStatus::kNoData: return "no_data";
    case ObjectiveStatus::kMet: return "met";
    case ObjectiveStatus::kMissed: return "missed";
    case ObjectiveStatus::kOnTrack: return "on_track";
    case ObjectiveStatus::kBehind: return "behind";
    case ObjectiveStatus::kInProgress: return "in_progress";
  }
  return "";
}

}  // namespace agencykpi
