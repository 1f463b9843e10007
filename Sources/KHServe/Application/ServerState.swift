import Foundation
import KHModel
import KHOutputs
import KHSupport
import KHValidation

/// Everything kh serve keeps between requests, in one place (`Values`), guarded by one lock.
/// The discipline: the lock is held only to read values or to put new ones in (`read`,
/// `update`), never while files are read, a page is computed or the archive is written. Work
/// that must not overlap waits at a gate of its own instead (`Gates`), outside the lock.
final class ServerState: @unchecked Sendable {
    struct Values {
        var settings: ServeSettings
        /// The archive as the pages see it (brought up to date in the background).
        var library: Library.State
        /// How many files under the archive git sees changed (nil: not in a repository).
        var uncommitted: Int?
        /// The last commit git refused (--commit), until one succeeds.
        var gitProblem: String?
        /// Pages computed once per state of the archive (the catalogue, the report, kh review).
        var memos: [String: (generation: Int, text: String)] = [:]
        var review: ReviewMemo = ReviewMemo()
        /// Contents of files forms were built from, by git blob id: a refused save (409) shows
        /// what changed since.
        var seen = SeenFiles()
    }

    /// Work done one at a time, outside the state's lock.
    struct Gates {
        /// One write at a time (the archive lock is per process and file, and a write's signal
        /// handling is process-wide).
        let write = NSLock()
        /// One review computed at a time (a second visitor waits for it rather than repeating it).
        let review = NSLock()
        /// One refresh or reload of the archive at a time, so that neither replaces the other's
        /// newer state.
        let archive = NSLock()
    }

    let gates = Gates()
    private let lock = NSLock()
    private var values: Values

    init(_ values: Values) { self.values = values }

    func read<T>(_ body: (Values) -> T) -> T { lock.withLock { body(values) } }

    func update<T>(_ body: (inout Values) -> T) -> T { lock.withLock { body(&values) } }

    // MARK: - Files seen

    /// Keeps a file's contents; its git blob id, which a form carries.
    func remember(_ bytes: [UInt8]) -> String {
        let id = SHA1.gitBlob(bytes)
        update { $0.seen.keep(id, bytes) }
        return id
    }

    func seenBytes(_ id: String) -> [UInt8]? { read { $0.seen.files[id] } }

    // MARK: - Pages computed once

    /// A page computed once per state of the archive.
    func memo(_ key: String, _ state: Library.State, _ make: () -> String) -> String {
        if let hit = read({ $0.memos[key].flatMap { $0.generation == state.generation ? $0.text : nil } }) {
            return hit
        }
        let text = make()
        update { $0.memos[key] = (state.generation, text) }
        return text
    }
}

/// Contents of files by blob id, the most recent 256.
struct SeenFiles {
    private var order: [String] = []
    private(set) var files: [String: [UInt8]] = [:]

    mutating func keep(_ id: String, _ bytes: [UInt8]) {
        guard files[id] == nil else { return }
        files[id] = bytes
        order.append(id)
        if order.count > 256 { files[order.removeFirst()] = nil }
    }
}

/// kh review at today, and what it found per customer folder with the fingerprint it was read
/// at: a new state of the archive reads again only the folders that changed.
struct ReviewMemo {
    var last: (generation: Int, today: Day, review: Review)?
    var today: Day?
    var config: [UInt8] = []
    var byFolder: [String: (Fingerprint.Value, Review.Reviewed)] = [:]

    func hit(_ state: Library.State) -> Review? {
        last.flatMap { $0.generation == state.generation && $0.today == state.today ? $0.review : nil }
    }
}

extension ServerState {
    /// kh review at today, computed once per state of the archive.
    /// Each customer's facts are kept with its folder's fingerprint: a new state of the archive
    /// reads again only the folders that changed (a save: one), a new day or kh.yaml all.
    func review(_ state: Library.State) -> Review {
        if let hit = read({ $0.review.hit(state) }) { return hit }
        return gates.review.withLock {
            if let hit = read({ $0.review.hit(state) }) { return hit }
            let kept = read { $0.review }
            let reuse = kept.today == state.today && kept.config == state.configBytes
            var facts: [String: (Fingerprint.Value, Review.Reviewed)] = [:]
            var all: [Review.Reviewed] = []
            // In folder order, as kh review reads them; what changed is read in parallel.
            let folders = state.fingerprints.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            let stale = folders.filter { f in
                !(reuse && kept.byFolder[f].map { $0.0 == state.fingerprints[f]! } == true)
            }
            let archive = state.archive
            let today = state.today
            let reviewed = ParallelMap.map(stale) { Review.customer(archive, folder: $0, asOf: today) }
            let staleSet = Set(stale)
            var fresh: [String: Review.Reviewed] = [:]
            for (f, r) in zip(stale, reviewed) { if let r { fresh[f] = r } }
            for folder in folders {
                guard let c = staleSet.contains(folder) ? fresh[folder] : kept.byFolder[folder]?.1 else { continue }
                facts[folder] = (state.fingerprints[folder]!, c)
                all.append(c)
            }
            let r = Review.make(all, config: state.archive.config, asOf: state.today)
            update {
                $0.review = ReviewMemo(
                    last: (state.generation, state.today, r), today: state.today, config: state.configBytes,
                    byFolder: facts)
            }
            return r
        }
    }
}
