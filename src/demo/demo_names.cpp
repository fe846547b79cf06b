#include "demo/demo_names.h"

#include <array>

namespace agencykpi::demo {
namespace {

constexpr std::array kBrandStems{
    BrandStem{"Biscuits", "épicerie sucrée"},
    BrandStem{"Confitures", "épicerie sucrée"},
    BrandStem{"Chocolaterie", "épicerie sucrée"},
    BrandStem{"Céréales", "épicerie sucrée"},
    BrandStem{"Bonbons", "confiserie"},
    BrandStem{"Pâtes", "épicerie salée"},
    BrandStem{"Conserverie", "épicerie salée"},
    BrandStem{"Huilerie", "épicerie salée"},
    BrandStem{"Épices", "épicerie salée"},
    BrandStem{"Eaux", "boissons"},
    BrandStem{"Jus", "boissons"},
    BrandStem{"Brasserie", "boissons"},
    BrandStem{"Cidrerie", "boissons"},
    BrandStem{"Sirops", "boissons"},
    BrandStem{"Café", "boissons chaudes"},
    BrandStem{"Thés", "boissons chaudes"},
    BrandStem{"Fromagerie", "produits frais"},
    BrandStem{"Laiterie", "produits frais"},
    BrandStem{"Yaourts", "produits frais"},
    BrandStem{"Charcuterie", "produits frais"},
    BrandStem{"Savons", "hygiène"},
    BrandStem{"Shampoings", "hygiène"},
    BrandStem{"Soins", "beauté"},
    BrandStem{"Lessives", "entretien"},
    BrandStem{"Droguerie", "entretien"},
    BrandStem{"Glaces", "surgelés"},
    BrandStem{"Surgelés", "surgelés"},
    BrandStem{"Croquettes", "animalerie"},
};

constexpr std::array<std::string_view, 32> kBrandEndings{
    "Lumière",    "du Val",      "Alpine",       "des Monts",   "Soleil",    "Bretonne", "de Provence",
    "du Moulin",  "Saint-Clair", "des Prés",     "Océane",      "Vitalité",  "Douceur",  "Belle-Île",
    "du Terroir", "Mont-Aigu",   "des Cévennes", "Nature",      "Fraîcheur", "d'Antan",  "Gourmande",
    "du Vallon",  "Beauséjour",  "des Flandres", "Azur",        "Lorraine",  "Normande", "du Quercy",
    "La Perle",   "Arc-en-Ciel", "Les Tilleuls", "Bel Horizon",
};

constexpr std::array<std::string_view, 40> kFirstNames{
    "Alice",   "Bruno",    "Chloé",     "David",    "Émilie",  "François", "Gaëlle",   "Hugo",
    "Inès",    "Julien",   "Karine",    "Louis",    "Manon",   "Nicolas",  "Océane",   "Pierre",
    "Quentin", "Romane",   "Sébastien", "Théo",     "Ursule",  "Valérie",  "William",  "Yasmine",
    "Zoé",     "Antoine",  "Béatrice",  "Camille",  "Damien",  "Élodie",   "Fabien",   "Hélène",
    "Jérôme",  "Laëtitia", "Mathieu",   "Nathalie", "Olivier", "Pauline",  "Sandrine", "Thomas",
};

constexpr std::array<std::string_view, 40> kLastNames{
    "Martin",  "Petit",   "Durand",   "Leroy",   "Moreau",  "Simon",    "Laurent",  "Lefèvre",
    "Michel",  "Garcia",  "Bertrand", "Roux",    "Vincent", "Fournier", "Morel",    "Girard",
    "André",   "Mercier", "Dupont",   "Lambert", "Bonnet",  "François", "Martinez", "Legrand",
    "Garnier", "Faure",   "Rousseau", "Blanc",   "Guérin",  "Muller",   "Henry",    "Roussel",
    "Nicolas", "Perrin",  "Morin",    "Mathieu", "Clément", "Gauthier", "Dumont",   "Lopez",
};

constexpr std::array<std::string_view, 5> kIleDeFrance{"Paris", "Boulogne", "Créteil", "Versailles",
                                                       "Saint-Denis"};
constexpr std::array<std::string_view, 4> kPaca{"Marseille", "Aix", "Toulon", "Nice"};
constexpr std::array<std::string_view, 4> kAuvergneRhoneAlpes{"Lyon", "Grenoble", "Villeurbanne", "Clermont"};
constexpr std::array<std::string_view, 4> kOccitanie{"Toulouse", "Montpellier", "Nîmes", "Perpignan"};
constexpr std::array<std::string_view, 4> kNouvelleAquitaine{"Bordeaux", "Mérignac", "Limoges", "Pau"};
constexpr std::array<std::string_view, 3> kHautsDeFrance{"Lille", "Roubaix", "Amiens"};
constexpr std::array<std::string_view, 4> kGrandEst{"Strasbourg", "Metz", "Reims", "Nancy"};
constexpr std::array<std::string_view, 3> kBretagne{"Rennes", "Brest", "Vannes"};
constexpr std::array<std::string_view, 3> kPaysDeLaLoire{"Nantes", "Angers", "Le Mans"};
constexpr std::array<std::string_view, 3> kNormandie{"Rouen", "Caen", "Le Havre"};

constexpr std::array kRegions{
    Region{"Île-de-France", kIleDeFrance},
    Region{"PACA", kPaca},
    Region{"Auvergne-Rhône-Alpes", kAuvergneRhoneAlpes},
    Region{"Occitanie", kOccitanie},
    Region{"Nouvelle-Aquitaine", kNouvelleAquitaine},
    Region{"Hauts-de-France", kHautsDeFrance},
    Region{"Grand Est", kGrandEst},
    Region{"Bretagne", kBretagne},
    Region{"Pays de la Loire", kPaysDeLaLoire},
    Region{"Normandie", kNormandie},
};

constexpr std::array<std::string_view, 10> kChains{
    "Carrefour", "E.Leclerc", "Intermarché", "Auchan",   "Système U",
    "Casino",    "Monoprix",  "Lidl",        "Franprix", "Cora",
};

constexpr std::array<std::string_view, 4> kStoreFormats{"Hyper", "Super", "Market", "Proxi"};

constexpr std::array<std::string_view, 8> kTownQuarters{
    "Nord", "Sud", "Est", "Ouest", "Centre", "Gare", "Port", "Village",
};

constexpr std::array<std::string_view, 8> kCafeNames{
    "Bistrot du Port",     "Café de la Gare", "Brasserie des Halles", "Bar Le Central",
    "Restaurant La Table", "Cave des Amis",   "Le Comptoir",          "Hôtel du Commerce",
};

constexpr std::array<std::string_view, 8> kProductLaunches{
    "nouvelle gamme bio", "format familial",        "gamme sans sucres ajoutés",
    "édition d'été",      "recette traditionnelle", "mini-formats",
    "gamme premium",      "éco-recharge",
};

}  // namespace

const WordLists& Words() {
  static constexpr WordLists kWords{kBrandStems, kBrandEndings, kFirstNames,   kLastNames, kRegions,
                                    kChains,     kStoreFormats, kTownQuarters, kCafeNames, kProductLaunches};
  return kWords;
}

}  // namespace agencykpi::demo
