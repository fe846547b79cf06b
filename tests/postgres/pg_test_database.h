// A fresh PostgreSQL database per test, on the server the CTest fixture
// `postgres` started (tests/postgres/pg_cluster): its URI comes from the
// file named by AGENCYKPI_TEST_PG_URI_FILE. The database is dropped when
// the object goes.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace agencykpi::testing {

inline constexpr std::string_view kPgUriFileVariable = "AGENCYKPI_TEST_PG_URI_FILE";

// The URI of the fixture's server (its `agencykpi` database); kNotFound,
// saying how to run the test, when the variable or its file is missing.
Result<std::string> FixturePgUri();

class PgTestDatabase {
 public:
  // Creates an empty database named after the test and the process.
  static Result<PgTestDatabase> Create(std::string_view purpose);
  PgTestDatabase(PgTestDatabase&& other) noexcept;
  PgTestDatabase& operator=(PgTestDatabase&&) = delete;
  ~PgTestDatabase();

  // postgresql://…/NAME?passfile=…
  [[nodiscard]] const std::string& uri() const { return uri_; }
  [[nodiscard]] const std::string& name() const { return name_; }

 private:
  PgTestDatabase(std::string admin_uri, std::string name, std::string uri)
      : admin_uri_(std::move(admin_uri)), name_(std::move(name)), uri_(std::move(uri)) {}
  std::string admin_uri_;  // the fixture's database, from which this one is dropped
  std::string name_;
  std::string uri_;
};

// `uri` with its database name replaced by `database`.
std::string WithDatabase(const std::string& uri, const std::string& database);

}  // namespace agencykpi::testing
