// `agencykpi price`: the renewal price of one mission (SPEC §6.4).
#pragma once

#include <string>

namespace agencykpi {

struct PriceArgs {
  std::string mission;        // mission_id, required
  std::string target_margin;  // R, required: kept as text, parsed exactly
  std::string scope_change;   // X; empty: 0
  std::string db;             // one of db and data is set
  std::string agency;   // --agency: the agency of a PostgreSQL store; empty: its only one
  std::string data;
  std::string period;  // empty: the half-year holding as_of
  std::string as_of;   // empty: today
  int grace_days = 30;
  std::string format = "table";  // table | json
  std::string lang;              // fr | en; empty: from LANG
  std::string out;               // empty: stdout
};

int RunPrice(const PriceArgs& args);

}  // namespace agencykpi
