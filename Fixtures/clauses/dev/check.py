#!/usr/bin/env python3
"""Validate the clause development set (Fixtures/clauses/dev/*.yaml) and print its counts.

Usage:
  python3 Fixtures/clauses/dev/check.py                 # validate every province file here, print counts
  python3 Fixtures/clauses/dev/check.py --require-targets   # also fail unless the set's size targets are met
  python3 Fixtures/clauses/dev/check.py --self-test     # prove the checks catch what they claim to catch
  python3 Fixtures/clauses/dev/check.py --csv PATH      # another copy of the GB/T 4754-2017 table

Needs python3 and PyYAML. Exit status: 0 when every file is valid (and, with --require-targets, the
targets are met), 1 otherwise. Messages name the file, the clause id and the problem.
"""
import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_CSV = HERE.parent.parent.parent / "Sources" / "Zoning" / "Resources" / "gbt4754-2017.csv"

LEVELS = {"province", "city", "county", "class", "unit"}
DIMENSIONS = {"spatialLayout", "pollutantDischarge", "environmentalRisk", "resourceEfficiency"}
EFFECTS = {"prohibited", "restricted", "needsAssessment", "requirement"}
BINDING_EFFECTS = {"prohibited", "restricted", "needsAssessment"}
NATURES = {"new", "expansion", "rebuild"}
EXPECTS = {"binds", "doesNotConcern", "mayConcern", "requirement"}
PROFILE_KEYS = {"industry", "nature", "chemical", "inPark", "parkKind", "shorelineMetres", "flags"}
SCOPE_PATTERNS = [
    re.compile(r"^outsidePark$"),
    re.compile(r"^inPark(:.+)?$"),
    re.compile(r"^shoreline:(mainStream:|tributary:)?\d+$"),
    re.compile(r"^drinkingWater(:(一级|二级|准保护区))?$"),
    re.compile(r"^existingOnly$"),
    re.compile(r"^threshold:.+$"),
    re.compile(r"^other:.+$"),
]
UNIT_CODE = re.compile(r"^ZH\d{11}$")
DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")
PROVINCE_CODE = re.compile(r"^\d{2}0000$")
# Guangdong's published lists are kept aside for an independent check (see README).
EXCLUDED_PROVINCE_PREFIXES = {"44"}

TARGET_TOTAL = 200
TARGET_PROVINCES = 3
TARGET_PER_PROVINCE = 40


def load_codes(csv_path):
    with open(csv_path, encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle)}


def is_industry(token, codes):
    return isinstance(token, str) and (token in codes or (token.startswith("category:") and len(token) > 9))


class Checker:
    def __init__(self, codes):
        self.codes = codes
        self.errors = []
        self.source_ids = {}
        self.clause_ids = {}
        self.by_province = Counter()
        self.cases_by_province = Counter()
        self.effects = Counter()
        self.expects = Counter()

    def error(self, where, message):
        self.errors.append(f"{where}: {message}")

    def check_document(self, name, doc):
        if not isinstance(doc, dict):
            self.error(name, "the file is not a mapping")
            return
        province = doc.get("province")
        code = str(doc.get("provinceCode", ""))
        if not isinstance(province, str) or not province:
            self.error(name, "province is missing")
            province = name
        if not PROVINCE_CODE.match(code):
            self.error(name, f"provinceCode '{code}' is not a 6-digit province code ending in 0000")
        if code[:2] in EXCLUDED_PROVINCE_PREFIXES or "广东" in str(province):
            self.error(name, "Guangdong is excluded from the development set (kept aside for an independent check)")
        sources = doc.get("sources") or []
        clauses = doc.get("clauses") or []
        if not isinstance(sources, list) or not isinstance(clauses, list):
            self.error(name, "sources and clauses must be lists")
            return
        local_sources = set()
        for source in sources:
            self.check_source(name, source, local_sources)
        for clause in clauses:
            self.check_clause(name, province, clause, local_sources)

    def check_source(self, name, source, local_sources):
        if not isinstance(source, dict):
            self.error(name, "a source is not a mapping")
            return
        sid = source.get("id")
        where = f"{name} source {sid}"
        if not isinstance(sid, str) or not sid:
            self.error(name, "a source has no id")
            return
        if sid in self.source_ids:
            self.error(where, f"source id already used in {self.source_ids[sid]}")
        self.source_ids[sid] = name
        local_sources.add(sid)
        for key in ("title", "issuer", "where"):
            if not isinstance(source.get(key), str) or not source.get(key).strip():
                self.error(where, f"'{key}' is missing")
        if not isinstance(source.get("date", ""), str) or not DATE.match(source.get("date", "")):
            self.error(where, "date must be '' or YYYY, YYYY-MM or YYYY-MM-DD, quoted")

    def check_clause(self, name, province, clause, local_sources):
        if not isinstance(clause, dict):
            self.error(name, "a clause is not a mapping")
            return
        cid = clause.get("id")
        where = f"{name} clause {cid}"
        if not isinstance(cid, str) or not cid:
            self.error(name, "a clause has no id")
            return
        if cid in self.clause_ids:
            self.error(where, f"clause id already used in {self.clause_ids[cid]}")
        self.clause_ids[cid] = name
        if clause.get("source") not in local_sources:
            self.error(where, f"source '{clause.get('source')}' is not among this file's sources")
        text = clause.get("text")
        if not isinstance(text, str) or not text.strip():
            self.error(where, "text is empty")
            text = ""
        if clause.get("level") not in LEVELS:
            self.error(where, f"level '{clause.get('level')}' is not one of {sorted(LEVELS)}")
        if clause.get("dimension") not in DIMENSIONS:
            self.error(where, f"dimension '{clause.get('dimension')}' is not one of {sorted(DIMENSIONS)}")
        if "unit" in clause and not (isinstance(clause["unit"], str) and UNIT_CODE.match(clause["unit"])):
            self.error(where, f"unit '{clause['unit']}' is not a ZH + 11 digit unit code")
        if "unitClass" in clause and clause["unitClass"] not in (1, 2, 3):
            self.error(where, "unitClass must be 1, 2 or 3")
        parts = clause.get("parts")
        if not isinstance(parts, list) or not parts:
            self.error(where, "parts is empty")
            parts = []
        names_industry = False
        all_requirements = True
        for index, part in enumerate(parts):
            names_industry |= self.check_part(f"{where} part {index + 1}", part, text)
            if isinstance(part, dict) and part.get("effect") != "requirement":
                all_requirements = False
        cases = clause.get("cases")
        if not isinstance(cases, list):
            self.error(where, "cases is missing")
            cases = []
        for index, case in enumerate(cases):
            self.check_case(f"{where} case {index + 1}", case)
        expects = [case.get("expect") for case in cases if isinstance(case, dict)]
        if names_industry:
            if not 2 <= len(cases) <= 4:
                self.error(where, f"a clause naming an industry or category needs 2-4 cases, has {len(cases)}")
            if not any(e in ("binds", "mayConcern") for e in expects):
                self.error(where, "needs a case that binds (or may concern, when a fact is missing)")
            if "doesNotConcern" not in expects:
                self.error(where, "needs a case that does not concern the project")
        elif not cases:
            self.error(where, "needs at least one case")
        if all_requirements and parts and any(e == "binds" for e in expects):
            self.error(where, "every part is a requirement, yet a case binds")
        self.by_province[province] += 1
        self.cases_by_province[province] += len(cases)

    def check_part(self, where, part, text):
        if not isinstance(part, dict):
            self.error(where, "not a mapping")
            return False
        words = part.get("words")
        if not isinstance(words, str) or not words:
            self.error(where, "words is empty")
        elif words not in text:
            self.error(where, f"words '{words}' are not a span of the clause text")
        effect = part.get("effect")
        if effect not in EFFECTS:
            self.error(where, f"effect '{effect}' is not one of {sorted(EFFECTS)}")
        else:
            self.effects[effect] += 1
        for nature in part.get("natures") or []:
            if nature not in NATURES:
                self.error(where, f"nature '{nature}' is not one of {sorted(NATURES)}")
        industries = part.get("industries") or []
        for key in ("industries", "excludeIndustries"):
            for token in part.get(key) or []:
                if not is_industry(token, self.codes):
                    self.error(where, f"{key} entry '{token}' is neither a GB/T 4754-2017 code nor category:<word>")
        for scope in part.get("scope") or []:
            if not isinstance(scope, str) or not any(p.match(scope) for p in SCOPE_PATTERNS):
                self.error(where, f"scope '{scope}' is not in the scope vocabulary")
        for exception in part.get("exceptions") or []:
            if not isinstance(exception, str) or not exception.strip():
                self.error(where, "an exception is empty")
        return bool(industries)

    def check_case(self, where, case):
        if not isinstance(case, dict):
            self.error(where, "not a mapping")
            return
        profile = case.get("profile")
        if not isinstance(profile, dict):
            self.error(where, "profile is missing")
            profile = {}
        for key in profile:
            if key not in PROFILE_KEYS:
                self.error(where, f"profile key '{key}' is not one of {sorted(PROFILE_KEYS)}")
        if "industry" in profile and profile["industry"] not in self.codes:
            self.error(where, f"profile industry '{profile['industry']}' is not a GB/T 4754-2017 code")
        if "nature" in profile and profile["nature"] not in NATURES:
            self.error(where, f"profile nature '{profile['nature']}' is not one of {sorted(NATURES)}")
        for key in ("chemical", "inPark"):
            if key in profile and not isinstance(profile[key], bool):
                self.error(where, f"profile {key} must be true or false")
        if "shorelineMetres" in profile and not isinstance(profile["shorelineMetres"], (int, float)):
            self.error(where, "profile shorelineMetres must be a number")
        expect = case.get("expect")
        if expect not in EXPECTS:
            self.error(where, f"expect '{expect}' is not one of {sorted(EXPECTS)}")
        else:
            self.expects[expect] += 1
        if expect == "binds" and case.get("effect") not in BINDING_EFFECTS:
            self.error(where, f"a binding case needs effect in {sorted(BINDING_EFFECTS)}")
        if expect != "binds" and case.get("effect"):
            self.error(where, "only a binding case carries an effect")
        if expect == "mayConcern" and not (isinstance(case.get("missing"), str) and case["missing"].strip()):
            self.error(where, "a mayConcern case must say which fact is missing")
        if not isinstance(case.get("why"), str) or not case["why"].strip():
            self.error(where, "why is empty")

    def targets(self):
        total = sum(self.by_province.values())
        shortfalls = []
        if total < TARGET_TOTAL:
            shortfalls.append(f"{total} clauses, target {TARGET_TOTAL}")
        big_enough = [p for p, n in self.by_province.items() if n >= TARGET_PER_PROVINCE]
        if len(big_enough) < TARGET_PROVINCES:
            shortfalls.append(
                f"{len(big_enough)} provinces with at least {TARGET_PER_PROVINCE} clauses, target {TARGET_PROVINCES}")
        return shortfalls

    def report(self, out):
        total = sum(self.by_province.values())
        print(f"clauses: {total}, cases: {sum(self.cases_by_province.values())}", file=out)
        for province in sorted(self.by_province):
            print(f"  {province}: {self.by_province[province]} clauses, "
                  f"{self.cases_by_province[province]} cases", file=out)
        print("parts by effect: " + ", ".join(f"{e} {self.effects[e]}" for e in sorted(EFFECTS)), file=out)
        print("cases by expect: " + ", ".join(f"{e} {self.expects[e]}" for e in sorted(EXPECTS)), file=out)


def check_folder(folder, codes):
    checker = Checker(codes)
    for path in sorted(folder.glob("*.yaml")):
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as problem:
            checker.error(path.name, f"cannot be read as UTF-8 YAML: {problem}")
            continue
        checker.check_document(path.name, doc)
    return checker


# Self-test material. SYNTHETIC: invented for this test only, never published, never part of the set.
SYNTHETIC_VALID = {
    "province": "测试省（合成）",
    "provinceCode": "990000",
    "sources": [{"id": "synthetic", "title": "合成测试条款（非公开发布文本）", "issuer": "none",
                 "date": "", "where": "check.py --self-test"}],
    "clauses": [{
        "id": "synthetic-001", "source": "synthetic", "level": "unit", "dimension": "spatialLayout",
        "text": "禁止新建、扩建化工项目，现有企业应逐步退出。",
        "parts": [
            {"words": "禁止新建、扩建化工项目", "effect": "prohibited", "natures": ["new", "expansion"],
             "industries": ["C26"]},
            {"words": "现有企业应逐步退出", "effect": "requirement", "scope": ["existingOnly"]},
        ],
        "cases": [
            {"profile": {"industry": "C2614", "nature": "new"}, "expect": "binds", "effect": "prohibited",
             "why": "C2614 属 C26"},
            {"profile": {"industry": "I6513", "nature": "new"}, "expect": "doesNotConcern", "why": "应用软件开发"},
        ],
    }],
}


def self_test(codes):
    import copy

    def errors_of(doc):
        checker = Checker(codes)
        checker.check_document("synthetic.yaml", doc)
        return checker.errors

    failures = []
    if errors_of(SYNTHETIC_VALID):
        failures.append(f"the valid synthetic file was rejected: {errors_of(SYNTHETIC_VALID)}")

    def expect_error(label, mutate, fragment):
        doc = copy.deepcopy(SYNTHETIC_VALID)
        mutate(doc)
        found = errors_of(doc)
        if not any(fragment in e for e in found):
            failures.append(f"{label}: expected an error containing '{fragment}', got {found}")

    clause = lambda d: d["clauses"][0]
    expect_error("words outside text", lambda d: clause(d)["parts"][0].update(words="禁止新建钢铁项目"),
                 "not a span")
    expect_error("unknown code", lambda d: clause(d)["parts"][0].update(industries=["C9999"]),
                 "neither a GB/T")
    expect_error("duplicate clause id", lambda d: d["clauses"].append(copy.deepcopy(clause(d))),
                 "clause id already used")
    expect_error("missing source", lambda d: clause(d).update(source="nowhere"), "is not among")
    expect_error("binds without effect", lambda d: clause(d)["cases"][0].pop("effect"), "binding case needs")
    expect_error("bad effect", lambda d: clause(d)["parts"][0].update(effect="forbidden"), "effect 'forbidden'")
    expect_error("bad scope", lambda d: clause(d)["parts"][1].update(scope=["near river"]), "scope vocabulary")
    expect_error("no doesNotConcern case", lambda d: clause(d)["cases"].pop(1), "2-4 cases")
    expect_error("mayConcern without missing",
                 lambda d: clause(d)["cases"][1].update(expect="mayConcern"), "which fact is missing")
    expect_error("Guangdong", lambda d: d.update(province="广东省", provinceCode="440000"), "Guangdong")
    expect_error("bad unit code", lambda d: clause(d).update(unit="ZH4401"), "unit code")
    if failures:
        for failure in failures:
            print("self-test FAILED: " + failure, file=sys.stderr)
        return 1
    print("self-test passed (11 faults each caught, the valid synthetic file accepted)")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="GB/T 4754-2017 table (code column)")
    parser.add_argument("--require-targets", action="store_true",
                        help=f"fail unless >= {TARGET_TOTAL} clauses and >= {TARGET_PROVINCES} provinces "
                             f"with >= {TARGET_PER_PROVINCE} each")
    parser.add_argument("--self-test", action="store_true", help="check that the checks catch faults")
    args = parser.parse_args()
    try:
        codes = load_codes(args.csv)
    except OSError as problem:
        print(f"cannot read the industry table {args.csv}: {problem}", file=sys.stderr)
        return 1
    if args.self_test:
        return self_test(codes)
    checker = check_folder(HERE, codes)
    checker.report(sys.stdout)
    for message in checker.errors:
        print("error: " + message, file=sys.stderr)
    shortfalls = checker.targets()
    for shortfall in shortfalls:
        print("target not met: " + shortfall, file=sys.stderr if args.require_targets else sys.stdout)
    if checker.errors or (args.require_targets and shortfalls):
        return 1
    print("valid" + ("" if not shortfalls else " (targets not met; see above)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
