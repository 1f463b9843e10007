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

/// The C library's exit(3) under a name no Swift type shadows (ArgumentParser's commands have
/// an `exit`), on Linux and macOS alike.
func systemExit(_ status: Int32) -> Never { exit(status) }
