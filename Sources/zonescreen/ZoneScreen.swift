import ArgumentParser
import Formats
import Geometry

@main
struct ZoneScreen: AsyncParsableCommand {
    /// This program's own version; `--version` adds the C libraries it loaded, which decide its figures.
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "zonescreen",
        abstract: "三线一单生态环境分区管控预判工具 / pre-screening against China's 三线一单 environmental zoning",
        version: "zonescreen \(version) (GEOS \(number(LibraryVersions.geos)), PROJ \(number(LibraryVersions.proj)), GDAL \(number(GDALVersion.release)))",
        subcommands: [Screen.self, Suitability.self, Serve.self, DatasetCommand.self, Industries.self, Convert.self, SelfCheck.self]
    )

    /// "3.11.1" out of "3.11.1-CAPI-1.17.1" or "Rel. 9.1.1, December 1st, 2022".
    static func number(_ text: String) -> String {
        let digits = text.drop { !$0.isNumber }.prefix { $0.isNumber || $0 == "." }
        return digits.isEmpty ? text : String(digits)
    }
}
