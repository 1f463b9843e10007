import KHFuzzing

#if canImport(Glibc)
import Glibc
#endif

// One fuzzer for every target: KH_FUZZ_TARGET (yaml, validate, import) says which harness
// libFuzzer drives (Fuzz/run.sh sets it; its fork-mode children inherit it).
// libFuzzer's driver is called from an ordinary main: SwiftPM links executables with an entry
// point of its own, so libFuzzer's main cannot be used.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// libFuzzer's runtime asks for the usual entry point even when its driver is given a callback
/// (a debug build links the part that names it); it runs the same harness.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FuzzHarness.run(selected, data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
    return 0
}

let name = getenv("KH_FUZZ_TARGET").map { String(cString: $0) } ?? ""
guard let target = FuzzHarness.Target(rawValue: name) else {
    let names = FuzzHarness.Target.allCases.map(\.rawValue).joined(separator: ", ")
    let message = "kh-fuzz: set KH_FUZZ_TARGET to one of \(names) (e.g. KH_FUZZ_TARGET=yaml kh-fuzz CORPUS)\n"
    _ = message.withCString { write(2, $0, strlen($0)) }
    exit(2)
}
nonisolated(unsafe) var selected = target

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&argc, &argv) { data, count in
        FuzzHarness.run(selected, data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
        return 0
    })
