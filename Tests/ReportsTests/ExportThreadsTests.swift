import Foundation
@testable import Reports
import Synchronization
import Testing

/// The export's hand-offs between threads: the line queue to the writer and the activity
/// figures worked out beside the stream.
@Suite struct ExportThreadsTests {
    struct Failed: Error, Equatable {}

    /// Waits (up to two seconds) until `condition` holds, then checks it still holds a moment later.
    func settles(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(2)
        while !condition() && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        Thread.sleep(forTimeInterval: 0.05)
        return condition()
    }

    /// A thread putting `items` into `pipeline` in order, counting those it has queued.
    final class Reader: Sendable {
        private let count = Atomic<Int>(0)
        var queued: Int { count.load(ordering: .sequentiallyConsistent) }

        init(putting items: Range<Int>, into pipeline: ProjectPipeline<Int>) {
            Thread { [self] in
                for item in items {
                    try? pipeline.put(item)
                    count.add(1, ordering: .sequentiallyConsistent)
                }
            }.start()
        }
    }

    @Test func theQueueHoldsNoMoreThanItsCapacityWhileTheWriterIsBusy() throws {
        let pipeline = ProjectPipeline<Int>(capacity: 25) { _ in 10 }
        let writerMayGo = DispatchSemaphore(value: 0)
        let written = Mutex<[Int]>([])
        pipeline.start { item in
            if item == 0 { writerMayGo.wait() }
            written.withLock { $0.append(item) }
        }
        let reader = Reader(putting: 0..<6, into: pipeline)
        // Item 0 is with the writer; items 1 and 2 (weight 20 of 25) wait in the queue; item 3 waits to be queued.
        #expect(settles { reader.queued == 3 })
        writerMayGo.signal()
        #expect(settles { reader.queued == 6 })
        try pipeline.finish()
        #expect(written.withLock { $0 } == [0, 1, 2, 3, 4, 5])
    }

    @Test func whileTheWriterPreparesTheQueueTakesItsStartupCapacityThenOnlyItsCapacity() throws {
        let pipeline = ProjectPipeline<Int>(capacity: 10, startupCapacity: 50) { _ in 10 }
        let preparedMayEnd = DispatchSemaphore(value: 0)
        let writerMayGo = DispatchSemaphore(value: 0)
        let written = Mutex<[Int]>([])
        pipeline.start(preparing: { preparedMayEnd.wait() }, { item in
            if item == 0 { writerMayGo.wait() }
            written.withLock { $0.append(item) }
        })
        let reader = Reader(putting: 0..<10, into: pipeline)
        // Preparing: five items of weight 10 fill the startup capacity of 50.
        #expect(settles { reader.queued == 5 })
        preparedMayEnd.signal()
        // Running: the writer holds item 0, items 1-4 (40) exceed the capacity of 10, so nothing more is queued.
        #expect(settles { reader.queued == 5 })
        writerMayGo.signal()
        #expect(settles { reader.queued == 10 })
        try pipeline.finish()
        #expect(written.withLock { $0 } == Array(0..<10))
    }

    @Test func onceTheWriterRunsTheReaderGoesOnAtHalfItsPaceWhileTheBacklogDrains() throws {
        let pipeline = ProjectPipeline<Int>(capacity: 10, startupCapacity: 100) { _ in 10 }
        let preparedMayEnd = DispatchSemaphore(value: 0)
        let nextMayBeWritten = DispatchSemaphore(value: 0)
        pipeline.start(preparing: { preparedMayEnd.wait() }, { _ in nextMayBeWritten.wait() })
        let reader = Reader(putting: 0..<40, into: pipeline)
        #expect(settles { reader.queued == 10 })
        preparedMayEnd.signal()
        // The writer holds item 0, then four more are written: five takes, the bound falling from
        // 100 by 6 a take to 70, and the reader added two items on the way (at the third and fifth
        // take); a bound of 10 at once would have let it add none until the queue was empty.
        for _ in 0..<4 { nextMayBeWritten.signal() }
        #expect(settles { reader.queued == 12 })
        for _ in 0..<40 { nextMayBeWritten.signal() }
        #expect(settles { reader.queued == 40 })
        try pipeline.finish()
    }

    @Test func aFailureWhilePreparingStopsThePipelineWithIt() throws {
        let pipeline = ProjectPipeline<Int>(capacity: 5) { _ in 1 }
        let written = Mutex<[Int]>([])
        pipeline.start(preparing: { throw Failed() }, { item in written.withLock { $0.append(item) } })
        #expect(throws: Failed.self) {
            for item in 0..<1_000 { try pipeline.put(item) }
            try pipeline.finish()
        }
        #expect(written.withLock { $0 }.isEmpty)
    }

    @Test func anItemHeavierThanTheCapacityStillPassesOnItsOwn() throws {
        let pipeline = ProjectPipeline<Int>(capacity: 5) { $0 }
        let written = Mutex<[Int]>([])
        pipeline.start { item in written.withLock { $0.append(item) } }
        for item in [1, 100, 2, 50] { try pipeline.put(item) }
        try pipeline.finish()
        #expect(written.withLock { $0 } == [1, 100, 2, 50])
    }

    @Test func theWritersFailureReachesTheReader() throws {
        let pipeline = ProjectPipeline<Int>(capacity: 5) { _ in 1 }
        pipeline.start { item in if item == 2 { throw Failed() } }
        #expect(throws: Failed.self) {
            for item in 0..<1_000 { try pipeline.put(item) }
            try pipeline.finish()
        }
    }

    @Test func aBackgroundValueIsWaitedForAndItsErrorRethrownToEveryCaller() throws {
        let gate = DispatchSemaphore(value: 0)
        let value = BackgroundValue(name: "test") { () -> Int in
            gate.wait()
            return 42
        }
        gate.signal()
        #expect(try value.value() == 42)
        #expect(try value.value() == 42)
        let failing = BackgroundValue(name: "test") { () -> Int in throw Failed() }
        #expect(throws: Failed.self) { try failing.value() }
        #expect(throws: Failed.self) { try failing.value() }
    }
}
