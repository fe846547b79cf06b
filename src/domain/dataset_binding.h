// Where each catalogue column lives in the Dataset: one binding per table,
// in catalogue order, naming the Dataset member that holds the table and,
// column by column, the field that holds each value. The store's insert and
// load, the columnar snapshot and RowCount are generic loops over these
// bindings; nothing else spells a table's columns out.
//
// A reference table (a vector of structs) binds each column to a struct
// member (&Client::name); a fact table (a struct of column vectors) binds
// each column to its vector (&TimeEntries::hours). The bindings are held to
// the catalogue at compile time: one per table, one field per column, and a
// field of a type that fits the column's kind (text → std::string,
// reference → RowId, enum → an enum, the numeric kinds → an integer).
//
// Adding a column: its catalogue entry, its Dataset field, and the field
// named here at the same position. Adding a table: the same, one Binding.
#pragma once

#include <cstddef>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "domain/catalogue.h"
#include "domain/dataset.h"

namespace agencykpi {

// Table: the Dataset member holding the table; Columns: one field per
// catalogue column, in catalogue order.
template <auto Table, auto... Columns>
struct Binding {
  static constexpr auto kTable = Table;
  static constexpr size_t kColumnCount = sizeof...(Columns);
  static constexpr std::tuple<decltype(Columns)...> kColumns{Columns...};
};

// One binding per catalogue table, in catalogue order.
using DatasetBindings = std::tuple<
    Binding<&Dataset::clients, &Client::id, &Client::name, &Client::sector>,
    Binding<&Dataset::contracts, &Contract::id, &Contract::client, &Contract::start, &Contract::end,
            &Contract::renewal_of, &Contract::renewal_type, &Contract::signed_on>,
    Binding<&Dataset::missions, &Mission::id, &Mission::client, &Mission::name, &Mission::start, &Mission::end,
            &Mission::contract, &Mission::type, &Mission::complexity, &Mission::fee>,
    Binding<&Dataset::employees, &Employee::id, &Employee::name, &Employee::role, &Employee::weekly_hours>,
    Binding<&Dataset::cost_rates, &CostRate::employee, &CostRate::valid_from, &CostRate::hourly_cost>,
    Binding<&Dataset::stores, &RetailStore::id, &RetailStore::name, &RetailStore::chain, &RetailStore::region>,
    Binding<&Dataset::time_entries, &TimeEntries::employee, &TimeEntries::date, &TimeEntries::hours,
            &TimeEntries::activity, &TimeEntries::mission>,
    Binding<&Dataset::expenses, &Expenses::date, &Expenses::amount, &Expenses::category, &Expenses::mission>,
    Binding<&Dataset::invoices, &Invoices::id, &Invoices::client, &Invoices::date, &Invoices::amount,
            &Invoices::mission>,
    Binding<&Dataset::visits, &Visits::id, &Visits::employee, &Visits::mission, &Visits::store, &Visits::date,
            &Visits::action>,
    Binding<&Dataset::objectives, &Objective::id, &Objective::mission, &Objective::metric,
            &Objective::aggregation, &Objective::target, &Objective::start, &Objective::end>,
    Binding<&Dataset::results, &Results::mission, &Results::metric, &Results::date, &Results::value,
            &Results::store>,
    Binding<&Dataset::store_audits, &StoreAudits::date, &StoreAudits::store, &StoreAudits::client,
            &StoreAudits::present, &StoreAudits::facings>,
    Binding<&Dataset::store_sales, &StoreSales::date, &StoreSales::store, &StoreSales::client,
            &StoreSales::amount>>;

namespace binding_detail {

template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};

template <typename T>
struct ElementOf {
  using Type = T;
};
template <typename T>
struct ElementOf<std::vector<T>> {
  using Type = T;
};

template <typename M>
struct MemberOf;
template <typename C, typename T>
struct MemberOf<T C::*> {
  using Class = C;
  using Type = T;
};

// The type of one value of a column bound to `member`.
template <typename M>
using ValueOf = typename ElementOf<typename MemberOf<M>::Type>::Type;

template <typename T>
constexpr bool FitsKind(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kId:
    case ColumnKind::kText: return std::is_same_v<T, std::string>;
    case ColumnKind::kReference:
    case ColumnKind::kMetric: return std::is_same_v<T, RowId>;
    case ColumnKind::kEnum: return std::is_enum_v<T>;
    case ColumnKind::kDate: return std::is_same_v<T, Day>;
    default: return std::is_integral_v<T>;
  }
}

template <size_t I>
constexpr bool BindingFitsCatalogue() {
  using B = std::tuple_element_t<I, DatasetBindings>;
  const TableDesc& table = kCatalogue[I];
  if (table.columns.size() != B::kColumnCount) return false;
  return [&]<size_t... K>(std::index_sequence<K...>) {
    return (FitsKind<ValueOf<std::tuple_element_t<K, std::remove_const_t<decltype(B::kColumns)>>>>(
                table.columns[K].kind) &&
            ...);
  }(std::make_index_sequence<B::kColumnCount>{});
}

}  // namespace binding_detail

// The value a field of type T holds when its optional column of `kind` is
// absent: kNoMoney for money (0 € is a value), the type's zero ("", 0,
// kNone) otherwise. The store writes it as NULL and reads NULL back as it.
template <typename T>
constexpr T EmptyValueOf(ColumnKind kind) {
  if constexpr (std::is_same_v<T, Cents>) {
    if (kind == ColumnKind::kMoney) return kNoMoney;
  }
  return T{};
}

// The table of binding B in `dataset` (const or not).
template <typename B, typename D>
constexpr auto& BoundTable(D& dataset) {
  return dataset.*B::kTable;
}

// True for a reference table (a vector of structs), false for a fact table.
template <typename B>
constexpr bool kIsRowTable =
    binding_detail::IsVector<typename binding_detail::MemberOf<std::remove_cv_t<decltype(B::kTable)>>::Type>::value;

// The value of column `member` at row `row` of `table` (a reference or a
// fact table), as a reference.
template <typename Table, typename Member>
constexpr auto& Cell(Table& table, Member member, size_t row) {
  if constexpr (binding_detail::IsVector<std::remove_const_t<Table>>::value) {
    return table[row].*member;
  } else {
    return (table.*member)[row];
  }
}

// Calls fn(std::integral_constant<size_t, I>{}, B{}) for every binding B,
// I its table's index in the catalogue.
template <typename Fn>
constexpr void ForEachBinding(Fn&& fn) {
  [&]<size_t... I>(std::index_sequence<I...>) {
    (fn(std::integral_constant<size_t, I>{}, std::tuple_element_t<I, DatasetBindings>{}), ...);
  }(std::make_index_sequence<std::tuple_size_v<DatasetBindings>>{});
}

// Calls fn(std::integral_constant<size_t, K>{}, member) for every column of
// binding B, K its index among the table's catalogue columns.
template <typename B, typename Fn>
constexpr void ForEachBoundColumn(Fn&& fn) {
  [&]<size_t... K>(std::index_sequence<K...>) {
    (fn(std::integral_constant<size_t, K>{}, std::get<K>(B::kColumns)), ...);
  }(std::make_index_sequence<B::kColumnCount>{});
}

static_assert(std::tuple_size_v<DatasetBindings> == kTableCount, "one binding per catalogue table");
static_assert([]<size_t... I>(std::index_sequence<I...>) {
  return (binding_detail::BindingFitsCatalogue<I>() && ...);
}(std::make_index_sequence<kTableCount>{}), "each binding has one field per catalogue column, of a type that fits its kind");

}  // namespace agencykpi
