import Foundation
import Testing
@testable import Server

@Suite("Per-request timeout")
struct RequestWatchdogTests {
    @Test("work still running at its deadline is cancelled; quick work returns its value")
    func deadline() async throws {
        let watchdog = RequestWatchdog(tick: .milliseconds(10))
        let quick = try await watchdog.run(timeout: .seconds(5)) { 42 }
        #expect(quick == 42)
        let started = ContinuousClock.now
        await #expect(throws: CancellationError.self) {
            try await watchdog.run(timeout: .milliseconds(50)) { try await Task.sleep(for: .seconds(30)) }
        }
        // Cancelled within a few ticks of the 50 ms deadline, far from the 30 s sleep.
        #expect(ContinuousClock.now - started < .seconds(2))
    }
}
