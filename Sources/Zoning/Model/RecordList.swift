import Synchronization

/// One kind of a dataset's records (control units, red lines, clauses), by position: held in memory
/// (read from sources), or decoded from a compiled store on first access and then kept. A national
/// store holds 43,000 units and 400,000 clauses, and one site needs a handful of them: opening the store
/// decodes none, a site decodes what it touches, once per process.
///
/// Reading a field through `record(_:)` (`list.record(i).value.text`) avoids copying the whole
/// record; `list[i]` copies it.
public struct RecordList<Element: Sendable>: RandomAccessCollection, Sendable {
    private enum Storage: Sendable {
        case memory([RecordBox<Element>])
        case stored(LazyRecords<Element>)
    }

    private let storage: Storage
    public let count: Int

    public init(_ values: [Element]) {
        storage = .memory(values.map(RecordBox.init))
        count = values.count
    }

    package init(stored: LazyRecords<Element>) {
        storage = .stored(stored)
        count = stored.count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Element { record(position).value }

    /// The record in its box, decoded now when it was not yet.
    @inline(__always)
    public func record(_ position: Int) -> RecordBox<Element> {
        switch storage {
        case .memory(let boxes): boxes[position]
        case .stored(let lazy): lazy.record(position)
        }
    }

    /// How many records have been decoded so far (all of them when held in memory).
    public var decodedCount: Int {
        switch storage {
        case .memory: count
        case .stored(let lazy): lazy.decodedCount
        }
    }
}

/// A record, shared rather than copied.
public final class RecordBox<Element: Sendable>: Sendable {
    public let value: Element
    init(_ value: Element) { self.value = value }
}

/// Records decoded on first access from a compiled store, each kept once decoded. Two threads asking
/// for the same new record may both decode it; the first stored wins and both get that one.
///
/// A store's records are all decoded once, when the file is first checked (`validate`, with its
/// checksum: `StoreVerification`), so a record that would not decode is refused then, as a damaged
/// store; decoding on access can then fail only if the file was changed while mapped.
///
/// `@unchecked Sendable`: `slots` is allocated and initialised in `init`, freed in `deinit`, and in
/// between each slot is only read and set through its `AtomicLazyReference` (set at most once);
/// `decode` is a `@Sendable` closure over the store's immutable bytes.
package final class LazyRecords<Element: Sendable>: @unchecked Sendable {
    package let count: Int
    private let decode: @Sendable (Int) throws -> Element
    private let slots: UnsafeMutablePointer<AtomicLazyReference<RecordBox<Element>>>

    package init(count: Int, decode: @escaping @Sendable (Int) throws -> Element) {
        self.count = count
        self.decode = decode
        slots = .allocate(capacity: max(count, 1))
        for index in 0..<count { (slots + index).initialize(to: AtomicLazyReference()) }
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    @inline(__always)
    func record(_ position: Int) -> RecordBox<Element> {
        precondition(position >= 0 && position < count, "record \(position) of \(count)")
        if let made = slots[position].load() { return made }
        let decoded: Element
        do { decoded = try decode(position) } catch {
            preconditionFailure("the compiled store changed while it was in use: record \(position) no longer decodes (\(error))")
        }
        return slots[position].storeIfNil(RecordBox(decoded))
    }

    /// Decodes every record once without keeping them: what a first check of the file does.
    package func validate() throws {
        for position in 0..<count { _ = try decode(position) }
    }

    var decodedCount: Int { (0..<count).reduce(0) { $0 + (slots[$1].load() == nil ? 0 : 1) } }
}

extension RecordList: Equatable where Element: Equatable {
    /// The same records in the same order, however each list holds them.
    public static func == (a: RecordList, b: RecordList) -> Bool { a.count == b.count && a.elementsEqual(b) }
}
