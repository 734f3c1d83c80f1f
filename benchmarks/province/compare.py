#!/usr/bin/env python3
"""Agreement check and speed table for the province benchmark (stdlib only).

Usage:
    python3 benchmarks/province/compare.py --out .build-province/results/province

Reads from --out the answers <tool>-points.csv and <tool>-parcels.csv of zonescreen, geopandas
and postgis, and zonescreen-figures.json (one tool object) and peers-figures.json ({"tools": [...]}).
Tools whose files are missing are named and skipped.

Agreement, per site, for each pair of tools:
  * the same unit codes and red-line codes (for parcels, the same codes with an area > 0; a code
    that only one tool lists, e.g. a sliver, is a disagreement and is listed apart);
  * areas within 0.01 % relative. The CSVs print 3 decimals, so two equal areas may differ by
    one unit in the last place after rounding: a difference of at most 0.001 m² also agrees;
  * distances within 0.1 m (an empty distance must be empty in both);
  * the same shorelineBands rule ids.
Prints one line per pair and kind, then the first 10 disagreeing sites. Then a markdown table of the
figures, also written to <out>/summary.md: points, parcels (single-threaded first, then any
multi-threaded figure or variant: GeoPandas's "full report" is put against ZoneScreen's full result),
load and index build, with how many times faster ZoneScreen is (below 1: slower), then the peers'
bank-line piece-size sweeps. Figures under other names (ZoneScreen's
extra measurements) follow, without ratios. Exit status 1 when any pair disagrees.
"""
import argparse
import csv
import json
import sys
from pathlib import Path

TOOLS = ["zonescreen", "geopandas", "postgis"]
DISPLAY = {"zonescreen": "ZoneScreen", "geopandas": "GeoPandas", "postgis": "PostGIS"}
KINDS = ["points", "parcels"]
DISTANCE_FIELDS = ["dMain", "dImportant", "dTributary"]
DISTANCE_TOLERANCE_M = 0.1
AREA_RELATIVE_TOLERANCE = 1e-4
AREA_PRINT_RESOLUTION_M2 = 0.001  # 3 decimals: equal areas may round one unit apart
AREA_REPORT_RELATIVE = 1e-6       # reported, not a failure
SHOWN_DISAGREEMENTS = 10


# -------------------------------------------------------------------------------------------- input
def read_answers(path):
    """id -> {"units": {code: area or None}, "redLines": ..., distances..., "bands": tuple}, in file order."""
    def zones(field):
        entries = {}
        for item in filter(None, field.split(";")):
            code, _, area = item.partition("=")
            entries[code] = float(area) if area else None
        return entries

    answers = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            answers[row["id"]] = {
                "units": zones(row["units"]),
                "redLines": zones(row["redLines"]),
                **{field: float(row[field]) if row[field] else None for field in DISTANCE_FIELDS},
                "bands": tuple(filter(None, row["bands"].split(";"))),
            }
    return answers


def read_figures(out):
    """tool -> tool object ({"tool", "versions", "figures"}) from both figure files."""
    tools = {}
    zonescreen = out / "zonescreen-figures.json"
    if zonescreen.exists():
        tools["zonescreen"] = json.loads(zonescreen.read_text(encoding="utf-8"))
    peers = out / "peers-figures.json"
    if peers.exists():
        for tool in json.loads(peers.read_text(encoding="utf-8"))["tools"]:
            tools[tool["tool"].lower()] = tool
    return tools


# ---------------------------------------------------------------------------------------- agreement
class PairReport:
    """Agreement of two tools on one site file."""

    def __init__(self, kind, left, right):
        self.kind, self.left, self.right = kind, left, right
        self.sites = 0
        self.disagreements = []       # (site id, [reasons])
        self.max_distance_difference = 0.0
        self.areas_compared = 0
        self.areas_over_report = 0    # relative difference > AREA_REPORT_RELATIVE
        self.max_area_relative = 0.0
        self.one_sided = []           # (site id, layer, code, tool that has it, area)

    def compare(self, left_answers, right_answers):
        site_ids = list(left_answers) + [site_id for site_id in right_answers if site_id not in left_answers]
        for site_id in site_ids:
            if site_id not in left_answers or site_id not in right_answers:
                missing = self.left if site_id not in left_answers else self.right
                self.disagreements.append((site_id, [f"no row in {missing}"]))
                continue
            self.sites += 1
            reasons = self._compare_site(site_id, left_answers[site_id], right_answers[site_id])
            if reasons:
                self.disagreements.append((site_id, reasons))

    def _compare_site(self, site_id, left, right):
        reasons = []
        for layer in ("units", "redLines"):
            left_zones, right_zones = left[layer], right[layer]
            for code in sorted(set(left_zones) ^ set(right_zones)):
                owner, other = (self.left, left_zones) if code in left_zones else (self.right, right_zones)
                self.one_sided.append((site_id, layer, code, owner, other[code]))
                area = "" if other[code] is None else f" ({other[code]:.3f} m²)"
                reasons.append(f"{layer} {code} only in {owner}{area}")
            for code in sorted(set(left_zones) & set(right_zones)):
                a, b = left_zones[code], right_zones[code]
                if a is None and b is None:
                    continue
                if a is None or b is None:
                    reasons.append(f"{layer} {code}: area in one tool only")
                    continue
                self.areas_compared += 1
                difference = abs(a - b)
                relative = difference / max(abs(a), abs(b)) if max(abs(a), abs(b)) > 0 else 0.0
                self.max_area_relative = max(self.max_area_relative, relative)
                if relative > AREA_REPORT_RELATIVE:
                    self.areas_over_report += 1
                if relative > AREA_RELATIVE_TOLERANCE and difference > AREA_PRINT_RESOLUTION_M2:
                    reasons.append(f"{layer} {code}: {a:.3f} vs {b:.3f} m² (relative {relative:.2e})")
        for field in DISTANCE_FIELDS:
            a, b = left[field], right[field]
            if a is None or b is None:
                if (a is None) != (b is None):
                    reasons.append(f"{field}: {a} vs {b}")
                continue
            difference = abs(a - b)
            self.max_distance_difference = max(self.max_distance_difference, difference)
            if difference > DISTANCE_TOLERANCE_M:
                reasons.append(f"{field}: {a:.3f} vs {b:.3f} m")
        if left["bands"] != right["bands"]:
            reasons.append(f"bands: {';'.join(left['bands']) or '-'} vs {';'.join(right['bands']) or '-'}")
        return reasons

    def summary_line(self):
        line = (f"{self.kind:<7} {self.left} vs {self.right}: {self.sites} sites, "
                f"{len(self.disagreements)} disagree (max |Δd| {self.max_distance_difference:.4f} m")
        if self.kind == "parcels":
            line += (f"; {self.areas_compared} areas, {self.areas_over_report} differ > "
                     f"{AREA_REPORT_RELATIVE:g} relative, max relative {self.max_area_relative:.1e}; "
                     f"{len(self.one_sided)} one-sided")
            if self.one_sided:
                largest = max((entry[4] or 0.0) for entry in self.one_sided)
                line += f" (largest {largest:.3f} m²)"
        return line + ")"

    def details(self):
        lines = []
        for site_id, reasons in self.disagreements[:SHOWN_DISAGREEMENTS]:
            lines.append(f"    {site_id}: " + "; ".join(reasons))
        if len(self.disagreements) > SHOWN_DISAGREEMENTS:
            lines.append(f"    ... and {len(self.disagreements) - SHOWN_DISAGREEMENTS} more")
        return lines


# ------------------------------------------------------------------------------------------- table
VARIANT_LABELS = {"fullReport": "GeoPandas full report vs ZoneScreen full result"}
# A peer's variant is compared with this ZoneScreen figure instead of ZoneScreen's main one: the
# GeoPandas "full report" (spatial answers + each site's clause ids) with ZoneScreen's full result
# (lists, rules, verdict, reasons), which does more.
ZONESCREEN_FIGURE_FOR_VARIANT = {"fullReport": "{kind}FullResult"}


def find_figure(tool, name, threads=1, variant=None):
    """A tool's figure by name, thread count and variant (None: the tool's main figure)."""
    for entry in tool.get("figures", []) if tool else []:
        if (entry["name"] == name and entry.get("threads", 1) == threads
                and entry.get("variant") == variant):
            return entry
    return None


def speed_cell(entry):
    if entry is None:
        return "—"
    return f"{entry['sitesPerSecond']:,.0f} sites/s · {entry['nsPerSite']:,.0f} ns/site"


def seconds_cell(entry):
    if entry is None:
        return "—"
    seconds = entry["seconds"]
    cell = f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.1f} ms"
    if entry.get("bytes"):
        size = entry["bytes"]
        cell += f" · {size / 1e6:,.1f} MB" if size >= 1e6 else f" · {size / 1e3:,.0f} kB"
    return cell


def ratio_cell(zonescreen, other, speed):
    """How many times faster ZoneScreen is (sites/s ratio, or the inverse ratio of seconds)."""
    if zonescreen is None or other is None:
        return "—"
    if speed:
        ratio = zonescreen["sitesPerSecond"] / other["sitesPerSecond"]
    else:
        if zonescreen["seconds"] <= 0:
            return "—"
        ratio = other["seconds"] / zonescreen["seconds"]
    return f"{ratio:.2f}×"


def figures_table(tools):
    header = ["", "ZoneScreen", "GeoPandas", "PostGIS", "ZoneScreen/GeoPandas", "ZoneScreen/PostGIS"]
    rows = []
    # Per kind: the single-threaded main figures first, then every multi-threaded figure or variant
    # one of the tools reported. A variant is compared with ZoneScreen's main figure.
    for name in KINDS:
        keys = sorted({(entry.get("threads", 1), entry.get("variant") or "") for tool in tools.values()
                       for entry in tool.get("figures", []) if entry["name"] == name} | {(1, "")})
        for threads, variant in keys:
            entries = {key: find_figure(tools.get(key), name, threads, variant or None) for key in TOOLS}
            zonescreen_name = ZONESCREEN_FIGURE_FOR_VARIANT.get(variant, "{kind}").format(kind=name)
            zonescreen = find_figure(tools.get("zonescreen"), zonescreen_name, threads)
            if variant in ZONESCREEN_FIGURE_FOR_VARIANT:
                entries["zonescreen"] = zonescreen
            label = name + ("" if threads == 1 else f", {threads} threads")
            if variant:
                label += f", {VARIANT_LABELS.get(variant, variant)}"
            rows.append([label] + [speed_cell(entries[key]) for key in TOOLS]
                        + [ratio_cell(zonescreen, entries[key], True) for key in ("geopandas", "postgis")])
    for name, label in (("load", "load"), ("indexBuild", "index build")):
        entries = {key: find_figure(tools.get(key), name) for key in TOOLS}
        rows.append([label] + [seconds_cell(entries[key]) for key in TOOLS]
                    + [ratio_cell(entries["zonescreen"], entries[key], False) for key in ("geopandas", "postgis")])
    # Any other figure a tool reports (e.g. ZoneScreen's bare point-in-polygon) gets a row of its
    # own, without ratios: the peers have no such figure to compare with.
    known = set(KINDS) | {"load", "indexBuild"} | {
        pattern.format(kind=kind) for pattern in ZONESCREEN_FIGURE_FOR_VARIANT.values() for kind in KINDS}
    extra = []
    for key in TOOLS:
        for entry in tools.get(key, {}).get("figures", []):
            label = entry["name"] + ("" if entry.get("threads", 1) == 1 else f", {entry['threads']} threads")
            if entry["name"] not in known and label not in extra:
                extra.append(label)
                cells = {other: "—" for other in TOOLS}
                cells[key] = speed_cell(entry) if "sitesPerSecond" in entry else seconds_cell(entry)
                rows.append([label] + [cells[other] for other in TOOLS] + ["—", "—"])
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["--:"] * (len(header) - 1)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def sweep_table(tools):
    """The peers' piece-size sweeps (seconds for the nearest-line step of all sites, three river
    classes): one row per tool and workload, one column per size."""
    rows, sizes = [], set()
    for key in ("geopandas", "postgis"):
        for entry in (tools.get(key) or {}).get("sweep", []):
            sizes.add(entry["pieceVertices"])
    sizes = sorted(sizes)
    for key in ("geopandas", "postgis"):
        entries = (tools.get(key) or {}).get("sweep", [])
        for name in dict.fromkeys(entry["name"] for entry in entries):
            by_size = {entry["pieceVertices"]: entry["seconds"] for entry in entries if entry["name"] == name}
            fastest = min(by_size, key=by_size.get)
            cells = [("**{:.2f}**" if size == fastest else "{:.2f}").format(by_size[size]) if size in by_size else "—"
                     for size in sizes]
            rows.append(f"| {DISPLAY[key]} {name} | " + " | ".join(cells) + " |")
    if not rows:
        return []
    return ["| seconds, by piece size (vertices) | " + " | ".join(map(str, sizes)) + " |",
            "|---|" + "--:|" * len(sizes), *rows]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="the folder with the answers and figure files")
    out = Path(parser.parse_args().out)

    answers = {kind: {} for kind in KINDS}
    for tool in TOOLS:
        for kind in KINDS:
            path = out / f"{tool}-{kind}.csv"
            if path.exists():
                answers[kind][tool] = read_answers(path)
            else:
                print(f"{tool}: no {path.name} in {out}; {kind} compared without {DISPLAY[tool]}")
    tools = read_figures(out)
    for tool in TOOLS:
        if tool not in tools:
            print(f"{tool}: no figures for {DISPLAY[tool]} in {out}")

    report_lines, failed = [], False
    for kind in KINDS:
        present = [tool for tool in TOOLS if tool in answers[kind]]
        for i, left in enumerate(present):
            for right in present[i + 1:]:
                pair = PairReport(kind, left, right)
                pair.compare(answers[kind][left], answers[kind][right])
                report_lines.append(pair.summary_line())
                report_lines += pair.details()
                failed |= bool(pair.disagreements)
    if not report_lines:
        print("fewer than two answer sets: nothing to compare")
    print("\n".join(report_lines))

    table = figures_table(tools)
    print()
    print("\n".join(table))
    summary = [f"# Province benchmark: {out}", "", "## Agreement", "",
               f"Tolerances: same codes; areas within {AREA_RELATIVE_TOLERANCE:.2%} relative (or "
               f"{AREA_PRINT_RESOLUTION_M2} m², the CSVs' print resolution); distances within "
               f"{DISTANCE_TOLERANCE_M} m; same bands.", "", "```", *report_lines, "```", "",
               "## Figures", "", "Speed ratios: how many times faster ZoneScreen is. The full-report rows put "
               "ZoneScreen's full result (lists, rules, verdict, reasons) against GeoPandas's full report "
               "(spatial answers + each site's clause ids).", "", *table, ""]
    sweep = sweep_table(tools)
    if sweep:
        summary += ["## Bank-line piece sizes", "", "The nearest-line step alone, all sites, three river classes; "
                    "bold = the size the peer then used.", "", *sweep, ""]
        print()
        print("\n".join(sweep))
    for tool in TOOLS:
        if tool in tools:
            versions = ", ".join(f"{key} {value}" for key, value in tools[tool].get("versions", {}).items()
                                 if "build" not in key)
            summary.append(f"* {DISPLAY[tool]}: {versions}")
            summary += [f"  * {note}" for note in tools[tool].get("notes", [])]
    (out / "summary.md").write_text("\n".join(summary) + "\n", encoding="utf-8")
    print(f"\nwrote {out / 'summary.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
