import Testing
@testable import TraceRender

/// What keeps a LaTeX handout inside its margins without changing what it says.
@Suite struct LaTeXLayoutTests {
    /// A long Python line breaks after commas inside brackets (where Python continues a line
    /// by itself) and its trailing comment moves above it; the code reads the same.
    @Test func codeLinesBreakWherePythonContinuesThem() {
        let line = "optimizer = optax.sgd(optax.exponential_decay(0.09999999999999998, transition_steps=2.0, decay_rate=0.5, staircase=True), momentum=0.9)  # one step per batch"
        let wrapped = CodeLineWrapper.wrap(line)
        #expect(wrapped.count > 2)
        #expect(wrapped.allSatisfy { $0.count <= CodeLineWrapper.limit }, "\(wrapped)")
        #expect(wrapped[0] == "# one step per batch")
        let code = wrapped.dropFirst().map { $0.trimmingPrefix(while: { $0 == " " }) }.joined(separator: " ")
        #expect(code == String(line.prefix { $0 != "#" }).trimmingSuffix())
        #expect(CodeLineWrapper.wrap("x = 1") == ["x = 1"])
        // A comma outside brackets or inside a string is not a place to break.
        let tuple = "a, b = " + String(repeating: "'x, y', ", count: 12) + "0"
        #expect(CodeLineWrapper.wrap(tuple) == [tuple])
    }

    /// A chain too wide for a line breaks before an `=`; a short one stays on one line.
    @Test func longEquationsBreakBeforeTheirRelations() {
        let short = MathNode.row([.name("g"), .op("="), .number("1")])
        #expect(LaTeXEquationLayout.render(short) == LaTeXMath.render(short))
        let long = MathNode.row([.name("g"), .op("="), .name(String(repeating: "a", count: 50)), .op("="),
                                 .name(String(repeating: "b", count: 50)), .op("="), .number("2")])
        let tex = LaTeXEquationLayout.render(long)
        #expect(tex.hasPrefix("\\begin{aligned}\ng &= " + String(repeating: "a", count: 50)), "\(tex)")
        #expect(tex.contains("\\\\\n&= " + String(repeating: "b", count: 50) + " = 2"), "\(tex)")
    }
}

private extension String {
    func trimmingSuffix() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
