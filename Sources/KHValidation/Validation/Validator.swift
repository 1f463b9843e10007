import Foundation
import KHModel
import KHSupport
import KHYAML

/// What `kh validate` found.
public struct ValidationResult: Sendable {
    /// Sorted by `Diagnostic.ordered`, waived ones removed.
    public var diagnostics: [Diagnostic]
    public var customers: Int
    public var documents: Int
    public var waived: Int
    /// With `--changed-since REF`: the customers untouched since REF, whose own files were not
    /// checked (only what the archive-wide rules need was read: their 01 基本信息), and REF.
    /// `customers` and `documents` then count the customers checked in full.
    public var unchanged = 0
    public var changedSince: String?
    /// With `--changed-since REF`: the files changed since REF that govern every customer
    /// (kh.yaml, schema/, the CI files that pick kh's version: `GitChanges.governs`). When
    /// there are any, every customer was checked in full, as in a run without REF.
    public var widenedBy: [String] = []

    public init(diagnostics: [Diagnostic], customers: Int, documents: Int, waived: Int) {
        self.diagnostics = diagnostics
        self.customers = customers
        self.documents = documents
        self.waived = waived
    }

    public func count(_ severity: Severity) -> Int { diagnostics.filter { $0.severity == severity }.count }

    /// How many diagnostics `kh fix` can fix.
    public var fixable: Int { diagnostics.filter { $0.fix != nil }.count }
}

extension Archive {
    /// Validates the whole archive: per-customer work on all cores, then the archive-wide rules.
    public func validate() -> ValidationResult {
        let validator = CustomerValidator(config: config)
        let (results, layout) = ArchiveReader(self).map { validator.validate($0) }
        return finish(results, layoutDiagnostics: layout, rules: true)
    }

    /// Every customer's index record (in folder order), and what could not be read; the
    /// rules are not checked (that is `validate`'s job).
    public func index(details: Bool = false) -> (records: [IndexRecord], result: ValidationResult) {
        let config = config
        let (results, layout) = ArchiveReader(self).map { s in
            (IndexRecord(s, config: config, details: details), Self.unread(s))
        }
        return (results.map(\.0), finish(results.map(\.1), layoutDiagnostics: layout, rules: false))
    }

    /// Hands each customer's record, in folder order, to `each` on one thread of its own
    /// while the next customers are still being read (for writers that can overlap the
    /// reading, like the SQLite index); returns what could not be read.
    public func index(details: Bool, each: @escaping (IndexRecord) -> Void) -> ValidationResult {
        let config = config
        // A streamed record is handed over, not kept: memory stays flat.
        let consume: (inout (IndexRecord?, CustomerResult)) -> Void = {
            if let r = $0.0 {
                $0.0 = nil
                each(r)
            }
        }
        let (results, layout) = ArchiveReader(self).map(consume: consume) { s in
            (Optional(IndexRecord(s, config: config, details: details)), Self.unread(s))
        }
        return finish(results.map(\.1), layoutDiagnostics: layout, rules: false)
    }

    /// What the index reports of a customer: the problems of its layout and its reading.
    static func unread(_ s: CustomerSnapshot) -> CustomerResult {
        var out = s.directory.diagnostics
        if s.basicFile == nil {
            out.append(
                Diagnostic(rule: .missingBasicInfo, file: s.directory.path, message: Rules.MissingBasicInfo.message))
        }
        var summary = CustomerSummary(directory: s.directory)
        summary.directory.documents = []
        summary.directory.diagnostics = []
        return CustomerResult(diagnostics: out + s.problems, summary: summary, documents: s.documentCount)
    }

    /// The per-customer rules for the named customer folders only (what a writing command
    /// checks its result with), waivers applied, sorted.
    public func validate(customers names: Set<String>) -> [Diagnostic] {
        let validator = CustomerValidator(config: config)
        let diagnostics = ArchiveReader(self).read(names: names).flatMap { validator.validate($0).diagnostics }
        return diagnostics.filter { d in !config.waivers.contains { $0.code == d.code && $0.file == d.file } }.sorted(
            by: Diagnostic.ordered)
    }

    /// The archive-wide rules over the customers' results, waivers, order. `unchanged` (with
    /// --changed-since) names the customers that were only summarised: their waivers are not
    /// reported as unused, and they are not counted as checked.
    private func finish(
        _ results: [CustomerResult], layoutDiagnostics: [Diagnostic], rules: Bool,
        unchanged: Set<String> = [], changedSince: String? = nil, widenedBy: [String] = []
    ) -> ValidationResult {
        var diagnostics = configDiagnostics + layoutDiagnostics
        var documents = 0
        for r in results {
            diagnostics += r.diagnostics
            documents += r.documents
        }
        if rules {
            diagnostics += ArchiveRules.check(results.map(\.summary), config: config)
            diagnostics += RegisterCheck.check(root: root, config: config)
            diagnostics += KHFolder.interruptedWrites(root: root).map {
                Diagnostic(rule: .interruptedWrite, file: $0, message: Rules.InterruptedWrite.message($0))
            }
        }
        var waived = 0
        (diagnostics, waived) = applyWaivers(diagnostics, unchanged: unchanged)
        diagnostics.sort(by: Diagnostic.ordered)
        var result = ValidationResult(
            diagnostics: diagnostics, customers: results.count - unchanged.count, documents: documents, waived: waived)
        (result.unchanged, result.changedSince, result.widenedBy) = (unchanged.count, changedSince, widenedBy)
        return result
    }

    /// `kh validate` with the result cache (`.kh/cache/`): a customer folder whose files are
    /// as they were when its result was cached is not read again. The result is the same as
    /// `validate()`'s, byte for byte (a test compares them).
    ///
    /// With `changedSince` (a pull request's base): the customers git says are touched since
    /// that revision (committed, staged or changed since, or new) are checked in full; of the
    /// others only what the archive-wide rules need is read (their 01 基本信息: number, names,
    /// credit code, mobiles, e-mails), and their own diagnostics are not reported (they were
    /// checked when REF was). The archive-wide rules, kh.yaml and the layout are checked as in a full
    /// run, so the diagnostics of the touched customers and of the archive as a whole are
    /// exactly a full run's. On a fresh clone (no cache) this reads a few percent of the files.
    /// A change since REF to a file that governs every customer (kh.yaml, schema/, the CI
    /// files: `GitChanges.governs`) makes it a full run, and the result names those files.
    public func validate(cached: Bool, changedSince: String? = nil) throws(KHError) -> ValidationResult {
        try validate(cached: cached, changedSince: changedSince, fingerprints: nil)
    }

    /// The same, with the folders' fingerprints already taken (kh serve keeps them for every
    /// customer folder): the cache is consulted without walking every folder again.
    package func validate(
        cached: Bool, changedSince: String? = nil, fingerprints known: [String: Fingerprint.Value]?
    ) throws(KHError) -> ValidationResult {
        guard cached || changedSince != nil else { return validate() }
        // git works while the cache is read and the folders listed.
        let pending = changedSince.map { GitChanges.start($0, root: root) }
        let configBytes: [UInt8]
        if case .success(let b) = FileSystem.read(root + "/" + ConfigLoader.fileName) {
            configBytes = b
        } else {
            configBytes = []
        }
        let identity = ResultCache.identity(configBytes: configBytes, root: root)
        let store = cached ? ResultCache.load(root: root, identity: identity) : ResultCache(identity: identity)
        let reader = ArchiveReader(self)
        let summaries = ArchiveReader(self, kinds: [.basicInfo])
        let (customers, layoutDiagnostics) = reader.scan()
        let git = try pending?.wait()
        let validator = CustomerValidator(config: config)
        // Untouched since REF: summarised from the 01 document alone.
        var unchanged = Set<String>()
        if let git, git.governing.isEmpty {
            for dir in customers where !git.touched.contains(dir.name) && git.trees[dir.name] != nil {
                unchanged.insert(dir.name)
            }
        }
        let top = root
        let skip = unchanged
        let outcomes = ParallelMap.map(customers) { dir -> (CustomerResult, ResultCache.Entry?) in
            if skip.contains(dir.name) {
                return (validator.summarize(summaries.read(dir)), nil)
            }
            let fingerprint = known?[dir.name] ?? Fingerprint.of(top + "/" + dir.path)
            if let r = store.fresh(dir.name, fingerprint) { return (r, nil) }
            let r = validator.validate(reader.read(dir))
            // Kept only when the folder stood still while it was read, and could be read at all:
            // a folder moved away and back meanwhile must not leave a stale "cannot open" behind.
            let unreadable = r.diagnostics.contains { $0.code == Rule.unreadable.code && $0.file == dir.path }
            guard !unreadable, Fingerprint.of(top + "/" + dir.path) == fingerprint else { return (r, nil) }
            return (r, ResultCache.Entry(fingerprint: fingerprint, result: r))
        }
        // The cache is written again only when something in it changed.
        if cached && outcomes.contains(where: { $0.1 != nil }) {
            let names = Set(customers.map(\.name))
            var next = store
            next.entries = next.entries.filter { names.contains($0.key) }
            for (dir, (_, entry)) in zip(customers, outcomes) {
                if let entry { next.entries[dir.name] = entry }
            }
            next.save(root: root)
        }
        return finish(
            outcomes.map(\.0), layoutDiagnostics: layoutDiagnostics, rules: true, unchanged: unchanged,
            changedSince: changedSince, widenedBy: git?.governing ?? [])
    }

    /// Removes waived diagnostics; reports waivers naming no file, and waivers that waive nothing.
    func applyWaivers(_ diagnostics: [Diagnostic], unchanged: Set<String> = []) -> ([Diagnostic], Int) {
        guard !config.waivers.isEmpty else { return (diagnostics, 0) }
        var used = Set<Int>()
        var kept: [Diagnostic] = []
        var waived = 0
        for d in diagnostics {
            if let i = config.waivers.firstIndex(where: { $0.code == d.code && $0.file == d.file }) {
                used.insert(i)
                waived += 1
            } else {
                kept.append(d)
            }
        }
        func unchangedCustomer(_ file: String) -> Bool {
            let parts = file.split(separator: "/", maxSplits: 2)
            return parts.count > 1 && parts[0] == customersFolder && unchanged.contains(String(parts[1]))
        }
        for (i, w) in config.waivers.enumerated() where !used.contains(i) && !unchangedCustomer(w.file) {
            if !FileSystem.exists(root + "/" + w.file) {
                kept.append(
                    Diagnostic(
                        rule: .waiverInvalid, file: ConfigLoader.fileName, start: w.mark,
                        message: Rules.WaiverInvalid.fileMissing(w.file)))
            } else {
                kept.append(
                    Diagnostic(
                        rule: .unusedWaiver, file: ConfigLoader.fileName, start: w.mark,
                        message: Rules.UnusedWaiver.message(w.code, w.file)))
            }
        }
        return (kept, waived)
    }
}
