import Foundation

/// Hands finished projects from the thread that reads the expense stream to the thread that
/// computes and writes them, so that reading (and the server producing the stream) overlaps
/// with the computation and the writing. The queue is bounded by weight (the export's: lines):
/// memory holds at most `capacity` of it besides the item being read and the one being
/// written, and `startupCapacity` while the worker is still preparing; an item heavier than
/// that alone still passes, on its own.
///
/// The two bounds: while the worker prepares (the export's writer waits for the activity
/// figures) the reader goes on and the queue grows; once the worker runs, the bound falls back
/// to `capacity` as the backlog drains (by half of what the worker takes, so the reader and the
/// server go on meanwhile instead of waiting for the queue to empty), and a short queue keeps
/// what the worker takes fresh in the processor's caches (a queue of 200,000 lines throughout
/// cost a fifth more CPU on three million lines than one of a few projects).
final class ProjectPipeline<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []
    private var queuedWeight = 0
    private var prepared = false
    /// The bound once the worker runs: what was queued then, falling by half of what the worker
    /// takes, down to `capacity`, so the reader goes on (at half the pace) while the backlog drains.
    private var drainingBound = 0
    private var closed = false
    private var failure: Error?
    private var workerDone = false
    let capacity: Int
    let startupCapacity: Int
    private let weight: (Item) -> Int

    init(capacity: Int, startupCapacity: Int? = nil, weight: @escaping (Item) -> Int) {
        self.capacity = capacity
        self.startupCapacity = max(capacity, startupCapacity ?? capacity)
        self.weight = weight
    }

    /// Starts the worker thread; it runs `prepare`, then takes items in order until the
    /// pipeline is closed or `prepare` or `body` throws, which stops the pipeline with that error.
    func start(preparing prepare: @escaping @Sendable () throws -> Void = {}, _ body: @escaping @Sendable (Item) throws -> Void) {
        let thread = Thread { [self] in
            do {
                try prepare()
            } catch {
                stop(error)
            }
            condition.withLock {
                prepared = true
                drainingBound = max(capacity, queuedWeight)
                condition.broadcast()
            }
            while let item = take() {
                do {
                    try body(item)
                } catch {
                    stop(error)
                }
            }
            condition.withLock {
                workerDone = true
                condition.broadcast()
            }
        }
        thread.name = "jinjibu.export.writer"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Queues an item, waiting while the queue is full; throws the worker's error, if any.
    func put(_ item: Item) throws {
        let itemWeight = weight(item)
        try condition.withLock {
            while !items.isEmpty && queuedWeight + itemWeight > (prepared ? drainingBound : startupCapacity) && failure == nil {
                condition.wait()
            }
            if let failure { throw failure }
            items.append(item)
            queuedWeight += itemWeight
            condition.broadcast()
        }
    }

    /// Says no more items come, waits until the worker has taken and finished every item, and
    /// throws its error if it failed.
    func finish() throws {
        try condition.withLock {
            closed = true
            condition.broadcast()
            while !workerDone { condition.wait() }
            if let failure { throw failure }
        }
    }

    /// Stops the pipeline (the reader failed): the worker drops what is queued and ends.
    func abandon(_ error: Error) {
        stop(error)
        condition.withLock {
            while !workerDone { condition.wait() }
        }
    }

    private func stop(_ error: Error) {
        condition.withLock {
            if failure == nil { failure = error }
            items.removeAll()
            queuedWeight = 0
            closed = true
            condition.broadcast()
        }
    }

    private func take() -> Item? {
        condition.withLock {
            while items.isEmpty && !closed { condition.wait() }
            guard failure == nil, !items.isEmpty else { return nil }
            let item = items.removeFirst()
            let itemWeight = weight(item)
            queuedWeight -= itemWeight
            if prepared { drainingBound = max(capacity, drainingBound - itemWeight / 2 - 1) }
            condition.broadcast()
            return item
        }
    }
}
