// The sheets of an agency workbook (SPEC §1.4): each table's sheet is named
// after the table, in English ("invoices") or in French ("Factures"),
// matched ignoring case and accents.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "domain/catalogue.h"

namespace agencykpi {

// The French sheet name of each table, in catalogue order.
inline constexpr std::array<std::string_view, kTableCount> kFrenchSheetNames = {
    "Clients", "Contrats", "Missions",  "Employés",  "Taux horaires", "Magasins",  "Temps",
    "Frais",   "Factures", "Visites",   "Objectifs", "Résultats",     "Relevés",   "Ventes magasins",
};

// The catalogue position of the table a sheet is named after; nullopt
// when it names none.
std::optional<size_t> TableOfSheet(std::string_view sheet_name);

// Lowercase, without the accents of French letters, spaces and
// underscores as one: "Employés" → "employes", "Taux_horaires" → "taux horaires".
std::string FoldSheetName(std::string_view name);

}  // namespace agencykpi
