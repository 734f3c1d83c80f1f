#!/usr/bin/env python3
"""Synthetic national dataset for benchmarks: the synthetic province tiled 22 times.

Usage:
    python3 benchmarks/national/make_national.py [--province DIR] [--out DIR] [--tiles N]

Defaults: --province .build-province/province (made by benchmarks/province/make_province.py, which
this script runs first when the folder is missing), --out .build-national/national, --tiles 22.
Generated data is gitignored (`.build-*/`); never commit it.

What it makes (with the default province, seed 20240630): 22 fictional provinces, each a copy of the
synthetic province moved by whole multiples of its 6 x 4 degree box, laid out roughly like China
between 81 and 129 degrees E, 26 and 46 degrees N. Per copy: 1,975 control units, 3,000 red lines,
22 bank lines, 54 drinking-water areas and the industrial parks; in all about 43,500 units, 66,000
red lines, 484 bank lines. Each copy keeps its geometry exactly (coordinates moved by whole degrees,
rounded to 7 decimals again), so every copy tiles exactly like the province; copies do not touch.

* Codes: the province's fictional province code 98 becomes the copy's own two-digit code (unit codes
  ZH + 6-digit county + class + sequence, red lines HX..., water sources SY..., parks YQ...), so
  every code is unique nationwide. Names get the copy's fictional province name.
* Basins: the copies in the 30 degree N row keep 长江 (the Yangtze main stream); the other rows' main
  streams are 淮河, 黄河, 辽河 / 塔里木河, 松花江 and 珠江 (still class 干流 of their own basin);
  tributaries keep their class, with the copy's province in their name.
* Lists: the province, city and class lists (scope all) once; each unit's own clauses (the unit
  text split into clauses, and lists/units.yaml with lists/unit-annotations.yaml remapped to each
  copy's codes) per copy, so clauses grow with the units (about 400,000).
* Layers: one GeoPackage, layers/national.gpkg, with layers units, redlines, shorelines,
  water_sources and parks (as a province delivers them; written with pyogrio).
* Sites: sites_points.geojson (100,000 points) and sites_parcels.geojson (10,000 parcels): the
  province's sites, site k moved into copy k mod 22, ids kept.
* Measurement: projected, EPSG:4546 (CGCS2000 3-degree Gauss-Kruger, CM 111 E) for the whole country,
  like the province; far from 111 E the plane's scale error grows (about 9 % at 81 E): a benchmark
  setting, not a national measurement method. dataset.yaml says so.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

import numpy as np
import pyogrio
import shapely
import geopandas
import yaml
from shapely.geometry import mapping

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
T0 = time.time()

# (centre lon, centre lat, province code, fictional name, main river of the copy's basin)
# The province is centred on 111 E 30 N; copies are moved by whole multiples of 6 and 4 degrees.
TILES = [
    (93, 30, "54", "雪域省", "长江"), (99, 30, "51", "蜀川省", "长江"), (105, 30, "50", "巴渝省", "长江"),
    (111, 30, "42", "江汉省", "长江"), (117, 30, "34", "皖江省", "长江"),
    (105, 26, "52", "黔山省", "珠江"), (111, 26, "43", "湘楚省", "珠江"), (117, 26, "35", "闽海省", "珠江"),
    (99, 34, "63", "青源省", "淮河"), (105, 34, "62", "陇右省", "淮河"), (111, 34, "41", "中原省", "淮河"),
    (117, 34, "32", "江淮省", "淮河"),
    (93, 38, "65", "西域省", "黄河"), (105, 38, "64", "朔方省", "黄河"), (111, 38, "14", "河东省", "黄河"),
    (117, 38, "13", "燕赵省", "黄河"),
    (81, 42, "15", "天山省", "塔里木河"), (87, 42, "11", "瀚海省", "塔里木河"), (117, 42, "21", "辽海省", "辽河"),
    (123, 42, "22", "长白省", "辽河"),
    (123, 46, "23", "龙江省", "松花江"), (129, 46, "37", "兴安省", "松花江"),
]
PROVINCE_CENTRE = (111, 30)
PROVINCE_CODE = "98"
PROVINCE_NAME = "江汉省（虚构）"


def log(message):
    print(f"[{time.time() - T0:7.1f} s] {message}", flush=True)


def moved(geometries, dlon, dlat):
    """Geometries moved by whole degrees, coordinates rounded to 7 decimals as the province's are."""
    return shapely.transform(geometries, lambda xy: np.round(xy + (dlon, dlat), 7))


def recode(value, code):
    """The province code 98 replaced by the copy's in a code or text (98CCDD, ZH98..., HX98...)."""
    return re.sub(r"(ZH|HX|SY|YQ|\b)98(\d{4})", lambda m: m.group(1) + code + m.group(2), value)


def write_layer(path, layer, frame, first):
    pyogrio.write_dataframe(frame, path, layer=layer, driver="GPKG", append=not first, promote_to_multi=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--province", default=os.path.join(ROOT, ".build-province", "province"))
    parser.add_argument("--out", default=os.path.join(ROOT, ".build-national", "national"))
    parser.add_argument("--tiles", type=int, default=len(TILES))
    args = parser.parse_args()
    tiles = TILES[:args.tiles]
    source = args.province
    if not os.path.exists(os.path.join(source, "sites_parcels.geojson")):
        log(f"no province at {source}: generating it")
        subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", "province", "make_province.py"),
                        "--setting", "province", "--out", source], check=True)
    out = args.out
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "layers"))
    os.makedirs(os.path.join(out, "lists"))
    gpkg = os.path.join(out, "layers", "national.gpkg")

    manifest = yaml.safe_load(open(os.path.join(source, "dataset.yaml"), encoding="utf-8"))
    layers = manifest["layers"]
    sources = {
        "units": layers["controlUnits"]["file"], "redlines": layers["redLines"]["file"],
        "shorelines": layers["shorelines"]["file"], "water_sources": layers["sensitiveAreas"][0]["file"],
        "parks": layers["parks"]["file"],
    }
    counts = {}
    for layer, relative in sources.items():
        t = time.time()
        frame = pyogrio.read_dataframe(os.path.join(source, relative))
        text_columns = [c for c in frame.columns if c != "geometry" and any(isinstance(v, str) for v in frame[c])]
        for k, (lon, lat, code, name, river) in enumerate(tiles):
            dlon, dlat = lon - PROVINCE_CENTRE[0], lat - PROVINCE_CENTRE[1]
            copy = frame.copy()
            copy["geometry"] = moved(frame.geometry.values, dlon, dlat)
            for column in text_columns:
                copy[column] = [recode(v, code).replace(PROVINCE_NAME, name + "（虚构）") if isinstance(v, str) else v
                                for v in frame[column]]
            if layer == "shorelines":
                main = copy["HLDJ"] == "干流"
                copy.loc[main, "HLMC"] = river
                copy.loc[~main, "HLMC"] = [name[:2] + v for v in copy.loc[~main, "HLMC"]]
            if layer == "water_sources":
                copy["BHQMC"] = [v.replace("长江", river) for v in copy["BHQMC"]]
                copy["SYDMC"] = [v.replace("长江", river) for v in copy["SYDMC"]]
            write_layer(gpkg, layer, geopandas.GeoDataFrame(copy, geometry="geometry", crs="EPSG:4490"), k == 0)
        counts[layer] = len(frame) * len(tiles)
        log(f"{layer}: {counts[layer]:,} features ({len(frame):,} x {len(tiles)} copies), {time.time() - t:.1f} s")

    # Lists: the scope-all lists once, each unit's own clauses per copy (ids carry the unit codes).
    for name in ("province.yaml", "city.yaml", "classes.yaml"):
        shutil.copyfile(os.path.join(source, "lists", name), os.path.join(out, "lists", name))
    for name, key in (("units.yaml", "clauses:"), ("unit-annotations.yaml", "annotations:")):
        text = open(os.path.join(source, "lists", name), encoding="utf-8").read()
        head, body = text.split(key + "\n", 1)
        with open(os.path.join(out, "lists", name), "w", encoding="utf-8") as f:
            f.write(head + key + "\n")
            for _, _, code, _, _ in tiles:
                f.write(recode(body, code))
    shutil.copyfile(os.path.join(source, "rules.yaml"), os.path.join(out, "rules.yaml"))
    if os.path.exists(os.path.join(source, "gbt4754-2017.csv")):
        shutil.copyfile(os.path.join(source, "gbt4754-2017.csv"), os.path.join(out, "gbt4754-2017.csv"))

    manifest["name"] = "全国三线一单生态环境分区管控合成基准数据集（22 省，虚构）"
    manifest["region"] = "全国（虚构）"
    # No province code fits a dataset of many provinces: without one the national rule pack says the
    # region is unknown (its territory rules are decided per dataset, not per unit).
    manifest.pop("regionCode", None)
    for layer, key in (("units", "controlUnits"), ("redlines", "redLines"), ("shorelines", "shorelines"), ("parks", "parks")):
        layers[key]["file"] = "layers/national.gpkg"
        layers[key]["layer"] = layer
    layers["sensitiveAreas"][0]["file"] = "layers/national.gpkg"
    layers["sensitiveAreas"][0]["layer"] = "water_sources"
    header = ("# 全国合成基准数据集（22 个虚构省）— 虚构数据，仅供基准测试。由 benchmarks/national/make_national.py 生成，"
              "请勿手工修改，请勿提交。\n"
              "# 量算：全国统一按 EPSG:4546（CM 111°E）量算，离中央经线越远长度变形越大（81°E 处约 9%）：只是基准设置。\n"
              "# Measurement: EPSG:4546 for the whole country, a benchmark setting (scale error about 9 % at 81 E).\n")
    body = yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False, width=200)
    open(os.path.join(out, "dataset.yaml"), "w", encoding="utf-8").write(header + body)

    # Sites: the province's, site k moved into copy k mod the number of copies.
    for name in ("sites_points.geojson", "sites_parcels.geojson"):
        t = time.time()
        data = json.load(open(os.path.join(source, name), encoding="utf-8"))
        geometries = shapely.from_geojson([json.dumps(f["geometry"]) for f in data["features"]])
        tile_of = np.arange(len(geometries)) % len(tiles)
        shifted = geometries.copy()
        for k, (lon, lat, *_rest) in enumerate(tiles):
            chosen = tile_of == k
            shifted[chosen] = moved(geometries[chosen], lon - PROVINCE_CENTRE[0], lat - PROVINCE_CENTRE[1])
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write('{"type":"FeatureCollection","name":%s,"features":[\n' % json.dumps(name.split(".")[0]))
            for i, (feature, geometry) in enumerate(zip(data["features"], shifted)):
                feature = {"type": "Feature", "properties": feature["properties"], "geometry": mapping(geometry)}
                f.write(("," if i else "") + json.dumps(feature, ensure_ascii=False, separators=(",", ":")) + "\n")
            f.write("]}\n")
        log(f"{name}: {len(geometries):,} sites over {len(tiles)} copies, {time.time() - t:.1f} s")

    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
    log(f"done: {out}: {counts['units']:,} units, {counts['redlines']:,} red lines, {counts['shorelines']:,} bank lines, "
        f"{counts['parks']:,} parks; GeoPackage {os.path.getsize(gpkg) / 1e6:.0f} MB, {total / 1e6:.0f} MB in all")


if __name__ == "__main__":
    main()
