import Testing
import TraceEngine
@testable import TraceLessons

/// `activation: softmax` with `loss: cross_entropy`, class targets, and `model.fixed`: what
/// parses, and every mistake refused at its `LINE:COLUMN` with a fix.
@Suite struct SoftmaxAndFixedLessonTests {
    static let valid = """
        title: Three classes
        model:
          loss: cross_entropy
          fixed: [biases]
          layers:
            - activation: sigmoid
              weights: [[0.1, 0.2], [0.3, 0.4]]
              biases: [0.0, 0.1]
            - activation: softmax
              weights: [[0.5, -0.6], [0.2, 0.1], [-0.3, 0.4]]
        data:
          inputs:  [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]]
          targets: [[1], [0, 1, 0], [3]]
        """

    func variant(_ old: String, _ new: String) -> String {
        #expect(Self.valid.contains(old), "test setup: '\(old)' not in the valid lesson")
        return Self.valid.replacingOccurrences(of: old, with: new)
    }

    @Test func classNumbersBecomeOneHotRowsAndBiasesAreFixed() throws {
        let lesson = try LessonParser.parse(Self.valid, file: "lesson.yaml")
        #expect(lesson.data.targets == [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
        #expect(lesson.network.fixed.map { lesson.network.layout.names[$0] } == ["b1[1]", "b1[2]", "b2[1]", "b2[2]", "b2[3]"])
        let named = try LessonParser.parse(variant("fixed: [biases]", "fixed: [\"W2[1,2]\", \"b1[2]\"]"), file: "lesson.yaml")
        #expect(named.network.fixed.map { named.network.layout.names[$0] } == ["b1[2]", "W2[1,2]"])
        let block = try LessonParser.parse(variant("  fixed: [biases]", "  fixed:\n    - W1[2,1]"), file: "lesson.yaml")
        #expect(block.network.fixed.map { block.network.layout.names[$0] } == ["W1[2,1]"])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var old: String
        var new: String
        var line: Int
        var column: Int
        var says: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "softmax on a hidden layer", old: "- activation: sigmoid", new: "- activation: softmax", line: 6, column: 19,
             says: ["softmax is for the last layer only", "layer 1 of 2"]),
        Case(name: "softmax without cross_entropy", old: "loss: cross_entropy", new: "loss: mse", line: 3, column: 9,
             says: ["a softmax output needs loss: cross_entropy", "not mse"]),
        Case(name: "cross_entropy without softmax", old: "- activation: softmax", new: "- activation: sigmoid", line: 9, column: 19,
             says: ["cross_entropy needs a softmax output layer", "is sigmoid"]),
        Case(name: "softmax over one unit", old: "weights: [[0.5, -0.6], [0.2, 0.1], [-0.3, 0.4]]", new: "weights: [[0.5, -0.6]]",
             line: 9, column: 19, says: ["a softmax over one unit is always 1"]),
        Case(name: "class number out of range", old: "[[1], [0, 1, 0], [3]]", new: "[[1], [0, 1, 0], [4]]", line: 13, column: 30,
             says: ["target 3 is 4", "a whole number from 1 to 3"]),
        Case(name: "class number zero", old: "[[1], [0, 1, 0], [3]]", new: "[[0], [0, 1, 0], [3]]", line: 13, column: 14,
             says: ["target 1 is 0", "from 1 to 3"]),
        Case(name: "class number not whole", old: "[[1], [0, 1, 0], [3]]", new: "[[1.5], [0, 1, 0], [3]]", line: 13, column: 14,
             says: ["target 1 is 1.5", "a whole number"]),
        Case(name: "one-hot row with a 0.5", old: "[0, 1, 0]", new: "[0, 0.5, 0.5]", line: 13, column: 22,
             says: ["target 2 is not one-hot: value 2 is 0.5"]),
        Case(name: "one-hot row with two ones", old: "[0, 1, 0]", new: "[1, 1, 0]", line: 13, column: 18,
             says: ["target 2 is not one-hot: it has 2 ones"]),
        Case(name: "one-hot row with no 1", old: "[0, 1, 0]", new: "[0, 0, 0]", line: 13, column: 18,
             says: ["target 2 is not one-hot: it has no 1"]),
        Case(name: "one-hot row of the wrong length", old: "[0, 1, 0]", new: "[0, 1]", line: 13, column: 18,
             says: ["target 2 has 2 values but the last layer has 3 units", "or [k]"]),
        Case(name: "fixed names no parameter", old: "fixed: [biases]", new: "fixed: [\"W3[1,1]\"]", line: 4, column: 11,
             says: ["fixed names 'W3[1,1]', which is not a parameter of this network", "b2[3]"]),
        Case(name: "fixed with a near miss", old: "fixed: [biases]", new: "fixed: [bias]", line: 4, column: 11,
             says: ["did you mean 'biases'?"]),
        Case(name: "fixed in the wrong case", old: "fixed: [biases]", new: "fixed: [\"w2[1,2]\"]", line: 4, column: 11,
             says: ["did you mean 'W2[1,2]'?"]),
        Case(name: "fixed names with brackets unquoted", old: "fixed: [biases]", new: "fixed: [b1[1], W2[1,2]]", line: 4, column: 13,
             says: ["quote them", "one per line"]),
        Case(name: "fixed is not a list", old: "fixed: [biases]", new: "fixed: biases", line: 4, column: 10,
             says: ["fixed"]),
    ]

    @Test(arguments: cases) func isRefusedWithItsLocation(_ c: Case) {
        do {
            _ = try LessonParser.parse(variant(c.old, c.new), file: "lesson.yaml")
            Issue.record("\(c.name): expected an error")
        } catch {
            #expect(error.location.line == c.line && error.location.column == c.column, "\(c.name): \(error)")
            for phrase in c.says { #expect(error.message.contains(phrase), "\(c.name): \(error.message)") }
        }
    }

    @Test func fixingEveryParameterIsRefused() {
        let yaml = """
            title: All fixed
            model:
              loss: half_sse
              fixed: [biases, "W1[1,1]"]
              layers:
                - activation: sigmoid
                  weights: [[0.1]]
            data:
              inputs: [[1.0]]
              targets: [[0.5]]
            """
        do {
            _ = try LessonParser.parse(yaml, file: "lesson.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.location.line == 4 && error.message.contains("nothing would learn"), "\(error)")
        }
    }
}
