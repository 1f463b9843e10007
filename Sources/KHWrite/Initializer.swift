import KHModel
import KHSupport
import KHValidation
import KHYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kh init`: a new archive from the embedded archive-template.
public enum Initializer {
    /// Creates `directory` with the template's files. The archive appears whole or not at
    /// all: files are written into a temporary sibling folder that is renamed at the end.
    /// `publication` is where kh is published (`Publication`): the template's CI files name it.
    /// Without one they keep the placeholder, and `unstamped` lists them.
    public static func create(
        at directory: String, name: String?, examples: Bool,
        publication: Publication?
    ) throws(KHError) -> (written: [String], unstamped: [String]) {
        let target = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        if let kind = FileSystem.kind(target) {
            guard kind == .directory else { throw KHError(Msg.initTargetNotDirectory(target)) }
            guard let entries = FileSystem.list(target), entries.isEmpty else {
                throw KHError(Msg.initTargetNotEmpty(target))
            }
        }
        let parent = target.lastIndex(of: "/").map { String(target[..<$0]) } ?? "."
        if !parent.isEmpty && FileSystem.kind(parent) != .directory {
            do { try AtomicWrite.makeDirectories(parent) } catch {
                throw KHError(Msg.initFailed(error.path, error.reason))
            }
        }
        let base = target.split(separator: "/").last.map(String.init) ?? target
        let staging = (parent.isEmpty ? "" : parent + "/") + ".\(base).kh-init-\(getpid())"
        var written: [String] = []
        var unstamped: [String] = []
        do throws(AtomicWrite.Failure) {
            try AtomicWrite.makeDirectories(staging)
            for (path, content) in TemplateFiles.all {
                if !examples && path.hasPrefix(customersFolder + "/") { continue }
                var text = content
                if path == ConfigLoader.fileName, let name { text = renamed(text, to: name) }
                if let publication {
                    text = publication.stamp(text)
                } else if Publication.unstamped(text) {
                    unstamped.append(path)
                }
                let full = staging + "/" + path
                if let slash = full.lastIndex(of: "/") { try AtomicWrite.makeDirectories(String(full[..<slash])) }
                try AtomicWrite.write(Array(text.utf8), to: full)
                written.append(path)
            }
            if !examples {
                try AtomicWrite.makeDirectories(staging + "/" + customersFolder)
                try AtomicWrite.write([], to: staging + "/" + customersFolder + "/.gitkeep")
            }
            if FileSystem.kind(target) == .directory { rmdir(target) }
            guard rename(staging, target) == 0 else {
                throw AtomicWrite.Failure(path: target, reason: String(cString: strerror(errno)))
            }
        } catch {
            removeTree(staging)
            throw KHError(Msg.initFailed(error.path, error.reason))
        }
        return (written, unstamped)
    }

    /// kh.yaml with its 档案库 line set to `name`.
    static func renamed(_ config: String, to name: String) -> String {
        let quoted =
            "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        var lines = config.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let i = lines.firstIndex(where: { $0.hasPrefix(ConfigKey.archiveName + ":") }) {
            let comment = lines[i].range(of: " #").map { String(lines[i][$0.lowerBound...]) } ?? ""
            lines[i] = ConfigKey.archiveName + ": " + quoted + comment
        }
        return lines.joined(separator: "\n")
    }

    package static func removeTree(_ path: String) {
        guard let kind = FileSystem.kind(path) else { return }
        if kind == .directory, let entries = FileSystem.list(path) {
            for e in entries { removeTree(path + "/" + e.name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
