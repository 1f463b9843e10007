import KHCore
#if canImport(Glibc)
import Glibc
#endif

// libFuzzer's driver, called from an ordinary main (SwiftPM links executables with its own
// entry point, so libFuzzer's main cannot be used).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, count in
    FuzzHarness.run(.importer, data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
    return 0
})
