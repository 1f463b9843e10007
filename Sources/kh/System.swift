import KHModel
import KHOutputs
import KHValidation
import KHWrite
import KHYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's exit(3) under a name no Swift type shadows (ArgumentParser's commands have
/// an `exit`), on Linux and macOS alike.
func systemExit(_ status: Int32) -> Never { exit(status) }
