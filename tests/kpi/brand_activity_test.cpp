#include "kpi/engine.h"

#include <gtest/gtest.h>

#include "dataset_builder.h"

namespace agencykpi {
namespace {

using testing::D;

void AddAudit(Dataset& d, const char* date, RowId client) {
  d.store_audits.date.push_back(D(date));
  d.store_audits.store.push_back(0);
  d.store_audits.client.push_back(client);
  d.store_audits.present.push_back(1);
  d.store_audits.facings.push_back(2);
}

void AddSale(Dataset& d, const char* date, RowId client) {
  d.store_sales.date.push_back(D(date));
  d.store_sales.store.push_back(0);
  d.store_sales.client.push_back(client);
  d.store_sales.amount.push_back(10000);
}

TEST(ActiveBrandsTest, CountsEachBrandsRowsInTheWindowOrderedById) {
  testing::DatasetBuilder b;
  const RowId zeta = b.Client("Z9");
  const RowId alpha = b.Client("A1");
  const RowId idle = b.Client("M5");
  const RowId sales_only = b.Client("B2");
  const RowId zeta_mission = b.Mission("MZ", zeta);
  b.Mission("MM", idle);
  b.Visit(zeta_mission, "2026-02-01");
  b.Visit(zeta_mission, "2025-12-31");  // before the window
  Dataset d = std::move(b.data());
  AddAudit(d, "2026-01-01", alpha);
  AddAudit(d, "2026-06-30", alpha);
  AddAudit(d, "2026-07-01", idle);  // after the window
  AddSale(d, "2026-03-31", sales_only);
  AddSale(d, "2026-03-31", alpha);

  const KpiEngine engine(std::move(d));
  EXPECT_EQ(engine.dataset().store_audits.size(), 0u) << "moved into the engine's index";
  const auto active = engine.ActiveBrands(D("2026-01-01"), D("2026-06-30"));
  ASSERT_EQ(active.size(), 3u);
  EXPECT_EQ(active[0].client, alpha);
  EXPECT_EQ(active[0].audits, 2);
  EXPECT_EQ(active[0].sales_rows, 1);
  EXPECT_EQ(active[0].visits, 0);
  EXPECT_EQ(active[1].client, sales_only);
  EXPECT_EQ(active[1].sales_rows, 1);
  EXPECT_EQ(active[2].client, zeta);
  EXPECT_EQ(active[2].visits, 1);
  EXPECT_EQ(active[2].audits, 0);
}

TEST(ActiveBrandsTest, AnEmptyWindowHasNoBrand) {
  testing::DatasetBuilder b;
  const RowId client = b.Client("C1");
  Dataset d = std::move(b.data());
  AddAudit(d, "2026-01-01", client);
  const KpiEngine engine(std::move(d));
  EXPECT_TRUE(engine.ActiveBrands(D("2026-02-01"), D("2026-01-31")).empty());
  EXPECT_EQ(engine.ActiveBrands(D("2026-01-01"), D("2026-01-01")).size(), 1u);
}

}  // namespace
}  // namespace agencykpi
