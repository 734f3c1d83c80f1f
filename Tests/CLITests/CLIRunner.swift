import Foundation

/// Runs the zonescreen executable built next to the test bundle.
enum CLI {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
        /// Ended by the run's timeout rather than by itself.
        var timedOut = false
    }

    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var executable: URL {
        // The test bundle lives in the same build folder as the executable.
        let bundle = Bundle.main.bundleURL
        for folder in [bundle.deletingLastPathComponent(), bundle, bundle.deletingLastPathComponent().deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("zonescreen")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return root.appendingPathComponent(".build/debug/zonescreen")
    }

    /// A new empty folder under the system's temporary folder, named after `purpose`; the caller removes it.
    static func scratchFolder(_ purpose: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-\(purpose)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// `environment`: variables set for this run on top of the test process's own (e.g. ZONESCREEN_CACHE).
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) async throws -> Output {
        try await run(arguments, input: stdin.map { .text($0) } ?? .text(""), environment: environment)
    }

    /// Runs the command and waits for it on a thread of its own: a wait on one of the few cooperative
    /// threads (two on a 2-core machine) starved the live-server tests running beside it, whose requests
    /// then went unanswered until their read timeout.
    /// At most as many commands run at once as there are cores: the waits no longer hold the pool, so
    /// without a bound every CLI test would start its process at once and the live-server tests beside
    /// them would wait for the CPU past their timeouts.
    static func run(_ arguments: [String], input: Input, environment: [String: String] = [:], directory: URL? = nil,
                    timeout: Duration? = nil) async throws -> Output {
        await slots.acquire()
        defer { Task { await slots.release() } }
        return try await offPool { try runWaiting(arguments, input: input, environment: environment, directory: directory, timeout: timeout) }
    }

    static let slots = Slots(count: max(1, ProcessInfo.processInfo.activeProcessorCount))

    /// A counting semaphore whose waiters suspend instead of blocking a thread.
    actor Slots {
        private var free: Int
        private var waiting: [CheckedContinuation<Void, Never>] = []

        init(count: Int) { free = count }

        func acquire() async {
            if free > 0 { free -= 1; return }
            await withCheckedContinuation { waiting.append($0) }
        }

        func release() {
            if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
        }
    }

    /// `work` on a new thread, its result handed back to the awaiting task: for blocking waits (a child
    /// process's exit, a pipe read to its end) that must not hold a cooperative thread.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    /// What the command reads as standard input.
    enum Input {
        /// Written through a pipe, which is then closed (keep it under the pipe's 64 KiB: a command
        /// that stops reading early would otherwise leave the write blocked).
        case text(String)
        /// A file (or device, such as /dev/zero) opened for reading.
        case file(String)
    }

    /// Runs in `directory` (default: the package root). With `timeout`, a run still going then is
    /// ended (SIGKILL) and its status is `timedOut`: a test that must not hang says so instead of
    /// waiting for ever.
    private static func runWaiting(_ arguments: [String], input: Input, environment: [String: String], directory: URL?,
                                   timeout: Duration?) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, set in set }
        }
        process.currentDirectoryURL = directory ?? root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let pipe = Pipe()
        var inputFile: FileHandle?
        switch input {
        case .text: process.standardInput = pipe
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
            inputFile = handle
            process.standardInput = handle
        }
        try process.run()
        defer { try? inputFile?.close() }
        if case .text(let text) = input, !text.isEmpty { pipe.fileHandleForWriting.write(Data(text.utf8)) }
        try pipe.fileHandleForWriting.close()
        let ended = Flag()
        if let timeout {
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout / .seconds(1)) {
                guard process.isRunning else { return }
                ended.set()
                kill(pid, SIGKILL)
            }
        }
        // Read before waiting so a large output cannot fill the pipe and stall the child.
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self), timedOut: ended.isSet)
    }

    /// Set once from the timer's thread, read by the test's. `@unchecked Sendable`: `value` only under `lock`.
    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }
}
