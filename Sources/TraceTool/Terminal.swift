#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place that asks the operating system about a terminal (isatty, TIOCGWINSZ).
public enum Terminal {
    /// Whether `descriptor` is a terminal.
    public static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// The terminal's width in columns, or `nil` when `descriptor` is not a terminal or the
    /// terminal does not say (a width of 0).
    public static func columns(_ descriptor: Int32) -> Int? {
        guard isTerminal(descriptor) else { return nil }
        var size = winsize()
        #if canImport(Glibc)
        let status = ioctl(descriptor, UInt(TIOCGWINSZ), &size)
        #else
        let status = ioctl(descriptor, TIOCGWINSZ, &size)
        #endif
        guard status == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
