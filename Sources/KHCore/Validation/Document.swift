/// A document read from disk and parsed: the tree (nil when it could not be read) and the
/// problems of reading it.
struct LoadedDocument {
    var file: DocumentFile
    var root: YAMLMapping?
    var diagnostics: [Diagnostic]
    /// git's blob id of the file's bytes, when asked for (the result cache's key).
    var blob: String?
}

enum DocumentLoader {
    /// Reads and parses one YAML file. `path` is archive-relative.
    static func load(root: String, path: String, blob: UnsafeMutablePointer<String?>? = nil) -> (YAMLNode?, [Diagnostic], Bool) {
        switch FileSystem.read(root + "/" + path, limit: YAMLLimits.maxFileSize) {
        case .failure(.tooLarge(let size)):
            return (nil, [Diagnostic(rule: .fileTooLarge, file: path, message: Msg.fileTooLarge(size))], false)
        case .failure(.cannotOpen(let reason)):
            return (nil, [Diagnostic(rule: .unreadable, file: path, message: Msg.cannotRead(reason))], false)
        case .failure(.notAFile):
            return (nil, [Diagnostic(rule: .unreadable, file: path, message: Msg.notARegularFile)], false)
        case .success(let bytes):
            blob?.pointee = SHA1.gitBlob(bytes)
            let parsed = YAMLParser.parse(bytes, file: path)
            var diagnostics = parsed.diagnostics
            if parsed.root == nil && !parsed.hasContent && diagnostics.isEmpty {
                diagnostics.append(Diagnostic(rule: .notAMapping, file: path, start: Mark(line: 1, column: 1),
                                              message: Msg.emptyDocument))
            }
            return (parsed.root, diagnostics, parsed.hasLongDigitRuns)
        }
    }

    /// Reads a document that must be a mapping.
    static func loadMapping(root: String, file: DocumentFile, hash: Bool = false) -> LoadedDocument {
        var blob: String?
        let (node, diagnostics, manyDigits) = hash ? load(root: root, path: file.path, blob: &blob) : load(root: root, path: file.path)
        var doc = LoadedDocument(file: file, root: nil, diagnostics: diagnostics, blob: blob)
        guard let node else { return doc }
        if case .mapping(let m) = node {
            doc.root = m
        } else {
            doc.diagnostics.append(Diagnostic(rule: .notAMapping, file: file.path, start: node.start,
                                              message: Msg.notAMapping(node.kindName)))
        }
        if manyDigits { doc.diagnostics += PersonalData.scan(node, file: file.path) }
        return doc
    }
}
