#!/usr/bin/env python3
"""The province benchmark's peers: the same screening workload in GeoPandas and in PostGIS 3.

Usage:
    python3 benchmarks/province/peers.py --dataset .build-province/province \
        --out .build-province/results/province [--only geopandas|postgis] [--rounds 3]
        [--geopandas-pieces 8,16,32,64,256] [--postgis-pieces 8,16,32,64,256] [--postgis-connections 2]
    python3 benchmarks/province/peers.py --dataset DIR --serve-zoning FOLDER --state FILE --postgis-pieces N

Writes into --out: geopandas-points.csv, geopandas-parcels.csv, postgis-points.csv,
postgis-parcels.csv and peers-figures.json ({"tools": [GeoPandas, PostGIS]}, with each tool's
piece-size sweep). With --only, the other tool's entry already in peers-figures.json is kept.
--serve-zoning (for end-to-end) starts a cluster in FOLDER with the zoning loaded and indexed,
writes its port to FILE and leaves it running.

Bootstrap: run it with any python3. It creates or completes the venv .venv-bench at the repository
root and restarts itself inside it. For PostGIS it installs postgresql-15 and
postgresql-15-postgis-3 with apt-get when they are missing. It runs a private cluster in
.build-province/postgis/ that listens on 127.0.0.1 only, and stops it on exit, even after a failure.

The workload (the same for ZoneScreen, GeoPandas and PostGIS; metric CRS EPSG:4546, planar m and m²):
  points   per point: unit codes and red-line codes whose polygon intersects it; the distance to
           the nearest 干流, 重要支流 and 支流 bank line; the shorelineBands rules of rules.yaml
           whose distance (inclusive) is reached by the nearest bank line of one of its river classes.
  parcels  the same per polygon. Units and red lines carry the overlap area (code=m², only area > 0).
           Distances are polygon-to-line (0 when the parcel touches or crosses the line).
Timed: from the sites in memory in EPSG:4490 to the answers in memory, one per site. The sites'
projection to EPSG:4546 is inside the timed section. Untimed, reported apart: "load" (reading and
projecting the zoning layers) and "indexBuild" (spatial indexes, prepared zones, line pieces). Each
timed workload runs --rounds times; the best round is kept.

Both peers are tuned as an expert would tune them (benchmarks/province/README.md has the figures):

GeoPandas / shapely 2 (one process, no Python loop over sites): zones prepared once at load; points
by one STRtree on the points queried with every prepared zone (sjoin(predicate="within")'s plan,
with "intersects" so a point on a shared boundary answers both units); parcels by the zone tree's
envelopes, the prepared zone's intersects and covers, and one vectorised shapely.intersection only
for the pairs where the zone does not cover the parcel (else the parcel's own area); distances by
one STRtree.query_nearest(all sites, return_distance=True, all_matches=False) per river class on
bank lines cut into short pieces, the size swept (--geopandas-pieces) and the fastest kept per
workload; bands with numpy. The "fullReport" variant adds each site's admission-clause ids: the
touched units merged with the clause table (lists/*.yaml, the units' list text split at its
numbering, unitClassRules) on unit code, class, subclass and all-scope.

PostGIS (one SELECT per workload, postgis_sql.py): the sites projected once in a MATERIALIZED CTE,
then LATERAL subqueries on GiST indexes: points in units ST_Subdivide'd at 256 vertices and in whole
red lines; parcels ST_Area of the parcel where ST_CoveredBy, else of ST_Intersection; per river
class ORDER BY geom <-> site LIMIT 1 over the bank lines ST_Subdivide'd at the swept size
(--postgis-pieces, the fastest kept), ST_Distance for the value. Settings: jit off, shared_buffers
2GB, work_mem 256MB, one core per session. With --postgis-connections 2 the statement also runs
over two sessions at once, each with half the sites (the "2 threads" figure).
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENV = ROOT / ".venv-bench"
VENV_PACKAGES = ["numpy", "pandas", "shapely>=2", "pyproj", "pyogrio", "geopandas>=1", "pyyaml",
                 "psycopg[binary]>=3", "pyarrow"]
APT_PACKAGES = ["postgresql-15", "postgresql-15-postgis-3"]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
METRIC_CRS = 4546
SOURCE_CRS = 4490
# The dataset's river classes (dataset.yaml classValues map the layer's own values onto these).
RIVER_CLASSES = ["mainStream", "importantTributary", "tributary"]
CSV_HEADER = "id,units,redLines,dMain,dImportant,dTributary,bands"

T0 = time.time()


def log(message):
    print(f"[{time.time() - T0:7.1f} s] {message}", flush=True)


# ----------------------------------------------------------------------------------------- bootstrap
def ensure_venv():
    """Restart inside .venv-bench, creating it or installing what it lacks first (stdlib only here)."""
    python = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() != VENV.resolve():
        if not python.exists():
            log(f"creating {VENV}")
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])
    try:
        import geopandas, numpy, pandas, psycopg, pyarrow, pyogrio, pyproj, shapely, yaml  # noqa: F401
    except ImportError as error:
        if os.environ.get("PEERS_PIP_DONE"):
            sys.exit(f"peers: {error} even after pip install; see the pip output above")
        log(f"{error}: installing {' '.join(VENV_PACKAGES)} into {VENV}")
        subprocess.run([str(python), "-m", "pip", "install", "-q", *VENV_PACKAGES], check=True)
        os.environ["PEERS_PIP_DONE"] = "1"  # one attempt only: no restart loop when pip cannot help
        os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])


def ensure_apt_packages():
    """Install PostgreSQL 15 and PostGIS 3 with apt-get when missing; silent when present."""
    def installed(package):
        status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                                capture_output=True, text=True).stdout
        return "install ok installed" in status

    missing = [package for package in APT_PACKAGES if not installed(package)]
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    log(f"installing {' '.join(missing)} with apt-get")
    environment = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing]):
        done = subprocess.run(sudo + command, env=environment, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"peers: {' '.join(command)} failed:\n{done.stdout}{done.stderr}")


if __name__ == "__main__":
    ensure_venv()  # before the imports below: they exist only inside .venv-bench

import geopandas  # noqa: E402
import numpy  # noqa: E402
import pandas  # noqa: E402
import psycopg  # noqa: E402
import pyarrow  # noqa: E402
import pyogrio  # noqa: E402
import pyproj  # noqa: E402
import shapely  # noqa: E402
import yaml  # noqa: E402

sys.path.insert(0, str(HERE))
from postgis_sql import RIVER_CLASSES as SQL_RIVER_CLASSES, screening_select  # noqa: E402

assert SQL_RIVER_CLASSES == RIVER_CLASSES


# ------------------------------------------------------------------------------------------ dataset
class Dataset:
    """Paths, field names and shoreline rules of a generated dataset (see make_province.py)."""

    def __init__(self, folder):
        self.folder = Path(folder)
        manifest = yaml.safe_load((self.folder / "dataset.yaml").read_text(encoding="utf-8"))
        layers = manifest["layers"]
        self.units_file = self.folder / layers["controlUnits"]["file"]
        units = layers["controlUnits"]
        self.units_code = units["fields"]["code"]
        self.units_class = units["fields"].get("class")
        self.units_subclass = units["fields"].get("subclass")
        self.units_class_values = {str(key): value for key, value in (units.get("classValues") or {}).items()}
        self.unit_list_fields = units.get("listFields") or {}  # dimension -> field of list text
        self.redlines_file = self.folder / layers["redLines"]["file"]
        self.redlines_code = layers["redLines"]["fields"]["code"]
        self.shorelines_file = self.folder / layers["shorelines"]["file"]
        self.shorelines_class = layers["shorelines"]["fields"]["class"]
        # layer value (干流 ...) -> river class (mainStream ...)
        self.river_class_of = layers["shorelines"]["classValues"]
        rules = yaml.safe_load((self.folder / manifest["rules"]).read_text(encoding="utf-8"))
        # Sorted by id, so a site's band list comes out sorted whichever tool computes it.
        self.bands = sorted(({"id": band["id"], "distance": float(band["distance"]),
                              "rivers": list(band["rivers"])} for band in rules["shorelineBands"]),
                            key=lambda band: band["id"])
        self.unit_class_rules = rules.get("unitClassRules") or []
        # The admission clauses (lists/*.yaml), for GeoPandas's full report.
        self.clauses = [clause for path in manifest.get("clauseFiles", [])
                        for clause in (yaml.safe_load((self.folder / path).read_text(encoding="utf-8")) or {})
                        .get("clauses", [])]
        self.points_file = self.folder / "sites_points.geojson"
        self.parcels_file = self.folder / "sites_parcels.geojson"


def read_sites(path):
    """Sites in input order, in EPSG:4490, with a 0..n-1 index (the answers' row numbers)."""
    sites = pyogrio.read_dataframe(path, columns=["id"], use_arrow=True)
    sites = sites.set_crs(SOURCE_CRS, allow_override=True).reset_index(drop=True)
    return sites[["id", "geometry"]]


# ------------------------------------------------------------------------------------------ answers
class ZonePairs:
    """One layer's answers for all sites: (site row, zone code[, m²]) triples sorted by site, then code."""

    def __init__(self, site, code, area=None):
        self.site, self.code, self.area = site, code, area

    @classmethod
    def from_lists(cls, per_site):
        """From one list per site of codes (points) or of (code, m²) pairs (parcels)."""
        site = numpy.repeat(numpy.arange(len(per_site)), [len(items) for items in per_site])
        flat = [item for items in per_site for item in items]
        if flat and not isinstance(flat[0], str):
            return cls(site, numpy.array([code for code, _ in flat], dtype=object),
                       numpy.array([area for _, area in flat], dtype=float))
        return cls(site, numpy.array(flat, dtype=object))

    def text(self, site_count):
        """';'-joined "code" or "code=m²" per site (the CSV field); '' for none."""
        labels = self.code if self.area is None else self.code + "=" + numpy.char.mod("%.3f", self.area).astype(object)
        text = numpy.full(site_count, "", dtype=object)
        if len(labels):
            joined = pandas.Series(labels).groupby(self.site, sort=True).agg(";".join)
            text[joined.index.to_numpy()] = joined.to_numpy()
        return text


class Answers:
    """One tool's answers for one site file, in input order.

    units / redlines: ZonePairs; distances: river class -> float array (NaN: the class has no line);
    bands: bool matrix, one column per shorelineBands rule in id order; clauses: for GeoPandas's
    full report, (site row, clause number) pairs (not written to the CSVs, which hold the answers
    every tool gives).
    """

    def __init__(self, ids, units, redlines, distances, bands, band_ids, clauses=None):
        self.ids, self.units, self.redlines = ids, units, redlines
        self.distances, self.bands, self.band_ids, self.clauses = distances, bands, band_ids, clauses

    def write_csv(self, path):
        count = len(self.ids)
        frame = pandas.DataFrame({"id": numpy.asarray(self.ids, dtype=object),
                                  "units": self.units.text(count), "redLines": self.redlines.text(count)})
        for river, column in zip(RIVER_CLASSES, ("dMain", "dImportant", "dTributary")):
            frame[column] = self.distances[river]
        bands = pandas.Series("", index=frame.index, dtype=object)
        for column, band_id in enumerate(self.band_ids):
            bands = bands + numpy.where(self.bands[:, column], band_id + ";", "")
        frame["bands"] = bands.str.rstrip(";")
        frame.to_csv(path, index=False, float_format="%.3f", na_rep="", lineterminator="\n")


def figure(name, threads, sites, seconds, **extra):
    return {"name": name, "threads": threads, "sites": sites, "seconds": round(seconds, 6),
            "sitesPerSecond": round(sites / seconds, 1), "nsPerSite": round(seconds / sites * 1e9), **extra}


def best_of(rounds, label, run):
    """Runs `run` `rounds` times; returns (best seconds, the last round's result)."""
    best, result = float("inf"), None
    for round_number in range(1, rounds + 1):
        started = time.perf_counter()
        result = run()
        seconds = time.perf_counter() - started
        best = min(best, seconds)
        log(f"  {label} round {round_number}: {seconds:.3f} s")
    return best, result


# ---------------------------------------------------------------------------------------- GeoPandas
def cut_lines(lines, max_vertices):
    """Line pieces of at most `max_vertices` vertices, neighbours sharing their end vertex, so the
    distance to the nearest piece is the distance to the line. Vectorised: no loop over vertices."""
    parts = shapely.get_parts(numpy.asarray(lines))  # MultiLineStrings into their lines
    coordinates, owner = shapely.get_coordinates(parts, return_index=True)
    counts = numpy.bincount(owner, minlength=len(parts))
    line_start = numpy.cumsum(counts) - counts
    step = max_vertices - 1
    pieces_per_line = numpy.maximum(1, -(-(counts - 1) // step))
    line_of_piece = numpy.repeat(numpy.arange(len(parts)), pieces_per_line)
    index_in_line = numpy.arange(len(line_of_piece)) - numpy.repeat(numpy.cumsum(pieces_per_line) - pieces_per_line,
                                                                    pieces_per_line)
    first = line_start[line_of_piece] + index_in_line * step
    last = numpy.minimum(first + step, line_start[line_of_piece] + counts[line_of_piece] - 1)
    sizes = last - first + 1
    piece_of_vertex = numpy.repeat(numpy.arange(len(first)), sizes)
    offset = numpy.arange(sizes.sum()) - numpy.repeat(numpy.cumsum(sizes) - sizes, sizes)
    return shapely.linestrings(coordinates[first[piece_of_vertex] + offset], indices=piece_of_vertex)


def split_list_text(text):
    """A unit's list text split into clauses at its numbering (① / （1） / (1) / 1. / 1、); text
    without numbering is one clause (docs/dataset-format.md, "Unit-level lists as published")."""
    if not isinstance(text, str) or not text.strip():
        return []
    parts = [part.strip() for part in LIST_NUMBERING.split(text)]
    return [part for part in parts if part]


# A number at the start of the text or after a sentence end: ①-⑳, （1）, (1), 1. / 1． / 1、
LIST_NUMBERING = re.compile(r"(?:^|(?<=[。；;！？\s]))(?:[①-⑳]|[（(]\d{1,2}[）)]|\d{1,2}[.．、](?!\d))")


class ZoneLayer:
    """A zoning layer in the metric CRS: geometries (prepared), codes, the codes' sort rank, an STRtree."""

    def __init__(self, frame, code_field):
        self.geometry = numpy.asarray(frame.geometry.values)
        self.code = frame[code_field].astype(str).to_numpy(dtype=object)
        self.rank = numpy.argsort(numpy.argsort(self.code, kind="stable"), kind="stable")  # zone -> rank of its code
        self.tree = None

    def build(self):
        # Zones are static: prepared once (GEOS builds each polygon's indexed point-in-polygon and
        # segment structures on first use, so one predicate per zone warms them here, untimed).
        shapely.prepare(self.geometry)
        shapely.intersects(self.geometry, shapely.point_on_surface(self.geometry))
        self.tree = shapely.STRtree(self.geometry)


class GeoPandasPeer:
    """The workload as a GIS engineer tunes it in GeoPandas / shapely 2: vectorised STRtree queries,
    prepared static zones, short bank-line pieces with query_nearest, no per-site Python loop."""

    name = "geopandas"

    def __init__(self, dataset):
        self.dataset = dataset
        self.piece_trees = {}  # piece size -> {river class: STRtree or None}
        self.piece_counts = {}
        self.pieces = {"points": None, "parcels": None}  # piece size used per workload

    def versions(self):
        return {"python": sys.version.split()[0], "geopandas": geopandas.__version__,
                "shapely": shapely.__version__, "GEOS": shapely.geos_version_string,
                "pyproj": pyproj.__version__, "PROJ": pyproj.proj_version_str,
                "pandas": pandas.__version__, "numpy": numpy.__version__, "pyogrio": pyogrio.__version__,
                "pyarrow": pyarrow.__version__}

    # -------------------------------------------------------------------------------- untimed: load
    def load(self):
        """Layers read with pyogrio (Arrow), projected once; the clause table for the full report."""
        dataset = self.dataset

        def layer(path, columns):
            frame = pyogrio.read_dataframe(path, columns=columns, use_arrow=True)
            return frame.set_crs(SOURCE_CRS, allow_override=True).to_crs(METRIC_CRS)

        unit_fields = [dataset.units_code, dataset.units_class, dataset.units_subclass,
                       *dataset.unit_list_fields.values()]
        units = layer(dataset.units_file, [field for field in unit_fields if field])
        self.units = ZoneLayer(units, dataset.units_code)
        self.redlines = ZoneLayer(layer(dataset.redlines_file, [dataset.redlines_code]), dataset.redlines_code)
        shorelines = layer(dataset.shorelines_file, [dataset.shorelines_class])
        river_class = shorelines[dataset.shorelines_class].map(dataset.river_class_of).to_numpy()
        self.bank_lines = {river: numpy.asarray(shorelines.geometry.values[river_class == river])
                           for river in RIVER_CLASSES}
        self._load_clauses(units)

    def _load_clauses(self, units):
        """The clause table: one row per (clause, scope key). Kinds: all, class, subclass, unit.

        Clauses of lists/*.yaml with their scope, the units' list text split into clauses (scope:
        that unit), and rules.yaml's unitClassRules (scope: their classes); ids sorted, numbered.
        """
        dataset = self.dataset
        rows = []  # (clause id, kind, key)
        for clause in dataset.clauses:
            scope = clause.get("scope", "all")
            if scope == "all" or not scope:
                rows.append((clause["id"], "all", ""))
                continue
            for kind, field in (("class", "classes"), ("subclass", "subclasses"), ("unit", "units")):
                rows += [(clause["id"], kind, str(key)) for key in scope.get(field, [])]
        for rule in dataset.unit_class_rules:
            rows += [(rule["id"], "class", str(key)) for key in rule.get("classes", [])]
        codes = units[dataset.units_code].astype(str).to_numpy()
        for dimension, field in dataset.unit_list_fields.items():
            for code, text in zip(codes, units[field].to_numpy()):
                rows += [(f"{code}-{dimension}-{n}", "unit", code)
                         for n in range(1, len(split_list_text(text)) + 1)]
        table = pandas.DataFrame(rows, columns=["id", "kind", "key"])
        clause_ids = numpy.sort(table["id"].unique())
        self.clause_ids = clause_ids
        table["clause"] = numpy.searchsorted(clause_ids, table["id"].to_numpy()).astype(numpy.int64)
        self.clause_table = {kind: table.loc[table["kind"] == kind, ["key", "clause"]].reset_index(drop=True)
                             for kind in ("all", "class", "subclass", "unit")}
        # A unit's keys, as the clause table names them (class values via classValues: "1" -> 1).
        class_of = dataset.units_class_values
        self.unit_keys = pandas.DataFrame({
            "unit": numpy.arange(len(units)), "code": codes,
            "class": (units[dataset.units_class].astype(str).map(lambda value: str(class_of.get(value, value)))
                      if dataset.units_class else ""),
            "subclass": units[dataset.units_subclass].astype(str) if dataset.units_subclass else "",
        })
        log(f"  clause table: {len(clause_ids):,} clauses and unit-class rules, {len(table):,} scope rows")

    # -------------------------------------------------------------------------- untimed: indexes
    def build_indexes(self, piece_sizes):
        """Prepared zones and their STRtrees; bank lines cut at each candidate piece size, one
        STRtree per river class and size (the sweep picks the size). Returns None (STRtree memory
        is not exposed)."""
        self.units.build()
        self.redlines.build()
        for size in piece_sizes:
            self.piece_trees[size], self.piece_counts[size] = {}, 0
            for river, lines in self.bank_lines.items():
                if len(lines) == 0:
                    self.piece_trees[size][river] = None
                    continue
                pieces = cut_lines(lines, size)
                self.piece_trees[size][river] = shapely.STRtree(pieces)
                self.piece_counts[size] += len(pieces)
        return None

    # --------------------------------------------------------------------------------------- timed
    def nearest(self, geometries, size):
        """Per river class: metres to the nearest bank-line piece, one vectorised query_nearest.
        all_matches=False: one answer per site even when two pieces are equally near."""
        distances = {}
        for river in RIVER_CLASSES:
            tree = self.piece_trees[size][river]
            per_site = numpy.full(len(geometries), numpy.nan)
            if tree is not None:
                (site_rows, _), found = tree.query_nearest(geometries, return_distance=True, all_matches=False)
                per_site[site_rows] = found
            distances[river] = per_site
        return distances

    def bands(self, distances):
        """Site x shorelineBands rule: reached (d <= distance) by the nearest line of one of its classes."""
        matrix = numpy.zeros((len(distances[RIVER_CLASSES[0]]), len(self.dataset.bands)), dtype=bool)
        for column, band in enumerate(self.dataset.bands):
            nearest = numpy.fmin.reduce([distances[river] for river in band["rivers"]])  # NaN: no line
            matrix[:, column] = nearest <= band["distance"]
        return matrix

    @staticmethod
    def _sorted_pairs(layer, site_rows, zone_rows, areas=None):
        order = numpy.lexsort((layer.rank[zone_rows], site_rows))
        return ZonePairs(site_rows[order], layer.code[zone_rows[order]], None if areas is None else areas[order])

    def _points_in(self, layer, point_tree):
        """(site, zone) pairs of the points in or on each zone. The tree is on the points and each
        prepared zone asks it: sjoin(predicate="within")'s plan, with "intersects" so a point on a
        boundary shared by two units answers both (as ZoneScreen and PostGIS do)."""
        zone_rows, site_rows = point_tree.query(layer.geometry, predicate="intersects")
        return site_rows, zone_rows

    def _overlaps(self, layer, parcels):
        """(site, zone, m²) with m² > 0. Candidates from the zone tree's envelopes, then the prepared
        zone's intersects and covers; a covered parcel's overlap is its own area, the others get one
        vectorised shapely.intersection."""
        site_rows, zone_rows = layer.tree.query(parcels)
        hit = shapely.intersects(layer.geometry[zone_rows], parcels[site_rows])
        site_rows, zone_rows = site_rows[hit], zone_rows[hit]
        covered = shapely.covers(layer.geometry[zone_rows], parcels[site_rows])
        areas = shapely.area(parcels[site_rows])
        cut = ~covered
        areas[cut] = shapely.area(shapely.intersection(parcels[site_rows[cut]], layer.geometry[zone_rows[cut]]))
        keep = areas > 0  # touching only: not an overlap
        return site_rows[keep], zone_rows[keep], areas[keep]

    def screen_points(self, sites, report=False):
        points = numpy.asarray(sites.to_crs(METRIC_CRS).geometry.values)
        point_tree = shapely.STRtree(points)
        unit_sites, unit_rows = self._points_in(self.units, point_tree)
        red_sites, red_rows = self._points_in(self.redlines, point_tree)
        distances = self.nearest(points, self.pieces["points"])
        answers = Answers(sites["id"].to_numpy(), self._sorted_pairs(self.units, unit_sites, unit_rows),
                          self._sorted_pairs(self.redlines, red_sites, red_rows), distances,
                          self.bands(distances), [band["id"] for band in self.dataset.bands])
        if report:
            answers.clauses = self.clauses(unit_sites, unit_rows, len(points))
        return answers

    def screen_parcels(self, sites, report=False):
        parcels = numpy.asarray(sites.to_crs(METRIC_CRS).geometry.values)
        unit_sites, unit_rows, unit_areas = self._overlaps(self.units, parcels)
        red_sites, red_rows, red_areas = self._overlaps(self.redlines, parcels)
        distances = self.nearest(parcels, self.pieces["parcels"])
        answers = Answers(sites["id"].to_numpy(), self._sorted_pairs(self.units, unit_sites, unit_rows, unit_areas),
                          self._sorted_pairs(self.redlines, red_sites, red_rows, red_areas), distances,
                          self.bands(distances), [band["id"] for band in self.dataset.bands])
        if report:
            answers.clauses = self.clauses(unit_sites, unit_rows, len(parcels))
        return answers

    def clauses(self, site_rows, unit_rows, site_count):
        """The full report's extra step: each site's admission clauses, (site, clause number) pairs
        sorted by site and clause id, without repeats.

        1. The touched units (numpy.unique) are merged with the clause table on each scope kind:
           unit code, class, subclass, and the all-scope clauses (a cross merge).
        2. Each (site, unit) pair takes its unit's clause range (numpy repeat / fancy indexing);
           the clauses of sites in more than one unit are sorted and their repeats dropped.
           (numpy.unique was avoided: numpy 2.4 answers it with a hash table, 5 s for 5 M keys.)
        """
        touched = self.unit_keys.iloc[numpy.unique(unit_rows)]
        table = self.clause_table
        per_unit = pandas.concat([
            touched.merge(table["unit"], left_on="code", right_on="key")[["unit", "clause"]],
            touched.merge(table["class"], left_on="class", right_on="key")[["unit", "clause"]],
            touched.merge(table["subclass"], left_on="subclass", right_on="key")[["unit", "clause"]],
            touched[["unit"]].merge(table["all"][["clause"]], how="cross"),
        ]).drop_duplicates().sort_values(["unit", "clause"])
        unit_of = per_unit["unit"].to_numpy()
        clause_of = per_unit["clause"].to_numpy()
        # The (site, unit) pairs in site order; then each pair's clause range [start, end).
        order = numpy.argsort(site_rows, kind="stable")
        site_rows, unit_rows = site_rows[order], unit_rows[order]
        start = numpy.searchsorted(unit_of, unit_rows, side="left")
        lengths = numpy.searchsorted(unit_of, unit_rows, side="right") - start
        pair_of_entry = numpy.repeat(numpy.arange(len(unit_rows)), lengths)
        offsets = numpy.arange(lengths.sum()) - numpy.repeat(numpy.cumsum(lengths) - lengths, lengths)
        keys = (site_rows[pair_of_entry].astype(numpy.int64) * len(self.clause_ids)
                + clause_of[start[pair_of_entry] + offsets])
        # One key per (site, clause). A site in one unit already has its clauses sorted and unique;
        # only sites in several units need sorting and repeats removed. The two sorted runs are then
        # merged (a stable sort of two runs is a linear merge).
        several = (numpy.bincount(site_rows, minlength=site_count) > 1)[site_rows[pair_of_entry]]
        merged = numpy.sort(keys[several])
        if len(merged):
            merged = merged[numpy.concatenate(([True], merged[1:] != merged[:-1]))]
        keys = numpy.sort(numpy.concatenate((keys[~several], merged)), kind="stable")
        return keys // len(self.clause_ids), keys % len(self.clause_ids)


# ------------------------------------------------------------------------------------------ PostGIS
class PrivateCluster:
    """A throw-away PostgreSQL 15 cluster in `folder`, on 127.0.0.1 only, stopped by stop()."""

    def __init__(self, folder, keep=False):
        self.folder = Path(folder)
        self.keep = keep  # stop() leaves it running (end-to-end's zoning server)
        self.data = self.folder / "data"
        self.port = None
        self.running = False

    def _as_owner(self, command):
        # initdb refuses to run as root: as root, the cluster belongs to the postgres OS user.
        return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command

    def start(self):
        if (self.data / "postmaster.pid").exists():
            # A cluster left running by a run that was killed outright (SIGKILL): stop it first.
            subprocess.run(self._as_owner([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                                           "-w", "stop"]), capture_output=True)
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        subprocess.run(self._as_owner([str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                                       "--auth=trust", "--encoding=UTF8", "--locale=C"]),
                       check=True, capture_output=True)
        with socket.socket() as probe:  # a free port: bind to 0, read it back, release it
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        settings = {
            "listen_addresses": "127.0.0.1",
            "port": self.port,
            "unix_socket_directories": "''",   # TCP on 127.0.0.1 only
            "shared_buffers": "2GB",           # the province's layers (~0.3 GB with pieces) stay in memory
            "effective_cache_size": "8GB",     # the machine has 23 GB, nearly all of it free
            "random_page_cost": "1.1",         # everything is cached: index scans are cheap
            "work_mem": "256MB",               # sorts of the sites and array_agg in memory
            "maintenance_work_mem": "1GB",     # GiST builds
            "jit": "off",                      # JIT compiles expressions; these plans spend their time
                                               # in PostGIS functions, and compiling cost ~0.1-0.3 s a query
            "max_parallel_workers_per_gather": "0",  # one core per session; 2 sessions = 2 cores
            # A throw-away cluster: no crash safety needed, so loading skips WAL flushes.
            "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
            "wal_level": "minimal", "max_wal_senders": "0",
        }
        options = " ".join(f"-c {key}={value}" for key, value in settings.items())
        subprocess.run(self._as_owner([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l",
                                       str(self.folder / "server.log"), "-o", options, "-w", "start"]),
                       check=True, capture_output=True)
        self.running = True
        log(f"PostgreSQL cluster started in {self.folder} on 127.0.0.1:{self.port}")

    def stop(self):
        if not self.running or self.keep:
            return
        subprocess.run(self._as_owner([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
                                       "stop"]), capture_output=True)
        self.running = False
        log("PostgreSQL cluster stopped")

    def connect(self):
        return psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                               autocommit=True)


class PostGISPeer:
    """The workload as a GIS team tunes it in PostGIS: GiST everywhere, ST_Subdivide'd bank lines for
    KNN <->, ST_Intersection only for parcels not ST_CoveredBy their zone."""

    name = "postgis"
    POINT_UNITS = "units_pieces_256"

    def __init__(self, dataset, cluster):
        self.dataset = dataset
        self.cluster = cluster
        self.database = None
        self.piece_counts = {}

    def versions(self):
        row = self.database.execute("SELECT version(), current_setting('server_version'), "
                                    "postgis_full_version()").fetchone()
        return {"PostgreSQL": row[1], "PostgreSQL build": row[0], "PostGIS": row[2],
                "psycopg": psycopg.__version__, "libpq": str(psycopg.pq.version())}

    def start(self):
        self.cluster.start()
        self.database = self.cluster.connect()
        self.database.execute("CREATE EXTENSION postgis")

    def copy_geometries(self, table, frame, columns):
        """COPY attribute columns and hex EWKB (SRID 4490) into `table`: the text is built with
        vectorised string operations and sent in one piece (COPY parses hex EWKB itself)."""
        geometries = shapely.to_wkb(shapely.set_srid(numpy.asarray(frame.geometry.values), SOURCE_CRS), hex=True,
                                    include_srid=True)
        fields = [frame[column].astype(str).str.replace("\\", "\\\\").str.replace("\t", "\\t")
                  .str.replace("\n", "\\n") for column in columns]
        text = pandas.Series(geometries, index=frame.index, dtype=object)
        for field in reversed(fields):
            text = field + "\t" + text
        with self.database.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}, geom) FROM STDIN") as copy:
                copy.write("\n".join(text.tolist()) + "\n")

    def load(self):
        """Read the layers, COPY them in as EPSG:4490 and let PostGIS project them to EPSG:4546."""
        dataset, database = self.dataset, self.database
        staging = [
            ("units", dataset.units_file, dataset.units_code),
            ("redlines", dataset.redlines_file, dataset.redlines_code),
            ("shorelines", dataset.shorelines_file, dataset.shorelines_class),
        ]
        for table, path, field in staging:
            frame = pyogrio.read_dataframe(path, columns=[field], use_arrow=True).rename(columns={field: "code"})
            if table == "shorelines":
                frame["code"] = frame["code"].map(dataset.river_class_of)
            database.execute(f"CREATE TABLE {table}_4490 (code text, geom geometry(Geometry, {SOURCE_CRS}))")
            self.copy_geometries(f"{table}_4490", frame, ["code"])
        for table in ("units", "redlines"):
            database.execute(f"CREATE TABLE {table} AS SELECT code, ST_Transform(ST_Multi(geom), {METRIC_CRS})"
                             f"::geometry(MultiPolygon, {METRIC_CRS}) AS geom FROM {table}_4490")
        database.execute(f"CREATE TABLE shorelines AS SELECT code AS river, ST_Transform(geom, {METRIC_CRS}) AS geom "
                         "FROM shorelines_4490")
        for table, _, _ in staging:
            database.execute(f"DROP TABLE {table}_4490")

    def build_indexes(self, piece_sizes):
        """GiST on units and red lines; for each candidate size, the bank lines ST_Subdivide'd into
        shoreline_pieces_<size> with one partial GiST index per river class (a KNN scan of one class
        walks only its pieces). Returns the bytes of the indexes (all sizes)."""
        database = self.database
        database.execute("CREATE INDEX units_geom ON units USING gist (geom)")
        database.execute("CREATE INDEX redlines_geom ON redlines USING gist (geom)")
        # Points look units up in pieces of <= 256 vertices: a ~1,000-vertex unit costs each point a
        # walk over all its edges; its pieces have smaller boxes and fewer edges.
        database.execute(f"CREATE TABLE {self.POINT_UNITS} AS SELECT code, ST_Subdivide(geom, 256) AS geom FROM units")
        database.execute(f"CREATE INDEX ON {self.POINT_UNITS} USING gist (geom)")
        tables = ["units", "redlines", self.POINT_UNITS]
        for size in piece_sizes:
            table = f"shoreline_pieces_{size}"
            database.execute(f"CREATE TABLE {table} AS SELECT river, ST_Subdivide(geom, {size}) AS geom FROM shorelines")
            for river in RIVER_CLASSES:
                database.execute(f"CREATE INDEX ON {table} USING gist (geom) WHERE river = '{river}'")
            self.piece_counts[size] = database.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            tables.append(table)
        database.execute("; ".join(f"ANALYZE {table}" for table in tables))
        log("  shoreline pieces: " + ", ".join(f"{count:,} of <= {size} vertices"
                                               for size, count in self.piece_counts.items()))
        names = ", ".join(f"'{table}'::regclass" for table in tables)
        return database.execute(f"SELECT sum(pg_relation_size(indexrelid))::bigint FROM pg_index "
                                f"WHERE indrelid IN ({names})").fetchone()[0]

    def load_sites(self, table, sites):
        """Untimed: the sites as they arrive, in EPSG:4490, with their input position `ord`."""
        self.database.execute(f"CREATE TABLE {table} (ord integer, id text, geom geometry(Geometry, {SOURCE_CRS}))")
        self.copy_geometries(table, sites.assign(ord=range(len(sites))), ["ord", "id"])
        self.database.execute(f"CREATE INDEX ON {table} (ord); ANALYZE {table}")

    def statement(self, table, with_areas, piece_size, distances_only=False):
        """One SELECT returning every answer, one row per site in input order (the sites of
        [%(first)s, %(end)s))."""
        return screening_select(self.dataset.bands, table, f"shoreline_pieces_{piece_size}", METRIC_CRS,
                                with_areas=with_areas, distances_only=distances_only, ranged=True,
                                point_units=self.POINT_UNITS)

    def session(self):
        return self.cluster.connect()

    def screen(self, statement, site_count, sessions):
        """All sites, split into len(sessions) consecutive ranges run concurrently, one per session.
        Timed: the statement and fetching its rows."""
        share = -(-site_count // len(sessions))
        ranges = [(k * share, min(site_count, (k + 1) * share)) for k in range(len(sessions))]

        def run(session, bounds):
            return session.execute(statement, {"first": bounds[0], "end": bounds[1]}).fetchall()

        if len(sessions) == 1:
            return run(sessions[0], ranges[0])
        # psycopg releases the GIL while it waits for the server: the threads overlap.
        pool = ThreadPoolExecutor(len(sessions))
        try:
            return [row for part in pool.map(run, sessions, ranges) for row in part]
        finally:
            # When interrupted, do not wait for the running statements: stopping the cluster ends them.
            pool.shutdown(wait=False, cancel_futures=True)

    def answers(self, rows):
        """Untimed: the fetched rows as Answers."""
        def zone_list(codes, areas):
            if codes is None:
                return []
            return list(codes) if areas is None else list(zip(codes, areas))

        distances = {river: numpy.array([numpy.nan if row[5 + k] is None else row[5 + k] for row in rows])
                     for k, river in enumerate(RIVER_CLASSES)}
        band_ids = [band["id"] for band in self.dataset.bands]
        bands = numpy.array([[band_id in (row[8] or []) for band_id in band_ids] for row in rows],
                            dtype=bool).reshape(len(rows), len(band_ids))
        return Answers([row[0] for row in rows], ZonePairs.from_lists([zone_list(row[1], row[2]) for row in rows]),
                       ZonePairs.from_lists([zone_list(row[3], row[4]) for row in rows]), distances, bands, band_ids)


# -------------------------------------------------------------------------------------------- runs
def max_distance_difference(first, second):
    """Largest |Δ| between two answer sets' distances (NaN on both sides counts as equal)."""
    largest = 0.0
    for river in RIVER_CLASSES:
        a, b = first.distances[river], second.distances[river]
        if (numpy.isnan(a) != numpy.isnan(b)).any():
            return float("inf")
        both = ~numpy.isnan(a)
        if both.any():
            largest = max(largest, float(numpy.max(numpy.abs(a[both] - b[both]))))
    return largest


def sweep(label, sizes, time_one):
    """Times `time_one(size)` for each piece size; returns ({size: seconds}, the fastest size)."""
    seconds = {}
    for size in sizes:
        seconds[size] = time_one(size)
        log(f"  {label}, pieces of <= {size} vertices: {seconds[size]:.3f} s")
    return seconds, min(seconds, key=seconds.get)


def run_geopandas(dataset, out, rounds, piece_sizes):
    peer = GeoPandasPeer(dataset)
    versions = peer.versions()
    log("GeoPandas: " + ", ".join(f"{key} {value}" for key, value in versions.items()))
    started = time.perf_counter()
    peer.load()
    load_seconds = time.perf_counter() - started
    log(f"GeoPandas load (pyogrio + Arrow, to_crs {METRIC_CRS}, clause table): {load_seconds:.3f} s")
    started = time.perf_counter()
    index_bytes = peer.build_indexes(piece_sizes)
    index_seconds = time.perf_counter() - started
    log(f"GeoPandas index build (prepared zones, STRtrees, bank lines cut at {piece_sizes}): {index_seconds:.3f} s")
    figures, sweeps = [], {}
    kinds = (("points", dataset.points_file, peer.screen_points), ("parcels", dataset.parcels_file, peer.screen_parcels))
    for name, path, screen in kinds:
        sites = read_sites(path)
        log(f"GeoPandas {name}: {len(sites)} sites")
        # The piece size: the nearest-line step alone (three classes, all sites) at each size.
        geometries = numpy.asarray(sites.to_crs(METRIC_CRS).geometry.values)
        sweeps[name], peer.pieces[name] = sweep(
            f"GeoPandas {name} distances", piece_sizes,
            lambda size: best_of(rounds, f"GeoPandas {name} distances, {size}", lambda: peer.nearest(geometries, size))[0])
        log(f"GeoPandas {name}: bank-line pieces of <= {peer.pieces[name]} vertices "
            f"({peer.piece_counts[peer.pieces[name]]:,} pieces)")
        seconds, answers = best_of(rounds, f"GeoPandas {name}", lambda: screen(sites))
        figures.append(figure(name, 1, len(sites), seconds, pieceVertices=peer.pieces[name]))
        log(f"GeoPandas {name}: best {seconds:.3f} s, {len(sites) / seconds:,.0f} sites/s")
        answers.write_csv(out / f"geopandas-{name}.csv")
        seconds, report = best_of(rounds, f"GeoPandas {name} full report", lambda: screen(sites, report=True))
        figures.append(figure(name, 1, len(sites), seconds, variant="fullReport"))
        site_rows, _ = report.clauses
        log(f"GeoPandas {name} full report: best {seconds:.3f} s, {len(sites) / seconds:,.0f} sites/s; "
            f"{len(site_rows):,} (site, clause) pairs, {len(site_rows) / len(sites):.1f} clauses per site")
        if max_distance_difference(answers, report) != 0:
            sys.exit("peers: the full report's distances differ from the answers'")
    figures += [{"name": "load", "seconds": round(load_seconds, 6)},
                {"name": "indexBuild", "seconds": round(index_seconds, 6), "bytes": index_bytes}]
    sweep_figures = [{"name": f"{name}Distances", "pieceVertices": size, "seconds": round(seconds, 6)}
                     for name, by_size in sweeps.items() for size, seconds in by_size.items()]
    notes = [
        "load: pyogrio.read_dataframe(use_arrow=True), to_crs once; the clause table (lists/*.yaml, the units' "
        "list text split at its numbering, unitClassRules) built once",
        "index build: zones prepared (shapely.prepare) and warmed, STRtrees on units and red lines, bank lines cut "
        f"into pieces of <= {', '.join(map(str, piece_sizes))} vertices with one STRtree per river class and size",
        "points: STRtree on the projected points queried with each prepared zone, predicate intersects "
        "(sjoin 'within''s plan; boundary points kept)",
        "parcels: zone STRtree envelopes, prepared intersects and covers; shapely.intersection only where the zone "
        "does not cover the parcel (else the parcel's own area)",
        f"distances: STRtree.query_nearest(all sites, return_distance=True, all_matches=False) per river class on "
        f"pieces of <= {peer.pieces['points']} (points) / {peer.pieces['parcels']} (parcels) vertices, the fastest "
        "in the sweep",
        "full report: the same, then each site's admission-clause ids: the touched units merged with the clause "
        "table by unit code, class, subclass and all-scope (pandas), expanded per site and made unique (numpy); "
        "no project conditions, verdicts or reasons",
    ]
    return {"tool": "geopandas", "versions": versions, "notes": notes, "figures": figures, "sweep": sweep_figures}


def run_postgis(dataset, out, rounds, connections, piece_sizes):
    ensure_apt_packages()
    cluster = PrivateCluster(ROOT / ".build-province" / "postgis")
    peer = PostGISPeer(dataset, cluster)
    try:
        peer.start()
        versions = peer.versions()
        log("PostGIS: " + ", ".join(f"{key} {value}" for key, value in versions.items() if key != "PostgreSQL build"))
        started = time.perf_counter()
        peer.load()
        load_seconds = time.perf_counter() - started
        log(f"PostGIS load (read, COPY, ST_Transform to {METRIC_CRS}): {load_seconds:.3f} s")
        started = time.perf_counter()
        index_bytes = peer.build_indexes(piece_sizes)
        index_seconds = time.perf_counter() - started
        log(f"PostGIS index build (GiST, ST_Subdivide at {piece_sizes}, ANALYZE): {index_seconds:.3f} s, "
            f"{index_bytes:,} bytes")
        figures, sweeps, chosen = [], {}, {}
        for name, path in (("points", dataset.points_file), ("parcels", dataset.parcels_file)):
            sites = read_sites(path)
            table = f"sites_{name}"
            peer.load_sites(table, sites)
            log(f"PostGIS {name}: {len(sites)} sites")
            with_areas = name == "parcels"
            session = peer.session()
            try:
                sweeps[name], chosen[name] = sweep(
                    f"PostGIS {name} distances", piece_sizes,
                    lambda size: best_of(1, f"PostGIS {name} distances, {size}",
                                         lambda: peer.screen(peer.statement(table, with_areas, size, True),
                                                             len(sites), [session]))[0])
            finally:
                session.close()
            statement = peer.statement(table, with_areas, chosen[name])
            log(f"PostGIS {name}: ST_Subdivide(geom, {chosen[name]}) ({peer.piece_counts[chosen[name]]:,} pieces)")
            for threads in [1] + ([connections] if connections > 1 else []):
                sessions = [peer.session() for _ in range(threads)]
                plural = "s" if threads > 1 else ""
                try:
                    seconds, rows = best_of(rounds, f"PostGIS {name} ({threads} session{plural})",
                                            lambda: peer.screen(statement, len(sites), sessions))
                finally:
                    for session in sessions:
                        session.close()
                figures.append(figure(name, threads, len(sites), seconds, pieceVertices=chosen[name]))
                log(f"PostGIS {name} ({threads} session{plural}): best {seconds:.3f} s, {len(sites) / seconds:,.0f} sites/s")
                if threads == 1:
                    peer.answers(rows).write_csv(out / f"postgis-{name}.csv")
        figures += [{"name": "load", "seconds": round(load_seconds, 6)},
                    {"name": "indexBuild", "seconds": round(index_seconds, 6), "bytes": index_bytes}]
        sweep_figures = [{"name": f"{name}Distances", "pieceVertices": size, "seconds": round(seconds, 6)}
                         for name, by_size in sweeps.items() for size, seconds in by_size.items()]
        notes = [f"bank lines ST_Subdivide'd at {', '.join(map(str, piece_sizes))} vertices (index build), one partial "
                 f"GiST per river class; used: {chosen['points']} (points), {chosen['parcels']} (parcels), the fastest "
                 "KNN in the sweep",
                 "one SELECT per run: ST_Transform of the sites in a MATERIALIZED CTE, LATERAL ST_Intersects on GiST "
                 "(points: units ST_Subdivide'd at 256 vertices, DISTINCT codes; parcels: whole units, ST_Area of the "
                 "parcel where ST_CoveredBy, else of ST_Intersection), KNN ORDER BY "
                 "geom <-> site LIMIT 1 per river class with ST_Distance",
                 "settings: shared_buffers 2GB, work_mem 256MB, jit off, random_page_cost 1.1, "
                 "max_parallel_workers_per_gather 0; threads > 1 = that many sessions, each a range of the sites",
                 "timed: the statement and fetching its rows; load = pyogrio read, COPY of hex EWKB, ST_Transform"]
        return {"tool": "postgis", "versions": versions, "notes": notes, "figures": figures, "sweep": sweep_figures}
    finally:
        if peer.database is not None:
            peer.database.close()
        cluster.stop()


def serve_zoning(dataset, folder, piece_size, state_file):
    """For end-to-end: a cluster with the zoning loaded and indexed, left running (as a GIS team's
    server has it). Writes "port" to state_file; stop it with pg_ctl -D <folder>/data stop."""
    ensure_apt_packages()
    cluster = PrivateCluster(folder, keep=True)
    peer = PostGISPeer(dataset, cluster)
    peer.start()
    peer.load()
    peer.build_indexes([piece_size])
    peer.database.execute("VACUUM ANALYZE")
    peer.database.close()
    Path(state_file).write_text(f"{cluster.port}\n", encoding="utf-8")
    log(f"zoning served on 127.0.0.1:{cluster.port} from {folder} (shoreline_pieces_{piece_size})")


def write_figures(path, tools):
    """peers-figures.json: {"tools": [...]}; an existing entry for a tool not rerun is kept."""
    kept = []
    if path.exists():
        kept = [tool for tool in json.loads(path.read_text(encoding="utf-8")).get("tools", [])
                if tool["tool"] not in {new["tool"] for new in tools}]
    order = {"geopandas": 0, "postgis": 1}
    merged = sorted(kept + tools, key=lambda tool: order.get(tool["tool"], 2))
    path.write_text(json.dumps({"tools": merged}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def sizes(text):
    values = sorted({int(value) for value in text.split(",") if value.strip()})
    if not values or min(values) < 2:
        raise argparse.ArgumentTypeError("piece sizes: comma-separated vertex counts >= 2")
    return values


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", required=True, help="a folder written by make_province.py")
    parser.add_argument("--out", help="folder for the answer CSVs and peers-figures.json")
    parser.add_argument("--only", choices=["geopandas", "postgis"])
    parser.add_argument("--rounds", type=int, default=3, help="timed runs per workload; the best is kept")
    parser.add_argument("--geopandas-pieces", type=sizes, default=[8, 16, 32, 64, 256],
                        help="bank-line piece sizes (vertices) GeoPandas sweeps; the fastest is used")
    parser.add_argument("--postgis-pieces", type=sizes, default=[8, 16, 32, 64, 256],
                        help="ST_Subdivide sizes PostGIS sweeps; the fastest is used")
    parser.add_argument("--postgis-connections", type=int, default=2,
                        help="sessions for PostGIS's all-cores figure (1 = single-session figure only)")
    parser.add_argument("--serve-zoning", metavar="FOLDER",
                        help="instead: start a cluster in FOLDER with the zoning loaded and indexed, leave it "
                             "running, write its port to --state (end-to-end uses it)")
    parser.add_argument("--state", help="with --serve-zoning: the file to write the port to")
    arguments = parser.parse_args()
    # The private cluster must be stopped even when the run is killed: SIGTERM/SIGHUP unwind
    # through the finally blocks like Ctrl-C does.
    for signal_number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signal_number, lambda number, frame: sys.exit(128 + number))

    dataset = Dataset(arguments.dataset)
    if arguments.serve_zoning:
        if not arguments.state:
            parser.error("--serve-zoning needs --state")
        serve_zoning(dataset, Path(arguments.serve_zoning), arguments.postgis_pieces[0], arguments.state)
        return
    if not arguments.out:
        parser.error("--out is required")
    out = Path(arguments.out)
    out.mkdir(parents=True, exist_ok=True)
    log(f"dataset {dataset.folder}, output {out}, {arguments.rounds} rounds")
    tools = []
    if arguments.only in (None, "geopandas"):
        tools.append(run_geopandas(dataset, out, arguments.rounds, arguments.geopandas_pieces))
    if arguments.only in (None, "postgis"):
        tools.append(run_postgis(dataset, out, arguments.rounds, arguments.postgis_connections,
                                 arguments.postgis_pieces))
    write_figures(out / "peers-figures.json", tools)
    log(f"wrote {out / 'peers-figures.json'}")


if __name__ == "__main__":
    main()
