import ArgumentParser
import Geometry
import Wording

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "输出语言 zh|en / output language")
    var lang: Language = .zh
}

extension Language: ExpressibleByArgument {}
extension WebMapDatum: ExpressibleByArgument {}
