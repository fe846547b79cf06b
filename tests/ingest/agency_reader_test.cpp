#include "ingest/agency_reader.h"

#include <gtest/gtest.h>

#include "domain/catalogue.h"
#include "ingest/csv_reader.h"
#include "ingest/limits.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>

#include <map>
#include <string>
#include <vector>

namespace agencykpi {
namespace {

using Files = std::map<std::string, std::string>;

// A small valid agency; each test changes or adds one file.
Files BaseFiles() {
  return {
      {"clients.csv", "client_id,name\nC1,Alpha\nC2,Beta\n"},
      {"contracts.csv",
       "contract_id,client_id,start_date,end_date\n"
       "K1,C1,2026-01-01,2026-12-31\n"
       "K2,C2,2026-01-01,2026-12-31\n"},
      {"missions.csv",
       "mission_id,client_id,name,start_date,end_date,contract_id\n"
       "M1,C1,Merch,2026-01-01,2026-12-31,K1\n"
       "M2,C2,Promo,2026-01-01,2026-12-31,K2\n"},
      {"employees.csv", "employee_id,name\nE1,Ann\nE2,Bob\n"},
      {"cost_rates.csv", "employee_id,valid_from,hourly_cost\nE1,2026-01-01,30\nE2,2026-01-01,25\n"},
      {"stores.csv", "store_id,name\nS1,Hyper\n"},
      {"time_entries.csv",
       "employee_id,date,hours,activity,mission_id\nE1,2026-01-15,2,field,M1\nE2,2026-01-20,3,travel,M2\n"},
  };
}

IngestOutcome Read(Files files) {
  auto source = MemorySource(std::move(files));
  return ReadAgency(*source);
}

IngestOutcome ReadWith(const std::string& file, const std::string& content) {
  Files files = BaseFiles();
  files[file] = content;
  return Read(std::move(files));
}

std::vector<std::string> Texts(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) out.push_back(d.ToString());
  return out;
}

TEST(AgencyReaderTest, BaseFixtureIsValid) {
  const IngestOutcome outcome = Read(BaseFiles());
  EXPECT_TRUE(outcome.ok()) << testing::PrintToString(Texts(outcome.errors));
  EXPECT_TRUE(outcome.warnings.empty());
}

// ---------------------------------------------------------------------------
// One case per validation of SPEC §1.3: a file replacing the base one, and
// the exact error it must give (and no other).

struct ValidationCase {
  const char* name;
  const char* file;
  const char* content;
  const char* expected;
};

class ValidationTest : public testing::TestWithParam<ValidationCase> {};

TEST_P(ValidationTest, ReportsExactlyTheExpectedError) {
  const ValidationCase& c = GetParam();
  const IngestOutcome outcome = ReadWith(c.file, c.content);
  EXPECT_EQ(Texts(outcome.errors), std::vector<std::string>{c.expected});
}

const ValidationCase kValidationCases[] = {
    // Structure
    {"MissingRequiredColumn", "clients.csv", "client_id\nC1\n", "clients.csv:1: name: missing required column"},
    {"ColumnNamedTwice", "clients.csv", "client_id,name,Name\nC1,A,B\n", "clients.csv:1: Name: column named twice"},
    {"EmptyFile", "employees.csv", "", "employees.csv: the file is empty: a header line is required"},
    {"BomOnlyFile", "employees.csv", "\xEF\xBB\xBF", "employees.csv: the file is empty: a header line is required"},
    {"BlankHeaderLine", "stores.csv", "\nstore_id,name\nS1,Hyper\n",
     "stores.csv:1: the first line is blank: a header line is required"},
    {"TooManyFields", "clients.csv", "client_id,name\nC1,A\nC2,B\nC3,C,extra\n",
     "clients.csv:4: the row has 3 fields but the header has 2"},
    {"TextAfterClosingQuote", "clients.csv", "client_id,name\nC1,A\nC2,B\nC3,\"C\"x\n",
     "clients.csv:4: name: text after the closing quote of a quoted field"},
    {"UnterminatedQuote", "clients.csv", "client_id,name\nC1,A\nC2,B\nC3,\"C\n\n",
     "clients.csv:4: name: quoted field is not closed (the file ends inside quotes)"},
    // Values
    {"MissingValue", "clients.csv", "client_id,name\nC1, \nC2,B\n", "clients.csv:2: name: missing value"},
    {"MissingValueOfShortRow", "clients.csv", "client_id,name\nC1\nC2,B\n", "clients.csv:2: name: missing value"},
    {"BadDate", "contracts.csv",
     "contract_id,client_id,start_date,end_date\nK1,C1,2026-02-30,2026-12-31\nK2,C2,2026-01-01,2026-12-31\n",
     "contracts.csv:2: start_date: invalid date '2026-02-30' (expected YYYY-MM-DD, DD/MM/YYYY or DD/MM/YY); "
     "hint: that day does not exist: 2026-02 has 28 days"},
    {"BadNumber", "expenses.csv", "date;amount;category\n2026-01-05;12 \xE2\x82\xAC;travel\n",
     "expenses.csv:2: amount: invalid number '12 \xE2\x82\xAC'; hint: remove the currency sign: write 12"},
    {"DecimalCommaInCommaFile", "expenses.csv", "date,amount,category\n2026-01-05,\"12,5\",travel\n",
     "expenses.csv:2: amount: invalid number '12,5'; hint: the decimal comma is read only in files separated by ';': "
     "write 12.5"},
    {"TooManyDecimals", "invoices.csv",
     "invoice_id,client_id,date,amount\nI1,C1,2026-01-31,12.345\n",
     "invoices.csv:2: amount: too many decimals in '12.345' (at most 2)"},
    {"TooManyHourDecimals", "time_entries.csv",
     "employee_id,date,hours,activity\nE1,2026-01-05,7.125,field\n",
     "time_entries.csv:2: hours: too many decimals in '7.125' (at most 2)"},
    {"TooManyTargetDecimals", "objectives.csv",
     "objective_id,mission_id,metric,aggregation,target,start_date,end_date\n"
     "O1,M1,dn,last,0.1234567,2026-01-01,2026-06-30\n",
     "objectives.csv:2: target: too many decimals in '0.1234567' (at most 6)"},
    {"BadIdentifier", "clients.csv", "client_id,name\nC 1,A\nC1,A\nC2,B\n",
     "clients.csv:2: client_id: invalid identifier 'C 1' (1 to 64 characters from A-Z a-z 0-9 _ . - /)"},
    {"BadEnum", "time_entries.csv", "employee_id,date,hours,activity\nE1,2026-01-05,2,meeting\n",
     "time_entries.csv:2: activity: invalid activity 'meeting' (expected one of field, preparation, "
     "followup, coordination, reporting, travel, management, other)"},
    {"ComplexityNotWhole", "missions.csv",
     "mission_id,client_id,name,start_date,end_date,complexity\nM1,C1,A,2026-01-01,2026-12-31,2.0\n"
     "M2,C2,B,2026-01-01,2026-12-31,\n",
     "missions.csv:2: complexity: invalid whole number '2.0'; hint: a whole number is expected: write 2"},
    // Duplicate ids
    {"DuplicateClient", "clients.csv", "client_id,name\nC1,A\nC2,B\nC1,C\n",
     "clients.csv:4: client_id: duplicate client 'C1' (first on line 2)"},
    {"DuplicateContract", "contracts.csv",
     "contract_id,client_id,start_date,end_date\nK1,C1,2026-01-01,2026-12-31\nK2,C2,2026-01-01,2026-12-31\n"
     "K1,C2,2026-01-01,2026-12-31\n",
     "contracts.csv:4: contract_id: duplicate contract 'K1' (first on line 2)"},
    {"DuplicateMission", "missions.csv",
     "mission_id,client_id,name,start_date,end_date\nM1,C1,A,2026-01-01,2026-12-31\n"
     "M2,C2,B,2026-01-01,2026-12-31\nM2,C2,B,2026-01-01,2026-12-31\n",
     "missions.csv:4: mission_id: duplicate mission 'M2' (first on line 3)"},
    {"DuplicateEmployee", "employees.csv", "employee_id,name\nE1,Ann\nE2,Bob\nE2,Bis\n",
     "employees.csv:4: employee_id: duplicate employee 'E2' (first on line 3)"},
    {"DuplicateStore", "stores.csv", "store_id,name\nS1,A\nS1,B\n",
     "stores.csv:3: store_id: duplicate store 'S1' (first on line 2)"},
    {"DuplicateInvoice", "invoices.csv",
     "invoice_id,client_id,date,amount\nI1,C1,2026-01-31,10\nI1,C2,2026-02-28,20\n",
     "invoices.csv:3: invoice_id: duplicate invoice 'I1' (first on line 2)"},
    {"DuplicateVisit", "visits.csv",
     "visit_id,employee_id,mission_id,store_id,date\nV1,E1,M1,S1,2026-01-05\nV1,E1,M1,S1,2026-01-06\n",
     "visits.csv:3: visit_id: duplicate visit 'V1' (first on line 2)"},
    {"DuplicateObjective", "objectives.csv",
     "objective_id,mission_id,metric,aggregation,target,start_date,end_date\n"
     "O1,M1,orders,sum,10,2026-01-01,2026-06-30\nO1,M1,dn,last,50,2026-01-01,2026-06-30\n",
     "objectives.csv:3: objective_id: duplicate objective 'O1' (first on line 2)"},
    // Unknown references
    {"UnknownClient", "invoices.csv", "invoice_id,client_id,date,amount\nI1,C99,2026-01-31,10\n",
     "invoices.csv:2: client_id: unknown client 'C99'"},
    {"UnknownContract", "missions.csv",
     "mission_id,client_id,name,start_date,end_date,contract_id\nM1,C1,A,2026-01-01,2026-12-31,K9\n"
     "M2,C2,B,2026-01-01,2026-12-31,\n",
     "missions.csv:2: contract_id: unknown contract 'K9'"},
    {"UnknownMission", "expenses.csv", "date,amount,category,mission_id\n2026-01-05,10,travel,M9\n",
     "expenses.csv:2: mission_id: unknown mission 'M9'"},
    {"UnknownEmployee", "time_entries.csv", "employee_id,date,hours,activity\nE9,2026-01-05,2,field\n",
     "time_entries.csv:2: employee_id: unknown employee 'E9'"},
    {"UnknownStore", "visits.csv",
     "visit_id,employee_id,mission_id,store_id,date\nV1,E1,M1,S9,2026-01-05\n",
     "visits.csv:2: store_id: unknown store 'S9'"},
    {"UnknownRenewedContract", "contracts.csv",
     "contract_id,client_id,start_date,end_date,renewal_of,renewal_type\n"
     "K1,C1,2026-01-01,2026-12-31,,\nK2,C2,2026-01-01,2026-12-31,K7,solicited\n",
     "contracts.csv:3: renewal_of: unknown contract 'K7'"},
    // Dates
    {"ContractEndsBeforeStart", "contracts.csv",
     "contract_id,client_id,start_date,end_date\nK1,C1,2026-01-01,2025-12-31\nK2,C2,2026-01-01,2026-12-31\n",
     "contracts.csv:2: end_date: end date 2025-12-31 is before start date 2026-01-01"},
    {"MissionEndsBeforeStart", "missions.csv",
     "mission_id,client_id,name,start_date,end_date\nM1,C1,A,01/03/2026,28/02/2026\nM2,C2,B,2026-01-01,2026-12-31\n",
     "missions.csv:2: end_date: end date 2026-02-28 is before start date 2026-03-01"},
    {"ObjectiveEndsBeforeStart", "objectives.csv",
     "objective_id,mission_id,metric,aggregation,target,start_date,end_date\n"
     "O1,M1,orders,sum,10,2026-06-30,2026-01-01\n",
     "objectives.csv:2: end_date: end date 2026-01-01 is before start date 2026-06-30"},
    // Renewals
    {"RenewalTypeMissing", "contracts.csv",
     "contract_id,client_id,start_date,end_date,renewal_of,renewal_type\n"
     "K1,C1,2025-01-01,2025-12-31,,\nK2,C2,2026-01-01,2026-12-31,,\nK3,C1,2026-01-01,2026-12-31,K1,\n",
     "contracts.csv:4: renewal_type: missing value (required when renewal_of is set)"},
    {"RenewalTypeForbidden", "contracts.csv",
     "contract_id,client_id,start_date,end_date,renewal_of,renewal_type\n"
     "K1,C1,2025-01-01,2025-12-31,,Spontaneous\nK2,C2,2026-01-01,2026-12-31,,\n",
     "contracts.csv:2: renewal_type: renewal type 'Spontaneous' given but renewal_of is empty"},
    {"ContractRenewsItself", "contracts.csv",
     "contract_id,client_id,start_date,end_date,renewal_of,renewal_type\n"
     "K1,C1,2025-01-01,2025-12-31,K1,spontaneous\nK2,C2,2026-01-01,2026-12-31,,\n",
     "contracts.csv:2: renewal_of: contract 'K1' cannot renew itself"},
    {"RenewsContractOfAnotherClient", "contracts.csv",
     "contract_id,client_id,start_date,end_date,renewal_of,renewal_type\n"
     "K1,C1,2025-01-01,2025-12-31,,\nK2,C2,2026-01-01,2026-12-31,K1,solicited\n",
     "contracts.csv:3: renewal_of: contract 'K1' belongs to client 'C1', not 'C2'"},
    {"RenewalCycle", "contracts.csv",
     "contract_id,client_id,start_date,end_date,renewal_of,renewal_type\n"
     "K1,C1,2025-01-01,2025-12-31,K4,solicited\nK2,C2,2026-01-01,2026-12-31,,\n"
     "K3,C1,2026-01-01,2026-12-31,K1,solicited\nK4,C1,2027-01-01,2027-12-31,K3,spontaneous\n",
     "contracts.csv:2: renewal_of: renewal cycle: K1 -> K4 -> K3 -> K1"},
    {"TwoContractsRenewTheSame", "contracts.csv",
     "contract_id,client_id,start_date,end_date,renewal_of,renewal_type\n"
     "K1,C1,2025-01-01,2025-12-31,,\nK2,C2,2026-01-01,2026-12-31,,\n"
     "K3,C1,2026-01-01,2026-12-31,K1,solicited\nK4,C1,2026-01-01,2026-12-31,K1,spontaneous\n",
     "contracts.csv:5: renewal_of: contract 'K1' is already renewed by 'K3' (line 4)"},
    // Cost rates and time
    {"NegativeCostRate", "cost_rates.csv",
     "employee_id;valid_from;hourly_cost\nE1;2026-01-01;-30,00\nE2;2026-01-01;25\n",
     "cost_rates.csv:2: hourly_cost: negative cost rate '-30,00'"},
    {"TwoCostRatesOnTheSameDay", "cost_rates.csv",
     "employee_id,valid_from,hourly_cost\nE1,2026-01-01,30\nE2,2026-01-01,25\nE1,01/01/2026,31\n",
     "cost_rates.csv:4: valid_from: employee 'E1' already has a cost rate from 2026-01-01 (line 2)"},
    {"HoursZero", "time_entries.csv", "employee_id,date,hours,activity\nE1,2026-01-05,0,field\n",
     "time_entries.csv:2: hours: hours '0' out of range (more than 0, at most 24)"},
    {"HoursAbove24", "time_entries.csv", "employee_id,date,hours,activity\nE1,2026-01-05,24.01,field\n",
     "time_entries.csv:2: hours: hours '24.01' out of range (more than 0, at most 24)"},
    {"TimeEntryOfEmployeeWithoutCostRate", "cost_rates.csv",
     "employee_id,valid_from,hourly_cost\nE1,2026-01-01,30\n",
     "time_entries.csv:3: employee_id: employee 'E2' has no cost rate"},
    {"TimeEntryBeforeFirstCostRate", "cost_rates.csv",
     "employee_id,valid_from,hourly_cost\nE1,2026-03-01,32\nE2,2025-01-01,25\nE1,2026-02-01,30\n",
     "time_entries.csv:2: date: date 2026-01-15 is before the first cost rate of employee 'E1' (2026-02-01)"},
    // Missions and invoices
    {"ComplexityOutOfRange", "missions.csv",
     "mission_id,client_id,name,start_date,end_date,complexity\nM1,C1,A,2026-01-01,2026-12-31,6\n"
     "M2,C2,B,2026-01-01,2026-12-31,5\n",
     "missions.csv:2: complexity: complexity 6 is outside 1 to 5"},
    {"NegativeFee", "missions.csv",
     "mission_id;client_id;name;start_date;end_date;fee\nM1;C1;A;2026-01-01;2026-12-31;1 500,00\n"
     "M2;C2;B;2026-01-01;2026-12-31;-0,01\n",
     "missions.csv:3: fee: negative fee '-0,01'"},
    {"WeeklyHoursZero", "employees.csv", "employee_id,name,weekly_hours\nE1,Ann,0\nE2,Bob,35\n",
     "employees.csv:2: weekly_hours: weekly hours '0' out of range (more than 0, at most 80)"},
    {"WeeklyHoursAbove80", "employees.csv", "employee_id,name,weekly_hours\nE1,Ann,80\nE2,Bob,81\n",
     "employees.csv:3: weekly_hours: weekly hours '81' out of range (more than 0, at most 80)"},
    {"MissionContractOfAnotherClient", "missions.csv",
     "mission_id,client_id,name,start_date,end_date,contract_id\nM1,C1,A,2026-01-01,2026-12-31,K2\n"
     "M2,C2,B,2026-01-01,2026-12-31,K2\n",
     "missions.csv:2: contract_id: contract 'K2' belongs to client 'C2', not 'C1'"},
    {"InvoiceMissionOfAnotherClient", "invoices.csv",
     "invoice_id,client_id,mission_id,date,amount\nI1,C1,M2,2026-01-31,10\n",
     "invoices.csv:2: mission_id: mission 'M2' belongs to client 'C2', not 'C1'"},
    {"NegativeExpense", "expenses.csv", "date,amount,category\n2026-01-05,-0.01,tools\n",
     "expenses.csv:2: amount: negative expense '-0.01'"},
    // Objectives and audits
    {"TargetZero", "objectives.csv",
     "objective_id,mission_id,metric,aggregation,target,start_date,end_date\n"
     "O1,M1,orders,sum,0,2026-01-01,2026-06-30\n",
     "objectives.csv:2: target: target '0' must be greater than 0"},
    {"TargetNegative", "objectives.csv",
     "objective_id,mission_id,metric,aggregation,target,start_date,end_date\n"
     "O1,M1,orders,sum,-5,2026-01-01,2026-06-30\n",
     "objectives.csv:2: target: target '-5' must be greater than 0"},
    {"BadAggregation", "objectives.csv",
     "objective_id,mission_id,metric,aggregation,target,start_date,end_date\n"
     "O1,M1,orders,avg,5,2026-01-01,2026-06-30\n",
     "objectives.csv:2: aggregation: invalid aggregation 'avg' (expected one of sum, last)"},
    {"PresentNotZeroOrOne", "store_audits.csv",
     "date,store_id,client_id,present\n2026-01-05,S1,C1,2\n",
     "store_audits.csv:2: present: present '2' must be 0 or 1"},
    {"NegativeFacings", "store_audits.csv",
     "date,store_id,client_id,present,facings\n2026-01-05,S1,C1,1,-1\n",
     "store_audits.csv:2: facings: negative facings '-1'"},
    {"SaleOfAnUnknownStore", "store_sales.csv",
     "date,store_id,client_id,amount\n2026-01-31,S9,C1,100\n",
     "store_sales.csv:2: store_id: unknown store 'S9'"},
    {"SaleOfAnUnknownClient", "store_sales.csv",
     "date,store_id,client_id,amount\n2026-01-31,S1,C9,100\n",
     "store_sales.csv:2: client_id: unknown client 'C9'"},
    // Files
    {"ReferenceIntoMissingTable", "results.csv",
     "mission_id,metric,date,value,store_id\nM1,orders,2026-01-05,3,S9\n",
     "results.csv:2: store_id: unknown store 'S9'"},
};

std::string CaseName(const testing::TestParamInfo<ValidationCase>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Spec13, ValidationTest, testing::ValuesIn(kValidationCases), CaseName);

// Every bounded catalogue column (its range is the store's CHECK) has its
// ingest rule: a value just past either bound is refused at its line and
// column, so the store never refuses what ingest let through.
struct RangeCase {
  const char* column;  // "table.column"
  const char* file;
  const char* header;
  const char* row;  // '@' stands for the value
  std::vector<const char*> outside;
};

TEST(AgencyReaderTest, EveryBoundedColumnRefusesValuesPastItsBounds) {
  const std::vector<RangeCase> cases = {
      {"missions.complexity", "missions.csv", "mission_id,client_id,name,start_date,end_date,complexity",
       "M1,C1,A,2026-01-01,2026-12-31,@", {"0", "6"}},
      {"missions.fee", "missions.csv", "mission_id,client_id,name,start_date,end_date,fee",
       "M1,C1,A,2026-01-01,2026-12-31,@", {"-0.01"}},
      {"employees.weekly_hours", "employees.csv", "employee_id,name,weekly_hours", "E1,Ann,@", {"0", "80.01"}},
      {"cost_rates.hourly_cost", "cost_rates.csv", "employee_id,valid_from,hourly_cost", "E1,2026-01-01,@",
       {"-0.01"}},
      {"time_entries.hours", "time_entries.csv", "employee_id,date,hours,activity", "E1,2026-01-15,@,field",
       {"0", "24.01"}},
      {"expenses.amount", "expenses.csv", "date,amount,category", "2026-01-15,@,tools", {"-0.01"}},
      {"store_audits.present", "store_audits.csv", "date,store_id,client_id,present", "2026-01-05,S1,C1,@",
       {"-1", "2"}},
      {"store_audits.facings", "store_audits.csv", "date,store_id,client_id,present,facings",
       "2026-01-05,S1,C1,1,@", {"-1"}},
  };
  std::vector<std::string> bounded;
  for (const TableDesc& table : Catalogue()) {
    for (const ColumnDesc& column : table.columns) {
      if (column.range.bounded()) bounded.push_back(std::string(table.name) + "." + std::string(column.name));
    }
  }
  std::vector<std::string> covered;
  size_t checked = 0;
  for (const RangeCase& c : cases) {
    covered.push_back(c.column);
    const std::string name = std::string(c.column).substr(std::string(c.column).find('.') + 1);
    for (const char* value : c.outside) {
      std::string row = c.row;
      row.replace(row.find('@'), 1, value);
      const IngestOutcome outcome = ReadWith(c.file, std::string(c.header) + "\n" + row + "\n");
      const std::string place = std::string(c.file) + ":2: " + name + ": ";
      const std::vector<std::string> errors = Texts(outcome.errors);
      EXPECT_TRUE(std::any_of(errors.begin(), errors.end(), [&](const std::string& e) { return e.rfind(place, 0) == 0; }))
          << c.column << " = " << value << ": " << testing::PrintToString(errors);
      ++checked;
    }
  }
  EXPECT_EQ(covered, bounded);
  EXPECT_EQ(checked, 12u);
}

TEST(AgencyReaderTest, MissingClientsFileIsAnError) {
  Files files = BaseFiles();
  files.erase("clients.csv");
  files.erase("contracts.csv");
  files.erase("missions.csv");
  files.erase("time_entries.csv");
  const IngestOutcome outcome = Read(files);
  EXPECT_EQ(Texts(outcome.errors), std::vector<std::string>{"clients.csv: the file is missing (it is required)"});
}

TEST(AgencyReaderTest, ReferenceIntoAbsentTableNamesTheFile) {
  Files files = BaseFiles();
  files.erase("missions.csv");
  files.erase("time_entries.csv");
  files["invoices.csv"] = "invoice_id,client_id,date,amount,mission_id\nI1,C1,2026-01-31,10,M1\n";
  const IngestOutcome outcome = Read(files);
  EXPECT_EQ(Texts(outcome.errors),
            std::vector<std::string>{"invoices.csv:2: mission_id: unknown mission 'M1' (there is no missions.csv)"});
}

TEST(AgencyReaderTest, OnlyClientsFileIsRequired) {
  const IngestOutcome outcome = Read({{"clients.csv", "client_id,name\nC1,A\n"}});
  EXPECT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.dataset.clients.size(), 1u);
  EXPECT_EQ(outcome.dataset.time_entries.size(), 0u);
}

TEST(AgencyReaderTest, RefusedTableDoesNotCascadeUnknownReferences) {
  Files files = BaseFiles();
  files["employees.csv"] = "employee_id\nE1\n";  // name column missing
  files["time_entries.csv"] = "employee_id,date,hours,activity\nE1,2026-01-05,2,field\n";
  const IngestOutcome outcome = Read(files);
  EXPECT_EQ(Texts(outcome.errors), std::vector<std::string>{"employees.csv:1: name: missing required column"});
}

TEST(AgencyReaderTest, RefusedCostRatesDoNotCascadeOnTimeEntries) {
  const IngestOutcome outcome = ReadWith("cost_rates.csv", "employee_id,valid_from\nE1,2026-01-01\n");
  EXPECT_EQ(Texts(outcome.errors), std::vector<std::string>{"cost_rates.csv:1: hourly_cost: missing required column"});
}

TEST(AgencyReaderTest, TimeEntryCostRateChecksUseEveryRateWhateverTheOrder) {
  Files files = BaseFiles();
  files["cost_rates.csv"] = "employee_id,valid_from,hourly_cost\nE1,2026-03-01,32\nE2,2025-01-01,25\nE1,2026-02-01,30\n";
  files["time_entries.csv"] =
      "employee_id,date,hours,activity\nE1,2026-01-15,2,field\nE1,2026-02-01,2,field\nE2,2026-01-05,1,other\n";
  const IngestOutcome outcome = Read(files);
  EXPECT_EQ(Texts(outcome.errors),
            std::vector<std::string>{"time_entries.csv:2: date: date 2026-01-15 is before the first cost rate "
                                     "of employee 'E1' (2026-02-01)"});
  files["cost_rates.csv"] = "employee_id,valid_from,hourly_cost\nE1,2026-01-01,30\n";
  const IngestOutcome without_rate = Read(files);
  EXPECT_EQ(Texts(without_rate.errors),
            std::vector<std::string>{"time_entries.csv:4: employee_id: employee 'E2' has no cost rate"});
}

TEST(AgencyReaderTest, ErrorsAreInFileThenLineOrder) {
  Files files = BaseFiles();
  files["contracts.csv"] =
      "contract_id,client_id,start_date,end_date,renewal_of,renewal_type\n"
      "K1,C1,2025-01-01,2025-12-31,K9,solicited\nK2,C9,2026-01-01,2026-12-31,,\n";
  files["invoices.csv"] = "invoice_id,client_id,date,amount\nI1,C9,2026-01-31,10\n";
  const IngestOutcome outcome = Read(files);
  EXPECT_EQ(Texts(outcome.errors), (std::vector<std::string>{
                                       "contracts.csv:2: renewal_of: unknown contract 'K9'",
                                       "contracts.csv:3: client_id: unknown client 'C9'",
                                       "invoices.csv:2: client_id: unknown client 'C9'",
                                   }));
}

TEST(AgencyReaderTest, AllErrorsOfARowAreReported) {
  const IngestOutcome outcome =
      ReadWith("time_entries.csv", "employee_id,date,hours,activity,mission_id\nE1,2026-13-01,x,run,M9\n");
  EXPECT_EQ(outcome.errors.size(), 4u);
}

TEST(AgencyReaderTest, ErrorListIsCappedWithACountOfTheRest) {
  std::string invoices = "invoice_id,client_id,date,amount\n";
  for (int i = 0; i < 1500; ++i) {
    invoices += 'I';
    invoices += std::to_string(i);
    invoices += ",C99,2026-01-31,10\n";
  }
  const IngestOutcome outcome = ReadWith("invoices.csv", invoices);
  ASSERT_EQ(outcome.errors.size(), 1001u);
  EXPECT_EQ(outcome.errors[999].ToString(), "invoices.csv:1001: client_id: unknown client 'C99'");
  EXPECT_EQ(outcome.errors[1000].ToString(), "1\u202F500 errors, the first 1000 shown");
  EXPECT_EQ(outcome.error_count, 1500u);
}

// ---------------------------------------------------------------------------
// Warnings

TEST(AgencyReaderTest, UnknownColumnIsAWarning) {
  const IngestOutcome outcome = ReadWith("clients.csv", "client_id,name,Colour\nC1,A,red\nC2,B,blue\n");
  EXPECT_TRUE(outcome.ok());
  EXPECT_EQ(Texts(outcome.warnings), std::vector<std::string>{"clients.csv:1: Colour: unknown column ignored"});
}

TEST(AgencyReaderTest, MoreThan24HoursADayIsOneWarningPerEmployeeDay) {
  const IngestOutcome outcome = ReadWith("time_entries.csv",
                                         "employee_id,date,hours,activity\n"
                                         "E1,2026-01-05,10,field\n"
                                         "E1,2026-01-05,10,travel\n"
                                         "E2,2026-01-05,24,field\n"
                                         "E1,05/01/2026,4,reporting\n"
                                         "E1,2026-01-05,0.5,reporting\n"
                                         "E1,2026-01-05,2,reporting\n"
                                         "E1,2026-01-06,24,field\n");
  EXPECT_TRUE(outcome.ok());
  EXPECT_EQ(Texts(outcome.warnings),
            std::vector<std::string>{
                "time_entries.csv:6: hours: employee 'E1' has more than 24 hours on 2026-01-05 (24.50 so far)"});
}

// ---------------------------------------------------------------------------
// Values stored

TEST(AgencyReaderTest, DefaultsAndResolvedReferences) {
  Files files = BaseFiles();
  files["contracts.csv"] =
      "contract_id,client_id,start_date,end_date,renewal_of,renewal_type,signed_on\n"
      "K1,C1,2025-01-01,2025-12-31,,,\nK2,C2,2026-01-01,2026-12-31,,,2025-12-01\n"
      "K3,C1,2026-01-01,2026-12-31,K1,SOLICITED,\n";
  files["visits.csv"] = "visit_id,employee_id,mission_id,store_id,date,action\nV1,E2,M2,S1,2026-01-05,\n"
                        "V2,E1,M1,S1,2026-01-06,Order\n";
  files["store_audits.csv"] = "date,store_id,client_id,present\n2026-01-05,S1,C2,1\n";
  files["store_sales.csv"] = "date;store_id;client_id;amount\n31/01/2026;S1;C2;1 200,50\n28/02/26;S1;C1;-35\n";
  const IngestOutcome outcome = Read(files);
  ASSERT_TRUE(outcome.ok()) << testing::PrintToString(Texts(outcome.errors));
  const Dataset& d = outcome.dataset;
  ASSERT_EQ(d.contracts.size(), 3u);
  EXPECT_EQ(d.contracts[0].signed_on, *ParseDate("2025-01-01"));
  EXPECT_EQ(d.contracts[1].signed_on, *ParseDate("2025-12-01"));
  EXPECT_EQ(d.contracts[2].renewal_of, 0);
  EXPECT_EQ(d.contracts[2].renewal_type, RenewalType::kSolicited);
  EXPECT_EQ(d.contracts[1].renewal_of, kNoRow);
  EXPECT_EQ(d.contracts[1].client, 1);
  EXPECT_EQ(d.visits.action, (std::vector<VisitAction>{VisitAction::kOther, VisitAction::kOrder}));
  EXPECT_EQ(d.visits.employee, (std::vector<RowId>{1, 0}));
  EXPECT_EQ(d.store_audits.facings, std::vector<int32_t>{0});
  EXPECT_EQ(d.store_audits.client, std::vector<RowId>{1});
  EXPECT_EQ(d.store_sales.amount, (std::vector<Cents>{120050, -3500}));  // a return is negative
  EXPECT_EQ(d.store_sales.client, (std::vector<RowId>{1, 0}));
  EXPECT_EQ(d.store_sales.date, (std::vector<Day>{*ParseDate("2026-01-31"), *ParseDate("2026-02-28")}));
}

TEST(AgencyReaderTest, MetricsAreInternedAcrossObjectivesAndResults) {
  Files files = BaseFiles();
  files["objectives.csv"] =
      "objective_id,mission_id,metric,aggregation,target,start_date,end_date\n"
      "O1,M1,orders,SUM,1 000,2026-01-01,2026-06-30\nO2,M2,dn,Last,12.5,2026-01-01,2026-06-30\n";
  files["results.csv"] = "mission_id,metric,date,value\nM1,dn,2026-01-05,7.25\nM1,orders,2026-01-06,3\n"
                         "M2,Orders,2026-01-07,1\n";
  const IngestOutcome outcome = Read(files);
  ASSERT_TRUE(outcome.ok()) << testing::PrintToString(Texts(outcome.errors));
  const Dataset& d = outcome.dataset;
  EXPECT_EQ(d.metrics, (std::vector<std::string>{"orders", "dn", "Orders"}));  // byte for byte
  EXPECT_EQ(d.objectives[0].metric, 0);
  EXPECT_EQ(d.objectives[1].metric, 1);
  EXPECT_EQ(d.objectives[0].target, 1000000000);
  EXPECT_EQ(d.objectives[1].target, 12500000);
  EXPECT_EQ(d.objectives[1].aggregation, Aggregation::kLast);
  EXPECT_EQ(d.results.metric, (std::vector<RowId>{1, 0, 2}));
  EXPECT_EQ(d.results.value[0], 7250000);
  EXPECT_EQ(d.results.store, (std::vector<RowId>{kNoRow, kNoRow, kNoRow}));
}

TEST(AgencyReaderTest, CostRatesAreSortedByEmployeeThenDate) {
  const IngestOutcome outcome = ReadWith(
      "cost_rates.csv", "employee_id,valid_from,hourly_cost\nE2,2026-01-01,25\nE1,2026-03-01,32.5\nE1,2026-01-01,30\n");
  ASSERT_TRUE(outcome.ok());
  const auto& rates = outcome.dataset.cost_rates;
  ASSERT_EQ(rates.size(), 3u);
  EXPECT_EQ(rates[0].employee, 0);
  EXPECT_EQ(rates[0].hourly_cost, 3000);
  EXPECT_EQ(rates[1].hourly_cost, 3250);
  EXPECT_EQ(rates[2].employee, 1);
}

TEST(AgencyReaderTest, FrenchExcelDialect) {
  Files files = BaseFiles();
  files["clients.csv"] = "\xEF\xBB\xBF" " Client_ID ; NAME ;Sector\r\n"
                         "C1\xC2\xA0;\"Caf\xC3\xA9 \"\"Roma\"\"; Sud\";\r\n"
                         " ; ;\r\n"
                         "C2;\"Two\r\nlines\";x\r\n";
  files["invoices.csv"] = "invoice_id;client_id;date;amount;mission_id\n"
                          "F1;C1;31/01/2026;4\xE2\x80\xAF" "200,5;M1\n"
                          "F2;C2;2026-02-28;-1\xC2\xA0" "000;\n";
  files["time_entries.csv"] = "employee_id;date;hours;activity;mission_id;;\nE1;12/01/2026;7,5;FIELD;M1;;\n";
  const IngestOutcome outcome = Read(files);
  ASSERT_TRUE(outcome.ok()) << testing::PrintToString(Texts(outcome.errors));
  EXPECT_TRUE(outcome.warnings.empty()) << testing::PrintToString(Texts(outcome.warnings));
  const Dataset& d = outcome.dataset;
  ASSERT_EQ(d.clients.size(), 2u);
  EXPECT_EQ(d.clients[0].id, "C1");
  EXPECT_EQ(d.clients[0].name, "Caf\xC3\xA9 \"Roma\"; Sud");
  EXPECT_EQ(d.clients[1].name, "Two\r\nlines");
  EXPECT_EQ(d.invoices.amount, (std::vector<Cents>{420050, -100000}));
  EXPECT_EQ(d.invoices.date[0], *ParseDate("2026-01-31"));
  EXPECT_EQ(d.invoices.mission, (std::vector<RowId>{0, kNoRow}));
  EXPECT_EQ(d.time_entries.hours, std::vector<int16_t>{750});
  EXPECT_EQ(d.time_entries.activity, std::vector<Activity>{Activity::kField});
}

TEST(AgencyReaderTest, Windows1252FileIsConverted) {
  const IngestOutcome outcome =
      ReadWith("clients.csv", "client_id;name\nC1;Cr\xE8merie L\xE9" "a \x96 \x9C" "ufs \x80\nC2\xA0;B\n");
  ASSERT_TRUE(outcome.ok()) << testing::PrintToString(Texts(outcome.errors));
  EXPECT_EQ(outcome.dataset.clients[0].name, "Cr\xC3\xA8merie L\xC3\xA9" "a \xE2\x80\x93 \xC5\x93ufs \xE2\x82\xAC");
  EXPECT_EQ(outcome.dataset.clients[1].id, "C2");
}

TEST(AgencyReaderTest, ExtraEmptyFieldsAreAccepted) {
  const IngestOutcome outcome = ReadWith("clients.csv", "client_id,name\nC1,A,,  \nC2,B\n");
  EXPECT_TRUE(outcome.ok()) << testing::PrintToString(Texts(outcome.errors));
}

TEST(AgencyReaderTest, ProgressIsReportedUpToTheTotal) {
  std::string entries = "employee_id,date,hours,activity\n";
  for (int i = 0; i < 20000; ++i) entries += "E1,2026-01-05,0.01,field\n";
  Files files = BaseFiles();
  files["time_entries.csv"] = entries;
  auto source = MemorySource(files);
  std::vector<std::pair<uint64_t, uint64_t>> calls;
  const IngestOutcome outcome = ReadAgency(*source, [&](uint64_t done, uint64_t total) { calls.emplace_back(done, total); });
  ASSERT_TRUE(outcome.ok());
  ASSERT_GE(calls.size(), 5u);
  EXPECT_EQ(calls.back().first, calls.back().second);
  for (size_t i = 1; i < calls.size(); ++i) EXPECT_GE(calls[i].first, calls[i - 1].first);
  EXPECT_EQ(outcome.dataset.time_entries.size(), 20000u);
}

TEST(DiagnosticTest, ToStringForms) {
  EXPECT_EQ((Diagnostic{"invoices.csv", 7, "client_id", "unknown client 'C99'", {}, {}}).ToString(),
            "invoices.csv:7: client_id: unknown client 'C99'");
  EXPECT_EQ((Diagnostic{"invoices.csv", 7, "", "bad row", {}, {}}).ToString(), "invoices.csv:7: bad row");
  EXPECT_EQ((Diagnostic{"clients.csv", 0, "", "the file is missing", {}, {}}).ToString(),
            "clients.csv: the file is missing");
  // In a sheet the place is the cell, or the row.
  EXPECT_EQ((Diagnostic{"agence.xlsx[Factures]", 12, "amount", "bad", {}, "C12"}).ToString(),
            "agence.xlsx[Factures]!C12: amount: bad");
  EXPECT_EQ((Diagnostic{"agence.xlsx[Factures]", 12, "", "bad row", {}, "12:12"}).ToString(),
            "agence.xlsx[Factures]!12:12: bad row");
}

// ---------------------------------------------------------------------------
// Folders on disk

TEST(FolderSourceTest, AbsentFileIsNullopt) {
  auto source = FolderSource(AGENCYKPI_TEST_DATA_DIR "/does-not-exist");
  const auto read = source->Read("clients.csv");
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE(read->has_value());
}

// A table that is there but cannot be read must refuse the folder, never be
// taken as an empty table (which would silently drop its rows).
TEST(FolderSourceTest, UnreadableFileRefusesTheFolder) {
  const auto dir = std::filesystem::temp_directory_path() / "agencykpi-unreadable-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "invoices.csv");  // a folder where a file should be
  std::ofstream(dir / "clients.csv") << "client_id,name\nC1,Alpha\n";
  auto source = FolderSource(dir);
  EXPECT_FALSE(source->Read("invoices.csv").ok());
  const IngestOutcome outcome = ReadAgency(*source);
  ASSERT_EQ(outcome.errors.size(), 1u) << testing::PrintToString(Texts(outcome.errors));
  EXPECT_EQ(outcome.errors[0].ToString(), "invoices.csv: cannot read the file: not a regular file");
  std::filesystem::remove_all(dir);
}

// Rows of each catalogue table in the dataset: "clients 6, contracts 10, …".
std::string RowsPerTable(const Dataset& d) {
  std::string rows;
  for (const TableDesc& table : Catalogue()) {
    rows += (rows.empty() ? "" : ", ") + std::string(table.name) + " " + std::to_string(RowCount(d, table));
  }
  return rows;
}

TEST(GoldenFolderTest, AgenceExempleReadsWithoutErrors) {
  auto source = FolderSource(AGENCYKPI_GOLDEN_DIR "/agence-exemple");
  const IngestOutcome outcome = ReadAgency(*source);
  ASSERT_TRUE(outcome.ok()) << testing::PrintToString(Texts(outcome.errors));
  EXPECT_TRUE(outcome.warnings.empty()) << testing::PrintToString(Texts(outcome.warnings));
  const Dataset& d = outcome.dataset;
  EXPECT_EQ(RowsPerTable(d),
            "clients 6, contracts 10, missions 7, employees 3, cost_rates 5, stores 4, time_entries 33, "
            "expenses 10, invoices 17, visits 14, objectives 8, results 20, store_audits 7, store_sales 0");
  EXPECT_EQ(d.missions[0].name, "Merchandising \"GMS\" Sud, zone 1");
  EXPECT_EQ(d.invoices.amount[0], 420000);
  EXPECT_EQ(d.invoices.date[4], *ParseDate("2026-01-31"));
  EXPECT_EQ(d.time_entries.hours[0], 750);
  EXPECT_EQ(d.contracts[6].renewal_of, 0);
  EXPECT_EQ(d.contracts[6].renewal_type, RenewalType::kSpontaneous);
}

TEST(GoldenFolderTest, CasLimitesReadsWithoutErrors) {
  auto source = FolderSource(AGENCYKPI_GOLDEN_DIR "/cas-limites");
  const IngestOutcome outcome = ReadAgency(*source);
  ASSERT_TRUE(outcome.ok()) << testing::PrintToString(Texts(outcome.errors));
  const Dataset& d = outcome.dataset;
  ASSERT_EQ(RowsPerTable(d),
            "clients 5, contracts 7, missions 4, employees 1, cost_rates 2, stores 0, time_entries 16, "
            "expenses 0, invoices 7, visits 0, objectives 4, results 5, store_audits 0, store_sales 0");
  EXPECT_EQ(d.clients[4].id, "L5");  // trailing U+00A0 trimmed (cp1252 0xA0)
  EXPECT_EQ(d.clients[4].name, "Savonnerie H\xC3\xA9l\xC3\xA8ne");
  EXPECT_EQ(d.clients[3].name, "Cr\xC3\xA8merie L\xC3\xA9" "a \xE2\x80\x93 \xC5\x93ufs");
  EXPECT_EQ(d.contracts[6].renewal_type, RenewalType::kSolicited);
  EXPECT_EQ(d.objectives[1].aggregation, Aggregation::kLast);
  EXPECT_EQ(d.objectives[0].target, 12500000);
  EXPECT_EQ(d.results.value[3], 999999999);
  EXPECT_EQ(d.time_entries.activity[5], Activity::kField);
}

}  // namespace
}  // namespace agencykpi

namespace agencykpi {
namespace {

TEST(AgencyReaderTest, DuplicateIdFoundAmongManyRows) {
  std::string visits = "visit_id,employee_id,mission_id,store_id,date\n";
  for (int i = 0; i < 5000; ++i) visits += "V" + std::to_string(i) + ",E1,M1,S1,2026-01-05\n";
  visits += "V1234,E2,M2,S1,2026-01-06\n";
  const IngestOutcome outcome = ReadWith("visits.csv", visits);
  EXPECT_EQ(Texts(outcome.errors),
            std::vector<std::string>{"visits.csv:5002: visit_id: duplicate visit 'V1234' (first on line 1236)"});
}

}  // namespace
}  // namespace agencykpi

namespace agencykpi {
namespace {

// ---------------------------------------------------------------------------
// File names (SPEC §1): matched ignoring case, nothing table-like ignored
// silently.

const std::string kTableList =
    "clients.csv, contracts.csv, missions.csv, employees.csv, cost_rates.csv, stores.csv, "
    "time_entries.csv, expenses.csv, invoices.csv, visits.csv, objectives.csv, results.csv, "
    "store_audits.csv, store_sales.csv";

TEST(FileNameTest, CapitalisedInvoicesFileIsRead) {
  Files files = BaseFiles();
  files["Invoices.csv"] = "invoice_id,client_id,date,amount\nI1,C1,2026-01-31,100\nI2,C9,2026-01-31,5\n";
  const IngestOutcome outcome = Read(std::move(files));
  EXPECT_EQ(Texts(outcome.errors), std::vector<std::string>{"Invoices.csv:3: client_id: unknown client 'C9'"});
  EXPECT_EQ(outcome.dataset.invoices.size(), 1u);
}

TEST(FileNameTest, UpperCaseNameAndExtensionAreMatched) {
  Files files = BaseFiles();
  files["INVOICES.CSV"] = "invoice_id,client_id,date,amount\nI1,C1,2026-01-31,100\n";
  const IngestOutcome outcome = Read(std::move(files));
  EXPECT_TRUE(outcome.ok()) << testing::PrintToString(Texts(outcome.errors));
  EXPECT_TRUE(outcome.warnings.empty()) << testing::PrintToString(Texts(outcome.warnings));
  EXPECT_EQ(outcome.dataset.invoices.size(), 1u);
}

TEST(FileNameTest, MisspeltTableFileIsNamedInAWarning) {
  Files files = BaseFiles();
  files["factures.csv"] = "invoice_id,client_id,date,amount\nI1,C1,2026-01-31,100\n";
  const IngestOutcome outcome = Read(std::move(files));
  EXPECT_TRUE(outcome.ok());
  EXPECT_EQ(Texts(outcome.warnings),
            std::vector<std::string>{"factures.csv: not a table of the agency folder, ignored (tables: " + kTableList + ")"});
  EXPECT_EQ(outcome.warning_count, 1u);
}

TEST(FileNameTest, OtherWorkbooksAreWarnedOfAndOtherFilesIgnored) {
  Files files = BaseFiles();
  files["agence.xlsx"] = "PK";
  files["notes.ods"] = "PK";
  files["README.txt"] = "not data";
  files["export.csv.bak"] = "x";
  const IngestOutcome outcome = Read(std::move(files));
  EXPECT_TRUE(outcome.ok());
  ASSERT_EQ(outcome.warnings.size(), 2u) << testing::PrintToString(Texts(outcome.warnings));
  EXPECT_EQ(outcome.warnings[0].file, "agence.xlsx");
  EXPECT_EQ(outcome.warnings[1].file, "notes.ods");
}

TEST(FileNameTest, TwoFilesForOneTableAreRefused) {
  Files files = BaseFiles();
  files["Invoices.csv"] = "invoice_id,client_id,date,amount\nI1,C1,2026-01-31,100\n";
  files["invoices.csv"] = "invoice_id,client_id,date,amount\nI2,C1,2026-01-31,100\n";
  const IngestOutcome outcome = Read(std::move(files));
  EXPECT_EQ(Texts(outcome.errors),
            std::vector<std::string>{"invoices.csv: two files for one table: Invoices.csv and invoices.csv "
                                     "(names are matched ignoring case): keep one"});
}

// A table's workbook is read (xlsx_reader_test.cpp); one that is no
// workbook is refused with what to do.
TEST(FileNameTest, TableAsBrokenXlsxSaysWhatToDo) {
  Files files = BaseFiles();
  files["invoices.xlsx"] = "PK\x03\x04";
  const IngestOutcome outcome = Read(std::move(files));
  EXPECT_EQ(Texts(outcome.errors),
            std::vector<std::string>{"invoices.xlsx: not an XLSX workbook (not a zip archive): save it as .xlsx "
                                     "(Excel workbook) or CSV UTF-8"});
}

TEST(FileNameTest, TableAsXlsOrOdsSaysToSaveItAsXlsxOrCsv) {
  Files files = BaseFiles();
  files["Invoices.XLS"] = "\xD0\xCF\x11\xE0";
  files["visits.ods"] = "PK\x03\x04";
  const IngestOutcome outcome = Read(std::move(files));
  EXPECT_EQ(Texts(outcome.errors),
            (std::vector<std::string>{
                "Invoices.XLS: this format cannot be read: save the sheet as .xlsx or CSV UTF-8 (invoices.csv)",
                "visits.ods: this format cannot be read: save the sheet as .xlsx or CSV UTF-8 (visits.csv)"}));
}

// A clients table given as a workbook is refused once: neither "missing" nor
// an "unknown client" on every row of the other tables.
TEST(FileNameTest, RefusedTableFileDoesNotCascade) {
  Files files = BaseFiles();
  files.erase("clients.csv");
  files["clients.xlsx"] = "PK\x03\x04";
  const IngestOutcome outcome = Read(std::move(files));
  EXPECT_EQ(Texts(outcome.errors),
            std::vector<std::string>{"clients.xlsx: not an XLSX workbook (not a zip archive): save it as .xlsx "
                                     "(Excel workbook) or CSV UTF-8"});
}

// "ab" as UTF-16: the bytes of each character, low byte first or not.
std::string Utf16(std::string_view ascii, bool little_endian) {
  std::string out;
  for (const char c : ascii) {
    out += little_endian ? std::string{c, '\0'} : std::string{'\0', c};
  }
  return out;
}

TEST(FileNameTest, Utf16FileSaysToSaveItAsUtf8) {
  const std::string header = "client_id;name\r\nC1;Alpha\r\nC2;Beta\r\n";
  const std::string hint = "clients.csv: the file is UTF-16: save it as CSV UTF-8 (or CSV separated by semicolons)";
  for (const std::string& bytes : {"\xFF\xFE" + Utf16(header, true), "\xFE\xFF" + Utf16(header, false),
                                   Utf16(header, true), Utf16(header, false)}) {
    const IngestOutcome outcome = ReadWith("clients.csv", bytes);
    EXPECT_EQ(Texts(outcome.errors), std::vector<std::string>{hint});
  }
}

TEST(FileNameTest, NulByteInAValueIsRefused) {
  const IngestOutcome outcome =
      ReadWith("clients.csv", std::string("client_id,name\nC1,Alpha\nC2,Beta\nC3,Ga\0mma\n", 42));
  EXPECT_EQ(Texts(outcome.errors), std::vector<std::string>{"clients.csv:4: name: the value holds a NUL byte"});
}

TEST(FolderSourceTest, ListsTheFilesOfTheFolder) {
  const auto dir = std::filesystem::temp_directory_path() / "agencykpi-list-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "Clients.csv") << "client_id,name\nC1,Alpha\n";
  std::ofstream(dir / "factures.csv") << "x\n";
  auto source = FolderSource(dir);
  const auto listed = source->List();
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(*listed, (std::vector<std::string>{"Clients.csv", "factures.csv"}));
  const IngestOutcome outcome = ReadAgency(*source);
  EXPECT_TRUE(outcome.ok()) << testing::PrintToString(Texts(outcome.errors));
  EXPECT_EQ(outcome.dataset.clients.size(), 1u);
  ASSERT_EQ(outcome.warnings.size(), 1u);
  EXPECT_EQ(outcome.warnings[0].file, "factures.csv");
  std::filesystem::remove_all(dir);
}

TEST(FolderSourceTest, AbsentFolderIsOneError) {
  auto source = FolderSource(AGENCYKPI_TEST_DATA_DIR "/does-not-exist");
  const IngestOutcome outcome = ReadAgency(*source);
  ASSERT_EQ(outcome.errors.size(), 1u) << testing::PrintToString(Texts(outcome.errors));
  EXPECT_NE(outcome.errors[0].Text().find("does not exist"), std::string::npos) << outcome.errors[0].Text();
}

// ---------------------------------------------------------------------------
// Limits (limits.h): hostile files cost little and say why they are refused.

TEST(IngestLimitsTest, HeaderOf150000ColumnsIsRefused) {
  std::string header = "client_id,name";
  for (int i = 0; i < 150000; ++i) header += ",c" + std::to_string(i);
  const IngestOutcome outcome = ReadWith("clients.csv", header + "\nC1,A\n");
  EXPECT_EQ(Texts(outcome.errors), std::vector<std::string>{"clients.csv:1: too many columns (at most 1024)"});
  EXPECT_TRUE(outcome.warnings.empty());
}

TEST(IngestLimitsTest, HeaderAtTheColumnLimitIsRead) {
  std::string header = "client_id,name";
  for (size_t i = 2; i < kMaxColumns; ++i) header += ",c" + std::to_string(i);
  const IngestOutcome outcome = ReadWith("clients.csv", header + "\nC1,A\nC2,B\n");
  EXPECT_TRUE(outcome.ok()) << testing::PrintToString(Texts(outcome.errors));
  EXPECT_EQ(outcome.warning_count, kMaxColumns - 2);
}

TEST(IngestLimitsTest, ColumnNamedTwiceAmongManyIsFound) {
  std::string header = "client_id,name";
  for (int i = 0; i < 1000; ++i) header += ",c" + std::to_string(i);
  header += ",C500";
  const IngestOutcome outcome = ReadWith("clients.csv", header + "\nC1,A\n");
  EXPECT_EQ(Texts(outcome.errors), std::vector<std::string>{"clients.csv:1: C500: column named twice"});
}

TEST(IngestLimitsTest, QuoteLeftOpenIsRefusedAtItsLine) {
  std::string clients = "client_id,name\nC1,Alpha\nC2,Beta\nC3,\"Gamma\n";
  for (int i = 0; i < 400000; ++i) clients += "C9,x\n";  // 2 MB swallowed by the quote
  const IngestOutcome outcome = ReadWith("clients.csv", clients);
  EXPECT_EQ(Texts(outcome.errors),
            std::vector<std::string>{"clients.csv:4: name: quoted field runs over 1 MiB "
                                     "(a quote left open?): the rest of the file is not read"});
}

// A row past a limit is refused at its line, and the rows after it are read
// (the last one, a duplicate, is reported).
TEST(IngestLimitsTest, RowPastALimitIsRefusedAndTheNextRowsRead) {
  std::string overlong_row = "C3,C";
  for (int i = 0; i < 20; ++i) overlong_row += "," + std::string(60 * 1024, 'x');  // 1.2 MiB
  const struct {
    std::string row;
    std::string error;
  } cases[] = {
      {"C3,\"" + std::string(kMaxFieldBytes + 1, 'x') + "\"", "clients.csv:4: name: the value is longer than 64 KiB"},
      {overlong_row, "clients.csv:4: the row is longer than 1 MiB"},
      {"C3,C" + std::string(kMaxRecordBytes + 10, ','), "clients.csv:4: too many columns (at most 1024)"},
  };
  for (const auto& test : cases) {
    const IngestOutcome outcome = ReadWith("clients.csv", "client_id,name\nC1,A\nC2,B\n" + test.row + "\nC2,C\n");
    EXPECT_EQ(Texts(outcome.errors),
              (std::vector<std::string>{test.error, "clients.csv:5: client_id: duplicate client 'C2' (first on line 3)"}));
  }
}

TEST(IngestLimitsTest, EchoedValueIsCutTo80Characters) {
  const std::string value(1000, '9');
  const IngestOutcome outcome =
      ReadWith("invoices.csv", "invoice_id,client_id,date,amount\nI1,C1," + value + ",10\n");
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_EQ(outcome.errors[0].ToString(), "invoices.csv:2: date: invalid date '" + std::string(80, '9') +
                                              "\u2026' (expected YYYY-MM-DD, DD/MM/YYYY or DD/MM/YY)");
}

TEST(IngestLimitsTest, EchoIsCutOnACharacterBoundary) {
  std::string value;
  for (int i = 0; i < 100; ++i) value += "\xC3\xA9";  // é
  const IngestOutcome outcome =
      ReadWith("invoices.csv", "invoice_id,client_id,date,amount\nI1,C1,2026-01-31," + value + "\n");
  ASSERT_EQ(outcome.errors.size(), 1u);
  const std::string message = outcome.errors[0].Text();
  EXPECT_TRUE(IsValidUtf8(message));
  std::string expected;
  for (int i = 0; i < 80; ++i) expected += "\xC3\xA9";
  EXPECT_EQ(message, "invalid number '" + expected + "\u2026'");
}

TEST(IngestLimitsTest, MegabyteValueGivesAShortMessage) {
  // 60 KiB values (under the field limit) of every kind, and a quoted one
  // of a megabyte.
  const std::string big(60 * 1024, 'Z');
  std::string invoices = "invoice_id,client_id,date,amount,mission_id\n";
  invoices += big + "," + big + "," + big + "," + big + "," + big + "\n";
  invoices += "I1,C1,2026-01-31,\"" + std::string(1024 * 1024, '1') + "\"\n";
  const IngestOutcome outcome = ReadWith("invoices.csv", invoices);
  ASSERT_EQ(outcome.errors.size(), 6u) << testing::PrintToString(Texts(outcome.errors));
  for (const Diagnostic& error : outcome.errors) EXPECT_LT(error.ToString().size(), 200u) << error.ToString();
}

TEST(IngestLimitsTest, LongColumnNameIsCutInDiagnostics) {
  const std::string column(10000, 'k');
  const IngestOutcome outcome = ReadWith("clients.csv", "client_id,name," + column + "\nC1,A,x\n");
  ASSERT_EQ(outcome.warnings.size(), 1u);
  EXPECT_LT(outcome.warnings[0].ToString().size(), 200u);
}

// Past kMaxReportedDiagnostics, errors and warnings are counted exactly and
// summed up in a last line.
struct CappedCase {
  const char* name;
  const char* file;
  std::string content;
  bool warnings;  // else errors
  size_t count;
  const char* last_line;
};

// `header`, a newline, then row(0) … row(count - 1).
std::string RepeatedRows(const std::string& header, int count, const std::function<std::string(int)>& row) {
  std::string out = header + "\n";
  for (int i = 0; i < count; ++i) out += row(i);
  return out;
}

TEST(IngestLimitsTest, CountsPastTheCapAreExact) {
  const std::vector<CappedCase> cases = {
      {"5000 bad rows", "invoices.csv",
       RepeatedRows("invoice_id,client_id,date,amount", 5000,
                    [](int i) { return "I" + std::to_string(i) + ",C99,2026-01-31,10\n"; }),
       false, 5000, "5\u202F000 errors, the first 1000 shown"},
      {"1200 days over 24 hours", "time_entries.csv",
       RepeatedRows("employee_id,date,hours,activity", 1200,
                    [](int day) {
                      const std::string date = FormatDate(*ParseDate("2026-01-01") + day);
                      return "E1," + date + ",13,field\nE1," + date + ",13,travel\n";
                    }),
       true, 1200, "1\u202F200 warnings, the first 1000 shown"},
      // 100 000 rows of one id keep one id and count every duplicate.
      {"99999 duplicates", "clients.csv",
       RepeatedRows("client_id,name\nC2,Beta", 100000, [](int) { return std::string("C1,Alpha\n"); }),
       false, 99999, "99\u202F999 errors, the first 1000 shown"},
  };
  for (const CappedCase& c : cases) {
    SCOPED_TRACE(c.name);
    const IngestOutcome outcome = ReadWith(c.file, c.content);
    const std::vector<Diagnostic>& shown = c.warnings ? outcome.warnings : outcome.errors;
    EXPECT_EQ(c.warnings ? outcome.warning_count : outcome.error_count, c.count);
    EXPECT_EQ(outcome.ok(), c.warnings);
    ASSERT_EQ(shown.size(), kMaxReportedDiagnostics + 1);
    EXPECT_EQ(shown.back().ToString(), c.last_line);
  }
}

// Past the shown errors a bad row is only counted, not kept: a file of
// millions of bad rows with unique ids must not grow the id maps.
TEST(IngestLimitsTest, BadRowsPastTheShownErrorsAreOnlyCounted) {
  std::string invoices = RepeatedRows("invoice_id,client_id,date,amount", 1500,
                                      [](int i) { return "I" + std::to_string(i) + ",C99,2026-01-31,10\n"; });
  invoices += "I5,C1,2026-01-31,10\n";     // duplicate of a row kept (its error is shown)
  invoices += "I1200,C1,2026-01-31,10\n";  // the row it repeats was only counted
  const IngestOutcome outcome = ReadWith("invoices.csv", invoices);
  EXPECT_EQ(outcome.error_count, 1501u);
  EXPECT_EQ(outcome.errors[1].ToString(), "invoices.csv:3: client_id: unknown client 'C99'");
  EXPECT_EQ(outcome.errors.back().ToString(), "1\u202F501 errors, the first 1000 shown");
}

TEST(GroupThousandsTest, GroupsOfThreeWithANarrowSpace) {
  EXPECT_EQ(GroupThousands(0), "0");
  EXPECT_EQ(GroupThousands(999), "999");
  EXPECT_EQ(GroupThousands(1000), "1\u202F000");
  EXPECT_EQ(GroupThousands(14979599), "14\u202F979\u202F599");
}

// ---------------------------------------------------------------------------
// The outcome's summary: empty tables, cancellation.

TEST(AgencyReaderTest, EmptyTablesAreListedAbsentOnesIncluded) {
  const IngestOutcome outcome = ReadWith("invoices.csv", "invoice_id,client_id,date,amount\n");
  EXPECT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.empty_tables,
            (std::vector<std::string>{"expenses", "invoices", "visits", "objectives", "results", "store_audits",
                                      "store_sales"}));
}

// The header of every file is the catalogue's: a folder of headers alone
// (upper-case names, as Windows may save them) is read without a word, every
// table found and empty.
TEST(AgencyReaderTest, CatalogueHeadersAloneAreAValidFolderOfEmptyTables) {
  Files files;
  for (const TableDesc& table : Catalogue()) {
    std::string name(table.file);
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    files[name] = HeaderLine(table) + "\n";
  }
  ASSERT_EQ(files.size(), 14u);
  auto source = MemorySource(std::move(files));
  const IngestOutcome outcome = ReadAgency(*source, {}, nullptr);
  EXPECT_EQ(outcome.error_count, 0u) << (outcome.errors.empty() ? "" : outcome.errors.front().ToString());
  EXPECT_EQ(outcome.warning_count, 0u) << (outcome.warnings.empty() ? "" : outcome.warnings.front().ToString());
  ASSERT_EQ(outcome.empty_tables.size(), 14u);
  EXPECT_EQ(outcome.empty_tables.front(), "clients");
  EXPECT_EQ(outcome.empty_tables.back(), "store_sales");
}

// Each required column of the catalogue is refused when missing, by name.
TEST(AgencyReaderTest, EveryRequiredCatalogueColumnIsReportedWhenMissing) {
  size_t checked = 0;
  for (const TableDesc& table : Catalogue()) {
    for (const ColumnDesc& column : table.columns) {
      if (!column.required) continue;
      std::string header;
      for (const ColumnDesc& other : table.columns) {
        if (&other == &column) continue;
        header += (header.empty() ? "" : ",") + std::string(other.name);
      }
      Files files = BaseFiles();
      files[std::string(table.file)] = header + "\n";
      auto source = MemorySource(std::move(files));
      const IngestOutcome outcome = ReadAgency(*source, {}, nullptr);
      const std::string expected = std::string(table.file) + ":1: " + std::string(column.name) + ": missing required column";
      bool found = false;
      for (const Diagnostic& error : outcome.errors) found = found || error.ToString() == expected;
      EXPECT_TRUE(found) << expected;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 53u);
}

TEST(AgencyReaderTest, RaisedCancelTokenGivesACancelledOutcome) {
  CancelToken cancel;
  cancel.Cancel();
  auto source = MemorySource(BaseFiles());
  const IngestOutcome outcome = ReadAgency(*source, {}, &cancel);
  EXPECT_TRUE(outcome.cancelled);
  EXPECT_EQ(Texts(outcome.errors), std::vector<std::string>{"the import was cancelled"});
  EXPECT_EQ(outcome.error_count, 1u);
  EXPECT_EQ(outcome.dataset.clients.size(), 0u);
}

TEST(AgencyReaderTest, CancelStopsReadingWithinAFewThousandRows) {
  std::string entries = "employee_id,date,hours,activity\n";
  constexpr int kRows = 1000000;  // about 25 MB: some 400 progress calls if read to the end
  for (int i = 0; i < kRows; ++i) entries += "E1,2026-01-05,0.01,field\n";
  Files files = BaseFiles();
  files["time_entries.csv"] = std::move(entries);
  auto source = MemorySource(std::move(files));
  CancelToken cancel;
  size_t calls_after_cancel = 0;
  const IngestOutcome outcome = ReadAgency(
      *source,
      [&](uint64_t, uint64_t) {
        if (cancel.cancelled()) ++calls_after_cancel;
        cancel.Cancel();
      },
      &cancel);
  EXPECT_TRUE(outcome.cancelled);
  EXPECT_EQ(Texts(outcome.errors), std::vector<std::string>{"the import was cancelled"});
  // At most kCancelCheckRows rows (25 bytes each) after the raise, a progress
  // call per 64 KiB: about 25 calls, far from the 400 of a full read.
  EXPECT_LT(calls_after_cancel, 40u);
}

TEST(AgencyReaderTest, ShortFrenchDatesAreRead) {
  const IngestOutcome outcome =
      ReadWith("invoices.csv", "invoice_id;client_id;date;amount\nI1;C1;31/01/26;100\nI2;C1;30/02/26;5\n");
  EXPECT_EQ(Texts(outcome.errors),
            std::vector<std::string>{
                "invoices.csv:3: date: invalid date '30/02/26' (expected YYYY-MM-DD, DD/MM/YYYY or DD/MM/YY); "
                "hint: that day does not exist: 2026-02 has 28 days"});
  ASSERT_EQ(outcome.dataset.invoices.size(), 1u);
  EXPECT_EQ(outcome.dataset.invoices.date[0], *ParseDate("2026-01-31"));
}

}  // namespace
}  // namespace agencykpi
