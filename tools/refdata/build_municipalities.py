#!/usr/bin/env python3
"""Build data/reference/municipalities.csv, municipality_mergers.csv, arrondissements.csv.

Inputs are the REFNIS extract next to this script (refnis_flanders_2024.psv) and the
merger tables below. The output is deterministic: running the script twice gives the
same bytes, so a diff shows every change to the reference data.

Usage: python3 tools/refdata/build_municipalities.py [--repo-root DIR]
"""

import argparse
import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

SRC_REFNIS = "Statbel REFNIS code list (TU_COM_REFNIS, pre-2025 vintage)"
SRC_MERGERS_2019 = "Statbel REFNIS validity dates (end 2018-12-31 / start 2019-01-01)"
SRC_MERGERS_2025 = ("Statbel NIS codes of the municipalities merged on 2025-01-01; "
                    "cross-checked in 4 independent public datasets")

# The 1977 fusion set starts the period this table covers. Codes that REFNIS opens
# later (Malle 1980, Affligem and Glabbeek 1981, Dilsen-Stokkem 1988, the 2019
# mergers) keep their own start.
EPOCH = 1977

PROVINCE_BY_PREFIX = {
    "1": "Antwerpen",
    "2": "Vlaams-Brabant",
    "3": "West-Vlaanderen",
    "4": "Oost-Vlaanderen",
    "7": "Limburg",
}

ARRONDISSEMENT_BY_PREFIX = {
    "11": "Antwerpen", "12": "Mechelen", "13": "Turnhout",
    "23": "Halle-Vilvoorde", "24": "Leuven",
    "31": "Brugge", "32": "Diksmuide", "33": "Ieper", "34": "Kortrijk",
    "35": "Oostende", "36": "Roeselare", "37": "Tielt", "38": "Veurne",
    "41": "Aalst", "42": "Dendermonde", "43": "Eeklo", "44": "Gent",
    "45": "Oudenaarde", "46": "Sint-Niklaas",
    "71": "Hasselt", "72": "Maaseik", "73": "Tongeren",
}

# 2019-01-01 mergers: predecessor -> successor (both present in the REFNIS extract).
MERGERS_2019 = {
    "12030": "12041", "12034": "12041",                    # Puurs-Sint-Amands
    "44001": "44084", "44029": "44084",                    # Aalter + Knesselare
    "44011": "44083", "44049": "44083",                    # Deinze + Nevele
    "44036": "44085", "44072": "44085", "44080": "44085",  # Lievegem
    "45017": "45068", "45057": "45068",                    # Kruisem
    "71047": "72042", "72040": "72042",                    # Oudsbergen
    "72025": "72043", "72029": "72043",                    # Pelt
}

# 2025-01-01 mergers: new code -> (name, predecessors, note).
MERGERS_2025 = {
    "11002": ("Antwerpen", ["11002", "11007"],
              "Antwerpen absorbed Borsbeek and kept NIS code 11002"),
    "23106": ("Pajottegem", ["23023", "23024", "23032"],
              "Galmaarden + Gooik + Herne"),
    "37021": ("Wingene", ["37012", "37018"], "Ruiselede + Wingene"),
    "37022": ("Tielt", ["37007", "37015"], "Meulebeke + Tielt"),
    "44086": ("Nazareth-De Pinte", ["44012", "44048"], "De Pinte + Nazareth"),
    "44087": ("Lochristi", ["44034", "44073"], "Lochristi + Wachtebeke"),
    "44088": ("Merelbeke-Melle", ["44040", "44043"], "Melle + Merelbeke"),
    "46029": ("Lokeren", ["44045", "46014"],
              "Lokeren + Moerbeke; Moerbeke moved from arrondissement Gent to Sint-Niklaas"),
    "46030": ("Beveren-Kruibeke-Zwijndrecht", ["11056", "46003", "46013"],
              "Beveren + Kruibeke + Zwijndrecht; Zwijndrecht moved from province "
              "Antwerpen to Oost-Vlaanderen; Statbel listed the name as provisional"),
    "71071": ("Tessenderlo-Ham", ["71057", "71069"], "Ham + Tessenderlo"),
    "71072": ("Hasselt", ["71022", "73040"],
              "Hasselt + Kortessem; Kortessem moved from arrondissement Tongeren to Hasselt"),
    "73110": ("Bilzen-Hoeselt", ["73006", "73032"], "Bilzen + Hoeselt"),
    "73111": ("Tongeren-Borgloon", ["73009", "73083"], "Borgloon + Tongeren"),
}

TONGEREN_NOTE = ("arrondissement may be named Tongeren-Borgloon from 2025-01-01: "
                 "rename not confirmed")

HEADER = ["nis_code", "name_nl", "province", "arrondissement", "valid_from",
          "valid_to", "source", "confidence", "note"]
ARRONDISSEMENT_HEADER = ["nis_code", "name_nl", "province", "valid_from", "valid_to",
                        "source", "confidence", "note"]
ARRONDISSEMENT_NOTES = {
    "11": "lost Borsbeek (into Antwerpen) and Zwijndrecht (to Sint-Niklaas) on 2025-01-01",
    "44": "lost Moerbeke to Sint-Niklaas (merged into Lokeren) on 2025-01-01",
    "46": "gained Zwijndrecht and Moerbeke through the 2025-01-01 mergers",
    "71": "gained Kortessem (merged into Hasselt) on 2025-01-01",
    "73": "lost Kortessem to Hasselt on 2025-01-01; " + TONGEREN_NOTE,
}
MERGER_HEADER = ["old_nis_code", "new_nis_code", "effective_date", "source", "confidence"]


def read_refnis(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("|")
            if len(parts) != 4:
                sys.exit(f"{path}:{lineno}: expected 4 fields separated by '|', got {len(parts)}")
            code, name, start, end = parts
            rows.append({"code": code, "name": name, "start": int(start), "end": int(end)})
    return rows


def province_of(code):
    return PROVINCE_BY_PREFIX[code[0]]


def arrondissement_of(code):
    return ARRONDISSEMENT_BY_PREFIX[code[:2]]


def join_notes(*notes):
    return "; ".join(n for n in notes if n)


def build(refnis):
    merged_2025_old = {old for _, olds, _ in MERGERS_2025.values() for old in olds}
    out = []
    for r in refnis:
        code = r["code"]
        valid_from = f"{max(r['start'], EPOCH)}-01-01"
        notes = []
        if r["start"] > EPOCH:
            notes.append(f"NIS code opened on {valid_from} (REFNIS)")
        if code == "11002":
            notes.append("absorbed Berchem, Borgerhout, Deurne, Ekeren, Hoboken, Merksem "
                         "and Wilrijk on 1983-01-01")
        if r["end"] == 2018:
            valid_to = "2018-12-31"
            notes.append(f"merged into {MERGERS_2019[code]} on 2019-01-01")
        elif code in merged_2025_old:
            valid_to = "2024-12-31"
            new = next(n for n, (_, olds, _) in MERGERS_2025.items() if code in olds)
            notes.append(f"merged into {new} on 2025-01-01" if new != code else
                         "absorbed Borsbeek on 2025-01-01; the merged city has its own row")
        else:
            valid_to = ""
        if code.startswith("73") and valid_to == "":
            notes.append(TONGEREN_NOTE)
        out.append([code, r["name"], province_of(code), arrondissement_of(code), valid_from,
                    valid_to, SRC_REFNIS, "confirmed", join_notes(*notes)])
    for code, (name, olds, note) in MERGERS_2025.items():
        notes = [note]
        if code.startswith("73"):
            notes.append(TONGEREN_NOTE)
        out.append([code, name, province_of(code), arrondissement_of(code), "2025-01-01", "",
                    SRC_MERGERS_2025, "confirmed", join_notes(*notes)])
    out.sort(key=lambda row: (row[0], row[4]))
    return out


def build_mergers():
    rows = [[old, new, "2019-01-01", SRC_MERGERS_2019, "confirmed"]
            for old, new in MERGERS_2019.items()]
    for new, (_, olds, _) in MERGERS_2025.items():
        rows.extend([old, new, "2025-01-01", SRC_MERGERS_2025, "confirmed"] for old in olds)
    rows.sort(key=lambda row: (row[2], row[1], row[0]))
    return rows


def build_arrondissements():
    rows = []
    for prefix, name in ARRONDISSEMENT_BY_PREFIX.items():
        rows.append([prefix + "000", name, province_of(prefix), f"{EPOCH}-01-01", "",
                     "Statbel REFNIS code list (TU_COM_REFNIS, level 3)", "confirmed",
                     ARRONDISSEMENT_NOTES.get(prefix, "")])
    return rows


def write_csv(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo-root", default=str(HERE.parent.parent))
    args = ap.parse_args()
    root = Path(args.repo_root)
    refnis = read_refnis(HERE / "refnis_flanders_2024.psv")
    munis = build(refnis)
    mergers = build_mergers()
    write_csv(root / "data/reference/municipalities.csv", HEADER, munis)
    write_csv(root / "data/reference/municipality_mergers.csv", MERGER_HEADER, mergers)
    arrs = build_arrondissements()
    write_csv(root / "data/reference/arrondissements.csv", ARRONDISSEMENT_HEADER, arrs)
    print(f"municipalities.csv: {len(munis)} rows; municipality_mergers.csv: {len(mergers)} "
          f"rows; arrondissements.csv: {len(arrs)} rows")


if __name__ == "__main__":
    main()
