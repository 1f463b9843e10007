import KHModel
import KHYAML

/// GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull
/// request's diff (`::error file=…,line=…,col=…,title=…::message`).
public enum GitHubFormatter: ResultFormatter {
    public static let identifier = "github"

    public static func format(_ ctx: FormatContext) -> String {
        var out = ""
        for d in ctx.result.diagnostics {
            let command: String
            switch d.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .notice: command = "notice"
            }
            var props = ["file=" + property(ctx.display(d.file))]
            if let m = d.start {
                props.append("line=\(m.line)")
                props.append("col=\(m.column)")
                if let e = d.end, e.line == m.line, e.column > m.column {
                    props.append("endColumn=\(e.column)")
                }
            }
            var title = d.code
            if let p = d.path { title += " " + p }
            props.append("title=" + property(title))
            out += "::\(command) \(props.joined(separator: ","))::\(data(ctx.flatMessage(d) + " [\(d.code)]"))\n"
        }
        return out
    }

    /// Escaping of the message part.
    static func data(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escaping of a property value.
    static func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
