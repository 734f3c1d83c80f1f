import Foundation

import Geometry
import Wording

/// The effect a rule or clause has on a project it concerns.
public enum Effect: String, Sendable, Codable, CaseIterable {
    case prohibited
    case restricted
    case needsAssessment
    /// A requirement to meet; it does not change the verdict.
    case requirement

    public var chineseName: String {
        switch self {
        case .prohibited: "禁止"
        case .restricted: "限制"
        case .needsAssessment: "需论证"
        case .requirement: "要求"
        }
    }

    public func name(_ language: Language) -> String {
        language == .zh ? chineseName : rawValue
    }

    /// Most severe first, as the cases are declared (`allCases.firstIndex(of:)` without the search).
    public var severity: Int {
        switch self {
        case .prohibited: 0
        case .restricted: 1
        case .needsAssessment: 2
        case .requirement: 3
        }
    }

    /// The verdict this effect leads to, if any.
    public var verdict: Verdict? {
        switch self {
        case .prohibited: .prohibited
        case .restricted: .restricted
        case .needsAssessment: .needsAssessment
        case .requirement: nil
        }
    }
}

/// The screening verdict, most severe first: 禁止 > 限制 > 需论证 > 符合.
public enum Verdict: String, Sendable, Codable, CaseIterable, Comparable {
    case prohibited
    case restricted
    case needsAssessment
    case compliant

    public var chineseName: String {
        switch self {
        case .prohibited: "禁止"
        case .restricted: "限制"
        case .needsAssessment: "需论证"
        case .compliant: "符合"
        }
    }

    public func name(_ language: Language) -> String {
        switch language {
        case .zh: chineseName
        case .en: ["prohibited", "restricted", "needs assessment", "compliant"][Self.allCases.firstIndex(of: self) ?? 0]
        }
    }

    /// Severity order: `a < b` means a is more severe.
    public static func < (a: Verdict, b: Verdict) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// 新建 / 扩建 / 改建.
public enum ProjectNature: String, Sendable, Codable, CaseIterable {
    case new
    case expansion
    case rebuild

    public var chineseName: String {
        switch self {
        case .new: "新建"
        case .expansion: "扩建"
        case .rebuild: "改建"
        }
    }

    /// Accepts the Chinese names, the codes, and common English words.
    public init?(parsing text: String) {
        // The usual spellings need no text work (trimming and lowercasing every site's nature was
        // a twentieth of reading a large file).
        switch text {
        case "new", "新建": self = .new; return
        case "expansion", "扩建": self = .expansion; return
        case "rebuild", "改建": self = .rebuild; return
        default: break
        }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "new", "新建", "build": self = .new
        case "expansion", "expand", "extension", "扩建": self = .expansion
        case "rebuild", "reconstruction", "renovation", "改建": self = .rebuild
        default: return nil
        }
    }
}

/// The levels at which admission lists are published.
public enum ClauseLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case province
    case city
    case unitClass = "class"
    case unit

    public var chineseName: String {
        switch self {
        case .province: "省级总体准入要求"
        case .city: "市级总体准入要求"
        case .unitClass: "分类管控要求"
        case .unit: "单元准入清单"
        }
    }

    public func name(_ language: Language) -> String {
        switch language {
        case .zh: chineseName
        case .en: ["province-wide", "city-wide", "per unit class", "per unit"][Self.allCases.firstIndex(of: self) ?? 0]
        }
    }

    public static func < (a: ClauseLevel, b: ClauseLevel) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// Shoreline classes for distance bands.
public enum RiverClass: String, Sendable, Codable, CaseIterable {
    case mainStream
    case importantTributary
    case tributary

    public var chineseName: String {
        switch self {
        case .mainStream: "干流"
        case .importantTributary: "重要支流"
        case .tributary: "支流"
        }
    }

    public func name(_ language: Language) -> String {
        language == .zh ? chineseName : ["main stream", "important tributary", "tributary"][Self.allCases.firstIndex(of: self) ?? 0]
    }
}

/// Environmental control unit classes: 1 优先保护, 2 重点管控, 3 一般管控.
public enum UnitClass: Int, Sendable, Codable, CaseIterable {
    case priorityProtection = 1
    case keyControl = 2
    case generalControl = 3

    public var chineseName: String {
        switch self {
        case .priorityProtection: "优先保护单元"
        case .keyControl: "重点管控单元"
        case .generalControl: "一般管控单元"
        }
    }

    public func name(_ language: Language) -> String {
        language == .zh ? chineseName : ["priority protection unit", "key control unit", "general control unit"][rawValue - 1]
    }
}

/// Where shoreline distances are measured from; part of the dataset, stated in every report.
public enum ShorelineBaseline: String, Sendable, Codable, CaseIterable {
    case waterline
    case outerBoundary
    case managementBoundary
    case centreline

    public var chineseName: String {
        switch self {
        case .waterline: "临水线"
        case .outerBoundary: "外缘边界线"
        case .managementBoundary: "河道管理范围线"
        case .centreline: "河道中心线"
        }
    }
}

/// Kinds of park (园区) that rules and clauses tell apart.
public enum ParkKind: String, Sendable, Codable, CaseIterable {
    /// 化工园区 (化工集中区): chemical parks, the ones provinces recognise on their compliant lists.
    case chemical
    /// Every other industrial park: 工业园区, 开发区, 高新区, 产业园, 工业集中区 ...
    case industrial

    public var chineseName: String {
        switch self {
        case .chemical: "化工园区"
        case .industrial: "工业园区"
        }
    }

    public func name(_ language: Language) -> String {
        language == .zh ? chineseName : ["chemical park", "industrial park"][Self.allCases.firstIndex(of: self) ?? 0]
    }

    /// The kind a park's name or kind value says: a chemical park names chemistry (化工), anything else is
    /// an industrial park. The codes themselves are accepted too.
    public init(recognising text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let exact = ParkKind(rawValue: trimmed.lowercased()) { self = exact; return }
        self = trimmed.contains("化工") || trimmed.lowercased().contains("chem") ? .chemical : .industrial
    }
}

/// The sensitive-area layers that national rules name (水污染防治法, 自然保护区条例): a dataset's layer
/// takes a role from its id or its kind, and its levels are read into the words the rules use.
public enum SensitiveRole: String, Sendable, Codable, CaseIterable {
    /// 饮用水水源保护区: levels 一级, 二级, 准保护区.
    case drinkingWater
    /// 自然保护区: zones 核心区, 缓冲区, 实验区 (and 核心保护区 / 一般控制区 of the newer system).
    case natureReserve
    /// 城镇建成区 (城市建成区): lists forbid polluting industry inside it.
    case builtUpArea
    /// 集中供热区域: lists forbid new small coal-fired boilers inside it.
    case centralHeating

    /// The role a layer plays: its id when that is a role's name, else what its kind names.
    public init?(layerId: String, kind: String) {
        if let exact = SensitiveRole(rawValue: layerId) { self = exact; return }
        if kind.contains("饮用水") || kind.contains("水源") { self = .drinkingWater; return }
        if kind.contains("自然保护区") { self = .natureReserve; return }
        if kind.contains("建成区") { self = .builtUpArea; return }
        if kind.contains("集中供热") { self = .centralHeating; return }
        return nil
    }

    /// Whether a rule limited to `levels` reaches an area of this level (`role`: its layer's, if any):
    /// true or false when the level says, nil when it cannot be told (no level, or a value of a known
    /// role that names none of the role's levels).
    public static func meets(level: String?, role: SensitiveRole?, levels: [String]?) -> Bool? {
        guard let levels else { return true }
        if let level, levels.contains(level) { return true }
        if let level, let role, let ruleLevel = role.ruleLevel(of: level) { return levels.contains(ruleLevel) }
        return level == nil || role != nil ? nil : false
    }

    /// A level value in the rules' words; nil when the value says none of them.
    public func ruleLevel(of value: String) -> String? {
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch self {
        case .drinkingWater:
            if text.contains("一级") || text == "1" { return "一级" }
            if text.contains("二级") || text == "2" { return "二级" }
            if text.contains("准") { return "准保护区" }
        case .natureReserve:
            // 核心保护区 (the newer system) is held to the core zone's rule.
            if text.contains("核心") { return "核心区" }
            if text.contains("缓冲") { return "缓冲区" }
            if text.contains("实验") { return "实验区" }
            if text.contains("一般控制") { return "一般控制区" }
        case .builtUpArea, .centralHeating:
            break
        }
        return nil
    }
}
