import ArgumentParser

@main
struct ZoneScreen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zonescreen",
        abstract: "三线一单生态环境分区管控预判工具 / pre-screening against China's 三线一单 environmental zoning",
        subcommands: [Screen.self, Suitability.self, Serve.self, DatasetCommand.self, Industries.self, Convert.self, SelfCheck.self]
    )
}
