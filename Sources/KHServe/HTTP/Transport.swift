#if Server
import Foundation
import Hummingbird
import HummingbirdCore
import HTTPTypes
import Logging
import KHModel

/// kh serve's HTTP transport: Hummingbird (HTTP/1.1, SwiftNIO) hands every request to
/// `WebApp.handle` off the event loop, and writes its response back.
public enum WebServer {
    /// Largest form post accepted (a form's fields, not files).
    static let maxBody = 1 << 20

    /// Serves until SIGINT/SIGTERM. `listening` gets the port once the socket is bound (the
    /// one the system chose for port 0).
    public static func run(_ app: WebApp, listening: @escaping @Sendable (Int) -> Void) async throws {
        let settings = app.settings
        let responder = CallbackResponder<PeerContext> { request, context in
            var request = request
            var headers: [String: String] = [:]
            for field in request.headers {
                let name = field.name.canonicalName
                headers[name] = headers[name].map { $0 + (name == "cookie" ? "; " : ", ") + field.value } ?? field.value
            }
            if let authority = request.head.authority { headers["host"] = authority }
            let body: [UInt8]
            do {
                body = Array(buffer: try await request.collectBody(upTo: maxBody))
            } catch {
                return Response(status: .contentTooLarge)
            }
            let web = WebRequest(
                method: request.method.rawValue, target: request.head.path ?? "/", headers: headers, body: body,
                peer: context.peer)
            // Pages read files, validate, hash passwords and wait for git: on threads of their
            // own, never the event loop's nor Swift concurrency's few (one per core), which a
            // save waiting for the write gate would otherwise starve.
            let reply = await Workers.shared.run { app.handle(web) }
            var fields = HTTPFields()
            for (k, v) in reply.headers {
                if let name = HTTPField.Name(k) { fields.append(HTTPField(name: name, value: v)) }
            }
            return Response(
                status: .init(code: reply.status), headers: fields,
                body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
        }
        var logger = Logger(label: "kh-serve")
        logger.logLevel = .error
        let limits = Limits.current
        let application = Application(
            responder: responder,
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [
                        Deadlines(head: .seconds(Limits.headSeconds), body: .seconds(Limits.bodySeconds))
                    ])),
            configuration: .init(
                address: .hostname(settings.host, port: settings.port), serverName: nil, backlog: 1024,
                availableConnectionsDelegate: MaximumAvailableConnections(limits.connections)),
            onServerRunning: { channel in listening(channel.localAddress?.port ?? settings.port) },
            logger: logger
        )
        // kh serve stops on SIGTERM and SIGINT itself (kh-serve's stopOnSignals): after the save
        // in flight, whatever connections are open.
        try await application.runService(gracefulShutdownSignals: [])
    }
}

/// How many connections the server keeps open at once: its descriptor limit (raised to the
/// hard limit at start) less a reserve for the archive's files and git's pipes, so that however
/// many connections arrive, a save can still open its files and run git. Past it, new
/// connections wait in the listen queue until one closes (the deadlines close idle ones).
public enum Limits {
    /// A request's head must arrive within 20 s, its body within 60 s (KH_SERVE_DEADLINES=HEAD,BODY
    /// changes them, for the fault tests).
    public static let (headSeconds, bodySeconds): (Int64, Int64) = {
        let given = (ProcessInfo.processInfo.environment["KH_SERVE_DEADLINES"] ?? "").split(separator: ",")
            .compactMap { Int64($0) }
        return given.count == 2 ? (given[0], given[1]) : (20, 60)
    }()
    /// Descriptors kept for files and child processes.
    public static let reserve = 512

    public struct Current: Sendable {
        public var descriptors: Int
        public var connections: Int
    }

    public static let current: Current = {
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        var r = rlimit()
        getrlimit(resource, &r)
        if r.rlim_cur < r.rlim_max {
            r.rlim_cur = min(r.rlim_max, 1 << 20)
            setrlimit(resource, &r)
            getrlimit(resource, &r)
        }
        let n = Int(clamping: r.rlim_cur)
        return Current(descriptors: n, connections: max(16, n - reserve))
    }()
}

/// A fixed pool of threads for blocking work (every request's handling).
final class Workers: @unchecked Sendable {
    static let shared = Workers(count: max(16, 4 * ProcessInfo.processInfo.activeProcessorCount))

    private let condition = NSCondition()
    private var jobs: [() -> Void] = []

    init(count: Int) {
        for _ in 0..<count {
            let t = Thread { [unowned self] in self.loop() }
            t.stackSize = 1 << 22
            t.start()
        }
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }

    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (c: CheckedContinuation<T, Never>) in
            condition.lock()
            jobs.append { c.resume(returning: work()) }
            condition.signal()
            condition.unlock()
        }
    }
}

/// A request's context that knows the address the connection came from (team mode trusts a
/// proxy's header only from the addresses it was told).
struct PeerContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let peer: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress?.ipAddress
    }
}
#endif
