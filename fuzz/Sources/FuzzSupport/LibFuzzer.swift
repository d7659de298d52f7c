#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// libFuzzer's driver, called from a Swift `main` (SwiftPM gives every executable its own
/// entry point, so libFuzzer's `main` cannot be used): it parses the command line
/// (`-max_total_time=60 corpus/`) and calls `body` with each input.
public enum LibFuzzer {
    public typealias Body = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    @_silgen_name("LLVMFuzzerRunDriver")
    private static func runDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ body: Body
    ) -> CInt

    public static func run(_ body: Body) -> CInt {
        var argc = CommandLine.argc
        var argv = Optional(CommandLine.unsafeArgv)
        return runDriver(&argc, &argv, body)
    }
}

public func exit(_ status: CInt) -> Never {
    #if canImport(Glibc)
    Glibc.exit(status)
    #else
    Darwin.exit(status)
    #endif
}
