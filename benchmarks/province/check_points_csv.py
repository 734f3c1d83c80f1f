#!/usr/bin/env python3
"""Do two point-answer CSVs agree? (stdlib only)

Usage:
    python3 benchmarks/province/check_points_csv.py LEFT.csv RIGHT.csv [--names left,right]

LEFT is in peers.py's CSV_HEADER columns (id,units,redLines,dMain,dImportant,dTributary,bands).
RIGHT is either the same kind of file, compared by compare.py's rules (same codes, distances
within 0.1 m, same bands), or the site table of `zonescreen screen --format csv` (zh or en
headers), compared on what it holds: the same unit and red-line codes, the distance to the nearest
干流 and to the nearest 支流 of either class (min of dImportant and dTributary) within 0.1 m, and
no error. Prints one line with the number of sites, disagreements and the largest distance
difference, then the first disagreeing sites. Exit status 1 when they disagree. end-to-end uses it.
"""
import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import DISTANCE_TOLERANCE_M, SHOWN_DISAGREEMENTS, PairReport, read_answers  # noqa: E402

# The columns of ZoneScreen's site table (Sources/zonescreen/Output/TableRows.swift), zh and en.
ZONESCREEN_COLUMNS = {
    "id": ("站点编号", "siteId"),
    "units": ("所在管控单元", "controlUnits"),
    "redLines": ("涉及生态保护红线", "redLines"),
    "dMain": ("距干流_米", "mainStreamDistanceMetres"),
    "dTributary": ("距支流_米", "tributaryDistanceMetres"),
    "error": ("错误", "error"),
}


def is_zonescreen_table(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), [])
    return "站点编号" in header or "siteId" in header


def read_zonescreen_table(path):
    """id -> {"units": set, "redLines": set, "dMain": float|None, "dTributary": float|None, "error": str}."""
    answers = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        column = {key: next(name for name in names if name in reader.fieldnames)
                  for key, names in ZONESCREEN_COLUMNS.items()}
        for row in reader:
            def distance(key):
                return float(row[column[key]]) if row[column[key]] else None
            answers[row[column["id"]]] = {
                "units": set(filter(None, row[column["units"]].split(";"))),
                "redLines": set(filter(None, row[column["redLines"]].split(";"))),
                "dMain": distance("dMain"), "dTributary": distance("dTributary"),
                "error": row[column["error"]],
            }
    return answers


def compare_with_zonescreen(peer_path, zonescreen_path, names):
    peer, zonescreen = read_answers(peer_path), read_zonescreen_table(zonescreen_path)
    disagreements, largest = [], 0.0
    for site_id in list(peer) + [site_id for site_id in zonescreen if site_id not in peer]:
        if site_id not in peer or site_id not in zonescreen:
            disagreements.append((site_id, [f"no row in {names[0] if site_id not in peer else names[1]}"]))
            continue
        left, right = peer[site_id], zonescreen[site_id]
        reasons = [f"error in {names[1]}: {right['error']}"] if right["error"] else []
        for layer in ("units", "redLines"):
            if set(left[layer]) != right[layer]:
                reasons.append(f"{layer}: {';'.join(sorted(left[layer]))} vs {';'.join(sorted(right[layer]))}")
        tributaries = [d for d in (left["dImportant"], left["dTributary"]) if d is not None]
        for label, a, b in (("dMain", left["dMain"], right["dMain"]),
                            ("dTributary", min(tributaries) if tributaries else None, right["dTributary"])):
            if (a is None) != (b is None):
                reasons.append(f"{label}: {a} vs {b}")
            elif a is not None:
                largest = max(largest, abs(a - b))
                if abs(a - b) > DISTANCE_TOLERANCE_M:
                    reasons.append(f"{label}: {a:.3f} vs {b:.3f} m")
        if reasons:
            disagreements.append((site_id, reasons))
    print(f"points  {names[0]} vs {names[1]}: {len(zonescreen)} sites, {len(disagreements)} disagree "
          f"(units, red lines, nearest 干流 and 支流 distance; max |Δd| {largest:.4f} m)")
    for site_id, reasons in disagreements[:SHOWN_DISAGREEMENTS]:
        print(f"    {site_id}: " + "; ".join(reasons))
    if len(disagreements) > SHOWN_DISAGREEMENTS:
        print(f"    ... and {len(disagreements) - SHOWN_DISAGREEMENTS} more")
    return not disagreements and zonescreen


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("left", help="answers in peers.py's CSV columns")
    parser.add_argument("right", help="the same kind of file, or zonescreen's --format csv site table")
    parser.add_argument("--names", default="left,right", help="two names for the report, comma-separated")
    arguments = parser.parse_args()
    names = arguments.names.split(",", 1)
    if is_zonescreen_table(arguments.right):
        sys.exit(0 if compare_with_zonescreen(arguments.left, arguments.right, names) else 1)
    report = PairReport("points", names[0], names[1])
    report.compare(read_answers(arguments.left), read_answers(arguments.right))
    print(report.summary_line())
    for line in report.details():
        print(line)
    sys.exit(1 if report.disagreements or report.sites == 0 else 0)


if __name__ == "__main__":
    main()
