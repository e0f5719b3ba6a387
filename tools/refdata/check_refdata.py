#!/usr/bin/env python3
"""Check the reference data in data/reference/ and data/bbc/.

Verifies the municipality counts (300 on 2024-12-31, 285 on 2025-01-01), NIS-code and
name uniqueness on every boundary date, the merger table against the validity dates,
the classification flags against the municipalities, and the BBC code lists.
Prints one line per check and a closing 'refdata: N passed, M failed' line; exits 1 on
any failure.

Usage: python3 tools/refdata/check_refdata.py [--repo-root DIR]
"""

import argparse
import csv
import re
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent

MUNI_HEADER = ["nis_code", "name_nl", "province", "arrondissement", "valid_from", "valid_to",
               "source", "confidence", "note"]
MERGER_HEADER = ["old_nis_code", "new_nis_code", "effective_date", "source", "confidence"]
ARRONDISSEMENT_HEADER = ["nis_code", "name_nl", "province", "valid_from", "valid_to",
                        "source", "confidence", "note"]
CLASS_HEADER = ["nis_code", "class", "valid_from", "valid_to", "source", "confidence"]
ACCOUNT_HEADER = ["row", "section", "side", "t2_rubric_code", "t2_rubric_label",
                  "account_code", "range_first", "range_last", "description", "version",
                  "source"]
POLICY_HEADER = ["domain_code", "domain_label", "subdomain_code", "subdomain_label",
                 "policy_field_code", "policy_field_name", "seen_in", "version", "source"]
EXTERNAL_HEADER = ["code", "label", "issuer", "subsidy", "expected_account",
                   "expected_policy_field", "expected_sector_code", "valid_from", "valid_to",
                   "source", "confidence"]
SECTOR_HEADER = ["code", "label", "source", "confidence"]

PROVINCE_BY_PREFIX = {"1": "Antwerpen", "2": "Vlaams-Brabant", "3": "West-Vlaanderen",
                      "4": "Oost-Vlaanderen", "7": "Limburg"}
CONFIDENCE = {"confirmed", "unconfirmed"}
EXPECTED_TOTAL = {"2018-12-31": 308, "2019-01-01": 300, "2024-12-31": 300, "2025-01-01": 285}
EXPECTED_PER_PROVINCE = {
    "2024-12-31": {"Antwerpen": 69, "Limburg": 42, "Oost-Vlaanderen": 60,
                   "Vlaams-Brabant": 65, "West-Vlaanderen": 64},
    "2025-01-01": {"Antwerpen": 67, "Limburg": 38, "Oost-Vlaanderen": 55,
                   "Vlaams-Brabant": 63, "West-Vlaanderen": 62},
}
EXPECTED_CLASS_COUNTS = {"grootstad": 2, "centrumstad": 13, "provinciale_stad": 21,
                         "kustgemeente": 10, "vlaamse_rand": 19, "faciliteitengemeente": 12}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, problems):
        problems = list(problems)
        if problems:
            self.failed += 1
            print(f"FAIL {name}")
            for p in problems[:20]:
                print(f"     {p}")
            if len(problems) > 20:
                print(f"     ... and {len(problems) - 20} more")
        else:
            self.passed += 1
            print(f"ok   {name}")


def read_csv(path, header):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        got = next(reader)
        if got != header:
            sys.exit(f"{path}: header is {got}, expected {header}")
        rows = []
        for lineno, values in enumerate(reader, 2):
            if len(values) != len(header):
                sys.exit(f"{path}:{lineno}: {len(values)} fields, expected {len(header)}")
            row = dict(zip(header, values))
            row["_line"] = lineno
            rows.append(row)
        return rows


def valid_on(row, day):
    return row["valid_from"] <= day and (row["valid_to"] == "" or day <= row["valid_to"])


def next_day(iso):
    return (date.fromisoformat(iso) + timedelta(days=1)).isoformat()


def prev_day(iso):
    return (date.fromisoformat(iso) - timedelta(days=1)).isoformat()


def field_problems(rows, where):
    for r in rows:
        loc = f"{where}:{r['_line']}"
        for key in ("valid_from", "valid_to", "effective_date"):
            v = r.get(key)
            if v and not ISO_DATE.match(v):
                yield f"{loc}: {key} '{v}' is not YYYY-MM-DD"
        if r.get("valid_to") and r["valid_to"] < r["valid_from"]:
            yield f"{loc}: valid_to {r['valid_to']} before valid_from {r['valid_from']}"
        if "confidence" in r and r["confidence"] not in CONFIDENCE:
            yield f"{loc}: confidence '{r['confidence']}' not in {sorted(CONFIDENCE)}"
        if not r.get("source"):
            yield f"{loc}: empty source"


def check_municipalities(c, munis, where):
    c.check("municipalities: field formats", field_problems(munis, where))

    def codes():
        for r in munis:
            code = r["nis_code"]
            if not re.fullmatch(r"\d{5}", code):
                yield f"{where}:{r['_line']}: NIS code '{code}' is not 5 digits"
            elif PROVINCE_BY_PREFIX.get(code[0]) != r["province"]:
                yield f"{where}:{r['_line']}: {code} is in province '{r['province']}'"
            elif code[0] == "2" and code[:2] not in ("23", "24"):
                yield f"{where}:{r['_line']}: {code} is not a Flemish-Brabant code"
    c.check("municipalities: NIS code format and province", codes())

    def overlaps():
        by_code = {}
        for r in munis:
            by_code.setdefault(r["nis_code"], []).append(r)
        for code, rows in by_code.items():
            rows.sort(key=lambda r: r["valid_from"])
            for a, b in zip(rows, rows[1:]):
                if a["valid_to"] == "" or a["valid_to"] >= b["valid_from"]:
                    yield f"{code}: rows at lines {a['_line']} and {b['_line']} overlap"
    c.check("municipalities: no overlapping rows per NIS code", overlaps())

    boundaries = sorted({r["valid_from"] for r in munis}
                        | {r["valid_to"] for r in munis if r["valid_to"]}
                        | set(EXPECTED_TOTAL))

    def unique_per_date():
        for day in boundaries:
            live = [r for r in munis if valid_on(r, day)]
            for key in ("nis_code", "name_nl"):
                dup = [v for v, n in Counter(r[key] for r in live).items() if n > 1]
                if dup:
                    yield f"{day}: duplicate {key} {dup}"
    c.check(f"municipalities: NIS code and name unique on each of {len(boundaries)} "
            "boundary dates", unique_per_date())

    def totals():
        for day, want in EXPECTED_TOTAL.items():
            got = sum(1 for r in munis if valid_on(r, day))
            if got != want:
                yield f"{day}: {got} municipalities, expected {want}"
        for day, per in EXPECTED_PER_PROVINCE.items():
            got = Counter(r["province"] for r in munis if valid_on(r, day))
            if dict(got) != per:
                yield f"{day}: per province {dict(got)}, expected {per}"
    c.check("municipalities: 300 on 2024-12-31, 285 on 2025-01-01 (and per province)",
            totals())


def check_arrondissements(c, munis, arrs, where):
    def problems():
        yield from field_problems(arrs, where)
        by_prefix = {a["nis_code"][:2]: a for a in arrs}
        if len(by_prefix) != 22 or any(not a["nis_code"].endswith("000") for a in arrs):
            yield f"{len(arrs)} arrondissements, expected 22 codes ending in 000"
        for m in munis:
            a = by_prefix.get(m["nis_code"][:2])
            if a is None or (a["name_nl"], a["province"]) != (m["arrondissement"], m["province"]):
                yield (f"municipality {m['nis_code']}: arrondissement {m['arrondissement']}/"
                       f"{m['province']} does not match the arrondissement list")
    c.check("arrondissements: 22, and every municipality's arrondissement matches its code",
            problems())


def check_mergers(c, munis, mergers, where):
    c.check("mergers: field formats", field_problems(mergers, where))

    def consistency():
        seen = Counter((m["old_nis_code"], m["effective_date"]) for m in mergers)
        for (old, day), n in seen.items():
            if n > 1:
                yield f"{old} merges {n} times on {day}"
        for m in mergers:
            day = m["effective_date"]
            old = [r for r in munis if r["nis_code"] == m["old_nis_code"]
                   and r["valid_to"] == prev_day(day)]
            new = [r for r in munis if r["nis_code"] == m["new_nis_code"]
                   and r["valid_from"] == day]
            if len(old) != 1:
                yield f"{where}:{m['_line']}: no row of {m['old_nis_code']} ending {prev_day(day)}"
            if len(new) != 1:
                yield f"{where}:{m['_line']}: no row of {m['new_nis_code']} starting {day}"
        ends = {(m["old_nis_code"], prev_day(m["effective_date"])) for m in mergers}
        starts = {(m["new_nis_code"], m["effective_date"]) for m in mergers}
        merger_days = {m["effective_date"] for m in mergers}
        for r in munis:
            if r["valid_to"] and (r["nis_code"], r["valid_to"]) not in ends:
                yield f"municipality {r['nis_code']} ends {r['valid_to']} without a merger row"
            if r["valid_from"] in merger_days and (r["nis_code"], r["valid_from"]) not in starts:
                yield f"municipality {r['nis_code']} starts {r['valid_from']} without a merger row"
    c.check("mergers: every merger matches the validity dates, and the reverse",
            consistency())

    def shape():
        per_day = {}
        for m in mergers:
            d = per_day.setdefault(m["effective_date"], {"old": set(), "new": set()})
            d["old"].add(m["old_nis_code"])
            d["new"].add(m["new_nis_code"])
        preds = Counter((m["new_nis_code"], m["effective_date"]) for m in mergers)
        for (new, day), n in sorted(preds.items()):
            if n < 2:
                yield f"{day}: {new} has {n} predecessor; a merger needs at least 2"
        for day, d in sorted(per_day.items()):
            before = sum(1 for r in munis if valid_on(r, prev_day(day)))
            after = sum(1 for r in munis if valid_on(r, day))
            if before - len(d["old"]) + len(d["new"]) != after:
                yield (f"{day}: {before} - {len(d['old'])} merged + {len(d['new'])} new "
                       f"!= {after}")
    c.check("mergers: >= 2 predecessors per successor; before - predecessors + successors "
            "= after, per merger date", shape())


def check_classes(c, munis, classes, where):
    c.check("classes: field formats", field_problems(classes, where))

    def coverage():
        for r in classes:
            if r["class"] not in EXPECTED_CLASS_COUNTS:
                yield f"{where}:{r['_line']}: unknown class '{r['class']}'"
            # The municipality must exist on the first and last day of the flag.
            days = [r["valid_from"], r["valid_to"] or "9999-12-31"]
            for day in days:
                live = [m for m in munis if m["nis_code"] == r["nis_code"] and valid_on(m, day)]
                if day != "9999-12-31" and not live:
                    yield f"{where}:{r['_line']}: {r['nis_code']} does not exist on {day}"
            if not r["valid_to"]:
                open_rows = [m for m in munis if m["nis_code"] == r["nis_code"]
                             and m["valid_to"] == ""]
                if not open_rows:
                    yield f"{where}:{r['_line']}: open flag on closed municipality {r['nis_code']}"
    c.check("classes: every flag points at a municipality valid for the whole flag period",
            coverage())

    def counts():
        for day in ("2024-12-31", "2025-01-01"):
            live = [r for r in classes if valid_on(r, day)]
            got = Counter(r["class"] for r in live)
            for cls, want in EXPECTED_CLASS_COUNTS.items():
                if got[cls] != want:
                    yield f"{day}: {got[cls]} {cls}, expected {want}"
            dup = [k for k, n in Counter((r["nis_code"], r["class"]) for r in live).items()
                   if n > 1]
            if dup:
                yield f"{day}: duplicate flags {dup}"
    c.check("classes: 2 grootstad, 13 centrumstad, 21 provinciale_stad, 10 kustgemeente, "
            "19 vlaamse_rand, 12 faciliteitengemeente on 2024-12-31 and 2025-01-01", counts())


def check_bbc(c, accounts, policy, external, sectors, bbc_dir):
    c.check("bbc accounts: 369 rows, numbered 1..369",
            [] if [int(r["row"]) for r in accounts] == list(range(1, 370))
            else [f"{len(accounts)} rows"])

    def account_rows():
        for r in accounts:
            loc = f"{bbc_dir}/accounts_bbc2020.csv:{r['_line']}"
            if r["side"] not in ("U", "O", "U/O"):
                yield f"{loc}: side '{r['side']}'"
            if r["version"] != "BBC2020" or "bbc-spec.md Appendix A" not in r["source"]:
                yield f"{loc}: version/source"
            first, last = r["range_first"], r["range_last"]
            if not (first.isdigit() and last.isdigit() and len(first) == len(last)
                    and first <= last):
                yield f"{loc}: bad range {first}..{last}"
            if "/" not in r["account_code"] and first != r["account_code"]:
                yield f"{loc}: single code {r['account_code']} but range {first}..{last}"
            if r["t2_rubric_code"] and not re.fullmatch(
                    r"[IVX]+\.[A-Z](\.\d+(\.[a-z])?)?", r["t2_rubric_code"]):
                yield f"{loc}: T2 rubric code '{r['t2_rubric_code']}'"
        # Expanded, every account code must land in one rubric per (section, side).
        expanded = Counter()
        for r in accounts:
            first, last = int(r["range_first"]), int(r["range_last"])
            width = len(r["range_first"])
            for n in range(first, last + 1):
                expanded[(r["section"], r["side"], str(n).zfill(width))] += 1
        for k, n in expanded.items():
            if n > 1:
                yield f"account {k[2]} appears {n} times under ({k[0]}, {k[1]})"
    c.check("bbc accounts: sides, rubric codes, ranges, version, source; expanded codes "
            "unique per (section, side)", account_rows())

    c.check("bbc policy fields: 144 rows with unique 4-digit codes",
            [] if len(policy) == 144 and len({r["policy_field_code"] for r in policy}) == 144
            and all(re.fullmatch(r"\d{4}", r["policy_field_code"]) for r in policy)
            else [f"{len(policy)} rows, "
                  f"{len({r['policy_field_code'] for r in policy})} unique codes"])

    def policy_rows():
        for r in policy:
            loc = f"{bbc_dir}/policy_fields_bbc2020.csv:{r['_line']}"
            if not r["policy_field_code"].startswith("0" + r["domain_code"]):
                yield f"{loc}: {r['policy_field_code']} not in domain {r['domain_code']}"
            if r["seen_in"] not in ("M", "P", "M+P"):
                yield f"{loc}: seen_in '{r['seen_in']}'"
            if r["version"] != "BBC2020" or "bbc-spec.md Appendix B" not in r["source"]:
                yield f"{loc}: version/source"
    c.check("bbc policy fields: domain prefix, seen_in, version, source", policy_rows())

    def reference_rows():
        known_fields = {r["policy_field_code"] for r in policy}
        known_sectors = {r["code"] for r in sectors}
        known_accounts = {r["account_code"] for r in accounts}
        yield from field_problems(external, f"{bbc_dir}/external_codes.csv")
        yield from field_problems(sectors, f"{bbc_dir}/sector_codes.csv")
        for r in external:
            if r["expected_account"] and r["expected_account"] not in known_accounts:
                yield f"external code {r['code']}: unknown account {r['expected_account']}"
            if r["expected_policy_field"] and r["expected_policy_field"] not in known_fields:
                yield f"external code {r['code']}: unknown policy field {r['expected_policy_field']}"
            if r["expected_sector_code"] and r["expected_sector_code"] not in known_sectors:
                yield f"external code {r['code']}: unknown sector code {r['expected_sector_code']}"
        dup = [k for k, n in Counter(r["code"] for r in external).items() if n > 1]
        if dup:
            yield f"duplicate external codes {dup}"
    c.check("bbc external and sector codes: formats, references resolve", reference_rows())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo-root", default=str(HERE.parent.parent))
    args = ap.parse_args()
    root = Path(args.repo_root)
    ref, bbc = root / "data/reference", root / "data/bbc"
    munis = read_csv(ref / "municipalities.csv", MUNI_HEADER)
    mergers = read_csv(ref / "municipality_mergers.csv", MERGER_HEADER)
    classes = read_csv(ref / "municipality_classes.csv", CLASS_HEADER)
    c = Checker()
    check_municipalities(c, munis, "municipalities.csv")
    check_arrondissements(c, munis,
                          read_csv(ref / "arrondissements.csv", ARRONDISSEMENT_HEADER),
                          "arrondissements.csv")
    check_mergers(c, munis, mergers, "municipality_mergers.csv")
    check_classes(c, munis, classes, "municipality_classes.csv")
    if (bbc / "accounts_bbc2020.csv").exists():
        check_bbc(c,
                  read_csv(bbc / "accounts_bbc2020.csv", ACCOUNT_HEADER),
                  read_csv(bbc / "policy_fields_bbc2020.csv", POLICY_HEADER),
                  read_csv(bbc / "external_codes.csv", EXTERNAL_HEADER),
                  read_csv(bbc / "sector_codes.csv", SECTOR_HEADER),
                  "data/bbc")
    else:
        c.check("bbc code lists present", [f"{bbc}/accounts_bbc2020.csv missing"])
    print(f"refdata: {c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
