// Word lists the demo agency draws its names from: French-sounding brands
// and their shelf sectors, people, regions and towns, retail chains. All
// invented; any likeness to a real brand is an accident of common words.
#pragma once

#include <span>
#include <string_view>

namespace agencykpi::demo {

struct BrandStem {
  std::string_view word;    // "Biscuits", "Eaux"…
  std::string_view sector;  // its rayon: "épicerie sucrée", "boissons"…
};

struct Region {
  std::string_view name;
  std::span<const std::string_view> towns;
};

std::span<const BrandStem> BrandStems();
std::span<const std::string_view> BrandEndings();  // "Lumière", "du Val"…
std::span<const std::string_view> FirstNames();
std::span<const std::string_view> LastNames();
std::span<const Region> Regions();
std::span<const std::string_view> Chains();
std::span<const std::string_view> StoreFormats();     // "Hyper", "Super"…
std::span<const std::string_view> TownQuarters();     // "Nord", "Centre"…
std::span<const std::string_view> CafeNames();        // independent cafés and restaurants
std::span<const std::string_view> ProductLaunches();  // what an implantation launches

}  // namespace agencykpi::demo
