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

// The word lists, each in the order it is drawn from.
struct WordLists {
  std::span<const BrandStem> brand_stems;
  std::span<const std::string_view> brand_endings;  // "Lumière", "du Val"…
  std::span<const std::string_view> first_names;
  std::span<const std::string_view> last_names;
  std::span<const Region> regions;
  std::span<const std::string_view> chains;
  std::span<const std::string_view> store_formats;     // "Hyper", "Super"…
  std::span<const std::string_view> town_quarters;     // "Nord", "Centre"…
  std::span<const std::string_view> cafe_names;        // independent cafés and restaurants
  std::span<const std::string_view> product_launches;  // what an implantation launches
};

const WordLists& Words();

}  // namespace agencykpi::demo
