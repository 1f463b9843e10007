/// kh serve's forms as a browser posts them, read off the page's HTML (the serve tests).
public enum FormPage {
    /// A hidden field's value in the first form that has it.
    public static func hidden(_ name: String, in page: String, after marker: String = "") -> String? {
        let start = marker.isEmpty ? page.startIndex : (page.range(of: marker)?.upperBound ?? page.endIndex)
        guard let r = page[start...].range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(page[r.upperBound...].prefix { $0 != "\"" })
    }

    /// An edit form's fields as the browser posts them: every `f.` field with its value (or
    /// the one in `changes`), the `o.` values the form was built with, and `action`.
    public static func editFields(
        _ page: String, _ changes: [String: String], action: String = "save"
    ) -> [(String, String)] {
        var out: [(String, String)] = [("hash", hidden("hash", in: page) ?? "")]
        var seen = Set<String>()
        var rest = Substring(page)
        while let r = rest.range(of: "name=\"f.") {
            let name = "f." + rest[r.upperBound...].prefix { $0 != "\"" }
            rest = rest[r.upperBound...]
            guard seen.insert(String(name)).inserted else { continue }
            let key = String(name.dropFirst(2))
            var value = ""
            let after = rest.dropFirst(key.count + 1)
            // The element the name belongs to, and the rest of its start tag.
            let tag =
                page[..<r.lowerBound].range(of: "<", options: .backwards).map {
                    page[$0.upperBound...].prefix { $0 != " " }
                } ?? ""
            let attributes = after.prefix { $0 != ">" }
            let content = after.drop { $0 != ">" }.dropFirst()
            if tag == "textarea" {
                value = String(content.prefix { $0 != "<" })
            } else if tag == "select", let close = content.range(of: "</select>") {
                if let sel = content[..<close.lowerBound].range(of: " selected>") {
                    value = String(content[sel.upperBound...].prefix { $0 != "<" })
                }
            } else if let v = attributes.range(of: " value=\"") {
                value = String(attributes[v.upperBound...].prefix { $0 != "\"" })
            }
            out.append((String(name), changes[key] ?? value.replacingOccurrences(of: "&amp;", with: "&")))
        }
        for (k, v) in changes where !seen.contains("f." + k) { out.append(("f." + k, v)) }
        // The values the form was built with, as the browser posts its hidden inputs.
        var hiddenRest = Substring(page)
        while let r = hiddenRest.range(of: "type=\"hidden\" name=\"o.") {
            let key = hiddenRest[r.upperBound...].prefix { $0 != "\"" }
            let after = hiddenRest[r.upperBound...].dropFirst(key.count + 1)
            let value = after.hasPrefix(" value=\"") ? String(after.dropFirst(8).prefix { $0 != "\"" }) : ""
            out.append(("o." + key, value.replacingOccurrences(of: "&amp;", with: "&")))
            hiddenRest = hiddenRest[r.upperBound...]
        }
        out.append(("action", action))
        return out
    }
}
