import Foundation
import TestSupport

/// A JSON-schema check for the subset of keywords the service's openapi.json uses (`type`,
/// `properties`, `required`, `items`, `enum`, `additionalProperties`, `oneOf`, OpenAPI's `nullable`, `$ref` to
/// `#/components/schemas/...`; `description`, `example` and `default` say nothing to check). Written
/// here, from the JSON Schema rules, so the service's answers are held to the file a client reads,
/// not to the code that writes both. Values are as `JSONSerialization` gives them.
struct OpenAPISchema {
    let document: [String: Any]

    static func load() throws -> OpenAPISchema {
        let url = FixtureTable.root().appendingPathComponent("Sources/Server/Web/openapi.json")
        guard let document = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw SchemaProblem(path: "$", message: "openapi.json is not an object")
        }
        return OpenAPISchema(document: document)
    }

    struct SchemaProblem: Error, CustomStringConvertible {
        let path: String
        let message: String
        var description: String { "\(path): \(message)" }
    }

    /// The named schema under components/schemas.
    func schema(_ name: String) throws -> [String: Any] {
        guard let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any],
              let schema = schemas[name] as? [String: Any] else { throw SchemaProblem(path: "#/components/schemas/\(name)", message: "no such schema") }
        return schema
    }

    /// The schema of a path's response: `paths[path][method].responses[status].content[type].schema`.
    func response(_ path: String, _ method: String, status: Int, contentType: String = "application/json") throws -> [String: Any] {
        let operation = ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method] as? [String: Any]
        let response = (operation?["responses"] as? [String: Any])?[String(status)] as? [String: Any]
        guard let schema = ((response?["content"] as? [String: Any])?[contentType] as? [String: Any])?["schema"] as? [String: Any] else {
            throw SchemaProblem(path: "\(method) \(path) \(status) \(contentType)", message: "openapi.json gives no schema")
        }
        return schema
    }

    /// Every way `value` breaks `schema`; empty when it conforms.
    func problems(_ value: Any, against schema: [String: Any], at path: String = "$") -> [SchemaProblem] {
        if let reference = schema["$ref"] as? String {
            let prefix = "#/components/schemas/"
            guard reference.hasPrefix(prefix), let target = try? self.schema(String(reference.dropFirst(prefix.count))) else {
                return [SchemaProblem(path: path, message: "unresolvable $ref \(reference)")]
            }
            return problems(value, against: target, at: path)
        }
        if let choices = schema["oneOf"] as? [[String: Any]] {
            let matching = choices.filter { problems(value, against: $0, at: path).isEmpty }.count
            if matching != 1 { return [SchemaProblem(path: path, message: "matches \(matching) of the oneOf schemas, not exactly one")] }
        }
        var found: [SchemaProblem] = []
        if value is NSNull, schema["nullable"] as? Bool == true { return [] }
        if let type = schema["type"] as? String, !Self.has(type: type, value) {
            return [SchemaProblem(path: path, message: "expected \(type), found \(Self.typeName(value))")]
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { Self.equal($0, value) }) {
            found.append(SchemaProblem(path: path, message: "\(value) is not one of \(allowed)"))
        }
        if let object = value as? [String: Any], !Self.isBool(value) {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                found.append(SchemaProblem(path: path, message: "required member \(name) is missing"))
            }
            for (name, member) in object {
                if let memberSchema = properties[name] as? [String: Any] {
                    found += problems(member, against: memberSchema, at: "\(path).\(name)")
                } else if let extra = schema["additionalProperties"] {
                    if let allowed = extra as? Bool, !allowed { found.append(SchemaProblem(path: path, message: "member \(name) is not allowed")) }
                    if let extraSchema = extra as? [String: Any] { found += problems(member, against: extraSchema, at: "\(path).\(name)") }
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() { found += problems(item, against: items, at: "\(path)[\(index)]") }
        }
        return found
    }

    // JSONSerialization gives true/false as NSNumber too; its boolean class tells them apart.
    static func isBool(_ value: Any) -> Bool { type(of: value) == type(of: NSNumber(value: true)) && value is NSNumber }

    static func has(type: String, _ value: Any) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return isBool(value)
        case "number": return value is NSNumber && !isBool(value)
        case "integer":
            guard let number = value as? NSNumber, !isBool(value) else { return false }
            return number.doubleValue.rounded() == number.doubleValue
        default: return false
        }
    }

    static func typeName(_ value: Any) -> String {
        for name in ["boolean", "integer", "number", "string", "array", "object"] where has(type: name, value) { return name }
        return value is NSNull ? "null" : "\(type(of: value))"
    }

    static func equal(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case (let x as String, let y as String): x == y
        case (let x as NSNumber, let y as NSNumber): isBool(x) == isBool(y) && x == y
        default: false
        }
    }
}
