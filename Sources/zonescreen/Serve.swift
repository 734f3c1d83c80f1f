import ArgumentParser
import Foundation
import Geometry
import Hummingbird
import NIOCore
import Formats
import Server
import Zoning
import Wording

/// `zonescreen serve`: the HTTP service and the web page for 招商 staff.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "启动 HTTP 服务和网页 / run the HTTP service and its web page",
        discussion: "启动后在浏览器打开 http://HOST:PORT/ 。接口说明见 /api/openapi.json 。/ Open http://HOST:PORT/ in a browser; the API is described at /api/openapi.json.")

    @Option(help: "监听地址 / address to listen on") var host = "127.0.0.1"
    @Option(help: "端口，0 为任选空闲端口 / port (0 picks a free one)") var port = 8080
    @Option(help: ArgumentHelp("数据集目录或编译数据集 .zsd（默认示例数据集）；可重复以同时提供多个版本，第一个为默认 / dataset folder or compiled .zsd; repeat for several editions, the first the default", valueName: "DIR|FILE.zsd")) var dataset: [String] = []
    @Option(name: .customLong("max-body"), help: "请求体上限（字节）/ largest request body in bytes") var maxBody = 8 << 20
    @Option(help: "单个请求超时（秒）/ per-request timeout in seconds") var timeout = 30.0
    @Option(help: "同时进行的筛查数，默认 CPU 核数 / screenings at once (default: cores)") var concurrency = ProcessInfo.processInfo.activeProcessorCount
    @Option(name: .customLong("max-batch"), help: "批量接口每次最多要素数 / most features per batch request") var maxBatch = 10_000
    @Option(name: .customLong("read-timeout"), help: "客户端发送完整请求（请求头和请求体）的时限（秒），也是空闲连接保持时间 / seconds a client has to send a whole request") var readTimeout = 20.0
    @Option(name: .customLong("max-connections"), help: "同时打开的连接上限 / most connections open at once") var maxConnections = 512
    /// Upload limits: defaults 64 MiB unpacked, 100,000 features, 5,000,000 vertices, 16 MiB per value.
    @OptionGroup(title: "上传文件的限制 / limits on uploaded files (默认 / defaults: 64 MiB, 100000, 5000000, 16 MiB)") var uploadLimits: ReadLimitOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        let l = common.lang
        guard (0...65535).contains(port) else { throw ValidationError(l.pick("端口应在 0～65535 之间", "port must be 0...65535")) }
        guard maxBody > 0, timeout > 0, concurrency > 0, maxBatch > 0, readTimeout > 0, maxConnections > 0 else {
            throw ValidationError(l.pick("--max-body、--timeout、--concurrency、--max-batch、--read-timeout、--max-connections 须为正数",
                                         "--max-body, --timeout, --concurrency, --max-batch, --read-timeout and --max-connections must be positive"))
        }
    }

    func run() async throws {
        let l = common.lang
        // A private copy of each store: the service keeps answering whatever happens to the files
        // (replaced, truncated, deleted); SIGHUP loads them again (an operator's new edition).
        let paths = dataset.isEmpty ? [nil] : dataset.map { Optional($0) }
        let editions = try paths.map { try DatasetChoice.loadOrExit($0, language: l, status: 2, access: .privateCopy) }
        let reload: @Sendable () throws -> [Dataset] = { try paths.map { try DatasetChoice.load($0, language: l, access: .privateCopy) } }
        let loaded = editions[0]
        let configuration = ServiceConfiguration(host: host, port: port, maxBodyBytes: maxBody, requestTimeout: .milliseconds(Int64(timeout * 1000)),
                                                 maxConcurrentScreenings: concurrency, maxBatchFeatures: maxBatch,
                                                 requestReadTimeout: .milliseconds(Int64(readTimeout * 1000)), maxConnections: maxConnections,
                                                 uploadLimits: uploadLimits.limits(over: .uploads))
        let host = self.host
        let app = try ZoneScreenService.buildApplication(datasets: editions, configuration: configuration, onServerRunning: { port in
            // Written unbuffered so that scripts waiting for this line see it at once.
            let versions = editions.count > 1 ? l.pick("，版本 ", ", editions ") + editions.map(\.metadata.version).joined(separator: " / ") : ""
            FileHandle.standardOutput.write(Data((l.pick("ZoneScreen 服务已启动：http://\(host):\(port)/ （数据集：\(loaded.metadata.name)\(versions)）",
                                                        "ZoneScreen is serving http://\(host):\(port)/ (dataset: \(loaded.metadata.name)\(versions))") + "\n").utf8))
        }, reload: reload)
        do {
            try await app.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            FileHandle.standardError.write(Data((l.pick("错误：无法在 \(host):\(port) 上监听，端口已被占用；请用 --port 换一个端口",
                                                        "error: cannot listen on \(host):\(port): the port is in use; choose another with --port") + "\n").utf8))
            throw ExitCode(2)
        } catch {
            FileHandle.standardError.write(Data((l.pick("错误：服务无法启动：\(error)", "error: the service could not start: \(error)") + "\n").utf8))
            throw ExitCode(2)
        }
    }
}
