#include "kpi/brand_activity.h"

#include <algorithm>

namespace agencykpi {

std::vector<BrandActivity> BrandsActiveIn(const Dataset& d, Day first, Day last) {
  std::vector<BrandActivity> per_client(d.clients.size());
  const auto in_window = [&](Day day) { return day >= first && day <= last; };
  for (size_t i = 0; i < d.store_audits.size(); ++i) {
    if (in_window(d.store_audits.date[i])) ++per_client[static_cast<size_t>(d.store_audits.client[i])].audits;
  }
  for (size_t i = 0; i < d.store_sales.size(); ++i) {
    if (in_window(d.store_sales.date[i])) ++per_client[static_cast<size_t>(d.store_sales.client[i])].sales_rows;
  }
  for (size_t i = 0; i < d.visits.size(); ++i) {
    if (!in_window(d.visits.date[i])) continue;
    const RowId client = d.missions[static_cast<size_t>(d.visits.mission[i])].client;
    ++per_client[static_cast<size_t>(client)].visits;
  }
  std::vector<BrandActivity> active;
  for (size_t c = 0; c < per_client.size(); ++c) {
    BrandActivity& brand = per_client[c];
    if (brand.audits + brand.visits + brand.sales_rows == 0) continue;
    brand.client = static_cast<RowId>(c);
    active.push_back(brand);
  }
  std::sort(active.begin(), active.end(), [&](const BrandActivity& a, const BrandActivity& b) {
    return d.clients[static_cast<size_t>(a.client)].id < d.clients[static_cast<size_t>(b.client)].id;
  });
  return active;
}

}  // namespace agencykpi
