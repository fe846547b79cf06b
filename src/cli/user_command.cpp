#include "cli/user_command.h"

#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "auth/authenticator.h"
#include "auth/password.h"
#include "cli/command_support.h"
#include "store/store.h"

namespace agencykpi {
namespace {

using auth::Account;

// Reads a line from the terminal with echo off.
std::string ReadHidden(const char* prompt) {
  std::fprintf(stderr, "%s", prompt);
  std::fflush(stderr);
  termios saved{};
  const bool terminal = tcgetattr(STDIN_FILENO, &saved) == 0;
  if (terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (terminal) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::fprintf(stderr, "\n");
  return line;
}

// The new password: typed twice on a terminal, else the first line of stdin.
Result<std::string> ReadNewPassword() {
  if (isatty(STDIN_FILENO) == 0) {
    std::string line;
    if (!std::getline(std::cin, line)) return Status::InvalidInput("no password on standard input");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    Status rules = auth::CheckPasswordRules(line);
    if (!rules.ok()) return rules;
    return line;
  }
  const std::string first = ReadHidden("New password: ");
  Status rules = auth::CheckPasswordRules(first);
  if (!rules.ok()) return rules;
  if (ReadHidden("Again: ") != first) return Status::InvalidInput("the two passwords differ");
  return first;
}

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void PrintAccount(const Account& account) {
  std::string clients;
  for (const std::string& client : account.clients) clients += (clients.empty() ? "" : ",") + client;
  std::printf("%s\t%s\t%s\t%s\t%s\t%s\n", account.email.c_str(), std::string(auth::RoleName(account.role)).c_str(),
              account.disabled ? "disabled" : "active", clients.empty() ? "-" : clients.c_str(),
              account.last_login_at.empty() ? "never" : account.last_login_at.c_str(), account.name.c_str());
}

Status CheckBrandClients(const Account& account) {
  if (account.role == auth::Role::kBrand && account.clients.empty()) {
    return Status::InvalidInput("a brand account needs at least one --client");
  }
  if (account.clients.size() > auth::kMaxClientsPerAccount) return Status::InvalidInput("too many clients");
  return Status::Ok();
}

Status Audit(auth::AccountStore& accounts, std::string_view event, std::string_view detail) {
  return accounts.Audit({auth::IsoTime(NowSeconds()), "", std::string(event), std::string(detail), ""});
}

Status AddUser(auth::AccountStore& accounts, const UserArgs& args) {
  auto email = auth::NormalizedEmail(args.email);
  if (!email.ok()) return email.status();
  const auto role = auth::RoleNamed(args.role);
  if (!role) return Status::InvalidInput("--role must be admin, manager, viewer or brand");
  Account account;
  account.email = *email;
  account.name = args.name.empty() ? *email : args.name;
  account.role = *role;
  account.clients = args.clients;
  account.created_at = auth::IsoTime(NowSeconds());
  Status status = CheckBrandClients(account);
  if (!status.ok()) return status;
  auto password = ReadNewPassword();
  if (!password.ok()) return password.status();
  auto hash = auth::HashPassword(*password);
  if (!hash.ok()) return hash.status();
  account.password_hash = *hash;
  auto id = accounts.AddUser(account);
  if (!id.ok()) return id.status();
  std::fprintf(stderr, "added %s (%s)\n", account.email.c_str(), std::string(auth::RoleName(account.role)).c_str());
  return Audit(accounts, "user_added", account.email);
}

// disable, enable, passwd and grant: a change to one existing account.
Status ChangeUser(auth::AccountStore& accounts, const UserArgs& args) {
  auto email = auth::NormalizedEmail(args.email);
  if (!email.ok()) return email.status();
  auto found = accounts.FindUser(*email);
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("no account " + *email);
  Account after = **found;
  if (args.action == "disable") after.disabled = true;
  if (args.action == "enable") after.disabled = false;
  if (args.action == "grant") {
    after.clients = args.clients;
    Status status = CheckBrandClients(after);
    if (!status.ok()) return status;
  }
  if (args.action == "passwd") {
    auto password = ReadNewPassword();
    if (!password.ok()) return password.status();
    auto hash = auth::HashPassword(*password);
    if (!hash.ok()) return hash.status();
    after.password_hash = *hash;
  }
  auth::Authenticator authenticator(accounts);
  Status status = authenticator.ChangeAccount(**found, after);
  if (!status.ok()) return status;
  std::fprintf(stderr, "%s: %s done\n", after.email.c_str(), args.action.c_str());
  return Audit(accounts, "user_" + args.action, after.email);
}

}  // namespace

int RunUser(const UserArgs& args) {
  // The data store creates (or migrates) the file; the accounts live in it.
  StoreOpenOptions read_write;
  read_write.access = StoreAccess::kReadWrite;
  read_write.agency = args.agency;
  auto store = OpenStore(args.db, read_write);
  if (!store.ok()) return FailCommand(store.status());
  auto accounts = OpenAccounts(args.db, args.agency);
  if (!accounts.ok()) return FailCommand(accounts.status());
  Status status = Status::Ok();
  if (args.action == "list") {
    auto users = (*accounts)->ListUsers();
    if (!users.ok()) return FailCommand(users.status());
    for (const Account& account : *users) PrintAccount(account);
  } else if (args.action == "add") {
    status = AddUser(**accounts, args);
  } else {
    status = ChangeUser(**accounts, args);
  }
  return status.ok() ? ExitCodeFor(ErrorCode::kOk) : FailCommand(status);
}

}  // namespace agencykpi
