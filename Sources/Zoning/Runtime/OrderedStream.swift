import Foundation
import Formats

/// Inputs in, outputs out in the same order, worked on in parallel on a pool's threads, for plain
/// threads (a command's reader and writer). One thread submits inputs as it reads them; another takes
/// the outputs in input order with `next()`, while later batches are still being worked on.
///
/// Inputs go to the pool in batches of `batchSize` (one queue hand-off per batch, not per input). At
/// most `maximumInFlight` batches are submitted and not yet taken by the consumer: the submitter
/// waits beyond that, so memory stays bounded however long the input is, and outputs flow out while
/// the input is still being read.
///
/// `cancel()` stops the stream: batches not yet started are not run, a running batch stops at its
/// next `WorkCancellation` check (the stream checks between inputs), the submitter and the consumer
/// stop waiting.
///
/// `@unchecked Sendable` is safe: every stored `var` is read and written only while `condition` is
/// locked (each method holds the lock whenever it touches them), and the rest are `let`s of
/// Sendable types.
public final class OrderedStream<Engine, Input: Sendable, Output: Sendable>: @unchecked Sendable {
    public typealias Work = @Sendable (_ engine: Engine, _ input: Input, _ index: Int) throws -> Output

    private let pool: EnginePool<Engine>
    private let batchSize: Int
    private let maximumInFlight: Int
    private let work: Work
    /// Shared by all of the stream's batches: `WorkCancellation.current` while they run.
    private let cancellation = WorkCancellation()
    private let condition = NSCondition()

    // Producer's side.
    private var pending: [Input] = []
    private var submittedInputs = 0
    private var submittedBatches = 0
    private var finished = false
    // Consumer's side.
    private var done: [Int: Result<[Output?], any Error>] = [:]
    private var deliveredBatches = 0
    /// The batch being handed out, and where: `take()` moves each output out of its slot, where
    /// reading it copied it (a site's whole result, reference count by reference count).
    private var current: [Output?] = []
    private var position = 0
    private var stopped = false

    /// `maximumInFlight` defaults to two batches per thread: one being worked on, one waiting.
    public init(pool: EnginePool<Engine>, batchSize: Int = 32, maximumInFlight: Int? = nil, work: @escaping Work) {
        self.pool = pool
        self.batchSize = max(1, batchSize)
        self.maximumInFlight = max(1, maximumInFlight ?? 2 * pool.threads)
        self.work = work
    }

    // MARK: the submitting thread

    /// Adds an input; a full batch goes to the pool (waiting while enough work is in flight).
    public func submit(_ input: Input) {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped else { return }
        pending.append(input)
        if pending.count >= batchSize { flushLocked() }
    }

    /// Hands over a partial batch: call when the input may pause, so no output waits for more input.
    public func flush() {
        condition.lock()
        defer { condition.unlock() }
        flushLocked()
    }

    /// The input has ended.
    public func finish() {
        condition.lock()
        defer { condition.unlock() }
        flushLocked()
        finished = true
        condition.broadcast()
    }

    private func flushLocked() {
        while submittedBatches - deliveredBatches >= maximumInFlight && !stopped { condition.wait() }
        guard !pending.isEmpty, !stopped else { return }
        let batch = pending, first = submittedInputs, number = submittedBatches
        pending.removeAll(keepingCapacity: true)
        submittedInputs += batch.count
        submittedBatches += 1
        pool.queue.add(PoolJob { [self] engine in
            let outputs = Result { () throws -> [Output?] in
                guard !cancellation.isCancelled else { throw WorkCancellation.Stopped() }
                let engine = try engine.get()
                return try cancellation.run {
                    var outputs: [Output?] = []
                    outputs.reserveCapacity(batch.count)
                    // By index: `enumerated()` copied every input.
                    for offset in batch.indices {
                        try WorkCancellation.check()
                        outputs.append(try work(engine, batch[offset], first + offset))
                    }
                    return outputs
                }
            }
            complete(number, outputs)
        })
    }

    private func complete(_ number: Int, _ outputs: Result<[Output?], any Error>) {
        condition.lock()
        defer { condition.unlock() }
        done[number] = outputs
        condition.broadcast()
    }

    // MARK: both at once

    /// Submits `inputs` from a thread of its own and hands each output to `each` on this one, in input
    /// order, for inputs that are all at hand. An error `each` throws stops the stream and is rethrown.
    public func run(_ inputs: [Input], _ each: (Output) throws -> Void) throws {
        let feeder = Thread { [self] in
            for input in inputs { submit(input) }
            finish()
        }
        feeder.start()
        do {
            while let output = try next() { try each(output) }
        } catch {
            cancel()
            throw error
        }
    }

    // MARK: the consuming thread

    /// The next output in input order, waiting for it; nil once the input has finished and every
    /// output has been taken, or after `cancel()`. Throws the first error a batch threw (in input
    /// order), after which the stream is stopped.
    public func next() throws -> Output? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if stopped { return nil }
            if position < current.count {
                defer { position += 1 }
                return current[position].take()
            }
            while done[deliveredBatches] == nil && !stopped && !(finished && deliveredBatches == submittedBatches) { condition.wait() }
            guard !stopped, let outputs = done.removeValue(forKey: deliveredBatches) else { return nil }
            deliveredBatches += 1
            condition.broadcast()
            switch outputs {
            case .success(let outputs):
                current = outputs
                position = 0
            case .failure(let error):
                stopLocked()
                throw error
            }
        }
    }

    /// Stops the stream (the consumer gave up: its output failed, say). Does not wait for a running
    /// batch; `EnginePool.shutDown()` does.
    public func cancel() {
        condition.lock()
        defer { condition.unlock() }
        stopLocked()
    }

    private func stopLocked() {
        stopped = true
        cancellation.cancel()
        pending.removeAll()
        done.removeAll()
        current.removeAll()
        condition.broadcast()
    }
}
