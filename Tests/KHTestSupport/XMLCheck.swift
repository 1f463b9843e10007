import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Well-formedness and content of an XML document (Foundation's XMLParser: libxml2).
public enum XMLCheck {
    public struct Element {
        public var name: String
        public var attributes: [String: String]
        public var text = ""
    }

    public struct Parsed {
        public var elements: [Element]

        public func count(_ name: String) -> Int { elements.filter { $0.name == name }.count }

        public func texts(_ name: String) -> [String] { elements.filter { $0.name == name }.map(\.text) }
    }

    final class Delegate: NSObject, XMLParserDelegate {
        public var elements: [Element] = []
        public var open: [Int] = []
        public var error: Error?

        public func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            open.append(elements.count)
            elements.append(Element(name: elementName, attributes: attributeDict))
        }

        public func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
        ) {
            open.removeLast()
        }

        public func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let i = open.last { elements[i].text += string }
        }

        public func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            error = parseError
        }
    }

    public struct NotWellFormed: Error, CustomStringConvertible {
        public var description: String
    }

    public static func parse(_ xml: String) throws -> Parsed {
        let parser = XMLParser(data: Data(xml.utf8))
        let delegate = Delegate()
        parser.delegate = delegate
        guard parser.parse(), delegate.error == nil else {
            throw NotWellFormed(
                description:
                    "not well-formed XML: \(String(describing: delegate.error ?? parser.parserError)) at line \(parser.lineNumber)"
            )
        }
        // Character data outside elements (indentation) is not kept; inside, whitespace-only
        // runs between child elements are trimmed away for leaf-text comparisons.
        return Parsed(
            elements: delegate.elements.map { e in
                var e = e
                if e.text.allSatisfy({ $0 == " " || $0 == "\n" }) { e.text = "" }
                return e
            })
    }
}
