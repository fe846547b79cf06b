// The demo folder passes the real import (SPEC §1.3) with no error and no
// warning: what `agencykpi demo-data` writes, `agencykpi import` takes.
#include <gtest/gtest.h>

#include "demo/demo_agency.h"
#include "demo_test_support.h"
#include "domain/catalogue.h"
#include "ingest/agency_reader.h"

namespace agencykpi {
namespace {

constexpr uint64_t kSeed = 7;
constexpr size_t kMaxPrinted = 20;

void ExpectImportsCleanly(const DemoOptions& options) {
  demo_test::ScratchFolder folder("folder");
  const Status written = WriteDemoAgency(folder.path(), options);
  ASSERT_TRUE(written.ok()) << written.message();

  const IngestOutcome outcome = ReadAgency(*FolderSource(folder.path()));
  for (size_t i = 0; i < std::min(kMaxPrinted, outcome.errors.size()); ++i) {
    ADD_FAILURE() << outcome.errors[i].ToString();
  }
  for (size_t i = 0; i < std::min(kMaxPrinted, outcome.warnings.size()); ++i) {
    ADD_FAILURE() << "warning: " << outcome.warnings[i].ToString();
  }
  ASSERT_TRUE(outcome.ok()) << outcome.errors.size() << " errors";
  EXPECT_TRUE(outcome.warnings.empty());

  // Everything written was read: each table of the catalogue against its
  // file's own row count.
  ASSERT_EQ(kCatalogue.size(), 14U);
  for (const TableDesc& table : kCatalogue) {
    const size_t rows = demo_test::ReadTable(folder.path() / table.file).rows.size();
    EXPECT_EQ(RowCount(outcome.dataset, table), rows) << table.name;
  }
}

TEST(DemoAgencyValidation, ScaleOneImportsWithoutErrorsOrWarnings) {
  ExpectImportsCleanly(DemoOptions{kSeed, 1});
}

TEST(DemoAgencyValidation, AnotherSeedAtScaleTwoImportsToo) {
  ExpectImportsCleanly(DemoOptions{kSeed + 100, 2});
}

// French Excel amounts ("4 200,00" with a no-break space, decimal comma,
// DD/MM/YYYY) read back to the exact cents the generator meant.
TEST(DemoAgencyValidation, FrenchAmountsReadBackExactly) {
  demo_test::ScratchFolder folder("folder");
  ASSERT_TRUE(WriteDemoAgency(folder.path(), DemoOptions{kSeed, 1}).ok());
  const IngestOutcome outcome = ReadAgency(*FolderSource(folder.path()));
  ASSERT_TRUE(outcome.ok());
  const demo_test::Table invoices = demo_test::ReadTable(folder.path() / "invoices.csv");
  ASSERT_EQ(outcome.dataset.invoices.size(), invoices.rows.size());
  Cents total_read = 0;
  for (const Cents amount : outcome.dataset.invoices.amount) total_read += amount;
  Cents total_written = 0;
  for (size_t r = 0; r < invoices.rows.size(); ++r) {
    std::string text = invoices.Cell(r, "amount");
    std::string digits;
    for (const char c : text) {
      if ((c >= '0' && c <= '9') || c == '-') digits.push_back(c);
    }
    total_written += std::stoll(digits);  // two decimals always: the digits are the cents
  }
  EXPECT_EQ(total_read, total_written);
}

}  // namespace
}  // namespace agencykpi
