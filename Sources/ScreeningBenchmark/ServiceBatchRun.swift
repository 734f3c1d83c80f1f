import Foundation
import Formats
import Geometry
import Zoning

/// `POST /api/screen/batch` as a GIS team's client sees it: one `zonescreen serve` process per engine
/// thread count (one thread, all cores), the same FeatureCollection of parcels posted to each with
/// curl, wall time from the request's first byte out to the answer's last byte in (curl's total). The first request of each
/// server prepares the zones its parcels reach and is shown apart. The timed rounds then alternate
/// between the servers request by request (only one works at a time; every other round in reverse
/// order), so that load from others on a shared machine falls on all of them alike rather than on
/// whichever ran while it was high.
/// Also says whether every server answered byte for byte what the one-thread server answered.
enum ServiceBatchRun {
    static func measure(binary: String, dataset directory: URL, parcels: [Site], threadCounts: [Int], rounds: Int) throws -> Table {
        let bodyFile = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-benchmark-parcels-\(getpid()).geojson")
        try collection(parcels).write(to: bodyFile)
        defer { try? FileManager.default.removeItem(at: bodyFile) }
        var table = Table(["service batch (POST /api/screen/batch)", "engine threads", "parcels", "first", "median", "best", "parcels/s",
                           "speed-up (median, best)", "server CPU / wall", "same answer"], rightAligned: [1, 2, 3, 4, 5, 6, 7, 8])
        let servers = try threadCounts.map { try Server(binary: binary, dataset: directory, threads: $0) }
        defer { servers.forEach { $0.stop() } }
        let firsts = try servers.map { server in try server.postBatch(bodyFile) }
        guard let reference = firsts.first?.body else { return table }
        var times = Array(repeating: [Double](), count: servers.count)
        var cpu = Array(repeating: 0.0, count: servers.count)
        var same = firsts.map { $0.body == reference }
        for round in 0..<max(1, rounds) {
            // Every other round in the opposite order, so that neither server always goes first.
            let order = round % 2 == 0 ? Array(servers.indices) : servers.indices.reversed()
            for number in order {
                let server = servers[number]
                let cpuBefore = server.cpuSeconds()
                let answer = try server.postBatch(bodyFile)
                cpu[number] += server.cpuSeconds() - cpuBefore
                times[number].append(answer.seconds)
                same[number] = same[number] && answer.body == reference
            }
        }
        let medians = times.map { $0.sorted()[$0.count / 2] }, bests = times.map { $0.min() ?? .nan }
        for (number, threads) in threadCounts.enumerated() {
            let first = firsts[number]
            table.add(["\(first.status), \(first.failed ?? "?") failed in place", "\(threads)", grouped(Double(parcels.count)),
                       duration(first.seconds), duration(medians[number]), duration(bests[number]), grouped(Double(parcels.count) / medians[number]),
                       String(format: "%.2f×, %.2f×", medians[0] / medians[number], bests[0] / bests[number]),
                       String(format: "%.2f", cpu[number] / times[number].reduce(0, +)), same[number] ? "yes" : "NO"])
        }
        return table
    }

    /// The parcels as one FeatureCollection in CGCS2000 longitude/latitude, each with its profile.
    static func collection(_ parcels: [Site]) throws -> Data {
        GeoJSONWriter.featureCollection(try parcels.enumerated().map { index, site in
            var properties: [String: JSONValue] = [:]
            if let industry = site.profile?.industry { properties["industry"] = .string(industry) }
            if let nature = site.profile?.nature { properties["nature"] = .string(nature.rawValue) }
            return Feature(id: site.id ?? "\(index + 1)", geometry: try site.geometry.transformed(from: site.crs, to: .cgcs2000),
                           properties: properties, index: index)
        })
    }

    /// One `zonescreen serve` process on a free loopback port.
    final class Server {
        let process = Process()
        let port: Int

        init(binary: String, dataset: URL, threads: Int) throws {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["serve", "--dataset", dataset.path, "--port", "0", "--concurrency", "\(threads)",
                                 "--max-body", "\(256 << 20)", "--max-batch", "100000", "--timeout", "600"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // "ZoneScreen 服务已启动：http://127.0.0.1:PORT/ ..." once it listens.
            var seen = Data()
            while !seen.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { throw BenchmarkError("zonescreen serve ended before it listened") }
                seen += chunk
            }
            let line = String(decoding: seen, as: UTF8.self)
            guard let range = line.range(of: #"127\.0\.0\.1:[0-9]+"#, options: .regularExpression),
                  let port = Int(line[range].split(separator: ":").last ?? "") else {
                throw BenchmarkError("no port in zonescreen serve's first line: \(line)")
            }
            self.port = port
        }

        /// Posts with curl, as a GIS team's script would (Foundation's URLSession on Linux made the
        /// two-thread server no faster than the one-thread one, where curl and the tests' clients see it
        /// use both cores). Returns curl's own total time with the answer.
        func postBatch(_ bodyFile: URL) throws -> (status: Int, failed: String?, body: Data, seconds: Double) {
            let folder = FileManager.default.temporaryDirectory
            let answerFile = folder.appendingPathComponent("zonescreen-benchmark-answer-\(getpid()).json")
            let headerFile = folder.appendingPathComponent("zonescreen-benchmark-headers-\(getpid()).txt")
            defer { [answerFile, headerFile].forEach { try? FileManager.default.removeItem(at: $0) } }
            let curl = Process()
            curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            curl.arguments = ["-s", "-o", answerFile.path, "-D", headerFile.path, "-w", "%{time_total}", "-X", "POST",
                              "-H", "Content-Type: application/geo+json", "--data-binary", "@" + bodyFile.path,
                              "http://127.0.0.1:\(port)/api/screen/batch"]
            let output = Pipe()
            curl.standardOutput = output
            try curl.run()
            let printed = output.fileHandleForReading.readDataToEndOfFile()
            curl.waitUntilExit()
            guard curl.terminationStatus == 0, let seconds = Double(String(decoding: printed, as: UTF8.self)) else {
                throw BenchmarkError("curl failed (status \(curl.terminationStatus))")
            }
            let headers = String(decoding: (try? Data(contentsOf: headerFile)) ?? Data(), as: UTF8.self).split(separator: "\r\n")
            let status = headers.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
            let failed = headers.first { $0.lowercased().hasPrefix("x-zonescreen-failed:") }.map { $0.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "" }
            return (status, failed, try Data(contentsOf: answerFile), seconds)
        }

        /// The server's CPU time so far, user and system, all threads (/proc/PID/stat, in clock ticks).
        func cpuSeconds() -> Double {
            guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return .nan }
            // Fields after the command's closing parenthesis, from field 3 (state): utime is field 14, stime 15.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return .nan }
            return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
