internal import CSQLite
import KHModel
import KHSupport
import KHValidation
import KHYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kh index --format sqlite`: the index as an SQLite database (the system's libsqlite3), one
/// table per kind of row, with keys and indexes, for SQL and BI tools.
public enum SQLiteIndex {
    public static let schema = """
        CREATE TABLE archive (name TEXT NOT NULL, kh_version TEXT NOT NULL, format_version INTEGER NOT NULL);
        CREATE TABLE customers (
          number TEXT PRIMARY KEY, directory TEXT NOT NULL, type TEXT, name TEXT NOT NULL, short_name TEXT,
          pinyin_initial TEXT NOT NULL, pinyin TEXT NOT NULL, industry TEXT, region TEXT, nature TEXT, owner TEXT,
          stage TEXT, tier TEXT, grade_declared TEXT, grade_computed TEXT NOT NULL, class TEXT NOT NULL,
          first_interaction TEXT, last_interaction TEXT, completeness INTEGER NOT NULL, updated TEXT,
          pinyin_source TEXT NOT NULL, pinyin_entry TEXT);
        CREATE TABLE contacts (
          customer TEXT NOT NULL REFERENCES customers(number), name TEXT NOT NULL, title TEXT,
          decision_maker TEXT, preference TEXT, key_contact TEXT);
        CREATE TABLE contracts (
          customer TEXT NOT NULL REFERENCES customers(number), file TEXT NOT NULL, project TEXT NOT NULL,
          contract_no TEXT, signed TEXT, start TEXT, "end" TEXT, amount REAL, status TEXT,
          PRIMARY KEY (customer, file)) WITHOUT ROWID;
        CREATE TABLE interactions (
          customer TEXT NOT NULL REFERENCES customers(number), file TEXT NOT NULL, time TEXT, method TEXT,
          content_type TEXT, ours TEXT, theirs TEXT,
          PRIMARY KEY (customer, file)) WITHOUT ROWID;
        CREATE TABLE next_steps (
          customer TEXT NOT NULL, file TEXT NOT NULL, task TEXT NOT NULL, owner TEXT, due TEXT, priority TEXT, status TEXT,
          FOREIGN KEY (customer, file) REFERENCES interactions(customer, file));
        CREATE TABLE needs (
          customer TEXT NOT NULL REFERENCES customers(number), name TEXT NOT NULL, priority TEXT,
          budget_low REAL, budget_high REAL, due TEXT, status TEXT);
        CREATE TABLE assessments (
          customer TEXT NOT NULL REFERENCES customers(number), year INTEGER NOT NULL, amount REAL NOT NULL,
          grade_declared TEXT, grade TEXT NOT NULL,
          PRIMARY KEY (customer, year)) WITHOUT ROWID;
        """

    /// Keys and indexes, created after the rows are in (a bulk load is faster without them):
    /// (customer, file) for contracts and interactions, (customer, year) for assessments.
    public static let indexes = """
        CREATE INDEX customers_owner ON customers(owner);
        CREATE INDEX customers_industry ON customers(industry);
        CREATE INDEX customers_stage ON customers(stage);
        CREATE INDEX contacts_customer ON contacts(customer);
        CREATE INDEX next_steps_owner_due ON next_steps(owner, due);
        CREATE INDEX needs_customer ON needs(customer);
        """

    public struct Failure: Error, Sendable {
        public var message: String
    }

    /// Writes the database to `path` whole or not at all (built beside it, then renamed).
    public static func write(title: String, records: [IndexRecord], to path: String) throws(Failure) {
        let writer = try Writer(title: title, path: path)
        for r in records { try writer.add(r) }
        try writer.finish()
    }

    /// Builds the database beside `path` one record at a time, so that rows can be written
    /// while later customers are still being read; `finish` puts it in place, and a writer
    /// dropped without `finish` leaves nothing behind.
    public final class Writer {
        private let db: OpaquePointer
        private let path: String
        private let tmp: String
        private var live = true
        private var seen = Set<String>()
        private let customer, contact, contract, need, assessment: Statement
        // The two big tables go in batches of many rows per statement.
        private let interaction, step: Batch

        public init(title: String, path: String) throws(Failure) {
            let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
            let base = path.split(separator: "/").last.map(String.init) ?? path
            self.path = path
            tmp = "\(dir)/.\(base).kh-tmp-\(getpid())"
            unlink(tmp)
            var handle: OpaquePointer?
            guard sqlite3_open_v2(tmp, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK,
                let handle
            else {
                sqlite3_close_v2(handle)
                unlink(tmp)
                throw Failure(message: "cannot create \(tmp)")
            }
            db = handle
            do {
                // A new file built in one transaction and fsynced once at the end: no journal, no syncs.
                // Foreign keys are declared for readers; the rows are consistent by construction, so
                // they are not checked row by row while loading (a test runs foreign_key_check).
                try Self.exec(
                    db,
                    "PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = MEMORY; BEGIN;"
                )
                try Self.exec(db, schema)
                let archive = try Statement(db, "INSERT INTO archive VALUES (?, ?, ?)")
                try archive.run([.text(title), .text(khVersion), .int(IndexJSON.formatVersion)])
                archive.finalize()
                customer = try Statement(
                    db, "INSERT OR IGNORE INTO customers VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                contact = try Statement(db, "INSERT INTO contacts VALUES (?,?,?,?,?,?)")
                contract = try Statement(db, "INSERT INTO contracts VALUES (?,?,?,?,?,?,?,?,?)")
                interaction = try Batch(db, table: "interactions", columns: 7)
                step = try Batch(db, table: "next_steps", columns: 7)
                need = try Statement(db, "INSERT INTO needs VALUES (?,?,?,?,?,?,?)")
                assessment = try Statement(db, "INSERT INTO assessments VALUES (?,?,?,?,?)")
            } catch {
                // close_v2 also releases statements left unfinalised by the error.
                sqlite3_close_v2(db)
                unlink(tmp)
                throw error
            }
        }

        deinit { abandon() }

        /// Drops the half-built file.
        public func abandon() {
            guard live else { return }
            live = false
            sqlite3_close_v2(db)
            unlink(tmp)
        }

        /// The customer's rows (a number seen before is left out: validate reports it).
        public func add(_ r: IndexRecord) throws(Failure) {
            guard live, seen.insert(r.number).inserted else { return }
            try customer.run([
                .text(r.number), .text(r.directory), .opt(r.type), .text(r.name), .opt(r.shortName),
                .text(r.pinyin.initial), .text(r.pinyin.full), .opt(r.industry), .opt(r.region), .opt(r.nature),
                .opt(r.owner), .opt(r.stage), .text(r.tier), .opt(r.declaredGrade), .text(r.computedGrade),
                .text(r.customerClass), .opt(r.firstInteraction), .opt(r.lastInteraction), .int(r.completeness),
                .opt(r.updated), .text(r.pinyin.source.rawValue), .opt(r.pinyin.entry),
            ])
            guard let d = r.details else { return }
            for c in d.contacts {
                try contact.run([
                    .text(r.number), .text(c.name), .opt(c.title), .opt(c.decisionMaker), .opt(c.preference),
                    .opt(c.key),
                ])
            }
            for c in d.contracts {
                try contract.run([
                    .text(r.number), .text(c.file), .text(c.project), .opt(c.number), .opt(c.signed), .opt(c.start),
                    .opt(c.end), .money(c.amount), .opt(c.status),
                ])
            }
            for i in d.interactions {
                try interaction.add([
                    .text(r.number), .text(i.file), .opt(i.time), .opt(i.method), .opt(i.contentType),
                    .text(i.ours.joined(separator: "、")), .text(i.theirs.joined(separator: "、")),
                ])
            }
            for s in d.steps {
                try step.add([
                    .text(r.number), .text(s.file), .text(s.task), .opt(s.owner), .opt(s.due), .opt(s.priority),
                    .opt(s.status),
                ])
            }
            for n in d.needs {
                try need.run([
                    .text(r.number), .text(n.name), .opt(n.priority), .money(n.low), .money(n.high), .opt(n.due),
                    .opt(n.status),
                ])
            }
            for a in d.assessments {
                try assessment.run([.text(r.number), .int(a.year), .money(a.amount), .opt(a.declared), .text(a.grade)])
            }
        }

        /// The last rows, the keys and indexes, then the file durable and renamed into place.
        public func finish() throws(Failure) {
            guard live else { throw Failure(message: "the index was abandoned") }
            do {
                try interaction.flush()
                try step.flush()
                try Self.exec(db, indexes)
                try Self.exec(db, "COMMIT;")
            } catch {
                abandon()
                throw error
            }
            for s in [customer, contact, contract, need, assessment] { s.finalize() }
            interaction.finalize()
            step.finalize()
            sqlite3_close_v2(db)
            live = false
            let fd = open(tmp, O_RDONLY)
            if fd >= 0 {
                Platform.durableSync(fd)
                close(fd)
            }
            guard rename(tmp, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(tmp)
                throw Failure(message: "cannot write \(path): \(reason)")
            }
            AtomicWrite.syncDirectory(path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ".")
        }

        private static func exec(_ db: OpaquePointer, _ sql: String) throws(Failure) {
            var error: UnsafeMutablePointer<CChar>?
            if sqlite3_exec(db, sql, nil, nil, &error) != SQLITE_OK {
                let message = error.map { String(cString: $0) } ?? "error"
                sqlite3_free(error)
                throw Failure(message: message)
            }
        }
    }

    enum Value {
        case text(String), opt(String?), int(Int), money(String?)
    }

    /// Rows gathered and inserted `size` at a time with one multi-row INSERT.
    final class Batch {
        static let size = 64
        private let db: OpaquePointer
        private let table: String
        private let columns: Int
        private let full: Statement
        private var pending: [Value] = []

        init(_ db: OpaquePointer, table: String, columns: Int) throws(Failure) {
            self.db = db
            self.table = table
            self.columns = columns
            full = try Statement(db, Self.sql(table, columns, Self.size))
            pending.reserveCapacity(columns * Self.size)
        }

        static func sql(_ table: String, _ columns: Int, _ rows: Int) -> String {
            let row = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
            return "INSERT INTO \(table) VALUES " + Array(repeating: row, count: rows).joined(separator: ",")
        }

        func add(_ row: [Value]) throws(Failure) {
            pending += row
            if pending.count == columns * Self.size {
                try full.run(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }

        func flush() throws(Failure) {
            guard !pending.isEmpty else { return }
            let rest = try Statement(db, Self.sql(table, columns, pending.count / columns))
            try rest.run(pending)
            rest.finalize()
            pending.removeAll()
        }

        func finalize() { full.finalize() }
    }

    final class Statement {
        private var handle: OpaquePointer?
        private let db: OpaquePointer

        init(_ db: OpaquePointer, _ sql: String) throws(Failure) {
            self.db = db
            guard sqlite3_prepare_v2(db, sql, -1, &handle, nil) == SQLITE_OK else {
                throw Failure(message: String(cString: sqlite3_errmsg(db)))
            }
        }

        func run(_ values: [Value]) throws(Failure) {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
            for (i, v) in values.enumerated() {
                let n = Int32(i + 1)
                switch v {
                case .text(let s): bind(s, n, transient)
                case .opt(let s):
                    if let s { bind(s, n, transient) } else { sqlite3_bind_null(handle, n) }
                case .int(let x): sqlite3_bind_int64(handle, n, Int64(x))
                case .money(let s):
                    if let s, let cents = Values.money(s) {
                        sqlite3_bind_double(handle, n, Double(cents) / 100)
                    } else {
                        sqlite3_bind_null(handle, n)
                    }
                }
            }
            guard sqlite3_step(handle) == SQLITE_DONE else {
                throw Failure(message: String(cString: sqlite3_errmsg(db)))
            }
        }

        /// Text with its byte length: SQLite copies it and needs no strlen.
        private func bind(_ s: String, _ n: Int32, _ transient: sqlite3_destructor_type) {
            var s = s
            s.withUTF8 { b in
                guard let base = b.baseAddress else {
                    _ = sqlite3_bind_text(handle, n, "", 0, transient)
                    return
                }
                _ = sqlite3_bind_text(
                    handle, n, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(b.count), transient)
            }
        }

        func finalize() {
            sqlite3_finalize(handle)
            handle = nil
        }
    }
}
