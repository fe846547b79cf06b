#include "ingest/messages.h"

#include <array>
#include <cstddef>

namespace agencykpi {
namespace {

using Id = MessageId;

struct Template {
  MessageId id;
  std::string_view text;
};

constexpr size_t kMessageCount = [] {
  size_t count = 0;
#define AGENCYKPI_COUNT(id, code) ++count;
  AGENCYKPI_INGEST_MESSAGES(AGENCYKPI_COUNT)
#undef AGENCYKPI_COUNT
  return count;
}();

constexpr std::array<std::string_view, kMessageCount> kCodes = {{
#define AGENCYKPI_CODE(id, code) code,
    AGENCYKPI_INGEST_MESSAGES(AGENCYKPI_CODE)
#undef AGENCYKPI_CODE
}};

// ---------------------------------------------------------------------------
// English. The texts tests and docs quote: change them together.
constexpr std::array<Template, kMessageCount> kEnglish = {{
    {Id::kVerbatim, "{0}"},
    {Id::kValueTooLong, "the value is longer than {0}"},
    {Id::kTooManyColumns, "too many columns (at most {0})"},
    {Id::kRowTooLong, "the row is longer than {0}"},
    {Id::kQuoteNotClosed, "quoted field is not closed (the file ends inside quotes)"},
    {Id::kQuoteRunsOver, "quoted field runs over {0} (a quote left open?): the rest of the file is not read"},
    {Id::kTextAfterQuote, "text after the closing quote of a quoted field"},
    {Id::kInvalidNumber, "invalid number {0}"},
    {Id::kInvalidWholeNumber, "invalid whole number {0}"},
    {Id::kTooManyDecimals, "too many decimals in {0} (at most {1})"},
    {Id::kNumberTooLarge, "number {0} is too large"},
    {Id::kUtf16, "the file is UTF-16: save it as CSV UTF-8 (or CSV separated by semicolons)"},
    {Id::kFileEmpty, "the file is empty: a header line is required"},
    {Id::kFirstLineBlank, "the first line is blank: a header line is required"},
    {Id::kFileMissing, "the file is missing (it is required)"},
    {Id::kNotATable, "not a table of the agency folder, ignored (tables: {0})"},
    {Id::kTwoFiles, "two files for one table: {0} (names are matched ignoring case): keep one"},
    {Id::kFormatUnreadable, "this format cannot be read: save the sheet as .xlsx or CSV UTF-8 ({0})"},
    {Id::kCannotReadFile, "cannot read the file"},
    {Id::kNotRegularFile, "cannot read the file: not a regular file"},
    {Id::kFileChanged, "the file changed while it was read"},
    {Id::kNoSuchFolder, "the folder {0} does not exist or is not a folder"},
    {Id::kCannotListFolder, "cannot list the folder {0}"},
    {Id::kXlsxNotZip, "not an XLSX workbook (not a zip archive): save it as .xlsx (Excel workbook) or CSV UTF-8"},
    {Id::kXlsxIsXls, "an Excel 97-2003 workbook (.xls): save it as .xlsx (Excel workbook) or CSV UTF-8"},
    {Id::kXlsxEncrypted, "the workbook is protected by a password (encrypted): save a copy without a password"},
    {Id::kXlsxIsOds, "an OpenDocument spreadsheet (.ods): save it as .xlsx (Excel workbook) or CSV UTF-8"},
    {Id::kXlsxDamaged, "the workbook is damaged: {0}"},
    {Id::kXlsxLimit, "the workbook is refused: {0}"},
    {Id::kXlsxMalformedXml, "the workbook is damaged: {0}, line {1}: {2}"},
    {Id::kXlsxDoctype, "the workbook is refused: {0} declares a DOCTYPE or entities, which a workbook never does"},
    {Id::kXlsxNoSheet, "the workbook has no sheet"},
    {Id::kXlsxErrorCell, "the cell holds the error {0}: correct the formula or enter the value"},
    {Id::kXlsxDateFeb29, "the date cell holds 1900-02-29, a day that does not exist (Excel's 1900 leap-year bug): enter the date again"},
    {Id::kXlsxBadDate, "the date cell holds {0}, which is no calendar date from 1900 to 9999"},
    {Id::kXlsxBadNumber, "the number cell holds {0}, which is not a number"},
    {Id::kXlsxBadSharedString, "the cell refers to text {0} that the workbook does not hold (damaged workbook)"},
    {Id::kXlsxRowOrder, "row {0} comes after row {1} (damaged sheet)"},
    {Id::kXlsxRowNumber, "row number {0} is past a sheet's last row, {1} (damaged sheet)"},
    {Id::kXlsxCellTwice, "the cell is given twice or out of order (damaged sheet)"},
    {Id::kXlsxNotATable, "not a table of the agency workbook, ignored (sheets: {0})"},
    {Id::kXlsxTwoSheets, "two sheets for one table: {0} (names are matched ignoring case and accents): keep one"},
    {Id::kXlsxAgencyFile, "{0} is not an agency workbook: give a .xlsx file (or a folder)"},
    {Id::kXlsxSheetMissing, "the sheet {0} is missing (it is required): name it {0} or {1}"},
    {Id::kImportCancelled, "the import was cancelled"},
    {Id::kErrorsFirstShown, "{0} errors, the first {1} shown"},
    {Id::kWarningsFirstShown, "{0} warnings, the first {1} shown"},
    {Id::kColumnNameNul, "the column name holds a NUL byte"},
    {Id::kColumnTwice, "column named twice"},
    {Id::kUnknownColumn, "unknown column ignored"},
    {Id::kMissingColumn, "missing required column"},
    {Id::kRowFieldCount, "the row has {0} fields but the header has {1}"},
    {Id::kTooManyRows, "too many rows (at most {0})"},
    {Id::kValueNul, "the value holds a NUL byte"},
    {Id::kMissingValue, "missing value"},
    {Id::kInvalidIdentifier, "invalid identifier {0} (1 to 64 characters from A-Z a-z 0-9 _ . - /)"},
    {Id::kInvalidDate, "invalid date {0} (expected YYYY-MM-DD, DD/MM/YYYY or DD/MM/YY)"},
    {Id::kInvalidEnum, "invalid {0} {1} (expected one of {2})"},
    {Id::kUnknownRow, "unknown {0} {1}"},
    {Id::kUnknownRowNoFile, "unknown {0} {1} (there is no {2})"},
    {Id::kDuplicateId, "duplicate {0} {1} (first on line {2})"},
    {Id::kMetricTooLong, "metric key {0} is longer than 64 characters"},
    {Id::kEndBeforeStart, "end date {0} is before start date {1}"},
    {Id::kOtherClient, "{0} {1} belongs to client {2}, not {3}"},
    {Id::kRenewalTypeMissing, "missing value (required when renewal_of is set)"},
    {Id::kRenewalTypeForbidden, "renewal type {0} given but renewal_of is empty"},
    {Id::kRenewsItself, "contract {0} cannot renew itself"},
    {Id::kAlreadyRenewed, "contract {0} is already renewed by {1} (line {2})"},
    {Id::kRenewalCycle, "renewal cycle: {0}"},
    {Id::kComplexityRange, "complexity {0} is outside 1 to 5"},
    {Id::kNegativeFee, "negative fee {0}"},
    {Id::kWeeklyHoursRange, "weekly hours {0} out of range (more than 0, at most 80)"},
    {Id::kNegativeCostRate, "negative cost rate {0}"},
    {Id::kDuplicateCostRate, "employee {0} already has a cost rate from {1} (line {2})"},
    {Id::kHoursRange, "hours {0} out of range (more than 0, at most 24)"},
    {Id::kNoCostRate, "employee {0} has no cost rate"},
    {Id::kBeforeFirstRate, "date {0} is before the first cost rate of employee {1} ({2})"},
    {Id::kDayOver24Hours, "employee {0} has more than 24 hours on {1} ({2} so far)"},
    {Id::kNegativeExpense, "negative expense {0}"},
    {Id::kTargetNotPositive, "target {0} must be greater than 0"},
    {Id::kPresentNotBool, "present {0} must be 0 or 1"},
    {Id::kNegativeFacings, "negative facings {0}"},
    {Id::kFacingsTooLarge, "facings {0} is too large"},
    {Id::kProfileTooLarge, "the profile is larger than {0}"},
    {Id::kProfileInvalidJson, "invalid JSON: {0}"},
    {Id::kProfileTooDeep, "the profile nests objects and lists deeper than {0} levels"},
    {Id::kProfileKeyTwice, "key {0} is given twice"},
    {Id::kProfileUnknownKey, "unknown key {0} (keys: {1})"},
    {Id::kProfileMissingKey, "missing key {0}"},
    {Id::kProfileNotObject, "expected an object {...}"},
    {Id::kProfileNotText, "expected a text \"...\""},
    {Id::kProfileNotTexts, "expected a text or a list of texts"},
    {Id::kProfileNotCount, "expected a whole number from 0 to {0}"},
    {Id::kProfileColumnSpec, "expected the name of a source column, or an object with \"from\" or \"const\""},
    {Id::kProfileFromAndConst, "give \"from\" or \"const\", not both"},
    {Id::kProfileVersion, "unsupported version {0} (this version of agencykpi reads version {1})"},
    {Id::kProfileNoTables, "no table: name at least one under \"tables\""},
    {Id::kProfileUnknownTable, "unknown table {0} (tables: {1})"},
    {Id::kProfileUnknownColumn, "unknown column {0} (columns: {1})"},
    {Id::kProfileTodo, "still TODO: name the source column that holds {0}, or give a constant"},
    {Id::kProfileUnmapped, "required column {0} is not mapped: name its source column or give a constant"},
    {Id::kProfileDateOrder, "unknown date order {0} (DMY, MDY or YMD)"},
    {Id::kProfileDecimalMark, "unknown decimal mark {0} (\",\" or \".\")"},
    {Id::kProfileEmptyText, "empty text"},
    {Id::kProfileTextTooLong, "the text is longer than {0}"},
    {Id::kProfileValueTwice, "value {0} is mapped twice (values are matched trimmed and ignoring case)"},
    {Id::kProfileTooManyEntries, "more than {0} value-map and skip_when entries in the profile"},
    {Id::kProfileSourceColumnMissing, "column {0}, named by {1} ({2}), is not in the header (its columns: {3})"},
    {Id::kProfileNoHeader, "no header: the file ends within the {0} rows that {1} ({2}) skips"},
    {Id::kProfileCannotRead, "cannot read the profile {0}"},
    {Id::kProfileWithWorkbook,
     "a profile reads a folder: give the folder that holds {0}, and name its sheets in the profile (\"sheet\")"},
    {Id::kDraftNotRecognised, "no table recognised from its name or its header: left out"},
    {Id::kDraftAlreadyOurs, "already in the agency folder's format: read as it is"},
    {Id::kDraftTableTwice, "{0} is drafted from {1} already: left out"},
    {Id::kDraftTodo, "no source column found for {0}: written as TODO"},
    {Id::kDraftCannotRead, "cannot be read: {0}"},
    {Id::kExplainTable, "{0} from {1}, header on line {2}:"},
    {Id::kExplainFeeds, "{0} → {1} ({2})"},
    {Id::kExplainIgnored, "{0} → ignored"},
    {Id::kExplainConstant, "constant {0} → {1} ({2})"},
    {Id::kExplainDropped, "rows dropped by skip_when ({0}): {1}"},
    {Id::kExplainUnmapped, "values of {0} not mapped yet: {1}"},
    {Id::kExplainRows, "rows read: {0}"},
    {Id::kKindId, "identifier"},
    {Id::kKindReference, "reference to {0}"},
    {Id::kKindDate, "date"},
    {Id::kKindMoney, "money, 2 decimals"},
    {Id::kKindHours, "hours, 2 decimals"},
    {Id::kKindQuantity, "decimal, 6 places"},
    {Id::kKindInteger, "whole number"},
    {Id::kKindEnum, "one of {0}"},
    {Id::kKindText, "text"},
    {Id::kKindMetric, "metric key"},
    {Id::kKindMapped, "{0} values mapped"},
    {Id::kKindDayOrder, "read as {0}"},
    {Id::kKindDecimalComma, "decimal comma"},
    {Id::kFolderRefused, "refused, {0} errors"},
    {Id::kFolderRefusedOne, "refused, 1 error"},
    {Id::kFolderValid, "valid"},
    {Id::kEmptyTables, "empty tables: {0}"},
    {Id::kImported, "imported {0} into {1} in {2} s"},
    {Id::kErrorCount, "{0} errors"},
    {Id::kOneError, "1 error"},
    {Id::kHintCurrency, "remove the currency sign: write {0}"},
    {Id::kHintPercent, "remove the % sign, the value is written in points: write {0}"},
    {Id::kHintThousands, "write {0} (no dot or comma between thousands)"},
    {Id::kHintWrite, "write {0}"},
    {Id::kHintCommaFile, "the decimal comma is read only in files separated by ';': write {0}"},
    {Id::kHintWholeNumber, "a whole number is expected: write {0}"},
    {Id::kHintDateUs, "month/day order (US): write {0} or {1}"},
    {Id::kHintDateYearDayMonth, "year-day-month order: write {0} or {1}"},
    {Id::kHintDateSeparator, "separate with / or -: write {0} or {1}"},
    {Id::kHintDateTime, "remove the time: write {0}"},
    {Id::kHintDateNoSuchDay, "that day does not exist: {0} has {1} days"},
    {Id::kHintColumn, "probably {0}: name the column {0}"},
    {Id::kHintMissingColumn, "the column {0} is probably it: name it {1}"},
    {Id::kHintEnum, "probably {0}"},
}};

// ---------------------------------------------------------------------------
// Français.
constexpr std::array<Template, kMessageCount> kFrench = {{
    {Id::kVerbatim, "{0}"},
    {Id::kValueTooLong, "la valeur dépasse {0}"},
    {Id::kTooManyColumns, "trop de colonnes (au plus {0})"},
    {Id::kRowTooLong, "la ligne dépasse {0}"},
    {Id::kQuoteNotClosed, "champ entre guillemets non fermé (le fichier se termine entre guillemets)"},
    {Id::kQuoteRunsOver,
     "champ entre guillemets de plus de {0} (un guillemet resté ouvert ?) : la suite du fichier n'est pas lue"},
    {Id::kTextAfterQuote, "du texte suit le guillemet fermant d'un champ entre guillemets"},
    {Id::kInvalidNumber, "nombre invalide {0}"},
    {Id::kInvalidWholeNumber, "nombre entier invalide {0}"},
    {Id::kTooManyDecimals, "trop de décimales dans {0} (au plus {1})"},
    {Id::kNumberTooLarge, "le nombre {0} est trop grand"},
    {Id::kUtf16,
     "le fichier est en UTF-16 : enregistrez-le en CSV UTF-8 (ou CSV séparateur point-virgule)"},
    {Id::kFileEmpty, "le fichier est vide : une ligne d'en-tête est requise"},
    {Id::kFirstLineBlank, "la première ligne est vide : une ligne d'en-tête est requise"},
    {Id::kFileMissing, "le fichier manque (il est obligatoire)"},
    {Id::kNotATable, "pas une table du dossier de l'agence, ignoré (tables : {0})"},
    {Id::kTwoFiles,
     "deux fichiers pour une même table : {0} (les noms sont comparés sans tenir compte des majuscules) : "
     "gardez-en un"},
    {Id::kFormatUnreadable, "ce format ne peut pas être lu : enregistrez la feuille en .xlsx ou en CSV UTF-8 ({0})"},
    {Id::kCannotReadFile, "impossible de lire le fichier"},
    {Id::kNotRegularFile, "impossible de lire le fichier : ce n'est pas un fichier ordinaire"},
    {Id::kFileChanged, "le fichier a changé pendant sa lecture"},
    {Id::kNoSuchFolder, "le dossier {0} n'existe pas ou n'est pas un dossier"},
    {Id::kCannotListFolder, "impossible de lister le dossier {0}"},
    {Id::kXlsxNotZip, "ce n'est pas un classeur XLSX (pas une archive zip) : enregistrez-le en .xlsx (classeur Excel) ou en CSV UTF-8"},
    {Id::kXlsxIsXls, "un classeur Excel 97-2003 (.xls) : enregistrez-le en .xlsx (classeur Excel) ou en CSV UTF-8"},
    {Id::kXlsxEncrypted, "le classeur est protégé par un mot de passe (chiffré) : enregistrez-en une copie sans mot de passe"},
    {Id::kXlsxIsOds, "une feuille de calcul OpenDocument (.ods) : enregistrez-la en .xlsx (classeur Excel) ou en CSV UTF-8"},
    {Id::kXlsxDamaged, "le classeur est endommagé : {0}"},
    {Id::kXlsxLimit, "le classeur est refusé : {0}"},
    {Id::kXlsxMalformedXml, "le classeur est endommagé : {0}, ligne {1} : {2}"},
    {Id::kXlsxDoctype, "le classeur est refusé : {0} déclare un DOCTYPE ou des entités, ce que ne fait jamais un classeur"},
    {Id::kXlsxNoSheet, "le classeur n'a aucune feuille"},
    {Id::kXlsxErrorCell, "la cellule contient l'erreur {0} : corrigez la formule ou saisissez la valeur"},
    {Id::kXlsxDateFeb29, "la cellule date contient le 29/02/1900, un jour qui n'existe pas (erreur d'Excel sur l'année 1900) : saisissez la date à nouveau"},
    {Id::kXlsxBadDate, "la cellule date contient {0}, qui n'est pas une date du calendrier entre 1900 et 9999"},
    {Id::kXlsxBadNumber, "la cellule nombre contient {0}, qui n'est pas un nombre"},
    {Id::kXlsxBadSharedString, "la cellule renvoie au texte {0}, absent du classeur (classeur endommagé)"},
    {Id::kXlsxRowOrder, "la ligne {0} vient après la ligne {1} (feuille endommagée)"},
    {Id::kXlsxRowNumber, "le numéro de ligne {0} dépasse la dernière ligne d'une feuille, {1} (feuille endommagée)"},
    {Id::kXlsxCellTwice, "la cellule est donnée deux fois ou dans le désordre (feuille endommagée)"},
    {Id::kXlsxNotATable, "pas une table du classeur de l'agence, ignorée (feuilles : {0})"},
    {Id::kXlsxTwoSheets, "deux feuilles pour une table : {0} (les noms sont comparés sans casse ni accents) : gardez-en une"},
    {Id::kXlsxAgencyFile, "{0} n'est pas un classeur d'agence : donnez un fichier .xlsx (ou un dossier)"},
    {Id::kXlsxSheetMissing, "la feuille {0} manque (elle est requise) : nommez-la {1} ou {0}"},
    {Id::kImportCancelled, "l'import a été annulé"},
    {Id::kErrorsFirstShown, "{0} erreurs, les {1} premières affichées"},
    {Id::kWarningsFirstShown, "{0} avertissements, les {1} premiers affichés"},
    {Id::kColumnNameNul, "le nom de colonne contient un octet NUL"},
    {Id::kColumnTwice, "colonne présente deux fois"},
    {Id::kUnknownColumn, "colonne inconnue ignorée"},
    {Id::kMissingColumn, "colonne obligatoire manquante"},
    {Id::kRowFieldCount, "la ligne a {0} valeurs mais l'en-tête en a {1}"},
    {Id::kTooManyRows, "trop de lignes (au plus {0})"},
    {Id::kValueNul, "la valeur contient un octet NUL"},
    {Id::kMissingValue, "valeur manquante"},
    {Id::kInvalidIdentifier, "identifiant invalide {0} (1 à 64 caractères parmi A-Z a-z 0-9 _ . - /)"},
    {Id::kInvalidDate, "date invalide {0} (attendu : AAAA-MM-JJ, JJ/MM/AAAA ou JJ/MM/AA)"},
    {Id::kInvalidEnum, "valeur de {0} invalide {1} (attendu : {2})"},
    {Id::kUnknownRow, "{0} {1} introuvable"},
    {Id::kUnknownRowNoFile, "{0} {1} introuvable (il n'y a pas de fichier {2})"},
    {Id::kDuplicateId, "{0} {1} en double (déjà ligne {2})"},
    {Id::kMetricTooLong, "la clé d'indicateur {0} dépasse 64 caractères"},
    {Id::kEndBeforeStart, "la date de fin {0} précède la date de début {1}"},
    {Id::kOtherClient, "{0} {1} appartient au client {2}, pas à {3}"},
    {Id::kRenewalTypeMissing, "valeur manquante (obligatoire quand renewal_of est rempli)"},
    {Id::kRenewalTypeForbidden, "type de reconduction {0} donné alors que renewal_of est vide"},
    {Id::kRenewsItself, "le contrat {0} ne peut pas se reconduire lui-même"},
    {Id::kAlreadyRenewed, "le contrat {0} est déjà reconduit par {1} (ligne {2})"},
    {Id::kRenewalCycle, "cycle de reconductions : {0}"},
    {Id::kComplexityRange, "complexité {0} hors de 1 à 5"},
    {Id::kNegativeFee, "forfait négatif {0}"},
    {Id::kWeeklyHoursRange, "heures hebdomadaires {0} hors limites (plus de 0, au plus 80)"},
    {Id::kNegativeCostRate, "coût horaire négatif {0}"},
    {Id::kDuplicateCostRate, "le collaborateur {0} a déjà un coût horaire au {1} (ligne {2})"},
    {Id::kHoursRange, "heures {0} hors limites (plus de 0, au plus 24)"},
    {Id::kNoCostRate, "le collaborateur {0} n'a aucun coût horaire"},
    {Id::kBeforeFirstRate, "la date {0} précède le premier coût horaire du collaborateur {1} ({2})"},
    {Id::kDayOver24Hours, "le collaborateur {0} a plus de 24 heures le {1} ({2} à ce stade)"},
    {Id::kNegativeExpense, "dépense négative {0}"},
    {Id::kTargetNotPositive, "l'objectif {0} doit être supérieur à 0"},
    {Id::kPresentNotBool, "present {0} doit valoir 0 ou 1"},
    {Id::kNegativeFacings, "nombre de faces négatif {0}"},
    {Id::kFacingsTooLarge, "nombre de faces {0} trop grand"},
    {Id::kProfileTooLarge, "le profil dépasse {0}"},
    {Id::kProfileInvalidJson, "JSON invalide : {0}"},
    {Id::kProfileTooDeep, "le profil imbrique objets et listes sur plus de {0} niveaux"},
    {Id::kProfileKeyTwice, "la clé {0} est donnée deux fois"},
    {Id::kProfileUnknownKey, "clé inconnue {0} (clés : {1})"},
    {Id::kProfileMissingKey, "clé {0} manquante"},
    {Id::kProfileNotObject, "un objet {...} est attendu"},
    {Id::kProfileNotText, "un texte \"...\" est attendu"},
    {Id::kProfileNotTexts, "un texte ou une liste de textes est attendu"},
    {Id::kProfileNotCount, "un nombre entier de 0 à {0} est attendu"},
    {Id::kProfileColumnSpec,
     "le nom d'une colonne de la source est attendu, ou un objet avec \"from\" ou \"const\""},
    {Id::kProfileFromAndConst, "donnez \"from\" ou \"const\", pas les deux"},
    {Id::kProfileVersion, "version {0} non prise en charge (cette version d'agencykpi lit la version {1})"},
    {Id::kProfileNoTables, "aucune table : nommez-en au moins une sous \"tables\""},
    {Id::kProfileUnknownTable, "table inconnue {0} (tables : {1})"},
    {Id::kProfileUnknownColumn, "colonne inconnue {0} (colonnes : {1})"},
    {Id::kProfileTodo, "encore TODO : nommez la colonne de la source qui contient {0}, ou donnez une constante"},
    {Id::kProfileUnmapped,
     "la colonne obligatoire {0} n'est pas associée : nommez sa colonne dans la source ou donnez une constante"},
    {Id::kProfileDateOrder, "ordre de date inconnu {0} (DMY, MDY ou YMD)"},
    {Id::kProfileDecimalMark, "séparateur décimal inconnu {0} (\",\" ou \".\")"},
    {Id::kProfileEmptyText, "texte vide"},
    {Id::kProfileTextTooLong, "le texte dépasse {0}"},
    {Id::kProfileValueTwice,
     "la valeur {0} est associée deux fois (les valeurs sont comparées sans espaces autour ni majuscules)"},
    {Id::kProfileTooManyEntries, "plus de {0} entrées de correspondances et de skip_when dans le profil"},
    {Id::kProfileSourceColumnMissing,
     "la colonne {0}, nommée par {1} ({2}), n'est pas dans l'en-tête (ses colonnes : {3})"},
    {Id::kProfileNoHeader, "pas d'en-tête : le fichier se termine dans les {0} lignes que {1} ({2}) fait sauter"},
    {Id::kProfileCannotRead, "impossible de lire le profil {0}"},
    {Id::kProfileWithWorkbook,
     "un profil lit un dossier : donnez le dossier qui contient {0}, et nommez ses feuilles dans le profil (\"sheet\")"},
    {Id::kDraftNotRecognised, "aucune table reconnue d'après son nom ou son en-tête : laissé de côté"},
    {Id::kDraftAlreadyOurs, "déjà au format du dossier de l'agence : lu tel quel"},
    {Id::kDraftTableTwice, "{0} est déjà tiré de {1} : laissé de côté"},
    {Id::kDraftTodo, "aucune colonne de la source trouvée pour {0} : écrit TODO"},
    {Id::kDraftCannotRead, "illisible : {0}"},
    {Id::kExplainTable, "{0} depuis {1}, en-tête ligne {2} :"},
    {Id::kExplainFeeds, "{0} → {1} ({2})"},
    {Id::kExplainIgnored, "{0} → ignorée"},
    {Id::kExplainConstant, "constante {0} → {1} ({2})"},
    {Id::kExplainDropped, "lignes écartées par skip_when ({0}) : {1}"},
    {Id::kExplainUnmapped, "valeurs de {0} pas encore associées : {1}"},
    {Id::kExplainRows, "lignes lues : {0}"},
    {Id::kKindId, "identifiant"},
    {Id::kKindReference, "référence à {0}"},
    {Id::kKindDate, "date"},
    {Id::kKindMoney, "montant, 2 décimales"},
    {Id::kKindHours, "heures, 2 décimales"},
    {Id::kKindQuantity, "nombre décimal, 6 décimales"},
    {Id::kKindInteger, "nombre entier"},
    {Id::kKindEnum, "parmi {0}"},
    {Id::kKindText, "texte"},
    {Id::kKindMetric, "clé d'indicateur"},
    {Id::kKindMapped, "{0} valeurs associées"},
    {Id::kKindDayOrder, "lue en {0}"},
    {Id::kKindDecimalComma, "virgule décimale"},
    {Id::kFolderRefused, "refusé, {0} erreurs"},
    {Id::kFolderRefusedOne, "refusé, 1 erreur"},
    {Id::kFolderValid, "valide"},
    {Id::kEmptyTables, "tables vides : {0}"},
    {Id::kImported, "{0} importé dans {1} en {2} s"},
    {Id::kErrorCount, "{0} erreurs"},
    {Id::kOneError, "1 erreur"},
    {Id::kHintCurrency, "retirez le symbole monétaire : écrivez {0}"},
    {Id::kHintPercent, "retirez le signe %, la valeur s'écrit en points : écrivez {0}"},
    {Id::kHintThousands, "écrivez {0} (ni point ni virgule entre les milliers)"},
    {Id::kHintWrite, "écrivez {0}"},
    {Id::kHintCommaFile, "la virgule décimale n'est lue que dans les fichiers séparés par « ; » : écrivez {0}"},
    {Id::kHintWholeNumber, "un nombre entier est attendu : écrivez {0}"},
    {Id::kHintDateUs, "ordre mois/jour (américain) : écrivez {0} ou {1}"},
    {Id::kHintDateYearDayMonth, "ordre année-jour-mois : écrivez {0} ou {1}"},
    {Id::kHintDateSeparator, "séparez par / ou - : écrivez {0} ou {1}"},
    {Id::kHintDateTime, "retirez l'heure : écrivez {0}"},
    {Id::kHintDateNoSuchDay, "ce jour n'existe pas : le mois {0} a {1} jours"},
    {Id::kHintColumn, "probablement {0} : nommez la colonne {0}"},
    {Id::kHintMissingColumn, "la colonne {0} est sans doute celle-ci : nommez-la {1}"},
    {Id::kHintEnum, "probablement {0}"},
}};

// Each table lists every id once, in the order of the list.
constexpr bool Complete(const std::array<Template, kMessageCount>& table) {
  for (size_t i = 0; i < kMessageCount; ++i) {
    if (static_cast<size_t>(table[i].id) != i + 1) return false;
  }
  return true;
}
static_assert(Complete(kEnglish), "the English table lists every message, in the order of messages.h");
static_assert(Complete(kFrench), "the French table lists every message, in the order of messages.h");

// The tables' nouns (one row, as the catalogue names it) and their plural
// labels in the row counts.
struct Noun {
  std::string_view table;
  std::string_view english;  // the catalogue's noun
  std::string_view french;
  std::string_view english_plural;
  std::string_view french_plural;
};
constexpr std::array<Noun, 14> kNouns = {{
    {"clients", "client", "client", "clients", "clients"},
    {"contracts", "contract", "contrat", "contracts", "contrats"},
    {"missions", "mission", "mission", "missions", "missions"},
    {"employees", "employee", "collaborateur", "employees", "collaborateurs"},
    {"cost_rates", "cost rate", "coût horaire", "cost rates", "coûts horaires"},
    {"stores", "store", "magasin", "stores", "magasins"},
    {"time_entries", "time entry", "saisie de temps", "time entries", "saisies de temps"},
    {"expenses", "expense", "dépense", "expenses", "dépenses"},
    {"invoices", "invoice", "facture", "invoices", "factures"},
    {"visits", "visit", "visite", "visits", "visites"},
    {"objectives", "objective", "objectif", "objectives", "objectifs"},
    {"results", "result", "résultat", "results", "résultats"},
    {"store_audits", "store audit", "relevé linéaire", "store audits", "relevés linéaires"},
    {"store_sales", "store sale", "vente magasin", "store sales", "ventes magasin"},
}};

std::string_view TemplateOf(MessageId id, Language language) {
  const size_t index = static_cast<size_t>(id) - 1;
  return (language == Language::kFrench ? kFrench : kEnglish)[index].text;
}

std::string RenderArg(const MessageArg& arg, Language language) {
  switch (arg.kind) {
    case MessageArg::Kind::kText: return arg.text;
    case MessageArg::Kind::kNoun:
      for (const Noun& noun : kNouns) {
        if (noun.english == arg.text) return std::string(language == Language::kFrench ? noun.french : noun.english);
      }
      return arg.text;
    case MessageArg::Kind::kNames: {
      const std::string_view joiner = language == Language::kFrench ? " et " : " and ";
      std::string out;
      size_t start = 0;
      for (;;) {
        const size_t end = arg.text.find('\n', start);
        if (!out.empty()) out += joiner;
        out += arg.text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (end == std::string::npos) break;
        start = end + 1;
      }
      return out;
    }
  }
  return arg.text;
}

// `pattern` with {n} replaced by the rendered arguments.
std::string Fill(std::string_view pattern, const std::vector<MessageArg>& args, Language language) {
  std::string out;
  out.reserve(pattern.size() + 32);
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' &&
        pattern[i + 1] <= '9') {
      const auto n = static_cast<size_t>(pattern[i + 1] - '0');
      if (n < args.size()) out += RenderArg(args[n], language);
      i += 2;
      continue;
    }
    out += pattern[i];
  }
  return out;
}

// Matches `text` against `pattern`, collecting the {n} parts into `args`;
// an argument is the shortest text up to the pattern's next literal piece.
bool Match(std::string_view pattern, std::string_view text, std::vector<MessageArg>& args) {
  args.clear();
  size_t p = 0;
  size_t t = 0;
  while (p < pattern.size()) {
    if (pattern[p] == '{' && p + 2 < pattern.size() && pattern[p + 2] == '}') {
      const auto n = static_cast<size_t>(pattern[p + 1] - '0');
      p += 3;
      const size_t literal_end = pattern.find('{', p);
      const std::string_view literal = pattern.substr(p, literal_end == std::string_view::npos ? std::string_view::npos
                                                                                                 : literal_end - p);
      size_t end = literal.empty() ? text.size() : text.find(literal, t);
      if (literal_end == std::string_view::npos && !literal.empty()) {
        // The last literal ends the text.
        if (text.size() < t + literal.size() || !text.ends_with(literal)) return false;
        end = text.size() - literal.size();
      }
      if (end == std::string_view::npos || end <= t) return false;
      if (args.size() <= n) args.resize(n + 1, MessageArg(""));
      args[n] = MessageArg(std::string(text.substr(t, end - t)));
      t = end;
      continue;
    }
    if (t >= text.size() || text[t] != pattern[p]) return false;
    ++p;
    ++t;
  }
  return t == text.size();
}

}  // namespace

std::string Message::Render(Language language) const {
  if (id == MessageId::kNone) return {};
  return Fill(TemplateOf(id, language), args, language);
}

MessageArg NounArg(std::string_view catalogue_noun) {
  return MessageArg(MessageArg::Kind::kNoun, std::string(catalogue_noun));
}

MessageArg NamesArg(const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& name : names) joined += (joined.empty() ? "" : "\n") + name;
  return MessageArg(MessageArg::Kind::kNames, std::move(joined));
}

std::string_view MessageCode(MessageId id) {
  if (id == MessageId::kNone) return {};
  return kCodes[static_cast<size_t>(id) - 1];
}

Message MessageOfText(std::string_view text) {
  std::vector<MessageArg> args;
  for (const Template& entry : kEnglish) {
    if (entry.id == MessageId::kVerbatim) continue;
    if (Match(entry.text, text, args)) {
      Message message(entry.id);
      message.args = std::move(args);
      return message;
    }
  }
  return Message(std::string(text));
}

std::string WithHint(const Message& message, const Message& hint, Language language) {
  std::string out = message.Render(language);
  if (hint.empty()) return out;
  out += language == Language::kFrench ? " ; indice : " : "; hint: ";
  out += hint.Render(language);
  return out;
}

std::string_view TableCountLabel(std::string_view table_name, Language language) {
  for (const Noun& noun : kNouns) {
    if (noun.table == table_name) return language == Language::kFrench ? noun.french_plural : noun.english_plural;
  }
  return table_name;
}

}  // namespace agencykpi
