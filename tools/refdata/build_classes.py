#!/usr/bin/env python3
"""Build data/reference/municipality_classes.csv from data/reference/municipalities.csv.

Each class is a list of municipality names with a start date and a source. A name is
resolved to the NIS code valid on the class start date; when that municipality merged
later, the flag is closed the day before the merger and carried over to the merged
municipality (marked unconfirmed: no source says the merged city keeps the status).

Run build_municipalities.py first.
Usage: python3 tools/refdata/build_classes.py [--repo-root DIR]
"""

import argparse
import csv
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent

SEED3 = "seed-003"  # /work/shared/seeds/003_6d442a7006f0c48f.txt

# Footnote 28 of seed-003 lists 14 names with Kortrijk twice; the 13 unique names are
# the 13 centrumsteden, Antwerpen and Gent included (they are also grootsteden).
CENTRUMSTEDEN_L2174 = ["Antwerpen", "Gent", "Aalst", "Brugge", "Genk", "Hasselt", "Kortrijk",
                       "Kortrijk", "Leuven", "Mechelen", "Oostende", "Roeselare",
                       "Sint-Niklaas", "Turnhout"]

CLASSES = [
    {
        "class": "grootstad",
        "names": ["Antwerpen", "Gent"],
        "start": "2024-01-01",
        "source": f"{SEED3} L4256 ('de grootsteden Antwerpen en Gent'); L1646",
    },
    {
        "class": "centrumstad",
        "names": list(dict.fromkeys(CENTRUMSTEDEN_L2174)),
        "start": "2024-01-01",
        "source": f"{SEED3} L2174 (footnote 28; Kortrijk listed twice, deduplicated)",
    },
    {
        "class": "provinciale_stad",
        "names": ["Aarschot", "Deinze", "Dendermonde", "Diest", "Eeklo", "Geel", "Halle",
                  "Herentals", "Ieper", "Knokke-Heist", "Lier", "Lokeren", "Mol",
                  "Oudenaarde", "Ronse", "Sint-Truiden", "Tielt", "Tienen", "Tongeren",
                  "Vilvoorde", "Waregem"],
        "start": "2024-01-01",
        "source": f"{SEED3} L2175-2176 (footnote 29)",
    },
    {
        "class": "kustgemeente",
        "names": ["De Panne", "Koksijde", "Nieuwpoort", "Middelkerke", "Oostende", "Bredene",
                  "De Haan", "Blankenberge", "Brugge", "Knokke-Heist"],
        "start": "1977-01-01",
        "source": ("geography: the 10 municipalities on the North Sea coast "
                   f"(class named in {SEED3} L1651 without members)"),
    },
    {
        "class": "vlaamse_rand",
        "names": ["Asse", "Beersel", "Dilbeek", "Drogenbos", "Grimbergen", "Hoeilaart",
                  "Kraainem", "Linkebeek", "Machelen", "Meise", "Merchtem", "Overijse",
                  "Sint-Genesius-Rode", "Sint-Pieters-Leeuw", "Tervuren", "Vilvoorde",
                  "Wemmel", "Wezembeek-Oppem", "Zaventem"],
        "start": "1977-01-01",
        "source": (f"{SEED3} L3724-3726 (definition: 19 municipalities bordering Brussels or a "
                   "Rand faciliteitengemeente; also vlaanderen.be/vlaamse-rand); members: "
                   "en.wikipedia.org/wiki/Brussels_Periphery, as listed in "
                   "notes/seed-003b-brussel-rand-samenleven.md §2.1"),
    },
    {
        "class": "faciliteitengemeente",
        "names": ["Drogenbos", "Kraainem", "Linkebeek", "Sint-Genesius-Rode", "Wemmel",
                  "Wezembeek-Oppem"],
        "start": "1977-01-01",
        "source": ("coordinated language laws of 18 July 1966, art. 23 ff.: the 6 "
                   f"randgemeenten with facilities around Brussels; {SEED3} L3725"),
    },
    {
        "class": "faciliteitengemeente",
        "names": ["Bever", "Herstappe", "Mesen", "Ronse", "Spiere-Helkijn", "Voeren"],
        "start": "1977-01-01",
        "source": ("coordinated language laws of 18 July 1966: the municipalities with "
                   "facilities of the Dutch language area on the language border"),
    },
]

EXPECTED_COUNTS = {"grootstad": 2, "centrumstad": 13, "provinciale_stad": 21,
                   "kustgemeente": 10, "vlaamse_rand": 19, "faciliteitengemeente": 12}

HEADER = ["nis_code", "class", "valid_from", "valid_to", "source", "confidence"]


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def valid_on(row, day):
    return row["valid_from"] <= day and (row["valid_to"] == "" or day <= row["valid_to"])


def resolve(munis, name, day):
    hits = [m for m in munis if m["name_nl"] == name and valid_on(m, day)]
    if len(hits) != 1:
        sys.exit(f"class name '{name}' matches {len(hits)} municipalities on {day}; expected 1")
    return hits[0]


def successor(mergers, code, day_after):
    for m in mergers:
        if m["old_nis_code"] == code and m["effective_date"] == day_after:
            return m["new_nis_code"]
    return None


def build(munis, mergers):
    out = []
    for spec in CLASSES:
        for name in spec["names"]:
            muni = resolve(munis, name, spec["start"])
            start = max(spec["start"], muni["valid_from"])
            if muni["valid_to"] == "":
                out.append([muni["nis_code"], spec["class"], start, "", spec["source"],
                            "confirmed"])
                continue
            # The municipality merged: close the flag and carry it to the successor.
            if muni["nis_code"] == successor(mergers, muni["nis_code"], "2025-01-01"):
                # Same code before and after (Antwerpen): one open flag row.
                out.append([muni["nis_code"], spec["class"], start, "", spec["source"],
                            "confirmed"])
                continue
            out.append([muni["nis_code"], spec["class"], start, muni["valid_to"],
                        spec["source"], "confirmed"])
            day_after = (date.fromisoformat(muni["valid_to"]) + timedelta(days=1)).isoformat()
            new_code = successor(mergers, muni["nis_code"], day_after)
            if new_code is None:
                sys.exit(f"{name} ends {muni['valid_to']} but has no successor in the mergers")
            out.append([new_code, spec["class"], day_after, "",
                        f"carried over from {muni['nis_code']} ({name}) after the "
                        f"{day_after} merger; {spec['source']}", "unconfirmed"])
    out.sort(key=lambda r: (r[1], r[0], r[2]))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo-root", default=str(HERE.parent.parent))
    args = ap.parse_args()
    ref = Path(args.repo_root) / "data/reference"
    munis = read_csv(ref / "municipalities.csv")
    mergers = read_csv(ref / "municipality_mergers.csv")
    rows = build(munis, mergers)
    with open(ref / "municipality_classes.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print(f"municipality_classes.csv: {len(rows)} rows")


if __name__ == "__main__":
    main()
