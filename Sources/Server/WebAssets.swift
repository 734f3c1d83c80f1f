import Foundation

/// The web page's files, shipped as package resources and read once.
struct WebAssets: Sendable {
    struct Asset: Sendable {
        let data: Data
        let contentType: String
    }

    let files: [String: Asset]

    /// Leaflet from Debian's libjs-leaflet, served by the service itself (no CDN).
    static let leafletFolder = "/usr/share/javascript/leaflet"

    static func load() -> WebAssets {
        var files: [String: Asset] = [:]
        for (name, type) in [("index.html", "text/html; charset=utf-8"), ("app.js", "text/javascript; charset=utf-8"),
                             ("app.css", "text/css; charset=utf-8"), ("openapi.json", "application/json")] {
            if let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Web"),
               let data = try? Data(contentsOf: url) {
                files[name] = Asset(data: data, contentType: type)
            }
        }
        return WebAssets(files: files)
    }

    static func contentType(forFileNamed name: String) -> String {
        switch URL(fileURLWithPath: name).pathExtension {
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "png": "image/png"
        case "svg": "image/svg+xml"
        default: "application/octet-stream"
        }
    }
}
