#include "pg_test_database.h"

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <string>
#include <utility>

#include "store/postgres/pg_connection.h"

namespace agencykpi::testing {
namespace {

std::atomic<int> next_database{0};

}  // namespace

Result<std::string> FixturePgUri() {
  const char* file = std::getenv(std::string(kPgUriFileVariable).c_str());
  if (file == nullptr) {
    return Status::NotFound(std::string(kPgUriFileVariable) +
                            " is not set: run this test through ctest, whose fixture starts PostgreSQL");
  }
  std::ifstream in(file);
  std::string uri;
  if (!std::getline(in, uri) || uri.empty()) return Status::NotFound(std::string("no URI in ") + file);
  return uri;
}

std::string WithDatabase(const std::string& uri, const std::string& database) {
  // postgresql://user@host:port/DB?… : the path after the authority.
  const size_t authority = uri.find("://") + 3;
  const size_t slash = uri.find('/', authority);
  const size_t query = uri.find('?', authority);
  const size_t end = query == std::string::npos ? uri.size() : query;
  if (slash == std::string::npos || slash > end) return uri.substr(0, end) + "/" + database + uri.substr(end);
  return uri.substr(0, slash + 1) + database + uri.substr(end);
}

Result<PgTestDatabase> PgTestDatabase::Create(std::string_view purpose) {
  auto admin_uri = FixturePgUri();
  if (!admin_uri.ok()) return admin_uri.status();
  std::string name = "t_";
  for (char c : purpose) name += std::isalnum(static_cast<unsigned char>(c)) != 0 ? static_cast<char>(std::tolower(c)) : '_';
  name = name.substr(0, 40) + "_" + std::to_string(getpid()) + "_" + std::to_string(next_database++);
  auto db = PgConnection::Connect(*admin_uri);
  if (!db.ok()) return db.status();
  // One statement per call: neither may run inside a transaction block.
  Status status = db->Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  if (status.ok()) status = db->Exec("CREATE DATABASE " + name);
  if (!status.ok()) return status;
  return PgTestDatabase(*admin_uri, name, WithDatabase(*admin_uri, name));
}

PgTestDatabase::PgTestDatabase(PgTestDatabase&& other) noexcept
    : admin_uri_(std::move(other.admin_uri_)), name_(std::exchange(other.name_, "")), uri_(std::move(other.uri_)) {}

PgTestDatabase::~PgTestDatabase() {
  if (name_.empty()) return;
  auto db = PgConnection::Connect(admin_uri_);
  if (db.ok()) (void)db->Exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
}

}  // namespace agencykpi::testing
