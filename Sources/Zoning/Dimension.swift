/// The four dimensions of an admission list (准入清单).
public enum Dimension: String, Sendable, CaseIterable, Codable, Comparable {
    case spatialLayout
    case pollutantDischarge
    case environmentalRisk
    case resourceEfficiency

    public var chineseName: String {
        switch self {
        case .spatialLayout: "空间布局约束"
        case .pollutantDischarge: "污染物排放管控"
        case .environmentalRisk: "环境风险防控"
        case .resourceEfficiency: "资源开发效率要求"
        }
    }

    public var englishName: String {
        switch self {
        case .spatialLayout: "spatial layout constraints"
        case .pollutantDischarge: "pollutant discharge control"
        case .environmentalRisk: "environmental risk prevention"
        case .resourceEfficiency: "resource-use efficiency"
        }
    }

    public static func < (a: Dimension, b: Dimension) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
