import Foundation
import KHModel
import KHOutputs
import KHPinyin
import KHValidation
import KHWrite
import KHYAML

/// One customer in the list: its index record and what the list searches and filters by.
/// A class: a search copies references to thousands of these, not their records.
final class ListEntry: Sendable {
    let record: IndexRecord
    /// The folder's name (KH-2024-001_星辰科技).
    let folder: String
    /// Number, full name, 简称, their pinyin and their initials, normalised, one string, as
    /// UTF-8 (a byte search: 10,000 customers in well under a millisecond, where String's
    /// Character-wise `contains` took 40 ms).
    let search: [UInt8]
    /// 价值等级 as written, else as computed.
    let grade: String
    /// Open next steps past their 截止日期 (today in kh.yaml 时区).
    let overdue: Int

    init(_ record: IndexRecord, today: Day) {
        self.record = record
        folder = record.directory.split(separator: "/").last.map(String.init) ?? record.directory
        var keys: [String] = [record.number.lowercased(), Normalize.name(record.name)]
        func pinyin(_ key: PinyinKey) {
            let syllables: [Substring] = key.full.split(separator: " ")
            keys.append(syllables.joined())
            let initials: [Character] = syllables.compactMap { $0.first }
            keys.append(String(initials))
        }
        pinyin(record.pinyin)
        if let short = record.shortName {
            keys.append(Normalize.name(short))
            pinyin(Pinyin.key(for: short))
        }
        search = Array(keys.joined(separator: "\u{1}").utf8)
        grade = record.declaredGrade ?? record.computedGrade
        var late = 0
        for s in record.openNextSteps {
            if let text = s.due, let due = Values.date(text), due < today { late += 1 }
        }
        overdue = late
    }

    /// Whether the normalised query stands in the search keys (UTF-8 never matches in the
    /// middle of a character).
    func matches(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        return search.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                guard h.count >= n.count else { return false }
                let first = n[0]
                for i in 0...(h.count - n.count) where h[i] == first {
                    var j = 1
                    while j < n.count && h[i + j] == n[j] { j += 1 }
                    if j == n.count { return true }
                }
                return false
            }
        }
    }
}

/// The archive as the pages see it, kept in memory (ServerState) and brought up to date in the
/// background: every customer folder's fingerprint (names, sizes, times of what is in it, as
/// kh's result cache takes them) is compared every few seconds, and only folders that changed
/// are read again. Forms never trust it: they read the files they change afresh and compare
/// hashes.
enum Library {
    struct State: Sendable {
        var archive: Archive
        var entries: [ListEntry]
        var byNumber: [String: Int]
        var result: ValidationResult
        var fingerprints: [String: Fingerprint.Value]
        var configBytes: [UInt8]
        var today: Day
        /// Counts up with every change seen: memoised pages are made again.
        var generation: Int
    }

    static func load(root: String) throws(KHError) -> State {
        load(try Archive.open(root), generation: 1)
    }

    private static func load(_ archive: Archive, generation: Int) -> State {
        let today = Clock.now(archive.config).day
        let records = archive.index().records
        let result = (try? archive.validate(cached: true)) ?? archive.validate()
        let entries = records.map { ListEntry($0, today: today) }
        var prints: [String: Fingerprint.Value] = [:]
        for e in entries { prints[e.folder] = Fingerprint.of(folderPath(archive.root, e.folder)) }
        return State(
            archive: archive, entries: entries, byNumber: numbers(entries), result: result, fingerprints: prints,
            configBytes: configBytes(archive.root), today: today, generation: generation)
    }

    private static func folderPath(_ root: String, _ name: String) -> String {
        root + "/" + customersFolder + "/" + name
    }

    private static func numbers(_ entries: [ListEntry]) -> [String: Int] {
        var out: [String: Int] = [:]
        for (i, e) in entries.enumerated() where out[e.record.number] == nil { out[e.record.number] = i }
        return out
    }

    private static func configBytes(_ root: String) -> [UInt8] {
        (try? Array(Data(contentsOf: URL(fileURLWithPath: root + "/" + ConfigLoader.fileName)))) ?? []
    }

    private static func folders(_ root: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + customersFolder)) ?? []
        return names.filter { !$0.hasPrefix(".") }
    }

    /// The state brought up to date with the disk; nil when nothing changed. kh.yaml
    /// changed: everything is read again (its settings shape every record).
    static func refreshed(_ old: State) -> State? {
        let root = old.archive.root
        if Self.configBytes(root) != old.configBytes {
            guard let archive = try? Archive.open(root) else { return nil }
            return Self.load(archive, generation: old.generation + 1)
        }
        var prints: [String: Fingerprint.Value] = [:]
        var changed = Set<String>()
        for name in Self.folders(root) {
            let p = Fingerprint.of(Self.folderPath(root, name))
            prints[name] = p
            if old.fingerprints[name] != p { changed.insert(name) }
        }
        let removed = Set(old.fingerprints.keys).subtracting(prints.keys)
        let today = Clock.now(old.archive.config).day
        guard !changed.isEmpty || !removed.isEmpty || today != old.today else { return nil }
        return updated(old, changed: changed, removed: removed, prints: prints, today: today)
    }

    /// After kh serve's own write: those folders read again at once.
    static func reloaded(_ old: State, folders: Set<String>) -> State {
        var prints = old.fingerprints
        for name in folders { prints[name] = Fingerprint.of(Self.folderPath(old.archive.root, name)) }
        return updated(old, changed: folders, removed: [], prints: prints, today: old.today)
    }

    private static func updated(
        _ old: State, changed: Set<String>, removed: Set<String>, prints: [String: Fingerprint.Value], today: Day
    ) -> State {
        let archive = old.archive
        let reader = ArchiveReader(archive)
        var byFolder: [String: ListEntry] = [:]
        for e in old.entries where !removed.contains(e.folder) && !changed.contains(e.folder) {
            byFolder[e.folder] = today == old.today ? e : ListEntry(e.record, today: today)
        }
        for name in changed {
            guard let dir = reader.scanner.customer(named: name) else { continue }
            let e = ListEntry(IndexRecord(reader.read(dir), config: archive.config), today: today)
            byFolder[e.folder] = e
        }
        // Folder order, as kh index gives it.
        let names = byFolder.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let entries = names.compactMap { byFolder[$0] }
        // The folders' fingerprints are at hand: the cache is consulted without walking them again.
        let result = (try? archive.validate(cached: true, fingerprints: prints)) ?? archive.validate()
        return State(
            archive: archive, entries: entries, byNumber: Self.numbers(entries), result: result,
            fingerprints: prints, configBytes: old.configBytes, today: today, generation: old.generation + 1)
    }
}
