#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// kh's standard output and error, for kh and kh-serve alike.
public enum FileHandleOut {
    public static func stdout(_ s: String) { write(all: s, to: STDOUT_FILENO) }

    /// Messages for people: whatever they quote from the archive (a name, a path) reaches the
    /// terminal without control characters; line breaks and tabs stay.
    public static func stderr(_ s: String) {
        write(
            all: s.split(separator: "\n", omittingEmptySubsequences: false).map { Terminal.sanitize(String($0)) }
                .joined(separator: "\n"), to: STDERR_FILENO)
    }

    private static func write(all s: String, to fd: Int32) {
        var bytes = Array(s.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { standardWrite(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue } else { return } }
            bytes = bytes.dropFirst(n)
        }
    }
}

/// write(2) under a name `FileHandleOut.write` does not shadow.
private func standardWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { write(fd, buffer, count) }
