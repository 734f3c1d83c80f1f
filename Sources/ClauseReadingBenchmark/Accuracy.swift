import Datasets
import Foundation
import Zoning

/// The issue's figures for one set of cases.
struct AccuracyReport {
    struct Outcome {
        let item: ReaderCase
        let judgement: ClauseJudge.Judgement
        /// The effect the reader decided binds the project (nil: it does not bind, or may concern).
        var boundEffect: Effect? { judgement.concern == .concerns && judgement.effect != .requirement ? judgement.effect : nil }
    }
    let outcomes: [Outcome]

    init(cases: [ReaderCase], judge: ClauseJudge) {
        outcomes = cases.map { Outcome(item: $0, judgement: judge.judge($0.text, profile: $0.profile, site: $0.site, listEffect: $0.listEffect)) }
    }

    func print(title: String) {
        Swift.print("\n## \(title)")
        let binds = outcomes.filter { $0.item.expect == .binds }
        let prohibited = binds.filter { $0.item.effect == .prohibited }
        let notConcern = outcomes.filter { $0.item.expect == .doesNotConcern || $0.item.expect == .requirement }
        let may = outcomes.filter { $0.item.expect == .mayConcern }
        let open = outcomes.filter { $0.item.expect == .open }
        Swift.print("cases: \(outcomes.count) (binds \(binds.count), of which 禁止 \(prohibited.count); does not concern \(notConcern.count); may concern \(may.count); open \(open.count))")
        line("binding cases marked as concerning with a binding effect (target >= 80 %)", binds.filter { $0.boundEffect != nil }.count, binds.count)
        line("禁止 cases marked prohibited (target >= 80 %)", prohibited.filter { $0.boundEffect == .prohibited }.count, prohibited.count)
        line("binding cases answered as not concerning (a silent 符合; the worst error)",
             binds.filter { $0.judgement.concern == .doesNotConcern || ($0.judgement.concern == .concerns && $0.boundEffect == nil) }.count, binds.count)
        line("binding cases left to a person (undetermined: 需论证)", binds.filter { $0.judgement.concern == .undetermined }.count, binds.count)
        // Cases whose facts all fit the profile's fields: the labeller wrote nothing in words for them.
        let plain = binds.filter { $0.item.profile.products == nil && $0.item.profile.investment == nil }
        if plain.count < binds.count {
            line("binding cases the profile's fields decide alone (no facts in words) marked binding", plain.filter { $0.boundEffect != nil }.count, plain.count)
            let plainProhibited = plain.filter { $0.item.effect == .prohibited }
            line("the 禁止 ones among them marked prohibited", plainProhibited.filter { $0.boundEffect == .prohibited }.count, plainProhibited.count)
        }
        line("not-concerning cases given 禁止/限制 (target <= 5 %)", notConcern.filter { [.prohibited, .restricted].contains($0.boundEffect) }.count, notConcern.count)
        line("may-concern cases left to a person (undetermined)", may.filter { $0.judgement.concern == .undetermined }.count, may.count)
        line("may-concern cases answered as binding outright", may.filter { $0.boundEffect != nil }.count, may.count)
        if !open.isEmpty {
            line("open cases (the profile does not say what the clause asks) listed as possibly applying", open.filter { $0.judgement.concern == .unknown }.count, open.count)
        }
        Swift.print("per effect (a case counts for the effect the person gave when it binds, and for the reader's effect when it binds):")
        for effect in [Effect.prohibited, .restricted, .needsAssessment] {
            let truePositive = outcomes.filter { $0.item.expect == .binds && $0.item.effect == effect && $0.boundEffect == effect }.count
            let predicted = outcomes.filter { $0.boundEffect == effect }.count
            let actual = outcomes.filter { $0.item.expect == .binds && $0.item.effect == effect }.count
            Swift.print("  \(effect.chineseName)\(String(repeating: " ", count: 4 - effect.chineseName.count)) precision \(percent(truePositive, predicted))  recall \(percent(truePositive, actual))  (person \(actual), reader \(predicted), both \(truePositive))")
        }
        let wrong = outcomes.filter { outcome in
            switch outcome.item.expect {
            case .binds: outcome.boundEffect != outcome.item.effect
            case .doesNotConcern, .requirement: outcome.boundEffect != nil
            case .mayConcern: outcome.judgement.concern != .undetermined
            case .open: outcome.judgement.concern != .unknown
            }
        }
        if !wrong.isEmpty {
            Swift.print("cases read otherwise than the person (\(wrong.count)):")
            for outcome in wrong.prefix(ProcessInfo.processInfo.environment["SHOW_ALL"] == nil ? 15 : 10_000) {
                let j = outcome.judgement
                if let wanted = ProcessInfo.processInfo.environment["SHOW_PARTS"], outcome.item.id.hasPrefix(wanted) {
                    for part in j.parts {
                        Swift.print("      part \(part.effect.rawValue) ind=\(part.conditions.industries ?? []) nat=\(part.conditions.natures?.map(\.rawValue) ?? []) park=\(String(describing: part.conditions.park)) missing=\(part.missing) rules=\(part.evidence.rules) «\(part.evidence.words)»")
                    }
                }
                Swift.print("  \(outcome.item.id): expected \(outcome.item.expect.rawValue) \(outcome.item.effect?.rawValue ?? ""), read \(j.concern) \(j.effect.rawValue) «\(j.quote ?? "")»")
            }
        }
    }

    private func line(_ label: String, _ part: Int, _ whole: Int) {
        Swift.print("  \(label): \(part) / \(whole) = \(percent(part, whole))")
    }

    private func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "n/a" : String(format: "%.1f %%", 100 * Double(part) / Double(whole))
    }
}

/// How the reader's reading of the demo's annotated unit clauses compares with the annotation.
struct AnnotationAgreement {
    let dataset: Dataset
    let judge: ClauseJudge

    func print() {
        let annotated = dataset.clauses.filter { $0.decision == .person }
        guard !annotated.isEmpty else { return }
        let rank: [Effect: Int] = [.prohibited: 3, .restricted: 2, .needsAssessment: 1, .requirement: 0]
        var sameEffect = 0, sameCodes = 0, binding = 0, bindingFound = 0
        var confusion: [String: Int] = [:]
        for clause in annotated {
            let parts = judge.parts(clause.text)
            let read = parts.map(\.effect).max { (rank[$0] ?? 0) < (rank[$1] ?? 0) } ?? .requirement
            if read == clause.effect { sameEffect += 1 } else if ProcessInfo.processInfo.environment["SHOW_DISAGREEMENTS"] != nil {
                Swift.print("  \(clause.id): annotated \(clause.effect.chineseName), read \(read.chineseName): \(clause.text)")
            }
            confusion["\(clause.effect.chineseName)→\(read.chineseName)", default: 0] += 1
            if clause.effect != .requirement {
                binding += 1
                if read != .requirement { bindingFound += 1 }
            }
            let personCodes = Set(clause.conditions.industries ?? [])
            let readCodes = Set(parts.filter { $0.effect != .requirement }.flatMap { $0.conditions.industries ?? [] })
            if personCodes == readCodes { sameCodes += 1 }
        }
        Swift.print("\n## The demo dataset's hand annotations (fictional clause text, annotated by the demo's author)")
        Swift.print("annotated unit clauses: \(annotated.count); same strongest effect: \(sameEffect) (\(String(format: "%.1f", 100 * Double(sameEffect) / Double(annotated.count))) %); same industry codes: \(sameCodes)")
        Swift.print("binding by the annotation: \(binding); read as binding: \(bindingFound)")
        Swift.print("annotation → reading: " + confusion.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
}
