// `agencykpi user add|list|disable|enable|passwd|grant --db FILE …`: the
// accounts of a store (auth/account.h). A password is read from the terminal
// without echo (twice), or from the first line of standard input when it is
// not a terminal; never from the command line, where other users of the
// machine could read it.
#pragma once

#include <string>
#include <vector>

namespace agencykpi {

struct UserArgs {
  std::string action;  // add, list, disable, enable, passwd, grant
  std::string db;
  std::string agency;   // --agency: the agency of a PostgreSQL store; empty: its only one
  std::string email;
  std::string role;                  // add: admin, manager, viewer or brand
  std::string name;                  // add: display name (default: the email)
  std::vector<std::string> clients;  // add, grant: a brand account's client ids
};

int RunUser(const UserArgs& args);

}  // namespace agencykpi
