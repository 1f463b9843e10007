import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program run to its end for what it says: the one place kh starts a child process and
/// waits for it (git above all, through `Git`).
/// - Standard output and standard error are read at the same time: a child that fills one
///   pipe while kh waits on the other would otherwise hang both.
/// - Standard input is given whole (written beside the reading) or is empty.
/// - A time limit ends a child that hangs: SIGTERM, then SIGKILL two seconds later.
/// - The child is always waited for, whatever happened, so none is left a zombie.
public enum ChildProcess {
    public struct Outcome: Sendable {
        public var status: Int32
        public var output: Data
        public var errors: Data
        /// The time limit ended it (its status is then the signal's).
        public var timedOut: Bool

        public var text: String { String(decoding: output, as: UTF8.self) }
        public var errorText: String { String(decoding: errors, as: UTF8.self) }
    }

    /// The program could not be started at all.
    public struct CannotStart: Error, Sendable {
        public var reason: String
    }

    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        input: Data? = nil, timeout: Double? = nil
    ) throws(CannotStart) -> Outcome {
        _ = ignoreBrokenPipes
        // Foundation's Process learns of a child's end only when every process holding a
        // descriptor it gave the child has closed it (a grandchild sleeping on in the
        // background keeps it waiting), and cannot start a process group: posix_spawn can.
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let spawned = try spawn(executable, arguments, environment: env, withInput: input != nil)
        let output = Sink()
        let errors = Sink()
        output.drain(spawned.output)
        errors.drain(spawned.errors)
        if let input, let fd = spawned.input {
            blocking {
                // A child that stops reading early closes the pipe: the write then fails
                // (EPIPE, SIGPIPE being ignored) instead of ending kh.
                writeAll(fd, input)
                close(fd)
            }
        }
        let pid = spawned.pid
        let timedOut = Flag()
        // The child leads a process group of its own: the limit ends it and whatever it started.
        let limit = timeout.map { _ in
            DispatchWorkItem {
                timedOut.set()
                kill(-pid, SIGTERM)
                DispatchQueue.global().asyncAfter(deadline: .now() + 2) { kill(-pid, SIGKILL) }
            }
        }
        if let limit, let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: limit) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        limit?.cancel()
        // What the child wrote before it ended is read to the end; a grandchild that keeps a
        // pipe open (a daemon git started) is not waited for long.
        let grace: DispatchTime = .now() + (timedOut.isSet ? 2 : 10)
        _ = output.finished.wait(timeout: grace)
        _ = errors.finished.wait(timeout: grace)
        // Exit status: the child's code; 128 + the signal that ended it, as shells say.
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(status: code, output: output.contents, errors: errors.contents, timedOut: timedOut.isSet)
    }

    /// The child's pid and the parent's ends of its pipes (standard input only when given).
    struct Spawned {
        var pid: pid_t
        var output: Int32
        var errors: Int32
        var input: Int32?
    }

    static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String],
        withInput: Bool
    ) throws(CannotStart) -> Spawned {
        func pipePair() throws(CannotStart) -> (read: Int32, write: Int32) {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw CannotStart(reason: String(cString: strerror(errno))) }
            // Not inherited by another child started meanwhile (posix_spawn's dup2 clears it
            // on the child's 0, 1 and 2).
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            return (fds[0], fds[1])
        }
        let out = try pipePair()
        let err = try pipePair()
        let inp = withInput ? try pipePair() : nil

        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let inp {
            posix_spawn_file_actions_adddup2(&actions, inp.read, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, out.write, 1)
        posix_spawn_file_actions_adddup2(&actions, err.write, 2)
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group; SIGPIPE back to its default (kh ignores it, and an ignored
        // signal would be inherited).
        #if canImport(Darwin)
        // sigemptyset and sigaddset are macros there: the set is a bit mask.
        var defaults: sigset_t = 1 << (SIGPIPE - 1)
        #else
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        #endif
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // No signal blocked in the child, whatever the parent's thread blocks (kh serve waits
        // for SIGTERM with sigwait, so it blocks it).
        #if canImport(Darwin)
        var unblocked: sigset_t = 0
        #else
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        #endif
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0.key + "=" + $0.value) } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        // The child's ends belong to the child now.
        close(out.write)
        close(err.write)
        if let inp { close(inp.read) }
        guard result == 0 else {
            close(out.read)
            close(err.read)
            if let inp { close(inp.write) }
            throw CannotStart(reason: String(cString: strerror(result)))
        }
        return Spawned(pid: pid, output: out.read, errors: err.read, input: inp?.write)
    }

    /// Runs `work`, which blocks in read, write or a wait for a child, on a thread of its own: Dispatch's pool
    /// has a thread per core and adds one only after a while when they all block (a second
    /// each time on two cores).
    package static func blocking(_ work: @escaping @Sendable () -> Void) {
        Thread { work() }.start()
    }

    /// Writes all of `data` to `fd`, stopping quietly at the first error (a closed pipe).
    static func writeAll(_ fd: Int32, _ data: Data) {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard var base = raw.baseAddress else { return }
            var left = raw.count
            while left > 0 {
                let n = write(fd, base, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                base += n
                left -= n
            }
        }
    }

    /// Whether the time limit struck (set on Dispatch's thread, read after the wait).
    final class Flag: @unchecked Sendable {
        private var value = false
        private let lock = NSLock()

        func set() {
            lock.lock()
            value = true
            lock.unlock()
        }

        var isSet: Bool {
            lock.lock()
            defer { lock.unlock() }
            return value
        }
    }

    /// What a pipe gave, chunk by chunk, until its end.
    final class Sink: @unchecked Sendable {
        private var data = Data()
        private let lock = NSLock()
        let finished = DispatchSemaphore(value: 0)

        func append(_ chunk: Data) {
            lock.lock()
            data.append(chunk)
            lock.unlock()
        }

        var contents: Data {
            lock.lock()
            defer { lock.unlock() }
            return data
        }

        /// Reads `fd` to its end on a thread of its own, then closes it.
        func drain(_ fd: Int32) {
            ChildProcess.blocking {
                var buffer = [UInt8](repeating: 0, count: 65536)
                while true {
                    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { break }
                    self.append(Data(buffer[0..<n]))
                }
                close(fd)
                self.finished.signal()
            }
        }
    }

    /// Writing to a child that has closed its input raises SIGPIPE; kh ignores it once, at
    /// the first child it starts, and handles EPIPE where it writes (`writeAll`).
    static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()
}

/// git, run through `ChildProcess` in a folder (`git -C`), never asking anything of a
/// terminal (GIT_TERMINAL_PROMPT=0): the one way kh runs git.
public enum Git {
    /// No git could be started (`/usr/bin/env` found none: status 127, or no env at all).
    public struct NotFound: Error, Sendable {}

    /// A generous limit for one git command: it ends a git that hangs (a lock, a remote)
    /// rather than a long one.
    public static let defaultTimeout: Double = 600

    public static func run(
        _ arguments: [String], in folder: String, environment: [String: String] = [:],
        input: Data? = nil, timeout: Double = defaultTimeout
    ) throws(NotFound) -> ChildProcess.Outcome {
        var env = environment
        if env["GIT_TERMINAL_PROMPT"] == nil { env["GIT_TERMINAL_PROMPT"] = "0" }
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(
                "/usr/bin/env", ["git", "-C", folder] + arguments, environment: env, input: input, timeout: timeout)
        } catch {
            throw NotFound()
        }
        if outcome.status == 127 && outcome.errorText.contains("git") && !outcome.timedOut { throw NotFound() }
        return outcome
    }
}
