#include "ingest/hints.h"

#include <algorithm>
#include <array>
#include <vector>

#include "common/date.h"
#include "ingest/value_parser.h"

namespace agencykpi {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A usual or French name of a column, normalised, and the column it means.
struct Synonym {
  std::string_view name;
  std::string_view column;
};
constexpr auto kColumnSynonyms = std::to_array<Synonym>({
    {"date_de_debut", "start_date"}, {"date_debut", "start_date"}, {"debut", "start_date"},
    {"date_de_demarrage", "start_date"}, {"start", "start_date"}, {"du", "start_date"},
    {"date_de_fin", "end_date"}, {"date_fin", "end_date"}, {"fin", "end_date"}, {"echeance", "end_date"},
    {"end", "end_date"}, {"au", "end_date"},
    {"montant", "amount"}, {"montant_ht", "amount"}, {"montant_hors_taxes", "amount"}, {"total_ht", "amount"},
    {"ht", "amount"}, {"ca", "amount"}, {"ca_ht", "amount"}, {"chiffre_d_affaires", "amount"}, {"total", "amount"},
    {"client", "client_id"}, {"code_client", "client_id"}, {"id_client", "client_id"}, {"marque", "client_id"},
    {"code_marque", "client_id"}, {"customer", "client_id"}, {"customer_id", "client_id"}, {"brand", "client_id"},
    {"nom", "name"}, {"libelle", "name"}, {"raison_sociale", "name"}, {"intitule", "name"},
    {"contrat", "contract_id"}, {"code_contrat", "contract_id"}, {"id_contrat", "contract_id"},
    {"n_contrat", "contract_id"}, {"numero_de_contrat", "contract_id"}, {"numero_contrat", "contract_id"},
    {"mandat", "contract_id"},
    {"mission", "mission_id"}, {"code_mission", "mission_id"}, {"id_mission", "mission_id"},
    {"prestation", "mission_id"}, {"code_prestation", "mission_id"},
    {"collaborateur", "employee_id"}, {"salarie", "employee_id"}, {"employe", "employee_id"},
    {"matricule", "employee_id"}, {"code_collaborateur", "employee_id"}, {"intervenant", "employee_id"},
    {"magasin", "store_id"}, {"code_magasin", "store_id"}, {"id_magasin", "store_id"},
    {"point_de_vente", "store_id"}, {"pdv", "store_id"}, {"code_pdv", "store_id"},
    {"facture", "invoice_id"}, {"n_facture", "invoice_id"}, {"numero_de_facture", "invoice_id"},
    {"numero_facture", "invoice_id"}, {"invoice", "invoice_id"}, {"invoice_number", "invoice_id"},
    {"visite", "visit_id"}, {"code_visite", "visit_id"},
    {"code_objectif", "objective_id"}, {"objectif", "target"}, {"cible", "target"}, {"valeur_cible", "target"},
    {"indicateur", "metric"}, {"metrique", "metric"}, {"kpi", "metric"},
    {"agregation", "aggregation"}, {"cumul", "aggregation"},
    {"valeur", "value"}, {"resultat", "value"}, {"quantite", "value"},
    {"heures", "hours"}, {"nb_heures", "hours"}, {"nombre_d_heures", "hours"}, {"duree", "hours"},
    {"temps", "hours"}, {"duree_h", "hours"}, {"duree_en_heures", "hours"}, {"heures_h", "hours"}, {"nb_h", "hours"},
    {"commercial", "employee_id"}, {"code_commercial", "employee_id"}, {"vendeur", "employee_id"},
    {"animateur", "employee_id"}, {"merchandiseur", "employee_id"},
    {"operation", "mission_id"}, {"code_operation", "mission_id"}, {"campagne", "mission_id"},
    {"type_de_visite", "action"}, {"type_visite", "action"}, {"nature_de_visite", "action"},
    {"activite", "activity"}, {"type_d_activite", "activity"},
    {"categorie", "category"}, {"type_de_frais", "category"},
    {"date_facture", "date"}, {"date_de_facture", "date"}, {"jour", "date"}, {"date_de_visite", "date"},
    {"date_visite", "date"}, {"date_du_releve", "date"}, {"date_releve", "date"},
    {"date_d_effet", "valid_from"}, {"a_partir_du", "valid_from"}, {"valable_a_partir_du", "valid_from"},
    {"debut_de_validite", "valid_from"}, {"date_de_debut", "valid_from"},
    {"cout_horaire", "hourly_cost"}, {"taux_horaire", "hourly_cost"}, {"cout_horaire_charge", "hourly_cost"},
    {"cout", "hourly_cost"},
    {"reconduction_de", "renewal_of"}, {"renouvelle", "renewal_of"}, {"renouvellement_de", "renewal_of"},
    {"contrat_precedent", "renewal_of"},
    {"type_de_reconduction", "renewal_type"}, {"type_reconduction", "renewal_type"},
    {"type_de_renouvellement", "renewal_type"},
    {"signe_le", "signed_on"}, {"date_de_signature", "signed_on"}, {"date_signature", "signed_on"},
    {"type_de_mission", "type"}, {"type_de_prestation", "type"},
    {"complexite", "complexity"}, {"difficulte", "complexity"},
    {"forfait", "fee"}, {"prix", "fee"}, {"honoraires", "fee"},
    {"fonction", "role"}, {"poste", "role"},
    {"heures_hebdo", "weekly_hours"}, {"heures_par_semaine", "weekly_hours"},
    {"heures_hebdomadaires", "weekly_hours"}, {"horaire_hebdomadaire", "weekly_hours"},
    {"secteur", "sector"}, {"rayon", "sector"}, {"secteur", "region"},
    {"enseigne", "chain"}, {"chaine", "chain"},
    {"type_d_action", "action"},
    {"presence", "present"},
    {"faces", "facings"}, {"nb_faces", "facings"}, {"nombre_de_faces", "facings"},
});

// French and usual spellings of the enum values, normalised.
constexpr auto kValueSynonyms = std::to_array<Synonym>({
    {"terrain", "field"}, {"sur_le_terrain", "field"}, {"prepa", "preparation"}, {"suivi", "followup"},
    {"compte_rendu", "reporting"}, {"rapport", "reporting"}, {"deplacement", "travel"}, {"trajet", "travel"},
    {"transport", "travel"}, {"route", "travel"}, {"encadrement", "management"}, {"gestion", "management"},
    {"autre", "other"}, {"divers", "other"}, {"spontane", "spontaneous"}, {"spontanee", "spontaneous"},
    {"sollicite", "solicited"}, {"sollicitee", "solicited"}, {"relance", "solicited"}, {"relancee", "solicited"},
    {"sur_relance", "solicited"}, {"outils", "tools"}, {"outil", "tools"}, {"logiciel", "tools"},
    {"sous_traitance", "subcontracting"}, {"negociation", "negotiation"}, {"promo", "promotion"},
    {"merch", "merchandising"}, {"mise_en_avant", "promotion"}, {"animation", "promotion"},
    {"mise_en_place", "implantation"}, {"reassort", "merchandising"}, {"releve_de_prix", "audit"}, {"releve", "audit"}, {"commande", "order"}, {"prise_de_commande", "order"},
    {"somme", "sum"}, {"cumul", "sum"}, {"total", "sum"}, {"dernier", "last"}, {"derniere", "last"},
    {"niveau", "last"},
});

// The ASCII letter a two-byte UTF-8 Latin-1 letter (C3 xx) stands for, or 0.
char BaseLetter(unsigned char second) {
  static constexpr std::string_view kUpper = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTs";  // C3 80..9F
  static constexpr std::string_view kLower = "aaaaaaaceeeeiiiidnooooo/ouuuuyty";  // C3 A0..BF
  if (second >= 0x80 && second <= 0x9F) return kUpper[second - 0x80];
  if (second >= 0xA0 && second <= 0xBF) return kLower[second - 0xA0];
  return 0;
}

bool IsSeparator(char c) {
  return c == ' ' || c == '\t' || c == '-' || c == '.' || c == '\'' || c == '/' || c == '(' || c == ')' ||
         c == '_' || c == ':' || c == ',';
}

size_t MaxEdits(std::string_view name) { return name.size() <= 5 ? 1 : 2; }

// The best of `candidates` (normalised names) for `normal`: equal, or the
// fewest edits within MaxEdits; nullopt when none is close.
template <typename Candidates, typename NameOf>
std::optional<size_t> Closest(std::string_view normal, const Candidates& candidates, NameOf name_of) {
  std::optional<size_t> best;
  size_t best_distance = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const std::string_view name = name_of(candidates[i]);
    if (name.empty()) continue;
    const size_t distance = EditDistance(normal, name);
    if (distance > MaxEdits(name) || distance > MaxEdits(normal)) continue;
    if (!best || distance < best_distance) {
      best = i;
      best_distance = distance;
    }
  }
  return best;
}

std::string TwoDigits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }
std::string Iso(int y, int m, int d) { return std::to_string(y) + "-" + TwoDigits(m) + "-" + TwoDigits(d); }
std::string French(int y, int m, int d) { return TwoDigits(d) + "/" + TwoDigits(m) + "/" + std::to_string(y); }

// The numbers of a date-like text: digits separated by one kind of
// separator, e.g. "31.01.2026" → {31, 1, 2026} with '.'.
struct DateParts {
  std::array<int, 3> value{};
  std::array<size_t, 3> digits{};
  char separator = 0;
};
std::optional<DateParts> SplitDate(std::string_view text) {
  DateParts parts;
  size_t part = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (IsDigit(c)) {
      if (parts.digits[part] >= 4) return std::nullopt;
      parts.value[part] = parts.value[part] * 10 + (c - '0');
      ++parts.digits[part];
      continue;
    }
    if (c != '-' && c != '/' && c != '.') return std::nullopt;
    if (parts.separator != 0 && parts.separator != c) return std::nullopt;
    parts.separator = c;
    if (parts.digits[part] == 0 || ++part > 2) return std::nullopt;
  }
  if (part != 2 || parts.digits[2] == 0) return std::nullopt;
  return parts;
}

// The hint for a date of year y, month m, day d, written in another way
// (`message`), or a day that does not exist.
Message DateIn(MessageId message, int y, int m, int d) {
  if (m < 1 || m > 12) return {};
  if (!IsValidCivil(y, m, d)) {
    if (d < 1 || d > 31) return {};
    return Message(MessageId::kHintDateNoSuchDay, {std::to_string(y) + "-" + TwoDigits(m),
                                                   std::to_string(DaysInMonth(y, m))});
  }
  return Message(message, {Iso(y, m, d), French(y, m, d)});
}

}  // namespace

std::string NormalizeName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  const auto separator = [&out] {
    if (!out.empty() && out.back() != '_') out += '_';
  };
  for (size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c < 0x80) {
      if (IsSeparator(static_cast<char>(c))) {
        separator();
      } else if (c >= 'A' && c <= 'Z') {
        out += static_cast<char>(c - 'A' + 'a');
      } else {
        out += static_cast<char>(c);
      }
      continue;
    }
    const std::string_view rest = name.substr(i);
    if (c == 0xC3 && i + 1 < name.size()) {  // Latin-1 letters
      const char base = BaseLetter(static_cast<unsigned char>(name[i + 1]));
      if (base != 0 && base != 'x' && base != '/') out += static_cast<char>(base >= 'A' && base <= 'Z' ? base - 'A' + 'a' : base);
      ++i;
    } else if (rest.starts_with("\xC5\x93") || rest.starts_with("\xC5\x92")) {  // œ Œ
      out += "oe";
      ++i;
    } else if (rest.starts_with("\xC2\xB0") || rest.starts_with("\xC2\xBA")) {  // n° : nothing
      ++i;
    } else if (rest.starts_with("\xC2\xA0")) {  // no-break space
      separator();
      ++i;
    } else if (rest.starts_with("\xE2\x80\x99") || rest.starts_with("\xE2\x80\xAF")) {  // ’, narrow no-break space
      separator();
      i += 2;
    } else {
      out += static_cast<char>(c);  // kept as it is: then nothing matches
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions and
  // swaps of two neighbours ("feild") cost one each.
  const size_t width = b.size() + 1;
  std::vector<size_t> d((a.size() + 1) * width);
  const auto at = [&](size_t i, size_t j) -> size_t& { return d[i * width + j]; };
  for (size_t i = 0; i <= a.size(); ++i) at(i, 0) = i;
  for (size_t j = 0; j <= b.size(); ++j) at(0, j) = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
    }
  }
  return at(a.size(), b.size());
}

std::optional<size_t> LikelyColumn(std::string_view name, std::span<const ColumnDesc> columns) {
  const std::string normal = NormalizeName(name);
  if (normal.empty()) return std::nullopt;
  const auto column_named = [&](std::string_view column) -> std::optional<size_t> {
    for (size_t c = 0; c < columns.size(); ++c) {
      if (columns[c].name == column) return c;
    }
    return std::nullopt;
  };
  if (auto found = column_named(normal)) return found;
  if (auto found = column_named(normal + "_id")) return found;
  for (const Synonym& synonym : kColumnSynonyms) {
    if (synonym.name == normal) {
      if (auto found = column_named(synonym.column)) return found;
    }
  }
  // A near miss of a column's name, or of one of its synonyms.
  std::vector<std::pair<std::string_view, size_t>> candidates;
  for (size_t c = 0; c < columns.size(); ++c) candidates.emplace_back(columns[c].name, c);
  for (const Synonym& synonym : kColumnSynonyms) {
    if (auto found = column_named(synonym.column)) candidates.emplace_back(synonym.name, *found);
  }
  const auto best = Closest(normal, candidates, [](const auto& candidate) { return candidate.first; });
  if (!best) return std::nullopt;
  return candidates[*best].second;
}

Message EnumHint(std::string_view text, std::span<const std::string_view> values) {
  std::string normal = NormalizeName(text);
  if (normal.empty()) return {};
  const auto value_named = [&](std::string_view wanted) -> std::optional<std::string_view> {
    for (const std::string_view value : values) {
      if (value == wanted) return value;
    }
    return std::nullopt;
  };
  std::string joined = normal;  // "follow_up" → "followup"
  joined.erase(std::remove(joined.begin(), joined.end(), '_'), joined.end());
  std::optional<std::string_view> found = value_named(normal);
  if (!found) found = value_named(joined);
  for (const Synonym& synonym : kValueSynonyms) {
    if (found) break;
    if (synonym.name == normal) found = value_named(synonym.column);
  }
  if (!found) {
    const auto best = Closest(joined, values, [](std::string_view value) { return value; });
    if (best) found = values[*best];
  }
  if (!found) return {};
  return Message(MessageId::kHintEnum, {std::string(*found)});
}

Message NumberHint(std::string_view text, int decimals, bool decimal_comma) {
  bool currency = false;
  bool percent = false;
  std::string rest;  // without currency signs, % and grouping spaces
  rest.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const std::string_view tail = text.substr(i);
    if (tail.starts_with("\xE2\x82\xAC")) {  // €
      currency = true;
      i += 3;
    } else if (tail.starts_with("\xC2\xA3")) {  // £
      currency = true;
      i += 2;
    } else if (tail[0] == '$') {
      currency = true;
      ++i;
    } else if (tail.size() >= 3 && EqualsIgnoreCase(tail.substr(0, 3), "EUR")) {
      currency = true;
      i += 3;
    } else if (tail[0] == '%') {
      percent = true;
      ++i;
    } else if (tail[0] == ' ' || tail[0] == '\'') {
      ++i;
    } else if (tail.starts_with("\xC2\xA0")) {
      i += 2;
    } else if (tail.starts_with("\xE2\x80\xAF")) {
      i += 3;
    } else {
      rest += tail[0];
      ++i;
    }
  }
  // Sign, digits and marks only.
  bool negative = false;
  if (!rest.empty() && rest[0] == '-') {
    negative = true;
    rest.erase(0, 1);
  }
  if (rest.empty()) return {};
  size_t dots = 0;
  size_t commas = 0;
  for (const char c : rest) {
    if (c == '.') {
      ++dots;
    } else if (c == ',') {
      ++commas;
    } else if (!IsDigit(c)) {
      return {};
    }
  }
  bool thousands = false;
  char mark = 0;  // the decimal mark, once known
  if (dots > 0 && commas > 0) {
    mark = rest.find_last_of(".,") == rest.rfind('.') ? '.' : ',';
    const char grouping = mark == '.' ? ',' : '.';
    if ((mark == '.' ? dots : commas) > 1) return {};
    rest.erase(std::remove(rest.begin(), rest.end(), grouping), rest.end());
    thousands = true;
  } else if (dots > 1 || commas > 1) {
    rest.erase(std::remove(rest.begin(), rest.end(), dots > 1 ? '.' : ','), rest.end());
    thousands = true;
  } else if (dots + commas == 1) {
    mark = dots == 1 ? '.' : ',';
  }
  std::string integer = rest;
  std::string fraction;
  if (mark != 0) {
    const size_t at = rest.find(mark);
    integer = rest.substr(0, at);
    fraction = rest.substr(at + 1);
  }
  const bool bare_mark = mark != 0 && (integer.empty() || fraction.empty());  // ".5", "5."
  if (integer.empty()) integer = "0";
  while (!fraction.empty() && fraction.back() == '0' && decimals == 0) fraction.pop_back();
  const bool comma_in_comma_file = mark == ',' && !decimal_comma;
  const char file_mark = decimal_comma ? ',' : '.';
  std::string suggestion = (negative ? "-" : "") + integer;
  if (!fraction.empty()) suggestion += file_mark + fraction;
  // The suggestion must be a value the column takes.
  const bool accepted = decimals == 0 ? ParseWholeNumber(suggestion).ok()
                                      : ParseDecimal(suggestion, decimals, decimal_comma).ok();
  if (!accepted || suggestion == text) return {};
  if (currency) return Message(MessageId::kHintCurrency, {suggestion});
  if (percent) return Message(MessageId::kHintPercent, {suggestion});
  if (thousands) return Message(MessageId::kHintThousands, {suggestion});
  if (decimals == 0 && mark != 0) return Message(MessageId::kHintWholeNumber, {suggestion});
  if (comma_in_comma_file) return Message(MessageId::kHintCommaFile, {suggestion});
  if (bare_mark) return Message(MessageId::kHintWrite, {suggestion});
  return {};
}

Message DateHint(std::string_view text) {
  // A date followed by a time: "31/01/2026 00:00", "2026-01-31T10:00:00".
  const size_t cut = text.find_first_of(" T");
  if (cut != std::string_view::npos && cut > 0) {
    const std::string_view date = text.substr(0, cut);
    std::string_view time = text.substr(cut + 1);
    while (!time.empty() && time.front() == ' ') time.remove_prefix(1);
    const bool time_like = !time.empty() && IsDigit(time.front()) &&
                           time.find_first_not_of("0123456789:.hZ+") == std::string_view::npos;
    if (time_like && ParseDate(date)) return Message(MessageId::kHintDateTime, {std::string(date)});
    return {};
  }
  const std::optional<DateParts> parts = SplitDate(text);
  if (!parts) return {};
  const auto [a, b, c] = parts->value;
  const char separator = parts->separator;
  if (parts->digits[0] == 4) {  // year first
    if (parts->digits[1] > 2 || parts->digits[2] > 2) return {};
    if (b > 12 && c <= 12) return DateIn(MessageId::kHintDateYearDayMonth, a, c, b);
    const Message hint = DateIn(MessageId::kHintDateSeparator, a, b, c);
    if (separator != '-' || parts->digits[1] != 2 || parts->digits[2] != 2) return hint;
    return hint.id == MessageId::kHintDateNoSuchDay ? hint : Message();
  }
  if (parts->digits[0] > 2 || parts->digits[1] > 2 || (parts->digits[2] != 4 && parts->digits[2] != 2)) return {};
  const int year = parts->digits[2] == 2 ? 2000 + c : c;
  if (b > 12 && a <= 12) return DateIn(MessageId::kHintDateUs, year, a, b);
  const Message hint = DateIn(MessageId::kHintDateSeparator, year, b, a);
  if (separator == '/' && hint.id == MessageId::kHintDateSeparator) {
    // Day first already, with one-digit parts ("3/1/2026").
    return Message(MessageId::kHintWrite, {French(year, b, a)});
  }
  return hint;
}
}  // namespace agencykpi
