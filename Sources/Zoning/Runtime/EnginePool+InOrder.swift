import Formats

extension EnginePool {
    /// Works on `inputs` in parallel on the pool's threads, in batches of `batchSize`, and hands each
    /// output to `each` in input order as soon as it and all before it are done. At most
    /// `maximumInFlight` batches (default two per thread) are submitted and not yet handed over, so
    /// memory stays bounded by them, not by the inputs.
    ///
    /// Cancelling the calling task (a request's deadline) answers at once: batches not started are not
    /// run, a running one stops at its next `WorkCancellation` check (made between inputs). The first
    /// error a batch throws ends the run and is rethrown.
    public func inOrder<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], batchSize: Int = 32, maximumInFlight: Int? = nil,
        _ work: @escaping @Sendable (_ engine: Engine, _ input: Input, _ index: Int) throws -> Output,
        each: (Output) async throws -> Void
    ) async throws {
        let size = max(1, batchSize)
        let limit = max(1, maximumInFlight ?? 2 * threads)
        let batches = stride(from: 0, to: inputs.count, by: size).map { $0..<min($0 + size, inputs.count) }
        try await withThrowingTaskGroup(of: (Int, [Output]).self) { group in
            var started = 0, delivered = 0
            var finished: [Int: [Output]] = [:]
            while delivered < batches.count {
                while started < batches.count && started - delivered < limit {
                    let number = started, range = batches[number], slice = Array(inputs[range])
                    group.addTask {
                        let outputs = try await self.submit { engine in
                            var outputs: [Output] = []
                            outputs.reserveCapacity(slice.count)
                            for (offset, input) in slice.enumerated() {
                                try WorkCancellation.check()
                                outputs.append(try work(engine, input, range.lowerBound + offset))
                            }
                            return outputs
                        }
                        return (number, outputs)
                    }
                    started += 1
                }
                while let outputs = finished.removeValue(forKey: delivered) {
                    for output in outputs { try await each(output) }
                    delivered += 1
                }
                guard delivered < batches.count else { break }
                if finished[delivered] == nil, let (number, outputs) = try await group.next() {
                    finished[number] = outputs
                }
            }
        }
    }
}
