import Foundation
import KHSupport
import KHYAML

/// An archive on disk: its root and its configuration.
public struct Archive: Sendable {
    public var root: String
    public var config: Config
    /// Problems in kh.yaml (reported with the archive's).
    public var configDiagnostics: [Diagnostic]

    /// Opens the archive at `path`, or (when nil) the current directory or its nearest parent
    /// holding kh.yaml. `rules` finds a rule by its code (see `ConfigLoader.load`); KHValidation
    /// gives `open(_:)`, which passes the registry.
    public static func open(_ path: String?, rules: @escaping (String) -> Rule?) throws(KHError) -> Archive {
        let root: String
        if let path {
            let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            guard FileSystem.kind(trimmed) == .directory else {
                throw KHError(Msg.noSuchDirectory(path))
            }
            guard FileSystem.exists(trimmed + "/" + ConfigLoader.fileName) else {
                throw KHError(Msg.noConfig(path))
            }
            root = trimmed
        } else {
            var dir = FileSystem.currentDirectory()
            while !FileSystem.exists(dir + "/" + ConfigLoader.fileName) {
                let parent = (dir as NSString).deletingLastPathComponent
                if parent == dir || parent.isEmpty { throw KHError(Msg.noArchiveFound) }
                dir = parent
            }
            root = dir
        }
        let configPath = root + "/" + ConfigLoader.fileName
        guard FileSystem.kind(configPath) == .file else {
            throw KHError(Msg.configNotAFile)
        }
        switch FileSystem.read(configPath, limit: YAMLLimits.maxFileSize) {
        case .failure(.tooLarge(let size)):
            throw KHError(
                Msg.configUnreadable,
                diagnostics: [
                    Diagnostic(
                        rule: .fileTooLarge, file: ConfigLoader.fileName, message: Rules.FileTooLarge.message(size))
                ])
        case .failure(.cannotOpen(let reason)):
            throw KHError(
                Msg.configUnreadable,
                diagnostics: [
                    Diagnostic(
                        rule: .unreadable, file: ConfigLoader.fileName, message: Rules.Unreadable.cannotRead(reason))
                ])
        case .failure(.notAFile):
            throw KHError(Msg.configNotAFile)
        case .success(let bytes):
            let (config, diagnostics) = try ConfigLoader.load(bytes: bytes, rules: rules)
            return Archive(root: root, config: config, configDiagnostics: diagnostics)
        }
    }

    public init(root: String, config: Config, configDiagnostics: [Diagnostic] = []) {
        self.root = root
        self.config = config
        self.configDiagnostics = configDiagnostics
    }
}
