#if Server
import Foundation
import Hummingbird
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
            // Pages read files and may validate: off the event loop.
            let reply = await Task.detached { app.handle(web) }.value
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
        let application = Application(
            responder: responder,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil),
            onServerRunning: { channel in listening(channel.localAddress?.port ?? settings.port) },
            logger: logger
        )
        try await application.runService()
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
