#!/usr/bin/env python3
"""A second edition of a synthetic province (benchmarks/province/make_province.py), for timing
`zonescreen dataset diff` and `screen --compare-dataset` at province scale.

Usage: make_edition.py OLD_DIR NEW_DIR [--seed N]

Copies OLD_DIR and changes, deterministically: 2 % of the units re-classed (ZHGKDYFL), 1 % of the
units given a new code on the same shape (HJGKDYBM), 5 % of the red lines enlarged by a 200 m buffer
(computed in a local metric CRS and clipped to nothing else: red lines may overlap units freely),
2 % of the clauses made stricter and 1 % deleted, the version set to '2025.1'. Prints what it changed.
Benchmark data only: written under .build-*, never committed.
"""
import argparse
import json
import os
import random
import shutil

import shapely
import yaml
from pyproj import Transformer
from shapely.geometry import mapping, shape
from shapely.ops import transform

parser = argparse.ArgumentParser()
parser.add_argument("old")
parser.add_argument("new")
parser.add_argument("--seed", type=int, default=2025)
args = parser.parse_args()
random.seed(args.seed)
if os.path.exists(args.new):
    shutil.rmtree(args.new)
shutil.copytree(args.old, args.new)

units_path = os.path.join(args.new, "layers", "units.geojson")
units = json.load(open(units_path, encoding="utf-8"))
features = units["features"]
picked = random.sample(range(len(features)), len(features) * 3 // 100)
reclassed, recoded = picked[: len(features) * 2 // 100], picked[len(features) * 2 // 100:]
for i in reclassed:
    p = features[i]["properties"]
    p["ZHGKDYFL"] = {"1": "2", "2": "3", "3": "2"}[str(p["ZHGKDYFL"])]
for i in recoded:
    p = features[i]["properties"]
    p["HJGKDYBM"] = p["HJGKDYBM"][:-4] + "9" + p["HJGKDYBM"][-3:]
json.dump(units, open(units_path, "w", encoding="utf-8"), ensure_ascii=False)

red_path = os.path.join(args.new, "layers", "redlines.geojson")
red = json.load(open(red_path, encoding="utf-8"))
enlarged = random.sample(range(len(red["features"])), len(red["features"]) * 5 // 100)
for i in enlarged:
    geometry = shape(red["features"][i]["geometry"])
    lon = geometry.centroid.x
    zone = int((lon + 1.5) // 3)
    to_gk = Transformer.from_crs(4490, 4534 + zone - 25, always_xy=True)
    back = Transformer.from_crs(4534 + zone - 25, 4490, always_xy=True)
    grown = transform(back.transform, transform(to_gk.transform, geometry).buffer(200, quad_segs=4))
    grown = shapely.set_precision(grown, 1e-7)
    red["features"][i]["geometry"] = mapping(grown)
json.dump(red, open(red_path, "w", encoding="utf-8"), ensure_ascii=False)

stricter = {"needsAssessment": "restricted", "restricted": "prohibited", "requirement": "needsAssessment", "prohibited": "prohibited"}
changed_clauses = deleted_clauses = 0
for name in sorted(os.listdir(os.path.join(args.new, "lists"))):
    path = os.path.join(args.new, "lists", name)
    if not name.endswith(".yaml"):
        continue
    document = yaml.safe_load(open(path, encoding="utf-8"))
    clauses = document.get("clauses") if isinstance(document, dict) else None
    if not isinstance(clauses, list):
        continue
    kept = []
    for clause in clauses:
        roll = random.random()
        if roll < 0.01:
            deleted_clauses += 1
            continue
        if roll < 0.03 and isinstance(clause, dict) and "effect" in clause:
            clause["effect"] = stricter.get(clause["effect"], clause["effect"])
            changed_clauses += 1
        kept.append(clause)
    document["clauses"] = kept
    yaml.safe_dump(document, open(path, "w", encoding="utf-8"), allow_unicode=True, sort_keys=False)

manifest_path = os.path.join(args.new, "dataset.yaml")
text = open(manifest_path, encoding="utf-8").read()
import re
text = re.sub(r"(?m)^version: .*$", "version: '2025.1'", text, count=1)
open(manifest_path, "w", encoding="utf-8").write(text)
print(f"units re-classed {len(reclassed)}, re-coded {len(recoded)}; red lines enlarged {len(enlarged)}; "
      f"clauses made stricter {changed_clauses}, deleted {deleted_clauses}")
