#!/usr/bin/env python3
"""Second edition (2025.1) of the FICTIONAL demo dataset 沧澜县（虚构）: Fixtures/demo-2025/.

    python3 Fixtures/demo/generator/make_demo.py         # the 2024.1 edition (Fixtures/demo), first
    python3 Fixtures/demo/generator/make_demo_2025.py    # then this: Fixtures/demo-2025

The 2025 edition is the 2024 edition as written (Fixtures/demo, read back from disk) with exactly six
changes, every other feature, clause and rule kept identical (geometry vertex for vertex):

  a. split     ZH42909930014 桃源镇一般管控单元1: its southern riverside tongue becomes the new unit
               ZH42909930029 桃源镇一般管控单元3 (same class, subclass and lists);
  b. re-class  ZH42909930022 沧澜镇一般管控单元4 -> class 2, renamed 沧澜镇城郊重点管控单元 (same shape, code,
               subclass and lists);
  c. red line  HX429099003 enlarged: grown by 450 m inside the unit ZH42909910020 (holes kept);
  d. stricter  U-ZH42909920001-02 (data centres) needsAssessment -> restricted, text adjusted;
  e. deleted   C-KJ-02 (livestock farms, city level);
  f. recoded   ZH42909930028 云雾村一般管控单元 -> ZH42909930030 (same shape, class, name, lists).

It then works out, independently of the Swift code and of how the changes were made:
  expected-diff.json     a generic comparison of the two folders (shapely, EPSG:4546, hectares);
  expected.csv           the 2025 answers for the demo sites, computed like the 2024 expected.csv;
  expected-changes.csv   every demo site whose answer differs between the editions, and why.
The reference evaluation is make_demo.evaluate (shapely + pyproj), run on both folders as written.
Requires python3, numpy, shapely >= 2, pyproj, PyYAML.
"""
import csv
import json
import math
import os
import shutil
import sys
from collections import OrderedDict

import numpy as np
import shapely
import yaml
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, shape
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_demo as M  # noqa: E402

OLD = M.OUT                                                   # Fixtures/demo
NEW = os.path.join(os.path.dirname(OLD), "demo-2025")       # Fixtures/demo-2025
VERSION, DATE = "2025.1", "2025-06-30"

SPLIT_CODE, SPLIT_NEW_CODE, SPLIT_NEW_NAME = "ZH42909930014", "ZH42909930029", "桃源镇一般管控单元3"
SPLIT_CUT = ((567956.0, 3380000.0), (569633.0, 3380000.0))   # EPSG:4546: the cut runs across the tongue
RECLASS_CODE, RECLASS_CLASS, RECLASS_NAME = "ZH42909930022", 2, "沧澜镇城郊重点管控单元"
RECODE_OLD, RECODE_NEW = "ZH42909930028", "ZH42909930030"
REDLINE_CODE, REDLINE_UNIT, REDLINE_GROW = "HX429099003", "ZH42909910020", 450.0
STRICT_ID = "U-ZH42909920001-02"
STRICT_EFFECT = "restricted"
STRICT_TEXT = "限制新建、扩建数据中心，确需建设的须开展能效和水效专题论证，电能利用效率（PUE）不高于1.2。"
DELETED_ID = "C-KJ-02"

HDR = ("沧澜县（虚构）三线一单示例数据集 2025.1 版 — 虚构数据，仅供测试和演示。"
       "由 Fixtures/demo/generator/make_demo_2025.py 生成，请勿手工修改。")


# ----------------------------------------------------------------------------------------------
# 1. the 2025 edition
# ----------------------------------------------------------------------------------------------

def read_raw(path):
    with open(path, encoding="utf-8") as f:
        fc = json.load(f)
    return fc["name"], [(OrderedDict(ft["properties"]), shape(ft["geometry"])) for ft in fc["features"]]


def ll_point(xy):
    x, y = M.TO_LL.transform(xy[0], xy[1])
    return (round(x, M.DEC), round(y, M.DEC))


def split_unit(poly_ll, cut):
    """Cut a Polygon (lon/lat, as written) along a straight line between the two exterior vertices
    nearest to the cut's ends. The two pieces share the ring's own vertices and the new cut vertices
    exactly, so the tiling stays conforming. Returns (piece containing the ring's start, other piece)."""
    assert poly_ll.geom_type == "Polygon" and not poly_ll.interiors
    ring = list(poly_ll.exterior.coords)[:-1]
    ring_xy = np.array(M.TO_XY.transform([c[0] for c in ring], [c[1] for c in ring])).T
    i, j = sorted(int(np.argmin(np.linalg.norm(ring_xy - np.array(e), axis=1))) for e in cut)
    a, b = ring_xy[i], ring_xy[j]
    n = max(2, int(np.linalg.norm(b - a) / 250.0))
    inner = [ll_point(a + (b - a) * t) for t in np.linspace(0, 1, n + 1)[1:-1]]
    chord = LineString([ring[i]] + inner + [ring[j]])
    assert poly_ll.covers(chord) and chord.intersection(poly_ll.exterior).equals(
        shapely.MultiPoint([ring[i], ring[j]])), "the cut leaves the unit"
    p1 = Polygon(ring[i:j + 1] + inner[::-1])          # ring i..j, back along the cut
    p2 = Polygon(ring[j:] + ring[:i + 1] + inner)      # ring j..end..i, forward along the cut
    for p in (p1, p2):
        assert p.is_valid, shapely.is_valid_reason(p)
    p1, p2 = orient(p1, 1.0), orient(p2, 1.0)
    assert abs(M.to_xy(p1).area + M.to_xy(p2).area - M.to_xy(poly_ll).area) < 1e-3
    return p1, p2


def build_2025(key_code):
    if os.path.isdir(NEW):
        shutil.rmtree(NEW)
    os.makedirs(os.path.join(NEW, "layers"))
    ds24 = M.Dataset(OLD)
    sites = {p["id"]: xy for p, _, xy in M.read_fc(os.path.join(OLD, "sites.geojson"))}

    # --- units: split, re-class, recode ---------------------------------------------------------
    name, feats = read_raw(os.path.join(OLD, "layers", "units.geojson"))
    out = []
    for props, g in feats:
        code = props["HJGKDYBM"]
        if code == SPLIT_CODE:
            p1, p2 = split_unit(g, SPLIT_CUT)
            keep, moved = (p1, p2) if M.to_xy(p1).area > M.to_xy(p2).area else (p2, p1)
            assert M.to_xy(moved).contains(sites["S01"]), "S01 should be in the part that moves"
            out.append((props, keep))
            np_ = OrderedDict(props)
            np_["HJGKDYBM"], np_["HJGKDYMC"] = SPLIT_NEW_CODE, SPLIT_NEW_NAME
            out.append((np_, moved))
        elif code == RECLASS_CODE:
            props["ZHGKDYFL"], props["HJGKDYMC"] = str(RECLASS_CLASS), RECLASS_NAME
            out.append((props, g))
        elif code == RECODE_OLD:
            props["HJGKDYBM"] = RECODE_NEW
            out.append((props, g))
        else:
            out.append((props, g))
    out.sort(key=lambda t: t[0]["HJGKDYBM"])
    M.write_fc(os.path.join(NEW, "layers", "units.geojson"), name, out)

    # --- red lines: one enlarged --------------------------------------------------------------------
    name, feats = read_raw(os.path.join(OLD, "layers", "redlines.geojson"))
    unit = [u for u in ds24.units if u["code"] == REDLINE_UNIT][0]["geom"]
    out = []
    for props, g in feats:
        if props["HXBM"] == REDLINE_CODE:
            old = M.to_xy(g)
            holes = unary_union([Polygon(h) for p in M.parts(old) for h in p.interiors])
            grown = M.polys_only(unary_union([old, old.buffer(REDLINE_GROW, quad_segs=8)
                                              .intersection(unit).difference(holes)]))
            g = M.to_ll(grown)
            assert g.is_valid and M.to_xy(g).contains(sites["S18"])
        out.append((props, g))
    M.write_fc(os.path.join(NEW, "layers", "redlines.geojson"), name, out)

    # --- unchanged files: copied byte for byte -------------------------------------------------------
    for rel in ("layers/shorelines.geojson", "layers/water-sources.geojson", "layers/county.geojson",
                "layers/parks.geojson", "sites.geojson"):
        shutil.copyfile(os.path.join(OLD, rel), os.path.join(NEW, rel))

    # --- clauses, annotations, rules, manifest: the generator's own, with the two clause changes -----
    pc, cc, kc, uc = M.province_clauses(), M.city_clauses(), M.class_clauses(), M.unit_clauses(key_code)
    cc = [c for c in cc if c["id"] != DELETED_ID]
    assert len(cc) == len(M.city_clauses()) - 1
    hit = [c for c in uc if c["id"] == STRICT_ID]
    assert len(hit) == 1 and hit[0]["effect"] == "needsAssessment"
    hit[0]["effect"], hit[0]["text"] = STRICT_EFFECT, STRICT_TEXT
    L = os.path.join(NEW, "lists")
    M.write_yaml(os.path.join(L, "province.yaml"), OrderedDict([("clauses", pc)]), HDR + "\n省级总体准入要求（江汉省，虚构）")
    M.write_yaml(os.path.join(L, "city.yaml"), OrderedDict([("clauses", cc)]), HDR + "\n市级总体准入要求（云梦市，虚构）")
    M.write_yaml(os.path.join(L, "classes.yaml"), OrderedDict([("clauses", kc)]), HDR + "\n按单元类别和细类的准入要求")
    M.write_yaml(os.path.join(L, "units.yaml"), OrderedDict([("clauses", uc)]), HDR + "\n单元级结构化条款（园区等）")
    M.write_yaml(os.path.join(L, "unit-annotations.yaml"), OrderedDict([("annotations", M.annotations(key_code, M.unit_items(os.path.join(NEW, "layers", "units.geojson"))))]),
                 HDR + "\n单元属性表中文本清单条目的标注（行业、性质、效力）")
    M.write_yaml(os.path.join(NEW, "rules.yaml"), M.rules_doc(), HDR)
    man = M.manifest()
    man["version"], man["date"] = VERSION, DATE
    M.write_yaml(os.path.join(NEW, "dataset.yaml"), man, HDR)
    return pc + cc + kc + uc


# ----------------------------------------------------------------------------------------------
# 2. checks on the written 2025 files (the generator's own checks, re-run)
# ----------------------------------------------------------------------------------------------

def check_2025(structured):
    ds = M.Dataset(NEW)
    cat = M.load_catalogue(M.CATALOGUE_SRC)
    ids = [c["id"] for c in ds.clauses] + [c["id"] for c in ds.text_clauses]
    assert len(ids) == len(set(ids)), "duplicate clause ids"
    for a in ds.annotations:
        assert a in {c["id"] for c in ds.text_clauses}, a
    codes = {u["code"] for u in ds.units}
    assert len(codes) == len(ds.units), "duplicate unit codes"
    for c in ds.clauses:
        if isinstance(c["scope"], dict) and "units" in c["scope"]:
            assert set(c["scope"]["units"]) <= codes, c["id"]
        assert c["source"]["document"] in {s["id"] for s in M.SOURCES}
    used = set(M.codes_in(ds.clauses) + M.codes_in(list(ds.annotations.values())) + M.codes_in(ds.rules))
    assert not sorted(c for c in used if c not in cat and c != "chemical")
    for layer in ("units", "redlines", "water-sources", "shorelines"):
        for p, ll, xy in M.read_fc(os.path.join(NEW, "layers", f"{layer}.geojson")):
            assert ll.is_valid and xy.is_valid, (layer, p)
    county_ll = M.read_fc(os.path.join(NEW, "layers", "county.geojson"))[0][1]
    tiling = M.check_tiling(M.read_fc(os.path.join(NEW, "layers", "units.geojson")), county_ll)
    assert tiling["symdiff_area"] < 1.0 and tiling["max_overlap"] < 0.01 and tiling["nonshared_vertices"] == 0, tiling
    assert [c["id"] for c in ds.clauses] == [c["id"] for c in structured]
    return ds, tiling


# ----------------------------------------------------------------------------------------------
# 3. the expected diff: a generic comparison of two dataset folders
# ----------------------------------------------------------------------------------------------

def ha(m2):
    v = round(m2 / 1e4, 4)
    return 0.0 if v == 0 else v


def same_shape(a, b):
    return a.symmetric_difference(b).area < 1e-3          # m²: identical up to re-projection noise


def gained_lost(old, new):
    return ha(new.difference(old).area), ha(old.difference(new).area)


CLAUSE_KEYS = ["level", "scope", "dimension", "industries", "excludeIndustries", "natures", "chemical",
               "flags", "effect", "text", "source"]


def diff_datasets(a, b):
    """OLD a -> NEW b (make_demo.Dataset objects). Structured clauses (clause files) are compared by id;
    a unit's free-text lists are attributes of the unit (compared with it, asserted unchanged here)."""
    D = OrderedDict()
    # units
    ua, ub = {u["code"]: u for u in a.units}, {u["code"]: u for u in b.units}
    only_a, only_b = sorted(set(ua) - set(ub)), sorted(set(ub) - set(ua))
    recoded = []
    for ca in list(only_a):
        match = [cb for cb in only_b if ub[cb]["cls"] == ua[ca]["cls"] and same_shape(ua[ca]["geom"], ub[cb]["geom"])]
        if len(match) == 1:
            cb = match[0]
            recoded.append(OrderedDict([("oldCode", ca), ("newCode", cb), ("name", ub[cb]["name"])]))
            only_a.remove(ca)
            only_b.remove(cb)
    changed = []
    for c in sorted(set(ua) & set(ub)):
        x, y = ua[c], ub[c]
        g, l = gained_lost(x["geom"], y["geom"])
        if x["name"] != y["name"] or x["cls"] != y["cls"] or g or l:
            changed.append(OrderedDict([("code", c), ("oldName", x["name"]), ("newName", y["name"]),
                                        ("oldClass", x["cls"]), ("newClass", y["cls"]),
                                        ("gainedHectares", g), ("lostHectares", l)]))
    lists = list(a.man["layers"]["controlUnits"]["listFields"].values()) + ["DYXL"]
    pairs = [(c, c) for c in set(ua) & set(ub)] + [(r["oldCode"], r["newCode"]) for r in recoded]
    for ca, cb in pairs:
        assert all(ua[ca]["props"].get(f) == ub[cb]["props"].get(f) for f in lists), ("unit lists changed", ca)

    def unit_entry(u):
        return OrderedDict([("code", u["code"]), ("name", u["name"]), ("unitClass", u["cls"]),
                            ("areaHectares", ha(u["geom"].area))])
    D["units"] = OrderedDict([("added", [unit_entry(ub[c]) for c in only_b]),
                              ("removed", [unit_entry(ua[c]) for c in only_a]),
                              ("recoded", sorted(recoded, key=lambda r: r["oldCode"])),
                              ("changed", changed)])
    # red lines
    ra, rb = {r["code"]: r for r in a.redlines}, {r["code"]: r for r in b.redlines}
    ch = []
    for c in sorted(set(ra) & set(rb)):
        g, l = gained_lost(ra[c]["geom"], rb[c]["geom"])
        assert (ra[c]["name"], ra[c]["type"]) == (rb[c]["name"], rb[c]["type"])
        if g or l:
            ch.append(OrderedDict([("code", c), ("gainedHectares", g), ("lostHectares", l)]))

    def red_entry(r):
        return OrderedDict([("code", r["code"]), ("name", r["name"]), ("areaHectares", ha(r["geom"].area))])
    D["redLines"] = OrderedDict([("added", [red_entry(rb[c]) for c in sorted(set(rb) - set(ra))]),
                                 ("removed", [red_entry(ra[c]) for c in sorted(set(ra) - set(rb))]),
                                 ("changed", ch)])
    # shorelines, by river name and class (each bank a feature)
    def rivers(ds):
        out = {}
        for s in ds.banks:
            out.setdefault((s["name"], s["cls"]), []).append(s["geom"])
        return {k: unary_union(v) for k, v in out.items()}
    sa, sb = rivers(a), rivers(b)
    D["shorelines"] = OrderedDict([
        ("added", [OrderedDict([("name", k[0]), ("riverClass", k[1])]) for k in sorted(set(sb) - set(sa))]),
        ("removed", [OrderedDict([("name", k[0]), ("riverClass", k[1])]) for k in sorted(set(sa) - set(sb))]),
        ("moved", [OrderedDict([("name", k[0]), ("riverClass", k[1]),
                                ("maxShiftM", round(sa[k].hausdorff_distance(sb[k]), 1))])
                   for k in sorted(set(sa) & set(sb)) if not sa[k].equals_exact(sb[k], 1e-6)])])
    # sensitive areas, by layer id and code
    za = {(lid, z["code"]): z for lid, zs in a.sens.items() for z in zs}
    zb = {(lid, z["code"]): z for lid, zs in b.sens.items() for z in zs}
    D["sensitiveAreas"] = OrderedDict([
        ("added", [OrderedDict([("layer", k[0]), ("code", k[1])]) for k in sorted(set(zb) - set(za))]),
        ("removed", [OrderedDict([("layer", k[0]), ("code", k[1])]) for k in sorted(set(za) - set(zb))]),
        ("changed", [OrderedDict([("layer", k[0]), ("code", k[1])]) for k in sorted(set(za) & set(zb))
                     if (za[k]["name"], za[k]["level"]) != (zb[k]["name"], zb[k]["level"])
                     or not same_shape(za[k]["geom"], zb[k]["geom"])])])
    # structured clauses, by id
    ca, cb = {c["id"]: c for c in a.clauses}, {c["id"]: c for c in b.clauses}

    def clause_entry(c):
        return OrderedDict([("id", c["id"]), ("effect", c["effect"]), ("text", c["text"])])
    cch = []
    for i in sorted(set(ca) & set(cb)):
        keys = [k for k in CLAUSE_KEYS if ca[i].get(k) != cb[i].get(k)]
        if keys:
            cch.append(OrderedDict([("id", i), ("changes", keys), ("oldEffect", ca[i]["effect"]),
                                    ("newEffect", cb[i]["effect"]), ("oldText", ca[i]["text"]),
                                    ("newText", cb[i]["text"])]))
    D["clauses"] = OrderedDict([("added", [clause_entry(cb[i]) for i in sorted(set(cb) - set(ca))]),
                                ("removed", [clause_entry(ca[i]) for i in sorted(set(ca) - set(cb))]),
                                ("changed", cch)])
    assert a.annotations == b.annotations or recoded, "annotations changed"
    # rules, by id (plus chemicalIndustries)
    def rule_map(r):
        m = {}
        for sec in M.RULE_SECTIONS:
            m.update({x["id"]: x for x in r.get(sec, [])})
        return m
    qa, qb = rule_map(a.rules), rule_map(b.rules)
    rch = [OrderedDict([("id", i), ("changes", sorted(k for k in set(qa[i]) | set(qb[i]) if qa[i].get(k) != qb[i].get(k)))])
           for i in sorted(set(qa) & set(qb)) if qa[i] != qb[i]]
    if a.rules.get("chemicalIndustries") != b.rules.get("chemicalIndustries"):
        rch.append(OrderedDict([("id", "chemicalIndustries"), ("changes", ["industries"])]))
    D["rules"] = OrderedDict([("added", [OrderedDict([("id", i)]) for i in sorted(set(qb) - set(qa))]),
                              ("removed", [OrderedDict([("id", i)]) for i in sorted(set(qa) - set(qb))]),
                              ("changed", rch)])
    return D


# ----------------------------------------------------------------------------------------------
# 4. expected answers of the demo sites (the 2024 generator's procedure) and what changes
# ----------------------------------------------------------------------------------------------

def expected_rows(ds, sites, rt, note_extra=None):
    """The rows of expected.csv, computed exactly as make_demo.main computes them."""
    rules, structured = ds.rules, ds.clauses
    rows, evs = [], {}
    for s, (props, ll, xy) in zip(sites, rt):
        assert s["id"] == props["id"]
        prof = {k: props[k] for k in ("industry", "nature", "chemical", "flags") if k in props}
        ev = M.evaluate(ds, xy, prof)
        evs[s["id"]] = (ev, xy)
        must = sorted({i for i, _, _ in ev["items"]}, key=M.ids_order(rules, structured))
        must_not = sorted(set(ev["near"]) | set(s["extra_not"]), key=M.ids_order(rules, structured))
        assert not (set(must) & set(must_not)), (s["id"], must, must_not)
        note = s["note"] + ((note_extra or {}).get(s["id"], ""))
        how = note + "；" + ("；".join(f"{i} {M.EFFECT_ZH[e]}（{w}）" for i, e, w in ev["items"])
                             if ev["items"] else "无禁止、限制或需论证条款，仅适用要求类条款")
        rows.append(OrderedDict([
            ("site", s["id"]), ("verdict", ev["verdict"]), ("mustCite", ";".join(must)),
            ("mustNotCite", ";".join(must_not)), ("redLines", ";".join(r["code"] for r in ev["reds"])),
            ("units", M.fmt_units(ev, xy)), ("mainStreamDistanceM", f"{ev['dist']['mainStream']:.1f}"),
            ("tributaryDistanceM", f"{min(ev['dist']['importantTributary'], ev['dist']['tributary']):.1f}"),
            ("how", how)]))
    verdicts = {r["verdict"] for r in rows}
    assert verdicts == {"prohibited", "restricted", "needsAssessment", "compliant"}, verdicts
    return rows, evs


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


RANK = {"prohibited": 3, "restricted": 2, "needsAssessment": 1, "compliant": 0}


def causes(a, b, D, xy, ev_a, ev_b):
    """The diff items that bear on one site: the site touches the unit / red line (for a re-shaped
    one: the gained or lost piece), or the rule / clause is among its reasons in either edition."""
    out = []
    ua, ub = {u["code"]: u for u in a.units}, {u["code"]: u for u in b.units}
    for c in D["units"]["changed"]:
        x, y = ua[c["code"]]["geom"], ub[c["code"]]["geom"]
        if ((c["oldClass"] != c["newClass"] or c["oldName"] != c["newName"]) and (x.intersects(xy) or y.intersects(xy))) \
                or x.symmetric_difference(y).intersects(xy):
            out.append(f"units.changed:{c['code']}")
    out += [f"units.added:{c['code']}" for c in D["units"]["added"] if ub[c["code"]]["geom"].intersects(xy)]
    out += [f"units.removed:{c['code']}" for c in D["units"]["removed"] if ua[c["code"]]["geom"].intersects(xy)]
    out += [f"units.recoded:{c['oldCode']}" for c in D["units"]["recoded"]
            if ua[c["oldCode"]]["geom"].intersects(xy)]
    ra, rb = {r["code"]: r["geom"] for r in a.redlines}, {r["code"]: r["geom"] for r in b.redlines}
    out += [f"redLines.changed:{c['code']}" for c in D["redLines"]["changed"]
            if ra[c["code"]].symmetric_difference(rb[c["code"]]).intersects(xy)]
    out += [f"redLines.added:{c['code']}" for c in D["redLines"]["added"] if rb[c["code"]].intersects(xy)]
    out += [f"redLines.removed:{c['code']}" for c in D["redLines"]["removed"] if ra[c["code"]].intersects(xy)]
    reasons = {i for i, _, _ in ev_a["items"]} | {i for i, _, _ in ev_b["items"]}
    for sec in ("clauses", "rules"):
        for kind in ("changed", "added", "removed"):
            out += [f"{sec}.{kind}:{c['id']}" for c in D[sec][kind] if c["id"] in reasons]
    return out


def site_changes(a, b, D, evs_a, evs_b):
    rows = []
    for sid in evs_a:
        (ea, xy), (eb, _) = evs_a[sid], evs_b[sid]
        ia, ib = {i: e for i, e, _ in ea["items"]}, {i: e for i, e, _ in eb["items"]}
        ua, ub = sorted(u["code"] for u in ea["units"]), sorted(u["code"] for u in eb["units"])
        ra, rb = sorted(r["code"] for r in ea["reds"]), sorted(r["code"] for r in eb["reds"])
        if (ea["verdict"], ua, ra, ia) == (eb["verdict"], ub, rb, ib):
            continue
        d = RANK[eb["verdict"]] - RANK[ea["verdict"]]
        cs = causes(a, b, D, xy, ea, eb)
        assert cs, sid
        rows.append(OrderedDict([
            ("site", sid), ("oldVerdict", ea["verdict"]), ("newVerdict", eb["verdict"]),
            ("direction", "stricter" if d > 0 else ("looser" if d < 0 else "same")),
            ("oldUnits", ";".join(ua)), ("newUnits", ";".join(ub)),
            ("oldRedLines", ";".join(ra)), ("newRedLines", ";".join(rb)),
            ("addedReasons", ";".join(sorted(set(ib) - set(ia)))),
            ("removedReasons", ";".join(sorted(set(ia) - set(ib)))),
            ("cause", ";".join(cs))]))
    return rows


# ----------------------------------------------------------------------------------------------
# 5. main
# ----------------------------------------------------------------------------------------------

def rebuild_2024():
    """The 2024 construction in memory (deterministic), for the unit codes and the sites' notes."""
    G = M.build_geography()
    Z = M.build_zones(G)
    comps, _, _, _ = M.build_units(G, Z)
    units = M.assign_units(G, Z, comps)
    key_code = {}
    for u in units:
        k = u["key"]
        if u["kind"] in ("park", "town"):
            key_code[f"{u['kind']}:{k[1]}"] = u["code"]
        elif u["kind"] in ("ws", "enclave"):
            key_code[u["kind"]] = u["code"]
    return G, Z, key_code


def main():
    G, Z, key_code = rebuild_2024()
    a = M.Dataset(OLD)
    sites = M.build_sites(a, G, Z, key_code)
    rt = M.read_fc(os.path.join(OLD, "sites.geojson"))
    for s, (p, ll, xy) in zip(sites, rt):
        assert s["id"] == p["id"] and s["ll"].equals_exact(ll, 1e-9), ("Fixtures/demo is stale: run make_demo.py", s["id"])
    # the procedure reproduces the 2024 expected.csv byte for byte
    rows_a, evs_a = expected_rows(a, sites, rt)
    tmp = os.path.join(NEW + ".check.csv")
    write_csv(tmp, rows_a)
    same = open(tmp, "rb").read() == open(os.path.join(OLD, "expected.csv"), "rb").read()
    os.remove(tmp)
    assert same, "expected_rows does not reproduce Fixtures/demo/expected.csv"

    structured = build_2025(key_code)
    b, tiling = check_2025(structured)
    D = diff_datasets(a, b)
    # the diff holds exactly the six intended changes
    assert [c["code"] for c in D["units"]["added"]] == [SPLIT_NEW_CODE] and not D["units"]["removed"]
    assert [(r["oldCode"], r["newCode"]) for r in D["units"]["recoded"]] == [(RECODE_OLD, RECODE_NEW)]
    assert [c["code"] for c in D["units"]["changed"]] == sorted([SPLIT_CODE, RECLASS_CODE])
    assert [c["code"] for c in D["redLines"]["changed"]] == [REDLINE_CODE] and not D["redLines"]["added"] and not D["redLines"]["removed"]
    assert all(not v for k in ("shorelines", "sensitiveAreas", "rules") for v in D[k].values())
    assert [c["id"] for c in D["clauses"]["changed"]] == [STRICT_ID] and [c["id"] for c in D["clauses"]["removed"]] == [DELETED_ID]
    assert not D["clauses"]["added"]
    sp = [c for c in D["units"]["changed"] if c["code"] == SPLIT_CODE][0]
    assert sp["gainedHectares"] == 0 and abs(sp["lostHectares"] - D["units"]["added"][0]["areaHectares"]) < 2e-4
    with open(os.path.join(NEW, "expected-diff.json"), "w", encoding="utf-8") as f:
        json.dump(D, f, ensure_ascii=False, indent=2)
        f.write("\n")

    # the 2025 answers first without notes, to know which sites change; then written with a note
    rows_b, evs_b = expected_rows(b, sites, rt)
    ch = site_changes(a, b, D, evs_a, evs_b)
    extra = {r["site"]: f"（2025.1 版变化：{r['cause']}）" for r in ch}
    rows_b, evs_b = expected_rows(b, sites, rt, extra)
    write_csv(os.path.join(NEW, "expected.csv"), rows_b)
    write_csv(os.path.join(NEW, "expected-changes.csv"), ch)
    # every diff item that could touch a site does: split, re-class, red line, stricter, deleted, recode
    cited = {c for r in ch for c in r["cause"].split(";")}
    assert {f"units.changed:{SPLIT_CODE}", f"units.added:{SPLIT_NEW_CODE}", f"units.changed:{RECLASS_CODE}",
            f"redLines.changed:{REDLINE_CODE}", f"clauses.changed:{STRICT_ID}", f"clauses.removed:{DELETED_ID}",
            f"units.recoded:{RECODE_OLD}"} <= cited, cited
    assert any(r["direction"] == "stricter" for r in ch) and any(r["direction"] == "looser" for r in ch)
    near = [(ra["site"], ra["mustNotCite"], rb["mustNotCite"]) for ra, rb in zip(rows_a, rows_b)
            if ra["mustNotCite"] != rb["mustNotCite"] and ra["site"] not in extra]
    write_readme(a, b, D, ch, near, tiling)
    print(f"沧澜县（虚构）2025.1 版已生成: {NEW}")
    print(json.dumps(D, ensure_ascii=False, indent=1)[:4000])
    for r in ch:
        print("  " + ",".join(r.values()))
    for n in near:
        print("  only mustNotCite differs:", n)
    print("  tiling:", {k: tiling[k] for k in ("symdiff_area", "max_overlap", "nonshared_vertices", "union_type")})


SITE_WHY = {
    "S01": "位于拆分出去的临江片区：单元由 ZH42909930014 变为新单元 ZH42909930029；两者同为一般管控单元、同一文本清单，结论和理由不变",
    "S03": "U-ZH42909920001-02 由需论证改为限制：数据中心结论由 needsAssessment 变为 restricted（理由编号不变，效力变了）",
    "S05": "云雾村单元重新编号 ZH42909930028 → ZH42909930030（形状、类别、名称不变）：只有单元编码变化",
    "S16": "删除市级条款 C-KJ-02（畜禽养殖选址论证）：理由中少了 C-KJ-02，R-AX-05（限制）仍适用，结论仍为 restricted",
    "S18": "HX429099003 在单元 ZH42909910020 内外扩 450 m，把原来距红线 333 m 的木材加工厂包进红线：增加 R-HX-01（禁止），restricted → prohibited",
    "S22": "单元 ZH42909930022 由一般管控（3）改为重点管控（2）：K3-KJ-03（一般管控单元园区外工业项目需论证）不再适用，needsAssessment → compliant",
}


def write_readme(a, b, D, ch, near, tiling):
    U = D["units"]
    sp = [c for c in U["changed"] if c["code"] == SPLIT_CODE][0]
    add = U["added"][0]
    rl = D["redLines"]["changed"][0]
    old_sp = [u for u in a.units if u["code"] == SPLIT_CODE][0]
    old_rl = [r for r in a.redlines if r["code"] == REDLINE_CODE][0]
    new_rl = [r for r in b.redlines if r["code"] == REDLINE_CODE][0]
    L = []
    L += ["# 沧澜县（虚构）三线一单示例数据集 2025.1 版 / fictional demo dataset, second edition", "",
          "> **本数据集完全虚构**（见 `Fixtures/demo/README.md`）。这是 2024.1 版（`Fixtures/demo`）的第二版，",
          "> 用于测试 `zonescreen dataset diff` 和 `--compare-dataset`：两版之间恰好有六处变化，预期的差异和",
          "> 示例项目结论的变化由生成脚本独立算出（shapely + pyproj，不使用 Swift 代码）。", "",
          "Same county, same format (`docs/dataset-format.md`), same sites (`sites.geojson` is a byte copy of the",
          f"2024 one). Manifest: `version: '{VERSION}'`, `date: '{DATE}'`, `fictional: true`; everything else in the",
          "manifest, every other feature (vertex for vertex), clause, annotation and rule is identical to 2024.1.", "",
          "## 重新生成 / Regenerate", "", "```sh",
          "python3 Fixtures/demo/generator/make_demo.py        # 2024.1 -> Fixtures/demo (must come first)",
          "python3 Fixtures/demo/generator/make_demo_2025.py   # 2025.1 -> Fixtures/demo-2025",
          "```", "",
          "(python3 with numpy, shapely>=2, pyproj, PyYAML; deterministic.) `make_demo_2025.py` imports `make_demo.py`,",
          "reads the 2024 edition back from `Fixtures/demo`, checks that it is current (the sites rebuild identically and",
          "its own evaluation reproduces `Fixtures/demo/expected.csv` byte for byte), applies the six changes, re-runs",
          "the generator's checks on the written 2025 files (YAML parses, every geometry valid, clause ids unique,",
          "industry codes in the catalogue, units tile the county), then computes the three expected files. It stops",
          "with an assertion if a check fails or if the generic diff finds anything but the six intended changes.", "",
          "## 六处变化 / The six changes", "",
          "| # | 变化 | 对象 | 内容 | 影响的示例项目 |", "|---|---|---|---|---|",
          f"| a | 单元拆分 split | {SPLIT_CODE} → {SPLIT_CODE} + **{SPLIT_NEW_CODE}** | {old_sp['name']}（{old_sp['geom'].area / 1e6:.2f} km²）南端临江的狭长片区"
          f"（{add['areaHectares']:.4f} ha）沿一条东西向切线划为新单元 {SPLIT_NEW_CODE} {SPLIT_NEW_NAME}（类别 3、细类、文本清单同原单元）；切线两端取原单元边界上已有的结点，"
          f"切线上的新结点两单元共用 | S01（单元编码变化，结论不变） |",
          f"| b | 单元改类 re-class | {RECLASS_CODE} | 类别 3 一般管控 → 2 重点管控，名称 沧澜镇一般管控单元4 → {RECLASS_NAME}；形状、编码、细类（DYXL）、文本清单不变 | S22（needsAssessment → compliant） |",
          f"| c | 红线扩大 enlarged | {REDLINE_CODE} | {old_rl['name']} 在优先保护单元 {REDLINE_UNIT} 范围内向外扩 {REDLINE_GROW:.0f} m（孔洞保留），"
          f"{old_rl['geom'].area / 1e6:.2f} → {new_rl['geom'].area / 1e6:.2f} km²，增加 {rl['gainedHectares']:.4f} ha | S18（restricted → prohibited） |",
          f"| d | 条款从严 stricter | {STRICT_ID} | 沧澜经济开发区数据中心条款 needsAssessment → restricted，文字改为“{STRICT_TEXT}” | S03（needsAssessment → restricted） |",
          f"| e | 条款删除 deleted | {DELETED_ID} | 市级“新建、扩建畜禽规模养殖场须开展选址环境合理性论证……”（needsAssessment）删除 | S16（理由少了 {DELETED_ID}，结论仍为 restricted） |",
          f"| f | 单元重新编码 recoded | {RECODE_OLD} → {RECODE_NEW} | 云雾村一般管控单元：编码改变，形状（逐个结点）、类别、名称、文本清单不变 | S05（单元编码变化，结论不变） |",
          "",
          "## 预期差异 / `expected-diff.json`", "",
          "Computed by a generic comparison of the two folders as written (`diff_datasets` in the script), not from",
          "the list of changes; the script then asserts that it found exactly the six changes. Conventions:", "",
          "- Geometry is read from the written files (EPSG:4490, 7 decimals) and projected to EPSG:4546, the demo's",
          "  measurement CRS. Areas are hectares rounded to 4 decimals. `gainedHectares` = area(new − old),",
          "  `lostHectares` = area(old − new) of the same code.",
          "- Units are matched by code. A code only in OLD and a code only in NEW with the same class and the same",
          "  shape (symmetric difference < 0.001 m²) form a `recoded` pair and appear nowhere else. Other codes",
          "  present in both are `changed` when name, class or shape differ. A split = the old code under `changed`",
          "  (lostHectares = the part that moved) + the new code under `added`.",
          "- `unitClass` is the integer class 1/2/3; effects are the YAML words (prohibited / restricted /",
          "  needsAssessment / requirement).",
          "- `clauses` compares the structured clauses of the clause files by id; `changes` lists the differing keys",
          "  among " + ", ".join(CLAUSE_KEYS) + ". The units' free-text lists",
          "  (KJBJYS …, split into text clauses `{code}-{dimension}-{n}`) are attributes of the units: they are identical",
          f"  for every unit code present in both editions and for the recoded pair; the new unit {SPLIT_NEW_CODE} carries its",
          "  parent's lists. Text clauses that appear or disappear only because a unit code appears or disappears are",
          "  therefore not listed under `clauses`. `lists/unit-annotations.yaml` is unchanged.",
          "- Shorelines compared per river (name + class), sensitive areas per layer + code, rules per id: all empty.", "",
          "In brief:", "",
          f"- units.added: {add['code']} {add['name']} class {add['unitClass']}, {add['areaHectares']:.4f} ha",
          f"- units.recoded: {RECODE_OLD} → {RECODE_NEW}",
          f"- units.changed: {SPLIT_CODE} (lost {sp['lostHectares']:.4f} ha, gained 0); {RECLASS_CODE} (class 3 → 2, name changed, 0 / 0 ha)",
          f"- redLines.changed: {REDLINE_CODE} (gained {rl['gainedHectares']:.4f} ha, lost {rl['lostHectares']:.4f} ha)",
          f"- clauses.changed: {STRICT_ID} (effect, text); clauses.removed: {DELETED_ID}",
          "- shorelines, sensitiveAreas, rules: no change", "",
          "## 结论变化 / `expected-changes.csv` and `expected.csv`", "",
          "`expected.csv` is the 2025 edition's own expected answers, computed exactly like the 2024 one (same",
          "procedure, same columns; the `how` note of a changed site ends with `（2025.1 版变化：…）`).",
          "`expected-changes.csv` has one row per demo site whose answer differs between the editions, each site",
          "screened with its profile from `sites.geojson` by the generator's reference evaluation on both folders.",
          "A site's answer = verdict, unit codes touched, red-line codes touched, and its reasons (the rules and",
          "clauses that apply with an effect other than `requirement`, i.e. `mustCite`, with their effects).", "",
          "- `direction`: stricter / looser / same by prohibited > restricted > needsAssessment > compliant.",
          "- `oldUnits`…`newRedLines`: ';'-joined codes, sorted. `addedReasons` / `removedReasons`: reason ids that",
          "  appear / disappear (S03's reason keeps its id and changes effect, so both are empty there).",
          "- `cause`: the diff items behind the change, `section.kind:key` (key = code, id, or for `recoded` the old",
          "  code): a unit or red line counts when the site touches the piece gained or lost, or the unit whose class",
          "  or name changed; a clause or rule counts when it is among the site's reasons in either edition.", "",
          "| 项目 | 2024.1 | 2025.1 | 方向 | 原因 | 说明 |", "|---|---|---|---|---|---|"]
    for r in ch:
        L.append(f"| {r['site']} | {r['oldVerdict']} | {r['newVerdict']} | {r['direction']} | `{r['cause']}` | {SITE_WHY.get(r['site'], '')} |")
    L += ["", "The other 24 sites have the same answer in both editions" +
          ("." if not near else "; only the near-miss list (mustNotCite) differs for " + ", ".join(n[0] for n in near) + "."),
          "S27 straddles the chemical park and ZH42909930014 but lies north of the cut, so the split does not touch it.", "",
          "## 注意 / Notes for the tools", "",
          f"- The re-classed unit keeps its code {RECLASS_CODE} (the issue asks for a re-class with the same code), so its",
          "  9th digit (3) no longer matches its class (2): `zonescreen dataset check` is expected to report",
          "  `malformedUnitCode` for it (a cross-reference problem, the dataset still loads). No other problem is expected.",
          "- Its subclass `DYXL` stays 一般管控类 so that the diff holds only the name and class change; the verdict",
          "  change of S22 comes from the class alone (no 产业集聚类 / 城镇生活类 clause applies to it).",
          f"- Tiling of the 2025 units, checked on the written files in EPSG:4546: symmetric difference with the county",
          f"  {tiling['symdiff_area']:.6f} m², largest pairwise overlap {tiling['max_overlap']:.6f} m², non-shared vertices on common",
          f"  boundaries {tiling['nonshared_vertices']}, union {tiling['union_type']}; {len(b.units)} units (2024.1: {len(a.units)}).", "",
          "## 文件 / Files", "",
          "Like `Fixtures/demo` (dataset.yaml, layers/, lists/, rules.yaml, sites.geojson, expected.csv),",
          "plus `expected-diff.json` and `expected-changes.csv`. Copied byte for byte from 2024.1: `layers/shorelines.geojson`,",
          "`layers/water-sources.geojson`, `layers/parks.geojson`, `layers/county.geojson`, `sites.geojson`. Regenerated by the",
          "generator's own functions: the clause files, annotations, `rules.yaml` and `dataset.yaml` (identical to 2024.1",
          "but for the two clause changes, the version/date and the header comment). Changed features only in",
          "`layers/units.geojson` (4 of them) and `layers/redlines.geojson` (1).", ""]
    with open(os.path.join(NEW, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(L))


if __name__ == "__main__":
    main()
