/// The properties of a site's feature that carry its project profile, by the names files give them.
enum ProfileField: Int, CaseIterable {
    case industry, nature, chemical, products, investment

    /// The names a file may give the property; when a feature carries two, the first listed wins.
    var names: [String] {
        switch self {
        case .industry: ["industry", "行业代码", "行业"]
        case .nature: ["nature", "项目性质", "建设性质"]
        case .chemical: ["chemical", "化工"]
        case .products: ["products", "主要产品", "产品", "主要产品及工艺", "主要产品及其他情况"]
        case .investment: ["investment", "投资额", "总投资", "固定资产投资"]
        }
    }

    /// Every name with its field and its place among the field's names.
    static let byName: [String: (field: ProfileField, rank: Int)] = {
        var byName: [String: (field: ProfileField, rank: Int)] = [:]
        for field in allCases {
            for (rank, name) in field.names.enumerated() { byName[name] = (field, rank) }
        }
        return byName
    }()
}
