/// What the command line asks about a terminal (through ``SystemCall``).
package enum Terminal {
    /// Whether `descriptor` is a terminal.
    package static func isTerminal(_ descriptor: Int32) -> Bool {
        SystemCall.isTerminal(descriptor)
    }

    /// The terminal's width in columns, or `nil` when `descriptor` is not a terminal or the
    /// terminal does not say (a width of 0).
    package static func columns(_ descriptor: Int32) -> Int? {
        SystemCall.terminalColumns(descriptor)
    }
}
