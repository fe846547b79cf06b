#include "report/labels.h"

#include <array>

namespace agencykpi {
namespace {

std::string_view Pick(Language language, std::string_view french, std::string_view english) {
  return language == Language::kFrench ? french : english;
}

// An enum's words in both languages, by ordinal (the enum's order).
struct Words {
  std::string_view french;
  std::string_view english;
};

template <typename Enum, size_t kCount>
std::string_view WordIn(const std::array<Words, kCount>& words, Enum value, Language language) {
  const auto ordinal = static_cast<size_t>(value);
  if (ordinal >= kCount) return {};
  return Pick(language, words[ordinal].french, words[ordinal].english);
}

constexpr std::array<Words, 4> kRecurrenceStatusWords = {{
    {"spontané", "spontaneous"},
    {"sollicité", "solicited"},
    {"en attente", "pending"},
    {"perdu", "lost"},
}};

constexpr std::array<Words, kMarginFlagCount> kMarginFlagWords = {{
    {"perte", "loss"},
    {"marge faible", "low margin"},
    {"en érosion", "eroding"},
    {"non facturé", "unbilled"},
}};

constexpr std::array<Words, 7> kObjectiveStatusWords = {{
    {"pas commencé", "not started"},
    {"pas de données", "no data"},
    {"atteint", "met"},
    {"manqué", "missed"},
    {"en bonne voie", "on track"},
    {"en retard", "behind"},
    {"en cours", "in progress"},
}};

constexpr std::array<Words, kRenewalSignalCount> kRenewalSignalWords = {{
    {"déjà relancé", "chased before"},
    {"objectifs en retard", "objectives behind"},
    {"marge faible", "low margin"},
    {"activité en baisse", "activity down"},
    {"CA en baisse", "revenue down"},
    {"DN en baisse", "DN down"},
}};

constexpr std::array<Words, kRenewalLevelCount> kRenewalLevelWords = {{
    {"faible", "low"},
    {"moyen", "medium"},
    {"élevé", "high"},
}};

// An audit visit is a relevé in French everywhere (tables, PDF, XLSX).
constexpr std::array<Words, kVisitActionCount> kVisitActionWords = {{
    {"implantation", "implantation"},
    {"négociation", "negotiation"},
    {"promotion", "promotion"},
    {"merchandising", "merchandising"},
    {"relevé", "audit"},
    {"commande", "order"},
    {"autre", "other"},
}};

}  // namespace

std::string_view RecurrenceStatusWord(RecurrenceStatus status, Language language) {
  return WordIn(kRecurrenceStatusWords, status, language);
}

std::string_view MarginFlagWord(MarginFlag flag, Language language) {
  return WordIn(kMarginFlagWords, flag, language);
}

std::string_view ObjectiveStatusWord(ObjectiveStatus status, Language language) {
  return WordIn(kObjectiveStatusWords, status, language);
}

std::string_view RenewalSignalWord(RenewalSignal signal, Language language) {
  return WordIn(kRenewalSignalWords, signal, language);
}

std::string_view RenewalLevelWord(RenewalLevel level, Language language) {
  return WordIn(kRenewalLevelWords, level, language);
}

Tone RenewalLevelTone(RenewalLevel level) {
  switch (level) {
    case RenewalLevel::kHigh: return Tone::kBad;
    case RenewalLevel::kMedium: return Tone::kWarning;
    case RenewalLevel::kLow: break;
  }
  return Tone::kPlain;
}

Tone RenewalSignalTone(RenewalSignal) { return Tone::kWarning; }

std::string_view VisitActionWord(VisitAction action, Language language) {
  return WordIn(kVisitActionWords, action, language);
}

std::string_view YesNoWord(bool yes, Language language) {
  return yes ? Pick(language, "oui", "yes") : Pick(language, "non", "no");
}

Tone RecurrenceStatusTone(RecurrenceStatus status) {
  switch (status) {
    case RecurrenceStatus::kSpontaneous: return Tone::kGood;
    case RecurrenceStatus::kPending: return Tone::kWarning;
    case RecurrenceStatus::kLost: return Tone::kBad;
    case RecurrenceStatus::kSolicited: break;
  }
  return Tone::kPlain;
}

Tone MarginFlagTone(MarginFlag flag) {
  switch (flag) {
    case MarginFlag::kLoss: return Tone::kBad;
    case MarginFlag::kLowMargin:
    case MarginFlag::kEroding: return Tone::kWarning;
    case MarginFlag::kUnbilled: break;
  }
  return Tone::kPlain;
}

Tone ObjectiveStatusTone(ObjectiveStatus status) {
  switch (status) {
    case ObjectiveStatus::kMissed:
    case ObjectiveStatus::kBehind: return Tone::kBad;
    case ObjectiveStatus::kMet:
    case ObjectiveStatus::kOnTrack: return Tone::kGood;
    case ObjectiveStatus::kNotStarted:
    case ObjectiveStatus::kNoData:
    case ObjectiveStatus::kInProgress: break;
  }
  return Tone::kPlain;
}

}  // namespace agencykpi
