// The import's messages in both languages, and the hints for the frequent
// mistakes: exact texts, as `check` prints them.
#include "ingest/messages.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "domain/catalogue.h"
#include "ingest/agency_reader.h"
#include "ingest/hints.h"

namespace agencykpi {
namespace {

constexpr Language kEn = Language::kEnglish;
constexpr Language kFr = Language::kFrench;

// A hint in English and in French.
void ExpectHint(const Message& hint, const std::string& english, const std::string& french) {
  EXPECT_EQ(hint.Render(kEn), english);
  EXPECT_EQ(hint.Render(kFr), french);
}

TEST(MessagesTest, RenderTheSameFindingInBothLanguages) {
  const Message unknown(MessageId::kUnknownRow, {NounArg("time entry"), "'T1'"});
  EXPECT_EQ(unknown.Render(kEn), "unknown time entry 'T1'");
  EXPECT_EQ(unknown.Render(kFr), "saisie de temps 'T1' introuvable");
  const Message two(MessageId::kTwoFiles, {NamesArg({"Invoices.csv", "invoices.csv"})});
  EXPECT_EQ(two.Render(kEn),
            "two files for one table: Invoices.csv and invoices.csv (names are matched ignoring case): keep one");
  EXPECT_EQ(two.Render(kFr),
            "deux fichiers pour une même table : Invoices.csv et invoices.csv (les noms sont comparés sans tenir "
            "compte des majuscules) : gardez-en un");
  EXPECT_EQ(MessageCode(MessageId::kInvalidNumber), "invalid_number");
}

TEST(MessagesTest, KnownStatusTextsComeBackAsTheirIds) {
  const Message changed = MessageOfText("the file changed while it was read");
  EXPECT_EQ(changed.id, MessageId::kFileChanged);
  EXPECT_EQ(changed.Render(kFr), "le fichier a changé pendant sa lecture");
  const Message folder = MessageOfText("the folder '/x' does not exist or is not a folder");
  EXPECT_EQ(folder.id, MessageId::kNoSuchFolder);
  EXPECT_EQ(folder.Render(kFr), "le dossier '/x' n'existe pas ou n'est pas un dossier");
  const Message other = MessageOfText("something else");
  EXPECT_EQ(other.id, MessageId::kVerbatim);
  EXPECT_EQ(other.Render(kFr), "something else");
}

TEST(MessagesTest, DiagnosticKeepsItsPlaceInEveryLanguage) {
  const Diagnostic d{"invoices.csv", 3, "amount", Message(MessageId::kInvalidNumber, {"'1 234,50 €'"}),
                     Message(MessageId::kHintCurrency, {"1234,50"})};
  EXPECT_EQ(d.ToString(kEn), "invoices.csv:3: amount: invalid number '1 234,50 €'; hint: remove the currency sign: "
                             "write 1234,50");
  EXPECT_EQ(d.ToString(kFr), "invoices.csv:3: amount: nombre invalide '1 234,50 €' ; indice : retirez le symbole "
                             "monétaire : écrivez 1234,50");
}

TEST(NumberHintTest, CurrencySignIsRemovedInTheFilesNotation) {
  ExpectHint(NumberHint("1 234,50 €", 2, true), "remove the currency sign: write 1234,50",
             "retirez le symbole monétaire : écrivez 1234,50");
  ExpectHint(NumberHint("€1,234.50", 2, true), "remove the currency sign: write 1234,50",
             "retirez le symbole monétaire : écrivez 1234,50");
  ExpectHint(NumberHint("€1,234.50", 2, false), "remove the currency sign: write 1234.50",
             "retirez le symbole monétaire : écrivez 1234.50");
  ExpectHint(NumberHint("-15,00 EUR", 2, true), "remove the currency sign: write -15,00",
             "retirez le symbole monétaire : écrivez -15,00");
}

TEST(NumberHintTest, PercentIsWrittenInPoints) {
  ExpectHint(NumberHint("12,5 %", 6, true), "remove the % sign, the value is written in points: write 12,5",
             "retirez le signe %, la valeur s'écrit en points : écrivez 12,5");
}

TEST(NumberHintTest, ThousandsMarksBareMarksAndCommas) {
  ExpectHint(NumberHint("1.200,00", 2, true), "write 1200,00 (no dot or comma between thousands)",
             "écrivez 1200,00 (ni point ni virgule entre les milliers)");
  ExpectHint(NumberHint(".5", 2, false), "write 0.5", "écrivez 0.5");
  ExpectHint(NumberHint("7,5", 2, false), "the decimal comma is read only in files separated by ';': write 7.5",
             "la virgule décimale n'est lue que dans les fichiers séparés par « ; » : écrivez 7.5");
  ExpectHint(NumberHint("3,0", 0, true), "a whole number is expected: write 3",
             "un nombre entier est attendu : écrivez 3");
  EXPECT_TRUE(NumberHint("abc", 2, true).empty());
  EXPECT_TRUE(NumberHint("2,5", 0, true).empty());       // no whole number to suggest
  EXPECT_TRUE(NumberHint("1,234 €", 0, true).empty());  // not a whole number either
}

TEST(DateHintTest, OtherOrdersAndSeparators) {
  ExpectHint(DateHint("06/30/2026"), "month/day order (US): write 2026-06-30 or 30/06/2026",
             "ordre mois/jour (américain) : écrivez 2026-06-30 ou 30/06/2026");
  ExpectHint(DateHint("2026-31-01"), "year-day-month order: write 2026-01-31 or 31/01/2026",
             "ordre année-jour-mois : écrivez 2026-01-31 ou 31/01/2026");
  ExpectHint(DateHint("31.01.2026"), "separate with / or -: write 2026-01-31 or 31/01/2026",
             "séparez par / ou - : écrivez 2026-01-31 ou 31/01/2026");
  ExpectHint(DateHint("2026/01/31"), "separate with / or -: write 2026-01-31 or 31/01/2026",
             "séparez par / ou - : écrivez 2026-01-31 ou 31/01/2026");
  ExpectHint(DateHint("31/01/2026 00:00"), "remove the time: write 31/01/2026", "retirez l'heure : écrivez 31/01/2026");
  ExpectHint(DateHint("2026-02-30"), "that day does not exist: 2026-02 has 28 days",
             "ce jour n'existe pas : le mois 2026-02 a 28 jours");
  ExpectHint(DateHint("3/1/2026"), "write 03/01/2026", "écrivez 03/01/2026");
  EXPECT_TRUE(DateHint("demain").empty());
  EXPECT_TRUE(DateHint("31/13/2026").empty());
}

size_t Column(std::string_view table, std::string_view name) { return ColumnIndex(table, name); }

TEST(LikelyColumnTest, FrenchNamesAndNearMisses) {
  const auto contracts = kCatalogue[TableIndex("contracts")].columns;
  const auto invoices = kCatalogue[TableIndex("invoices")].columns;
  const auto cost_rates = kCatalogue[TableIndex("cost_rates")].columns;
  EXPECT_EQ(LikelyColumn("date de début", contracts), Column("contracts", "start_date"));
  EXPECT_EQ(LikelyColumn("Date_Debut", contracts), Column("contracts", "start_date"));
  EXPECT_EQ(LikelyColumn("montant HT", invoices), Column("invoices", "amount"));
  EXPECT_EQ(LikelyColumn("client", invoices), Column("invoices", "client_id"));
  EXPECT_EQ(LikelyColumn("Client ID", invoices), Column("invoices", "client_id"));
  EXPECT_EQ(LikelyColumn("N° facture", invoices), Column("invoices", "invoice_id"));
  EXPECT_EQ(LikelyColumn("invoce_id", invoices), Column("invoices", "invoice_id"));
  EXPECT_EQ(LikelyColumn("date de début", cost_rates), Column("cost_rates", "valid_from"));
  EXPECT_EQ(LikelyColumn("commentaire", invoices), std::nullopt);
  EXPECT_EQ(NormalizeName(" Date de Début "), "date_de_debut");
}

TEST(EnumHintTest, FrenchValuesAndTypos) {
  const auto activities = kCatalogue[TableIndex("time_entries")].columns[Column("time_entries", "activity")].values;
  ExpectHint(EnumHint("terrain", activities), "probably field", "probablement field");
  ExpectHint(EnumHint("Déplacement", activities), "probably travel", "probablement travel");
  ExpectHint(EnumHint("follow-up", activities), "probably followup", "probablement followup");
  ExpectHint(EnumHint("feild", activities), "probably field", "probablement field");
  EXPECT_TRUE(EnumHint("xyzzy", activities).empty());
}

// Through the reader: the hints land on the refused cells and headers.
TEST(IngestHintsTest, HeaderHintsOnTheWarningAndTheMissingColumn) {
  auto source = MemorySource({{"clients.csv", "Client ID;nom\nC1;Alpha\n"}});
  const IngestOutcome outcome = ReadAgency(*source);
  ASSERT_EQ(outcome.errors.size(), 2u);
  EXPECT_EQ(outcome.errors[0].ToString(kEn),
            "clients.csv:1: client_id: missing required column; hint: the column 'Client ID' is probably it: name it "
            "client_id");
  EXPECT_EQ(outcome.errors[0].ToString(kFr),
            "clients.csv:1: client_id: colonne obligatoire manquante ; indice : la colonne 'Client ID' est sans doute "
            "celle-ci : nommez-la client_id");
  ASSERT_EQ(outcome.warnings.size(), 2u);
  EXPECT_EQ(outcome.warnings[1].ToString(kEn),
            "clients.csv:1: nom: unknown column ignored; hint: probably name: name the column name");
  EXPECT_EQ(outcome.warnings[1].ToString(kFr),
            "clients.csv:1: nom: colonne inconnue ignorée ; indice : probablement name : nommez la colonne name");
}

}  // namespace
}  // namespace agencykpi
