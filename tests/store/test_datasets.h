// Datasets built by hand for the store tests and benchmark, and a
// field-by-field comparison.
#pragma once

#include <cstddef>
#include <string>

#include "domain/dataset.h"

namespace agencykpi::testing {

// A small dataset touching every table and every kind of value: absent
// references (kNoRow), empty optional text, negative amounts (credit
// notes), every enum value, a contract renewing one stored after it.
Dataset MakeSmallDataset();

// A valid synthetic dataset of the given size (deterministic).
Dataset MakeSyntheticDataset(size_t time_entries, size_t invoices);

// Adds a gtest failure naming the first differing field of each table.
void ExpectSameDataset(const Dataset& expected, const Dataset& actual);

}  // namespace agencykpi::testing
