import Foundation
import Testing

/// Handouts write the lecture's notation, symbol for symbol (ε, ηₜ, `g ← g + λ₂·w`), never
/// an internal name, and their table columns line up by digit.
@Suite struct NotationTests {
    func handout(_ lesson: String, _ format: String) throws -> String {
        let run = try TraceBinary.run(["handout", lesson, "--format", format])
        #expect(run.status == 0, "\(run.stderr)")
        return run.text
    }

    /// ε is the lecture's lunate-free epsilon (`\varepsilon`), never `\epsilon` (ϵ).
    @Test func latexWritesVarepsilon() throws {
        let tex = try handout("adam", "latex")
        #expect(tex.contains("\\varepsilon"))
        #expect(!tex.contains("\\epsilon"))
    }

    /// Under a schedule the update reads ηₜ; L2 adds to g by assignment.
    @Test func scheduleAndL2() throws {
        let schedule = try handout("learning-rate-schedules", "md")
        let update = try #require(schedule.split(separator: "\n").first { $0.hasPrefix("{w}_{ji}(t + 1) =") })
        #expect(update.contains("\\eta_t"), "\(update)")
        let run = try TraceBinary.run(["adam", "--l2", "0.01", "--format", "md"])
        #expect(run.text.contains("g \\leftarrow g + "), "g ← g + λ₂·w is an assignment")
        #expect(!run.text.contains("g = g + "))
    }

    /// No lesson key (`half_sse`) reaches a student, in any format; Rosenbrock's gradient
    /// starts with −2, not `0 − 2`.
    @Test(arguments: ["md", "html", "latex"])
    func noInternalNames(_ format: String) throws {
        for lesson in ["default", "classic-backprop", "rosenbrock"] {
            let text = try handout(lesson, format)
            #expect(!text.contains("half_sse") && !text.contains("half\\_sse"), "\(lesson) \(format)")
        }
        let md = try handout("rosenbrock", "md")
        #expect(!md.contains("= 0 - 2"), "a negation, not 0 − 2")
        #expect(md.contains("= - 2 \\cdot \\left(a - w_1\\right)"))
    }

    /// A table column's numbers keep their trailing zeros to the precision: the first
    /// step of the adam lesson updates b1[1] from 0.1 (lessons/adam.yaml) by η = 0.02.
    @Test func columnsShareTheirDigits() throws {
        let md = try handout("adam", "md")
        let row = try #require(md.split(separator: "\n").first { $0.hasPrefix("| b1\\[1\\] |") })
        #expect(row.hasPrefix("| b1\\[1\\] | 0.1000 |"), "\(row)")
        #expect(md.contains("| 1 | 0.02000 |"), "η in the loss table")
    }
}

/// The loss table ends with the loss after the last update.
@Suite struct LossAfterLastUpdateTests {
    /// For the quadratic bowl (lessons/quadratic-bowl.yaml: L = a·w₁² + b·w₂², a = 0.5,
    /// b = 5), the last row is L at the weights the last update wrote (`w_new` of the JSON
    /// trace's last step), computed here from the formula.
    @Test func objectiveLessonEndsWithTheLossAtTheFinalWeights() throws {
        let md = try TraceBinary.run(["handout", "quadratic-bowl", "--format", "md", "--precision", "12"])
        #expect(md.status == 0)
        let row = try #require(md.text.split(separator: "\n").first { $0.hasPrefix("| after 12 |") })
        let shown = try #require(Double(row.split(separator: "|").last?.trimmingCharacters(in: .whitespaces) ?? ""))
        let json = try TraceBinary.run(["momentum", "--lesson", "quadratic-bowl", "--format", "json"])
        let trace = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        let last = try #require((trace["steps"] as? [[String: Any]])?.last?["parameters"] as? [String: [String: Double]])
        let w1 = try #require(last["w1"]?["w_new"]), w2 = try #require(last["w2"]?["w_new"])
        let expected = 0.5 * w1 * w1 + 5 * w2 * w2
        #expect(abs(shown - expected) <= 1e-11 * expected, "\(shown) against \(expected)")
    }

    /// One sample per update: the next step's loss would be another sample's, so no row.
    @Test func noRowWhereTheBatchIsNotFull() throws {
        let md = try TraceBinary.run(["handout", "sgd", "--format", "md"])
        #expect(md.status == 0)
        #expect(!md.text.contains("| after "))
    }
}
