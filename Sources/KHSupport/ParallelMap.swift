import Foundation

/// `map` over all cores, results in input order.
package enum ParallelMap {
    /// With `consume`, each result is also handed over in input order, on a thread of its
    /// own, as soon as it and all before it are ready (it may take parts of the result
    /// away); `map` returns when all are consumed.
    package static func map<T: Sendable, R: Sendable>(
        _ items: [T], consume: ((inout R) -> Void)? = nil,
        _ transform: @Sendable (T) -> R
    ) -> [R] {
        guard items.count > 1 else {
            var results = items.map(transform)
            if let consume { for i in results.indices { consume(&results[i]) } }
            return results
        }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let box = ResultBox(results)
        let chunk = max(1, min(64, items.count / (ProcessInfo.processInfo.activeProcessorCount * 8)))
        let chunks = (items.count + chunk - 1) / chunk
        let ready = (0..<chunks).map { _ in DispatchSemaphore(value: 0) }
        let consumed = DispatchSemaphore(value: 0)
        if let consume {
            let consumer = Consumer(
                box: box, ready: ready, chunk: chunk, count: items.count, consume: consume, done: consumed)
            Thread(block: consumer.run).start()
        }
        items.withUnsafeBufferPointer { input in
            let source = InputBox(input)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let lo = c * chunk
                let hi = min(items.count, lo + chunk)
                for i in lo..<hi { box.buffer[i] = transform(source.buffer[i]) }
                ready[c].signal()
            }
        }
        if consume != nil { consumed.wait() }
        return results.map { $0! }
    }

    /// Reads the results chunk by chunk as they become ready (the semaphores order the
    /// writes of the workers before the reads here).
    private final class Consumer<R>: @unchecked Sendable {
        let box: ResultBox<R>, ready: [DispatchSemaphore], chunk: Int, count: Int
        let consume: (inout R) -> Void, done: DispatchSemaphore

        init(
            box: ResultBox<R>, ready: [DispatchSemaphore], chunk: Int, count: Int, consume: @escaping (inout R) -> Void,
            done: DispatchSemaphore
        ) {
            (self.box, self.ready, self.chunk, self.count, self.consume, self.done) = (
                box, ready, chunk, count, consume, done
            )
        }

        func run() {
            for (c, semaphore) in ready.enumerated() {
                semaphore.wait()
                for i in c * chunk..<min(count, (c + 1) * chunk) { consume(&box.buffer[i]!) }
            }
            done.signal()
        }
    }

    private final class ResultBox<R>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<R?>
        init(_ b: UnsafeMutableBufferPointer<R?>) { buffer = b }
    }

    private struct InputBox<T>: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<T>
        init(_ b: UnsafeBufferPointer<T>) { buffer = b }
    }
}
