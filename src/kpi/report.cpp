#include "kpi/report.h"

#include <array>

namespace agencykpi {
namespace {

// The SPEC names of each enum of report.h, by ordinal (the enum's order).
constexpr std::array<std::string_view, 4> kRecurrenceStatusNames = {"spontaneous", "solicited", "pending",
                                                                    "lost"};
constexpr std::array<std::string_view, 3> kParetoClassNames = {"A", "B", "C"};
constexpr std::array<std::string_view, kMarginFlagCount> kMarginFlagNames = {"loss", "low_margin", "eroding",
                                                                             "unbilled"};
constexpr std::array<std::string_view, 7> kObjectiveStatusNames = {
    "not_started", "no_data", "met", "missed", "on_track", "behind", "in_progress"};

constexpr std::array<std::string_view, kRenewalSignalCount> kRenewalSignalNames = {
    "chased_before", "objectives_behind", "margin_low", "activity_down", "revenue_down", "dn_down"};
constexpr std::array<std::string_view, kRenewalLevelCount> kRenewalLevelNames = {"low", "medium", "high"};

template <typename Enum, size_t kCount>
std::string_view NameIn(const std::array<std::string_view, kCount>& names, Enum value) {
  const auto ordinal = static_cast<size_t>(value);
  return ordinal < kCount ? names[ordinal] : std::string_view{};
}

}  // namespace

std::string_view RecurrenceStatusName(RecurrenceStatus status) { return NameIn(kRecurrenceStatusNames, status); }

std::string_view ParetoClassName(ParetoClass pareto_class) { return NameIn(kParetoClassNames, pareto_class); }

std::string_view MarginFlagName(MarginFlag flag) { return NameIn(kMarginFlagNames, flag); }

std::string_view ObjectiveStatusName(ObjectiveStatus status) { return NameIn(kObjectiveStatusNames, status); }

std::string_view RenewalSignalName(RenewalSignal signal) { return NameIn(kRenewalSignalNames, signal); }

std::string_view RenewalLevelName(RenewalLevel level) { return NameIn(kRenewalLevelNames, level); }

}  // namespace agencykpi
