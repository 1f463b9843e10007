#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import KHYAML
import KHModel
import KHRules
import KHOutputs
import KHWrite

/// The C library's exit(3) and write(2) under names no Swift type shadows (ArgumentParser's
/// commands have an `exit`, `FileHandleOut` a `write`), on Linux and macOS alike.
func systemExit(_ status: Int32) -> Never { exit(status) }

func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { write(fd, buffer, count) }
