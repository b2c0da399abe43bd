"""The words generated products are made of: per leaf category of the seed tree, its brands,
product types, variants, pack sizes and a unit price range (KES per unit of sale).

A product name is "<brand> <type> <variant> <size>", e.g. "Tusker Lager Original 500 ml".
Leaf categories missing here (an admin-added one) use `GENERIC`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Leaf:
    brands: tuple[str, ...]
    types: tuple[str, ...]
    variants: tuple[str, ...]
    sizes: tuple[tuple[str, int, str], ...]  # (size, units per pack, pack word)
    price: tuple[int, int]


def leaf(brands: str, types: str, variants: str, sizes: str, price: tuple[int, int]) -> Leaf:
    """Compact spelling: comma-separated lists; a size is "label/units/pack"."""
    return Leaf(
        brands=tuple(b.strip() for b in brands.split(",")),
        types=tuple(t.strip() for t in types.split(",")),
        variants=tuple(v.strip() for v in variants.split(",")),
        sizes=tuple(
            (label.strip(), int(units), pack.strip()) for label, units, pack in (s.split("/") for s in sizes.split(","))
        ),
        price=price,
    )


DRINK_SIZES = "330 ml/24/carton, 500 ml/24/carton, 1 L/12/carton, 2 L/6/carton"
GRAIN_SIZES = "500 g/24/bale, 1 kg/12/bale, 2 kg/12/bale, 5 kg/4/bale, 10 kg/2/bale"
SMALL_SIZES = "50 g/48/carton, 100 g/24/carton, 200 g/24/carton, 400 g/12/carton"

LEAVES: dict[str, Leaf] = {
    "soft-drinks": leaf(
        "Coca-Cola, Pepsi, Fanta, Sprite, Krest, Stoney, Mirinda, 7Up, Schweppes",
        "Soda, Carbonated Drink, Tonic Water, Ginger Beer",
        "Original, Lemon, Orange, Pineapple, Zero Sugar, Passion",
        DRINK_SIZES,
        (900, 2600),
    ),
    "bottled-water": leaf(
        "Keringet, Dasani, Aquamist, Highlands, Quencher, Kilimanjaro",
        "Mineral Water, Drinking Water, Sparkling Water",
        "Still, Sparkling, Natural, Lemon Flavoured",
        "500 ml/24/carton, 1 L/12/carton, 1.5 L/12/carton, 5 L/4/carton, 18.9 L/1/bottle",
        (400, 1500),
    ),
    "juices-and-nectars": leaf(
        "Minute Maid, Del Monte, Pick N Peel, Afia, Ceres, Delmonte, Softa",
        "Fruit Juice, Nectar, Juice Drink, Fruit Squash",
        "Mango, Orange, Apple, Tropical, Pineapple, Passion, Mixed Fruit, Lemon",
        DRINK_SIZES,
        (1100, 3400),
    ),
    "energy-drinks": leaf(
        "Red Bull, Monster, Power Play, Predator, Sting",
        "Energy Drink",
        "Original, Sugar Free, Berry, Gold",
        "250 ml/24/carton, 330 ml/24/carton, 500 ml/12/carton",
        (1400, 4200),
    ),
    "beer-and-cider": leaf(
        "Tusker, Guinness, Pilsner, White Cap, Balozi, Savanna, Hunters, Heineken",
        "Lager, Stout, Cider, Malt",
        "Original, Lite, Dry, Export, Smooth",
        "330 ml/24/crate, 500 ml/25/crate",
        (3800, 6500),
    ),
    "wines-and-spirits": leaf(
        "Kenya Cane, Chrome, Smirnoff, Gilbeys, Four Cousins, Famous Grouse, Captain Morgan",
        "Vodka, Gin, Whisky, Rum, Red Wine, White Wine",
        "Original, Citrus, Dry, Sweet, Reserve",
        "250 ml/24/carton, 750 ml/12/carton, 1 L/12/carton",
        (4800, 16000),
    ),
    "tea": leaf(
        "Ketepa, Kericho Gold, Fahari, Safari, Chai Bora, Majani",
        "Black Tea, Tea Bags, Green Tea, Herbal Tea",
        "Pure, Masala, Ginger, Mint, Lemon, Premium",
        "50 g/48/carton, 100 g/24/carton, 250 g/24/carton, 500 g/12/carton",
        (700, 3200),
    ),
    "coffee": leaf(
        "Nescafe, Dormans, Java House, Africafe, Kahawa",
        "Instant Coffee, Ground Coffee, Coffee Beans",
        "Classic, Gold, Espresso, Decaf, Medium Roast",
        "50 g/24/carton, 100 g/24/carton, 200 g/12/carton",
        (1600, 6800),
    ),
    "cocoa-and-malted-drinks": leaf(
        "Milo, Cadbury, Ovaltine, Drinking Chocolate",
        "Chocolate Malt Drink, Cocoa Powder, Drinking Chocolate",
        "Original, Classic, Less Sugar",
        "200 g/24/carton, 400 g/12/carton, 1 kg/6/carton",
        (1500, 5200),
    ),
    "flour-and-maize-meal": leaf(
        "Jogoo, Pembe, Soko, Exe, Ajab, Hostess, Dola, Raha",
        "Maize Meal, Wheat Flour, Baking Flour, Chapati Flour, Atta Mark",
        "Sifted, Fortified, Home Baking, Whole Wheat, Self Raising",
        GRAIN_SIZES,
        (1100, 2600),
    ),
    "rice": leaf(
        "Daawat, Pishori Gold, Mwea, Sunrice, Tilda, Cil",
        "Basmati Rice, Pishori Rice, Long Grain Rice, Brown Rice",
        "Premium, Aromatic, Extra Long, Broken",
        GRAIN_SIZES,
        (1800, 5600),
    ),
    "sugar": leaf(
        "Mumias, Kabras, Sony, Kibos, Nzoia, Butali",
        "White Sugar, Brown Sugar, Icing Sugar",
        "Refined, Natural, Fine Grain",
        GRAIN_SIZES,
        (1500, 3600),
    ),
    "cooking-oil-and-fats": leaf(
        "Fresh Fri, Golden Fry, Elianto, Rina, Salit, Kimbo, Kasuku, Chipsy",
        "Vegetable Oil, Sunflower Oil, Corn Oil, Cooking Fat",
        "Pure, Refined, Cholesterol Free, Light",
        "500 ml/24/carton, 1 L/12/carton, 2 L/6/carton, 5 L/4/carton, 20 L/1/jerrican",
        (2200, 7800),
    ),
    "pasta-and-noodles": leaf(
        "Santa Lucia, Indomie, Kuku, Kenblest, Popular",
        "Spaghetti, Macaroni, Instant Noodles, Vermicelli",
        "Original, Chicken, Beef, Curry, Whole Wheat",
        "70 g/40/carton, 400 g/20/bale, 500 g/20/bale",
        (800, 2400),
    ),
    "beans-and-pulses": leaf(
        "Soko Safi, Nature Fresh, Zesta, Sunrise",
        "Rosecoco Beans, Green Grams, Lentils, Kidney Beans, Chick Peas",
        "Dried, Premium, Sorted",
        "500 g/24/bale, 1 kg/12/bale, 2 kg/6/bale",
        (1500, 4800),
    ),
    "breakfast-cereals": leaf(
        "Weetabix, Kelloggs, Nutri Corn, Jungle Oats, Cerelac",
        "Corn Flakes, Oats, Wheat Biscuits, Muesli, Porridge Flour",
        "Original, Honey, Chocolate, Fruit and Nut",
        "375 g/12/carton, 500 g/12/carton, 1 kg/6/carton",
        (2400, 7000),
    ),
    "salt-and-spices": leaf(
        "Kensalt, Kay Salt, Royco, Tropical Heat, Kenya Salt, Pika",
        "Table Salt, Curry Powder, Black Pepper, Mixed Spices, Pilau Masala",
        "Iodised, Fine, Hot, Mild, Premium",
        "100 g/48/carton, 200 g/24/carton, 500 g/24/bale, 1 kg/12/bale",
        (400, 2200),
    ),
    "baking-supplies": leaf(
        "Zesta, Chef, Pembe, Mama Mia, Fermipan",
        "Baking Powder, Dry Yeast, Custard Powder, Cake Mix, Food Colour",
        "Original, Vanilla, Strawberry, Chocolate",
        "100 g/24/carton, 250 g/24/carton, 500 g/12/carton",
        (900, 3800),
    ),
    "canned-vegetables-and-fruit": leaf(
        "Del Monte, Zesta, Heinz, Kenylon, Pick N Peel",
        "Baked Beans, Sweet Corn, Peas, Pineapple Chunks, Fruit Cocktail",
        "In Tomato Sauce, In Syrup, In Brine, Natural",
        "400 g/24/carton, 820 g/12/carton",
        (1800, 5200),
    ),
    "canned-fish-and-meat": leaf(
        "Lucky Star, Geisha, Kenchic, Farmers Choice, John West",
        "Sardines, Pilchards, Tuna Chunks, Corned Beef, Luncheon Meat",
        "In Tomato Sauce, In Oil, In Brine, Chilli",
        "155 g/48/carton, 400 g/24/carton",
        (2800, 9000),
    ),
    "sauces-and-condiments": leaf(
        "Heinz, Peptang, Zesta, Tropical Heat, Hellmanns, Kenylon",
        "Tomato Sauce, Chilli Sauce, Mayonnaise, Mustard, Soy Sauce, Vinegar",
        "Original, Hot, Garlic, Light, Sweet",
        "250 g/24/carton, 400 g/12/carton, 700 g/12/carton, 1 L/12/carton",
        (1200, 4200),
    ),
    "spreads": leaf(
        "Zesta, Peptang, Nutella, Kenylon, Blue Band",
        "Strawberry Jam, Mixed Fruit Jam, Peanut Butter, Honey, Chocolate Spread",
        "Smooth, Crunchy, Original, Light",
        "250 g/24/carton, 400 g/12/carton, 800 g/12/carton",
        (1500, 6200),
    ),
    "soups-and-stock-cubes": leaf(
        "Royco, Knorr, Maggi, Cubes Plus",
        "Stock Cubes, Instant Soup, Beef Mchuzi Mix, Gravy Powder",
        "Beef, Chicken, Vegetable, Tomato, Onion",
        "8 g/200/carton, 75 g/48/carton, 200 g/24/carton, 500 g/12/carton",
        (900, 3200),
    ),
    "fresh-milk": leaf(
        "Brookside, KCC, Fresha, Tuzo, Daima, Ilara",
        "Fresh Milk, Fresh Cream, Mala",
        "Whole, Low Fat, Skimmed, Lactose Free",
        "250 ml/24/crate, 500 ml/24/crate, 1 L/12/crate",
        (700, 1800),
    ),
    "long-life-milk": leaf(
        "Brookside, KCC, Tuzo, Daima, Molo Milk",
        "UHT Milk, Long Life Milk, Flavoured Milk",
        "Whole, Low Fat, Strawberry, Chocolate, Vanilla",
        "250 ml/24/carton, 500 ml/12/carton, 1 L/12/carton",
        (1100, 2800),
    ),
    "powdered-milk": leaf(
        "Nido, Cowbell, Brookside, Nespray, Loot",
        "Milk Powder, Full Cream Milk Powder, Instant Milk",
        "Fortified, Full Cream, Skimmed",
        "25 g/96/carton, 400 g/12/carton, 900 g/12/carton, 2.5 kg/4/carton",
        (2600, 9800),
    ),
    "yoghurt": leaf(
        "Brookside, Bio Food, Daima, KCC, Delamere",
        "Yoghurt, Drinking Yoghurt, Greek Yoghurt",
        "Strawberry, Vanilla, Mango, Natural, Blueberry",
        "150 ml/24/crate, 250 ml/24/crate, 500 ml/12/crate",
        (900, 3200),
    ),
    "butter-and-margarine": leaf(
        "Blue Band, Prestige, Brookside, Kasuku, Daima",
        "Margarine, Butter, Spread",
        "Original, Salted, Unsalted, Lite",
        "100 g/48/carton, 250 g/24/carton, 500 g/12/carton, 1 kg/6/carton",
        (1500, 6000),
    ),
    "cheese": leaf(
        "Brookside, Browns, Happy Cow, Delamere",
        "Cheddar Cheese, Gouda Cheese, Processed Cheese, Mozzarella",
        "Mild, Mature, Sliced, Grated",
        "200 g/12/carton, 400 g/12/carton, 1 kg/6/carton",
        (2400, 9800),
    ),
    "eggs": leaf(
        "Kenchic, Isinya, Farm Fresh, Kienyeji",
        "Eggs",
        "Large, Medium, Brown, Kienyeji",
        "30 pieces/1/tray, 30 pieces/12/box",
        (380, 4200),
    ),
    "crisps-and-savoury-snacks": leaf(
        "Pringles, Tropical Heat, Krackles, Sunchips, Bites, Cheetos",
        "Potato Crisps, Corn Snacks, Chevda, Crackers",
        "Salted, Salt and Vinegar, Chilli Lemon, Cheese, Barbecue",
        "20 g/48/carton, 50 g/24/carton, 150 g/12/carton",
        (600, 3200),
    ),
    "biscuits-and-cookies": leaf(
        "Britannia, McVities, Manji, Nuvita, Oreo, Digestive",
        "Cream Biscuits, Digestive Biscuits, Cookies, Wafers, Glucose Biscuits",
        "Chocolate, Vanilla, Coconut, Strawberry, Butter",
        "50 g/48/carton, 100 g/24/carton, 250 g/12/carton",
        (700, 2800),
    ),
    "chocolate": leaf(
        "Cadbury, Nestle, KitKat, Mars, Snickers, Golden Crown",
        "Milk Chocolate, Dark Chocolate, Chocolate Bar, Chocolate Wafer",
        "Classic, Fruit and Nut, Caramel, Hazelnut, Mint",
        "40 g/48/carton, 80 g/24/carton, 150 g/12/carton",
        (1400, 5400),
    ),
    "sweets-and-chewing-gum": leaf(
        "Trident, Big G, Patco, Orbit, Halls, Mentos",
        "Chewing Gum, Lollipops, Toffees, Mints, Jelly Sweets",
        "Spearmint, Strawberry, Assorted, Menthol, Fruit",
        "100 pieces/20/carton, 50 pieces/24/carton, 200 g/12/carton",
        (500, 2600),
    ),
    "nuts-and-seeds": leaf(
        "Jungle, Nut Case, Kenya Nut, Sunnuts",
        "Roasted Peanuts, Cashew Nuts, Macadamia Nuts, Sunflower Seeds",
        "Salted, Honey Roasted, Plain, Chilli",
        "50 g/48/carton, 100 g/24/carton, 250 g/12/carton",
        (900, 6800),
    ),
    "laundry-detergents": leaf(
        "Omo, Ariel, Sunlight, Toss, Ushindi, Msafi, Persil",
        "Washing Powder, Laundry Detergent, Bar Soap, Fabric Softener, Liquid Detergent",
        "Lemon, Lavender, Multi Active, Hand Wash, Auto",
        "500 g/24/bale, 1 kg/12/bale, 2 kg/6/bale, 5 kg/4/bale, 1 L/12/carton",
        (1500, 6200),
    ),
    "dishwashing": leaf(
        "Sunlight, Morning Fresh, Axion, Vim, Pril",
        "Dishwashing Liquid, Dishwashing Paste, Scouring Pads",
        "Lemon, Regular, Antibacterial, Lime",
        "400 ml/24/carton, 750 ml/12/carton, 1 L/12/carton, 5 L/4/carton",
        (1200, 4800),
    ),
    "surface-cleaners": leaf(
        "Mr Muscle, Vim, Dettol, Jik, Harpic, Pledge",
        "Multi-Surface Cleaner, Glass Cleaner, Floor Cleaner, Scouring Powder",
        "Lemon, Pine, Lavender, Original",
        "500 ml/12/carton, 750 ml/12/carton, 1 L/12/carton, 5 L/4/carton",
        (1400, 5200),
    ),
    "bleach-and-disinfectants": leaf(
        "Jik, Dettol, Savlon, Zeta, Sunlight",
        "Bleach, Antiseptic Liquid, Disinfectant, Hand Sanitiser",
        "Regular, Lemon, Pine, Lavender",
        "250 ml/24/carton, 750 ml/12/carton, 1 L/12/carton, 5 L/4/carton",
        (1200, 6400),
    ),
    "toilet-care": leaf(
        "Harpic, Domestos, Toilet Duck, Jik",
        "Toilet Cleaner, Toilet Blocks, Toilet Bowl Gel",
        "Original, Lemon, Pine, Ocean",
        "500 ml/12/carton, 750 ml/12/carton, 40 g/48/carton",
        (1500, 4800),
    ),
    "air-fresheners": leaf(
        "Glade, Air Wick, Brise, Kiwi",
        "Air Freshener, Room Spray, Gel Freshener",
        "Lavender, Vanilla, Citrus, Ocean, Rose",
        "300 ml/12/carton, 180 g/12/carton",
        (1800, 4800),
    ),
    "insecticides": leaf(
        "Doom, Raid, Baygon, Mortein, Ridsect",
        "Insect Killer Spray, Mosquito Coils, Cockroach Bait, Fly Spray",
        "Multi Insect, Odourless, Lavender, Fast Action",
        "300 ml/12/carton, 600 ml/12/carton, 10 coils/60/carton",
        (2200, 6800),
    ),
    "tissue-and-paper-products": leaf(
        "Rosy, Softcare, Hanan, Nice and Lovely, Velvex",
        "Toilet Paper, Serviettes, Kitchen Towels, Facial Tissue",
        "Soft, 2 Ply, 3 Ply, Unwrapped, Embossed",
        "10 rolls/4/bale, 4 rolls/12/bale, 100 sheets/24/carton",
        (1400, 5200),
    ),
    "bags-foil-and-cling-film": leaf(
        "Glad, Kenpoly, Hotpack, Chandaria",
        "Aluminium Foil, Cling Film, Garbage Bags, Zip Bags",
        "Heavy Duty, Standard, Large, Medium",
        "10 m/24/carton, 30 m/12/carton, 20 pieces/24/carton",
        (1200, 4800),
    ),
    "bath-soap": leaf(
        "Geisha, Lifebuoy, Imperial Leather, Protex, Dettol, Lux, Fa",
        "Bath Soap, Beauty Soap, Antibacterial Soap, Body Wash",
        "Lemon, Rose, Aloe Vera, Honey, Fresh, Original",
        "90 g/72/carton, 175 g/36/carton, 250 ml/24/carton",
        (1800, 6400),
    ),
    "body-lotion-and-petroleum-jelly": leaf(
        "Vaseline, Nivea, Dawn, Clere, Arimis, Ponds",
        "Body Lotion, Petroleum Jelly, Body Cream, Milking Jelly",
        "Original, Cocoa Butter, Aloe Vera, Intensive Care",
        "100 ml/24/carton, 200 ml/24/carton, 400 ml/12/carton",
        (1900, 8800),
    ),
    "hair-care": leaf(
        "Dark and Lovely, Sunsilk, Head and Shoulders, Ors, TCB, Movit",
        "Shampoo, Conditioner, Hair Food, Relaxer, Hair Oil",
        "Anti Dandruff, Moisturising, Strengthening, Coconut",
        "100 ml/24/carton, 250 ml/24/carton, 400 ml/12/carton",
        (1800, 8200),
    ),
    "oral-care": leaf(
        "Colgate, Close-Up, Aquafresh, Sensodyne, Whitedent",
        "Toothpaste, Toothbrush, Mouthwash",
        "Herbal, Whitening, Fresh Mint, Sensitive, Triple Action",
        "50 ml/48/carton, 100 ml/24/carton, 140 g/24/carton",
        (1500, 7200),
    ),
    "deodorants": leaf(
        "Rexona, Nivea, Axe, Sure, Mitchum",
        "Roll-On Deodorant, Deodorant Spray, Antiperspirant",
        "Men, Women, Fresh, Sensitive, Invisible",
        "50 ml/24/carton, 150 ml/12/carton",
        (2200, 7400),
    ),
    "feminine-care": leaf(
        "Always, Kotex, Sunny, Softcare, Cosy",
        "Sanitary Pads, Panty Liners, Tampons",
        "Ultra Thin, Maxi, Night, Regular",
        "8 pieces/48/carton, 10 pieces/24/carton, 16 pieces/24/carton",
        (1800, 6400),
    ),
    "shaving": leaf(
        "Gillette, Bic, Nacet, Nivea Men",
        "Disposable Razors, Razor Blades, Shaving Cream, Aftershave",
        "Sensitive, Classic, Twin Blade, Triple Blade",
        "5 pieces/24/carton, 10 pieces/12/carton, 100 ml/12/carton",
        (1400, 6400),
    ),
    "diapers": leaf(
        "Pampers, Huggies, Softcare, Molfix, Bebem",
        "Baby Diapers, Pull-Up Pants, Newborn Diapers",
        "Size 1, Size 2, Size 3, Size 4, Size 5, Jumbo",
        "24 pieces/4/bale, 40 pieces/4/bale, 64 pieces/2/bale",
        (2200, 9800),
    ),
    "baby-wipes": leaf(
        "Pampers, Huggies, Softcare, Velvex",
        "Baby Wipes, Wet Wipes",
        "Fragrance Free, Aloe Vera, Sensitive, Fresh",
        "64 pieces/12/carton, 80 pieces/12/carton",
        (1500, 4200),
    ),
    "baby-food-and-formula": leaf(
        "Nan, Lactogen, Cerelac, SMA, Nutrimil, Weetabix Baby",
        "Infant Formula, Baby Cereal, Follow-On Milk",
        "Stage 1, Stage 2, Stage 3, Wheat, Rice, Maize",
        "400 g/12/carton, 900 g/6/carton",
        (5400, 16800),
    ),
    "baby-toiletries": leaf(
        "Johnsons, Cussons Baby, Vaseline Baby, Nivea Baby",
        "Baby Oil, Baby Lotion, Baby Powder, Baby Shampoo, Baby Soap",
        "Gentle, Milk and Rice, Original, Lavender",
        "100 ml/24/carton, 200 ml/24/carton, 500 ml/12/carton",
        (1800, 7600),
    ),
    "pain-relief": leaf(
        "Panadol, Hedex, Mara Moja, Action, Brufen",
        "Pain Relief Tablets, Cold and Flu Tablets, Pain Relief Gel",
        "Extra, Advance, Rapid, Original",
        "10 tablets/100/carton, 100 tablets/10/carton, 50 g/24/carton",
        (1200, 7800),
    ),
    "first-aid": leaf(
        "Elastoplast, Dettol, Savlon, Medisel",
        "Plasters, Crepe Bandage, Cotton Wool, Antiseptic Cream, Gauze",
        "Assorted, Fabric, Waterproof, Sterile",
        "20 pieces/24/carton, 100 pieces/12/carton, 50 g/24/carton",
        (900, 5200),
    ),
    "vitamins-and-supplements": leaf(
        "Centrum, Seven Seas, Vitafresh, Haliborange, Supradyn",
        "Multivitamin Tablets, Cod Liver Oil, Vitamin C Tablets, Effervescent Vitamins",
        "Adult, Kids, Orange, Original",
        "30 tablets/24/carton, 100 ml/24/carton, 20 tablets/24/carton",
        (2400, 12800),
    ),
    "batteries": leaf(
        "Eveready, Duracell, Tiger Head, Energizer, Panasonic",
        "Batteries, Rechargeable Batteries",
        "AA, AAA, C, D, 9V",
        "2 pieces/48/carton, 4 pieces/24/carton, 24 pieces/10/carton",
        (900, 7800),
    ),
    "light-bulbs": leaf(
        "Philips, Tronic, Osram, Bajaj, Mwangaza",
        "LED Bulb, Energy Saver Bulb, Tube Light",
        "Cool White, Warm White, 9 W, 12 W, 18 W",
        "1 piece/50/carton, 1 piece/100/carton",
        (2800, 14800),
    ),
    "candles-and-matches": leaf(
        "Kasuku, Kiberiti, Lion, Safari Matches",
        "Candles, Safety Matches, Lighters",
        "White, Household, Long Burning, Assorted",
        "6 pieces/24/carton, 10 boxes/50/carton, 50 pieces/20/carton",
        (900, 4200),
    ),
    "charcoal-and-cooking-fuel": leaf(
        "Kenya Briquettes, Total Gas, K-Gas, Pro Gas, Hashi",
        "Charcoal Briquettes, Cooking Gas Refill, Firelighters, Paraffin",
        "Standard, Premium, Eco, Refill",
        "2 kg/10/bale, 6 kg/1/cylinder, 13 kg/1/cylinder, 1 L/12/carton",
        (900, 3800),
    ),
    "exercise-books": leaf(
        "Kasuku, Tausi, Ryan, Blueline, Bic",
        "Exercise Book, Counter Book, Graph Book, Drawing Book",
        "A4, A5, Ruled, Squared, Plain",
        "48 pages/100/carton, 96 pages/50/carton, 200 pages/24/carton",
        (800, 5800),
    ),
    "pens-and-pencils": leaf(
        "Bic, Faber-Castell, Kasuku, Pelikan, Staedtler",
        "Ballpoint Pens, Pencils, Markers, Highlighters, Crayons",
        "Blue, Black, Red, HB, Assorted",
        "10 pieces/50/carton, 12 pieces/24/carton, 50 pieces/20/carton",
        (600, 4800),
    ),
    "paper-and-envelopes": leaf(
        "Typek, Paper One, Double A, Kasuku",
        "Photocopy Paper, Envelopes, Manila Paper, Sticky Notes",
        "A4, A3, White, Brown, Assorted",
        "500 sheets/5/box, 50 pieces/20/carton",
        (600, 6800),
    ),
    "school-supplies": leaf(
        "Kasuku, Faber-Castell, Maped, Bic",
        "Geometry Set, Rulers, Erasers, Sharpeners, Glue Stick",
        "Standard, Deluxe, Assorted, Junior",
        "1 piece/48/carton, 12 pieces/24/carton",
        (700, 4200),
    ),
}

GENERIC = leaf(
    "Soko Select, Duka Choice, Jamii, Bidhaa Bora",
    "Assorted Goods, Household Item, Groceries Pack",
    "Standard, Value, Premium",
    "1 piece/24/carton, 1 kg/12/bale",
    (800, 4000),
)

# Description sentences; {b} brand, {t} product type, {s} size, {p} pack word, {u} units per pack.
SENTENCES = (
    "{b} {t} supplied in {p}s of {u} x {s}.",
    "A fast-moving line for dukas, kiosks and supermarkets.",
    "Keep in a cool, dry place away from direct sunlight.",
    "Genuine {b} stock sourced directly from the distributor.",
    "Popular with retailers across Nairobi, Mombasa and Kisumu.",
    "Fresh stock with a long shelf life; batch and expiry printed on every {p}.",
    "Good margin item; recommended retail price printed on the pack.",
    "Delivered on pallets to your shop; same-day dispatch before noon.",
    "Quality checked and stored in a clean, dry warehouse.",
    "Sold by the {p} only; mix with other lines to reach your order minimum.",
)
