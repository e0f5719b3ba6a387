#!/usr/bin/env python3
"""Extract the BBC 2020 code lists in data/bbc/ from bbc-spec.md.

- accounts_bbc2020.csv      from Appendix A (budgettaire algemene rekeningen, T2 rubric)
- policy_fields_bbc2020.csv from Appendix B (beleidsvelden with ABB grouping)
- external_codes.csv        from §4.3 (externe rapporteringscodes named in the spec)
- sector_codes.csv          from §1.8 (economische sectorcodes named in the spec)

Range codes such as `600/4` stay one row (as in the source) and get their expanded
bounds in range_first/range_last, so the row count matches the appendix.

Usage: python3 tools/refdata/extract_bbc.py [--spec PATH] [--repo-root DIR]
"""

import argparse
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# shared/ sits beside the repository checkout (as in CI).
DEFAULT_SPEC = HERE.parent.parent.parent / "shared/design/notes/bbc-spec.md"
VERSION = "BBC2020"
EXPECTED_ACCOUNTS = 369
EXPECTED_POLICY_FIELDS = 144

ACCOUNT_HEADER = ["row", "section", "side", "t2_rubric_code", "t2_rubric_label",
                  "account_code", "range_first", "range_last", "description", "version",
                  "source"]
POLICY_HEADER = ["domain_code", "domain_label", "subdomain_code", "subdomain_label",
                 "policy_field_code", "policy_field_name", "seen_in", "version", "source"]
EXTERNAL_HEADER = ["code", "label", "issuer", "subsidy", "expected_account",
                   "expected_policy_field", "expected_sector_code", "valid_from", "valid_to",
                   "source", "confidence"]
SECTOR_HEADER = ["code", "label", "source", "confidence"]

# T2 rubric such as "I.A.2.b. Vast benoemd ..." or "II.F. Bijdragen ...".
# The source writes one rubric as "II.A.1. a. Ontvangsten ..."; the space is dropped.
RUBRIC = re.compile(r"^((?:[IVX]+)\.(?:[A-Z]\.)?(?:\d+\.)?(?: ?[a-z]\.)?)\s+(.+)$")
SEEN_IN_SOURCES = {"M": "[S50]", "P": "[S53]", "M+P": "[S50] [S53]"}

LEKP = "Subsidie voor klimaatacties ter uitvoering van het Lokaal Energie- en Klimaatpact (LEKP)"
LSB = "Lokaal sociaal beleid (Vlaamse beleidsprioriteit Welzijn)"
EXTERNAL_CODES = [
    ["ABB-LEKP-2021", "LEKP, ronde 2021", "Agentschap Binnenlands Bestuur", LEKP,
     "7405/9", "0350", "300", "", "", "bbc-spec.md §4.3 [S12] [S34]", "confirmed"],
    ["ABB-LEKP-2022", "LEKP, ronde 2022", "Agentschap Binnenlands Bestuur", LEKP,
     "7405/9", "0350", "300", "", "", "bbc-spec.md §4.3 [S12] [S34]", "confirmed"],
    ["ABB-LEKP-2023", "LEKP, ronde 2023", "Agentschap Binnenlands Bestuur", LEKP,
     "7405/9", "0350", "300", "", "", "bbc-spec.md §4.3 [S12] [S34]", "confirmed"],
    ["WVG100", "", "Departement Welzijn, Volksgezondheid en Gezin", LSB,
     "", "", "", "", "", "bbc-spec.md §4.3 [S31]", "confirmed"],
    ["WVG100/1", "", "Departement Welzijn, Volksgezondheid en Gezin", LSB,
     "", "", "", "", "", "bbc-spec.md §4.3 [S31]", "confirmed"],
    ["WVG100/11", "", "Departement Welzijn, Volksgezondheid en Gezin", LSB,
     "", "", "", "", "", "bbc-spec.md §4.3 [S31]", "confirmed"],
    ["WVG100/12", "", "Departement Welzijn, Volksgezondheid en Gezin", LSB,
     "", "", "", "", "", "bbc-spec.md §4.3 [S31]", "confirmed"],
    ["WVG100/2", "", "Departement Welzijn, Volksgezondheid en Gezin", LSB,
     "", "", "", "", "", "bbc-spec.md §4.3 [S31]", "confirmed"],
    ["WVG200", "", "Departement Welzijn, Volksgezondheid en Gezin", LSB,
     "", "", "", "", "", "bbc-spec.md §4.3 [S31]", "confirmed"],
    ["WVG200/1", "Sociaal Huis", "Departement Welzijn, Volksgezondheid en Gezin", LSB,
     "", "", "", "", "", "bbc-spec.md §4.3 [S31]", "confirmed"],
    ["WVG200/2", "Geïntegreerd Breed Onthaal (GBO)",
     "Departement Welzijn, Volksgezondheid en Gezin", LSB,
     "", "", "", "", "", "bbc-spec.md §4.3 [S31]", "confirmed"],
    # Deelrapportagecodes of the VBP 2020-2025, from a third-party article; the source
    # does not expand them, so the label stays empty.
    ["LWB", "", "", "Vlaamse beleidsprioriteiten 2020-2025", "", "", "",
     "2020-01-01", "2025-12-31", "bbc-spec.md §4.3 [S39] (third-party)", "unconfirmed"],
    ["LSB", "", "", "Vlaamse beleidsprioriteiten 2020-2025", "", "", "",
     "2020-01-01", "2025-12-31", "bbc-spec.md §4.3 [S39] (third-party)", "unconfirmed"],
    ["TWE", "", "", "Vlaamse beleidsprioriteiten 2020-2025", "", "", "",
     "2020-01-01", "2025-12-31", "bbc-spec.md §4.3 [S39] (third-party)", "unconfirmed"],
    ["GBO", "", "", "Vlaamse beleidsprioriteiten 2020-2025", "", "", "",
     "2020-01-01", "2025-12-31", "bbc-spec.md §4.3 [S39] (third-party)", "unconfirmed"],
]

SECTOR_CODES = [
    ["100", "Federale overheid", "bbc-spec.md §1.8 [S11]", "confirmed"],
    ["300", "Vlaamse overheid", "bbc-spec.md §1.8 [S12]", "confirmed"],
    ["600", "", "bbc-spec.md §1.8 [S55] (seen in exports, meaning not given)", "unconfirmed"],
    ["700", "", "bbc-spec.md §1.8 [S55] (seen in exports, meaning not given)", "unconfirmed"],
]


def section_lines(text, heading):
    """Lines of the markdown section that starts with `heading`, up to the next ## heading."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(heading)), None)
    if start is None:
        sys.exit(f"heading '{heading}' not found in the spec")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
               len(lines))
    return [(i + 1, lines[i]) for i in range(start, end)]


def table_cells(line):
    return [re.sub(r"\s+", " ", c).strip() for c in line.strip().strip("|").split("|")]


def expand_range(code):
    """`600/4` -> ('600', '604'); `6100/2` -> ('6100', '6102'); `7405` -> ('7405', '7405')."""
    if "/" not in code:
        return code, code
    head, tail = code.split("/")
    if not (head.isdigit() and tail.isdigit() and len(tail) < len(head)):
        sys.exit(f"cannot expand account range '{code}'")
    last = head[: len(head) - len(tail)] + tail
    if last < head:
        sys.exit(f"account range '{code}' runs backwards")
    return head, last


def extract_accounts(text):
    rows = []
    for lineno, line in section_lines(text, "## Appendix A"):
        if not re.match(r"^\| \d+ \|", line):
            continue
        cells = table_cells(line)
        if len(cells) != 6:
            sys.exit(f"bbc-spec.md:{lineno}: {len(cells)} cells, expected 6")
        num, section, side, rubric, code, description = cells
        code = code.strip("`")
        if rubric == "-":
            rubric_code, rubric_label = "", ""
        else:
            m = RUBRIC.match(rubric)
            if not m:
                sys.exit(f"bbc-spec.md:{lineno}: cannot split T2 rubric '{rubric}'")
            rubric_code = m.group(1).replace(" ", "").rstrip(".")
            rubric_label = m.group(2)
        first, last = expand_range(code)
        rows.append([num, section, side, rubric_code, rubric_label, code, first, last,
                     description, VERSION, f"bbc-spec.md Appendix A #{num} [S52]"])
    return rows


def split_label(cell, lineno):
    m = re.match(r"^(\d+(?:/\d+)?) (.+)$", cell)
    if not m:
        sys.exit(f"bbc-spec.md:{lineno}: cannot split code and label in '{cell}'")
    return m.group(1), m.group(2)


def extract_policy_fields(text):
    rows = []
    for lineno, line in section_lines(text, "## Appendix B"):
        if not re.match(r"^\| \d ", line):
            continue
        cells = table_cells(line)
        if len(cells) != 5:
            sys.exit(f"bbc-spec.md:{lineno}: {len(cells)} cells, expected 5")
        domain, subdomain, code, name, seen_in = cells
        domain_code, domain_label = split_label(domain, lineno)
        sub_code, sub_label = split_label(subdomain, lineno)
        if seen_in not in SEEN_IN_SOURCES:
            sys.exit(f"bbc-spec.md:{lineno}: unknown source marker '{seen_in}'")
        rows.append([domain_code, domain_label, sub_code, sub_label, code.strip("`"), name,
                     seen_in, VERSION,
                     f"bbc-spec.md Appendix B {SEEN_IN_SOURCES[seen_in]}"])
    return rows


def write_csv(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--spec", default=str(DEFAULT_SPEC))
    ap.add_argument("--repo-root", default=str(HERE.parent.parent))
    args = ap.parse_args()
    text = Path(args.spec).read_text(encoding="utf-8")
    accounts = extract_accounts(text)
    policy = extract_policy_fields(text)
    if len(accounts) != EXPECTED_ACCOUNTS:
        sys.exit(f"Appendix A has {len(accounts)} rows, expected {EXPECTED_ACCOUNTS}")
    if len(policy) != EXPECTED_POLICY_FIELDS:
        sys.exit(f"Appendix B has {len(policy)} rows, expected {EXPECTED_POLICY_FIELDS}")
    out = Path(args.repo_root) / "data/bbc"
    write_csv(out / "accounts_bbc2020.csv", ACCOUNT_HEADER, accounts)
    write_csv(out / "policy_fields_bbc2020.csv", POLICY_HEADER, policy)
    write_csv(out / "external_codes.csv", EXTERNAL_HEADER, EXTERNAL_CODES)
    write_csv(out / "sector_codes.csv", SECTOR_HEADER, SECTOR_CODES)
    print(f"accounts: {len(accounts)}, policy fields: {len(policy)}, "
          f"external codes: {len(EXTERNAL_CODES)}, sector codes: {len(SECTOR_CODES)}")


if __name__ == "__main__":
    main()
