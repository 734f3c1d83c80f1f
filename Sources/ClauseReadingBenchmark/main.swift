import Datasets
import Foundation
import Zoning

// Clause reader benchmark: prints figures, asserts nothing.
//   ClauseReadingBenchmark [--clauses N]
// 1. Accuracy on labelled cases: Fixtures/clauses/reader-cases.csv (synthetic, written for the tests) and
//    the development set of published clauses in Fixtures/clauses/dev/ (when it holds any), as the issue's
//    figures: binding cases marked binding, 禁止 cases marked 禁止, not-concerning cases given 禁止/限制, and
//    precision and recall per effect.
// 2. Agreement with the person who annotated the demo dataset's unit clauses (fictional text).
// 3. Time to read N clause texts (default 100,000), as `dataset build` reads them.
//   ClauseReadingBenchmark --read TEXT prints how the reader reads one text, part by part, and stops.

var arguments = Array(CommandLine.arguments.dropFirst())
let count = arguments.firstIndex(of: "--clauses").flatMap { $0 + 1 < arguments.count ? Int(arguments[$0 + 1]) : nil } ?? 100_000
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let fixtures = root.appendingPathComponent("Fixtures")

print("# ZoneScreen clause reader benchmark")
print("date    : \(ISO8601DateFormatter().string(from: Date()))")
print("reader  : version \(ClauseJudge.readerVersion)")
let judge: ClauseJudge
do { judge = try ClauseJudge() } catch {
    print("the shipped lexicon does not load: \(error)")
    exit(2)
}

if let index = arguments.firstIndex(of: "--read"), index + 1 < arguments.count {
    for part in judge.parts(arguments[index + 1]) {
        print("\(part.effect.rawValue) industries=\(part.conditions.industries.map { "\($0)" } ?? "any") natures=\(part.conditions.natures?.map(\.rawValue) ?? [])"
              + " park=\(part.conditions.park.map { "\($0)" } ?? "-") missing=\(part.missing) rules=\(part.evidence.rules) «\(part.evidence.words)»")
    }
    exit(0)
}

// MARK: 1. Accuracy

var sets: [(name: String, cases: [ReaderCase])] = []
do {
    sets.append(("synthetic (Fixtures/clauses/reader-cases.csv; invented text, not published)",
                 try SyntheticCases.load(fixtures.appendingPathComponent("clauses/reader-cases.csv"))))
    let dev = try DevelopmentSet.load(fixtures.appendingPathComponent("clauses/dev"))
    if dev.isEmpty {
        print("development set: Fixtures/clauses/dev holds no published clause yet (see its README)")
    } else {
        sets.append(("published, all provinces (Fixtures/clauses/dev)", dev))
        // The same cases with only what the profile carried before products and investment: industry,
        // nature, chemical, flags and the site's places.
        sets.append(("published, all provinces, without the products words and investment",
                     dev.map { item in var plain = item; plain.profile.products = nil; plain.profile.investment = nil; return plain }))
        for province in Set(dev.map(\.set)).sorted() { sets.append(("published, \(province)", dev.filter { $0.set == province })) }
    }
} catch {
    print("cannot read the cases: \(error)")
    exit(2)
}

for (name, cases) in sets {
    AccuracyReport(cases: cases, judge: judge).print(title: name)
}

// MARK: 2. The demo's annotations

if let demo = DatasetLoader.defaultDirectory(), let opened = try? DatasetStore.open(demo) {
    AnnotationAgreement(dataset: opened.dataset, judge: judge).print()
}

// MARK: 3. Speed

let texts: [String] = {
    var pool = (try? DatasetStore.open(DatasetLoader.defaultDirectory() ?? root).dataset.clauses.map(\.text)) ?? []
    pool += sets.first?.cases.map(\.text) ?? []
    return pool.isEmpty ? ["禁止新建、扩建化工项目。"] : pool
}()
// Distinct texts each time (a numbered item and a unit number), as a province's lists would be.
let inputs = (0..<count).map { "（\($0 % 9 + 1)）" + texts[$0 % texts.count] + (($0 / texts.count) % 2 == 0 ? "" : "单元\($0)。") }
let started = Date()
var bindingRead = 0
for text in inputs where judge.parts(text).contains(where: { $0.effect != .requirement }) { bindingRead += 1 }
let seconds = Date().timeIntervalSince(started)
print("\n## Speed")
print(String(format: "one core : read %d clause texts (%d distinct sources cycled, each made distinct) in %.2f s: %.0f clauses/s; %d read as binding",
             count, texts.count, seconds, Double(count) / seconds, bindingRead))
// As `dataset build` reads them: each distinct text once, over all cores.
let allStarted = Date()
let all = judge.partsOfAll(inputs)
let allSeconds = Date().timeIntervalSince(allStarted)
print(String(format: "as built : the same %d texts in %.2f s on %d cores (%d binding)", all.count, allSeconds,
             ProcessInfo.processInfo.activeProcessorCount, all.filter { $0.contains { $0.effect != .requirement } }.count))
let repeated = (0..<count).map { texts[$0 % texts.count] }
let repeatedStarted = Date()
_ = judge.partsOfAll(repeated)
print(String(format: "as built : %d texts that repeat %d distinct ones (as lists repeat clauses across units) in %.2f s",
             count, texts.count, Date().timeIntervalSince(repeatedStarted)))
