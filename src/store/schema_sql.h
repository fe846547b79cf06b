// The store's tables, written from the catalogue (domain/catalogue.h).
//
// Each schema version's step creates the catalogue tables whose `since` is
// that version (with their columns of that version or before) and adds the
// columns whose `since` is that version to the tables that already exist.
// A catalogue column is stored under StoreColumnName: TEXT for ids and text,
// INTEGER for the rest (days, cents, hundredths, micros, enum codes, rows);
// NOT NULL when required or defaulted; UNIQUE for a one-column key or a
// unique column, a table UNIQUE for a key of several; its range as a CHECK;
// a reference as `REFERENCES table(row_id)` (deferred when the table refers
// to itself, so a row may name one stored after it), an enum as
// `REFERENCES codes(code)`, a metric key as `REFERENCES metrics(row_id)`.
//
// A shipped step must never change: a later column or table gets a later
// `since`, never an edit of an earlier one (tests/store hold the generated
// steps to the schema that shipped).
#pragma once

#include <cstdint>
#include <string>

namespace agencykpi {

// The SQL that schema version `version` adds for the catalogue's tables:
// CREATE TABLE and ALTER TABLE … ADD COLUMN statements, "" when none.
std::string CatalogueSchemaSql(int64_t version);

}  // namespace agencykpi
