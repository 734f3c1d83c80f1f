import Dispatch
import Synchronization
import Foundation
import Formats
import Geometry
import Wording

/// On SIGINT (Ctrl-C) or SIGTERM, removes the temporary files the run was writing, says so, and exits
/// with 128 + the signal, as shells expect. Outputs already in place are untouched: they are only
/// ever replaced by a rename. Not for `serve`, whose service lifecycle shuts down on these signals.
enum InterruptCleanup {
    /// `@unchecked Sendable`: the sources are created once, in `install`'s one-time initialiser, and
    /// never touched again; holding them only keeps them alive.
    private final class Sources: @unchecked Sendable {
        let sources: [DispatchSourceSignal]
        init(_ sources: [DispatchSourceSignal]) { self.sources = sources }
    }

    private static let language = Mutex<Language>(.zh)

    private static let installed: Sources = {
        Sources([SIGINT, SIGTERM].map { number in
            // The default action would end the process before the handler could run.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let removed = TemporaryFiles.removeAll()
                let l = language.withLock { $0 }
                let message = l.pick("已中断（\(number == SIGINT ? "SIGINT" : "SIGTERM")），删除临时文件 \(removed) 个；已有的输出文件未改动\n",
                                     "interrupted (\(number == SIGINT ? "SIGINT" : "SIGTERM")); \(removed) temporary file(s) removed, existing outputs untouched\n")
                FileHandle.standardError.write(Data(message.utf8))
                // _exit, not exit: the workers are still running, and exit's atexit handlers and static
                // destructors would run under them (ThreadSanitizer reports exactly that). Nothing is left
                // to flush: the temporary files are gone and every write went straight to its descriptor.
                _exit(128 + number)
            }
            source.resume()
            return source
        })
    }()

    static func install(language: Language) {
        self.language.withLock { $0 = language }
        _ = installed
    }
}
