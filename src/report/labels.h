// The values of a report's enums as words for people (for tables), with the
// tone a table colors them in. The SPEC §4 names (for CSV and JSON) are the
// *Name() functions of kpi/report.h.
#pragma once

#include <string_view>

#include "kpi/report.h"
#include "report/locale_format.h"

namespace agencykpi {

// Words for people: "spontané" / "spontaneous", "marge faible" / "low margin".
std::string_view RecurrenceStatusWord(RecurrenceStatus status, Language language);
std::string_view MarginFlagWord(MarginFlag flag, Language language);
std::string_view ObjectiveStatusWord(ObjectiveStatus status, Language language);
// "déjà relancé" / "chased before"; "élevé" / "high".
std::string_view RenewalSignalWord(RenewalSignal signal, Language language);
std::string_view RenewalLevelWord(RenewalLevel level, Language language);
// "implantation" / "implantation", "négociation" / "negotiation".
std::string_view VisitActionWord(VisitAction action, Language language);
// "oui" / "yes", "non" / "no".
std::string_view YesNoWord(bool yes, Language language);

// How a value reads at a glance: bad (red), warning (yellow), good (green).
enum class Tone { kPlain, kBad, kWarning, kGood };
Tone RecurrenceStatusTone(RecurrenceStatus status);
Tone MarginFlagTone(MarginFlag flag);
Tone ObjectiveStatusTone(ObjectiveStatus status);
Tone RenewalLevelTone(RenewalLevel level);  // high bad, medium warning
// Every signal is a warning: each one is a reason to call the client.
Tone RenewalSignalTone(RenewalSignal signal);

}  // namespace agencykpi
