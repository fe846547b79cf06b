#include "report/labels.h"

namespace agencykpi {
namespace {

std::string_view Pick(Language language, std::string_view french, std::string_view english) {
  return language == Language::kFrench ? french : english;
}

}  // namespace

std::string_view RecurrenceStatusWord(RecurrenceStatus status, Language language) {
  switch (status) {
    case RecurrenceStatus::kSpontaneous: return Pick(language, "spontané", "spontaneous");
    case RecurrenceStatus::kSolicited: return Pick(language, "sollicité", "solicited");
    case RecurrenceStatus::kPending: return Pick(language, "en attente", "pending");
    case RecurrenceStatus::kLost: return Pick(language, "perdu", "lost");
  }
  return "";
}

std::string_view MarginFlagWord(MarginFlag flag, Language language) {
  switch (flag) {
    case MarginFlag::kLoss: return Pick(language, "perte", "loss");
    case MarginFlag::kLowMargin: return Pick(language, "marge faible", "low margin");
    case MarginFlag::kEroding: return Pick(language, "en érosion", "eroding");
    case MarginFlag::kUnbilled: return Pick(language, "non facturé", "unbilled");
  }
  return "";
}

std::string_view ObjectiveStatusWord(ObjectiveStatus status, Language language) {
  switch (status) {
    case ObjectiveStatus::kNotStarted: return Pick(language, "pas commencé", "not started");
    case ObjectiveStatus::kNoData: return Pick(language, "pas de données", "no data");
    case ObjectiveStatus::kMet: return Pick(language, "atteint", "met");
    case ObjectiveStatus::kMissed: return Pick(language, "manqué", "missed");
    case ObjectiveStatus::kOnTrack: return Pick(language, "en bonne voie", "on track");
    case ObjectiveStatus::kBehind: return Pick(language, "en retard", "behind");
    case ObjectiveStatus::kInProgress: return Pick(language, "en cours", "in progress");
  }
  return "";
}

std::string_view VisitActionWord(VisitAction action, Language language) {
  switch (action) {
    case VisitAction::kImplantation: return Pick(language, "implantation", "implantation");
    case VisitAction::kNegotiation: return Pick(language, "négociation", "negotiation");
    case VisitAction::kPromotion: return Pick(language, "promotion", "promotion");
    case VisitAction::kMerchandising: return Pick(language, "merchandising", "merchandising");
    case VisitAction::kAudit: return Pick(language, "relevé", "audit");
    case VisitAction::kOrder: return Pick(language, "commande", "order");
    case VisitAction::kOther: return Pick(language, "autre", "other");
  }
  return "";
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
