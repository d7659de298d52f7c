import Testing

@testable import TraceGrading

/// `AnswerSheetReader` on good answers files in JSON and CSV, and on every kind of broken one:
/// it must never crash, and every problem must be one line that starts with its location.
@Suite struct AnswerSheetReaderTests {
    // MARK: - Helpers

    private func read(_ text: String, file: String = "answers.json") -> AnswerSheet {
        AnswerSheetReader.read(Array(text.utf8), file: file)
    }

    private func readCSV(_ text: String) -> AnswerSheet {
        read(text, file: "answers.csv")
    }

    /// Every message of the sheet: the file problem, the notes and the reasons of unusable values.
    private func messages(_ sheet: AnswerSheet) -> [String] {
        var all = sheet.notes
        if let problem = sheet.fileProblem { all.append(problem) }
        for entry in sheet.entries {
            if case .unusable(let reason) = entry.value { all.append(reason) }
        }
        return all
    }

    private func isOneLine(_ message: String) -> Bool {
        !message.unicodeScalars.contains { ["\n", "\r", "\u{2028}", "\u{2029}"].contains($0) }
    }

    /// Checks the rules every sheet keeps: messages are one line, and a file problem comes alone.
    private func expectWellFormed(_ sheet: AnswerSheet, sourceLocation: SourceLocation = #_sourceLocation) {
        for message in messages(sheet) {
            #expect(!message.isEmpty, sourceLocation: sourceLocation)
            #expect(isOneLine(message), "\(message)", sourceLocation: sourceLocation)
        }
        if sheet.fileProblem != nil {
            #expect(sheet.entries.isEmpty, sourceLocation: sourceLocation)
            #expect(sheet.notes.isEmpty, sourceLocation: sourceLocation)
        }
    }

    /// The file problem, checked to be one line and to start with `prefix` (the location).
    private func problem(
        _ sheet: AnswerSheet, startsWith prefix: String, sourceLocation: SourceLocation = #_sourceLocation
    ) -> String {
        expectWellFormed(sheet, sourceLocation: sourceLocation)
        guard let problem = sheet.fileProblem else {
            Issue.record("expected a file problem, got \(sheet)", sourceLocation: sourceLocation)
            return ""
        }
        #expect(problem.hasPrefix(prefix), "\(problem)", sourceLocation: sourceLocation)
        return problem
    }

    private func reason(_ value: AnswerValue?) -> String {
        if case .unusable(let reason)? = value { return reason }
        return "not unusable: \(String(describing: value))"
    }

    /// Why the first entry cannot be graded.
    private func firstReason(_ sheet: AnswerSheet) -> String {
        reason(sheet.entries.first?.value)
    }

    // MARK: - JSON that is right

    @Test func theExampleShape() {
        let sheet = read(#"{"steps":[{"t":1,"parameters":{"W2[1,1]":{"m":0.01,"m_hat":0.1}}}]}"#)
        expectWellFormed(sheet)
        #expect(sheet.fileProblem == nil)
        #expect(sheet.notes.isEmpty)
        #expect(
            sheet.entries == [
                AnswerEntry(t: 1, parameter: "W2[1,1]", quantity: "m", value: .number(0.01), location: "answers.json:1:47"),
                AnswerEntry(t: 1, parameter: "W2[1,1]", quantity: "m_hat", value: .number(0.1), location: "answers.json:1:60"),
            ])
    }

    @Test func aWholeTraceWithExtraKeys() {
        let trace = #"""
            {
            "schema": "trace/v1",
            "lesson": {"title": "One weight, one bias", "model": {"loss": "half_sse", "layers": [{"activation": "identity", "weights": [[0.5]], "biases": [0.1]}]}},
            "optimizer": {"name": "adam", "hyperparameters": {"eta": 0.1, "epsilon": 1e-08}},
            "parameters": ["W1[1,1]", "b1[1]"],
            "steps": [
            {"t": 1, "epoch": 1, "batch": [1], "eta": 0.1, "loss": 0.005000000000000009, "parameters": {"W1[1,1]": {"w": 0.5, "g": 0.20000000000000018, "m_hat": 0.20000000000000018}, "b1[1]": {"m": 0.010000000000000007, "w_new": 4.9999962503655127e-08}}, "samples": [{"index": 1, "x": [2.0], "layers": [{"z": [1.1]}]}]},
            {"t": 2.0, "epoch": 1, "parameters": {"W1[1, 1]": {"v": 0.00019996004999997224, " v_hat ": null}}}
            ],
            "diverged_at": null
            }
            """#
        let sheet = read(trace)
        expectWellFormed(sheet)
        #expect(sheet.fileProblem == nil)
        #expect(sheet.notes.isEmpty)
        #expect(sheet.entries.map(\.t) == [1, 1, 1, 1, 1, 2, 2])
        #expect(sheet.entries.map(\.parameter) == ["W1[1,1]", "W1[1,1]", "W1[1,1]", "b1[1]", "b1[1]", "W1[1,1]", "W1[1,1]"])
        #expect(sheet.entries.map(\.quantity) == ["w", "g", "m_hat", "m", "w_new", "v", "v_hat"])
        #expect(
            sheet.entries.map(\.value) == [
                .number(0.5), .number(0.20000000000000018), .number(0.20000000000000018), .number(0.010000000000000007),
                .number(4.9999962503655127e-08), .number(0.00019996004999997224), .blank,
            ])
        #expect(sheet.entries[0].location == "answers.json:7:110")
        #expect(sheet.entries[4].location == "answers.json:7:218")
        #expect(sheet.entries[6].location == "answers.json:8:92")
    }

    @Test func numbersAreCorrectlyRounded() {
        let sheet = read(
            #"{"steps":[{"t":1,"parameters":{"p":{"a":0.1,"b":-0,"c":1E2,"d":2.5e-3,"e":1e-999,"f":4.9e-324,"g":17976931348623157e292}}}]}"#)
        expectWellFormed(sheet)
        #expect(
            sheet.entries.map(\.value) == [
                .number(0.1), .number(-0.0), .number(100), .number(0.0025), .number(0), .number(0x1p-1074),
                .number(1.7976931348623157e308),
            ])
    }

    @Test func columnsCountUnicodeScalars() {
        // "é" is two bytes in UTF-8 but one column; the BOM is not a column.
        let sheet = AnswerSheetReader.read([0xEF, 0xBB, 0xBF] + Array(#"{"é": tru}"#.utf8), file: "answers.json")
        #expect(problem(sheet, startsWith: "answers.json:1:7: this is not valid JSON").contains(#"found "tru""#))
    }

    @Test func escapesAndSurrogatePairsInKeys() {
        let sheet = read(#"{"steps":[{"t":1,"parameters":{"W\u00e9\ud83d\ude00\"\\\/\t":{"m\n":1}}}]}"#)
        expectWellFormed(sheet)
        #expect(sheet.entries.map(\.parameter) == ["Wé😀\"\\/"])
        #expect(sheet.entries.map(\.quantity) == ["m"])
    }

    // MARK: - JSON values that cannot be graded

    @Test func textInsteadOfNumbers() {
        let sheet = read(
            #"{"steps":[{"t":1,"parameters":{"p":{"a":"0.01","b":"4.8×10^-8","c":"","d":"nan","e":"0,5","f":"a very long text that goes on and on"}}}]}"#)
        expectWellFormed(sheet)
        let reasons = sheet.entries.map { reason($0.value) }
        #expect(reasons[0] == #"is the text "0.01" (in quotes); write the number without quotes"#)
        #expect(reasons[1].hasPrefix(#"is the text "4.8×10^-8" (in quotes); write the number without quotes"#))
        #expect(reasons[1].contains("4.8e-08"))
        #expect(reasons[2].contains("empty text"))
        #expect(reasons[3].contains("not a number"))
        #expect(reasons[4].contains("decimal point") && reasons[4].contains("0.5"))
        #expect(reasons[5].contains(#""a very long text tha…""#))
    }

    @Test func nonFiniteLiteralsFromPython() {
        let sheet = read(#"{"steps":[{"t":1,"parameters":{"p":{"a":NaN,"b":Infinity,"c":-Infinity}}}]}"#)
        expectWellFormed(sheet)
        #expect(sheet.fileProblem == nil)
        let reasons = sheet.entries.map { reason($0.value) }
        #expect(reasons[0].hasPrefix("is NaN, which is not a number; "))
        #expect(reasons[1].hasPrefix("is Infinity, which is not a number; "))
        #expect(reasons[2].hasPrefix("is -Infinity, which is not a number; "))
    }

    @Test func numbersTooLargeForADouble() {
        let sheet = read(#"{"steps":[{"t":1,"parameters":{"p":{"a":1e999,"b":-1e999}}}]}"#)
        expectWellFormed(sheet)
        #expect(firstReason(sheet).hasPrefix("is too large to be a number (1e999)"))
        #expect(reason(sheet.entries.last.map(\.value)).hasPrefix("is too large to be a number (-1e999)"))
    }

    @Test func otherKindsOfValues() {
        let sheet = read(#"{"steps":[{"t":1,"parameters":{"p":{"a":true,"b":false,"c":[0.1],"d":{"x":1},"e":null}}}]}"#)
        expectWellFormed(sheet)
        #expect(
            sheet.entries.map(\.value) == [
                .unusable("is true; write a number"), .unusable("is false; write a number"),
                .unusable("is a list; write one number"), .unusable("is an object; write one number"), .blank,
            ])
    }

    @Test func textWithLineBreaksStaysOnOneLine() {
        let sheet = read(#"{"steps":[{"t":1,"parameters":{"p":{"a":"1\n2\u2028\r\u0000"}}}]}"#)
        expectWellFormed(sheet)
        #expect(firstReason(sheet).contains(#""1\n2\u{2028}\r\u{0}""#))
    }

    // MARK: - JSON steps that are skipped

    @Test func stepNumbers() {
        let sheet = read(
            #"""
            {"steps": [
              {"t": 0, "parameters": {"p": {"m": 1}}},
              {"t": 1.5, "parameters": {"p": {"m": 1}}},
              {"t": "1", "parameters": {"p": {"m": 1}}},
              {"t": -1, "parameters": {"p": {"m": 1}}},
              {"parameters": {"p": {"m": 1}}},
              {"t": 1.0, "parameters": {"p": {"m": 2}}},
              {"t": 2e0, "parameters": {"p": {"m": 3}}},
              {"t": 1e300, "parameters": {"p": {"m": 4}}}
            ]}
            """#)
        expectWellFormed(sheet)
        #expect(sheet.entries.map(\.t) == [1, 2])
        #expect(sheet.entries.map(\.value) == [.number(2), .number(3)])
        #expect(sheet.notes.count == 6)
        #expect(sheet.notes[0].hasPrefix(#"answers.json:2:9: a step whose "t" is the number 0 was skipped; "#))
        #expect(sheet.notes[1].hasPrefix(#"answers.json:3:9: a step whose "t" is the number 1.5 was skipped"#))
        #expect(sheet.notes[2].hasPrefix(#"answers.json:4:9: a step whose "t" is the text "1" was skipped"#))
        #expect(sheet.notes[2].contains("without quotes"))
        #expect(sheet.notes[3].hasPrefix("answers.json:5:9: "))
        #expect(
            sheet.notes[4] == #"answers.json:6:3: a step without "t" was skipped; give each step its number, "t": 1"#)
        #expect(sheet.notes[5].hasPrefix("answers.json:9:9: "))
    }

    @Test func partsOfTheWrongKindAreSkipped() {
        let sheet = read(
            #"""
            {"steps": [
              5,
              {"t": 1},
              {"t": 2, "parameters": [1, 2]},
              {"t": 3, "parameters": {"p": 0.5, "  ": {"m": 1}, "q": {"": 1, "m": 1}}}
            ]}
            """#)
        expectWellFormed(sheet)
        #expect(sheet.entries == [AnswerEntry(t: 3, parameter: "q", quantity: "m", value: .number(1), location: "answers.json:5:71")])
        #expect(sheet.notes.count == 6)
        #expect(sheet.notes[0].hasPrefix("answers.json:2:3: a step that is the number 5, not an object, was skipped"))
        #expect(sheet.notes[1].hasPrefix(#"answers.json:3:3: the step with t = 1 has no "parameters""#))
        #expect(sheet.notes[2].hasPrefix(#"answers.json:4:26: the "parameters" of the step with t = 2 are a list"#))
        #expect(sheet.notes[3].hasPrefix(#"answers.json:5:32: the parameter "p" at t = 3 is the number 0.5"#))
        #expect(sheet.notes[4].hasPrefix("answers.json:5:37: a parameter without a name"))
        #expect(sheet.notes[5].hasPrefix("answers.json:5:59: a quantity without a name"))
    }

    @Test func duplicateKeysKeepTheFirst() {
        let sheet = read(
            #"""
            {"steps": [{"t": 1, "t": 2, "parameters": {"p": {"m": 1, "m": 2}}}],
             "steps": []}
            """#)
        expectWellFormed(sheet)
        #expect(sheet.entries.map(\.t) == [1])
        #expect(sheet.entries.map(\.value) == [.number(1)])
        #expect(sheet.notes.count == 3)
        #expect(sheet.notes[0].hasPrefix(#"answers.json:2:2: the key "steps" appears again in the same object (first at 1:2)"#))
        #expect(sheet.notes[1].hasPrefix(#"answers.json:1:21: the key "t" appears again"#))
        #expect(sheet.notes[2].hasPrefix(#"answers.json:1:58: the key "m" appears again"#))
    }

    @Test func aSecondAnswerForTheSameValueIsSkipped() {
        let sheet = read(
            #"{"steps":[{"t":1,"parameters":{"p":{"m":1}}},{"t":1,"parameters":{"p":{"m":2}}}]}"#)
        expectWellFormed(sheet)
        #expect(sheet.entries.map(\.value) == [.number(1)])
        #expect(sheet.notes.count == 1)
        #expect(sheet.notes[0].hasPrefix("answers.json:1:76: a second answer"))
        #expect(sheet.notes[0].contains("answers.json:1:41"))
    }

    // MARK: - JSON files that cannot be used

    @Test func stepsThatIsNotAList() {
        let text = problem(read(#"{"steps": 5}"#), startsWith: "answers.json:1:11: ")
        #expect(text.contains(#""steps" is the number 5, not a list"#))
        #expect(text.contains(AnswerJSONParser.exampleShape))
    }

    @Test func aTopLevelValueThatIsNotAnObject() {
        let text = problem(read("[1, 2]"), startsWith: "answers.json:1:1: the file holds a list")
        #expect(text.contains(AnswerJSONParser.exampleShape))
        _ = problem(read(" \n {\"answers\": []}"), startsWith: #"answers.json:2:2: the file's object has no "steps" list"#)
    }

    @Test func truncatedJSON() {
        let text = problem(
            read(#"{"steps":[{"t":1,"parameters":{"W2[1,1]":{"m":0.01"#), startsWith: "answers.json:1:51: this is not valid JSON (expected")
        #expect(text.contains("found the end of the file"))
        let unclosedText = problem(read("{\"steps\":[{\"t\":1,\n\"parameters\":{\"W2"), startsWith: "answers.json:2:15: ")
        #expect(unclosedText.contains("closing quote"))
    }

    @Test func commonSyntaxMistakes() {
        let cases: [(String, String, String)] = [
            (#"{"steps": [1,]}"#, "answers.json:1:14: ", #"remove the comma before "]""#),
            (#"{"steps": [], }"#, "answers.json:1:15: ", #"remove the comma before "}""#),
            ("{'steps': []}", "answers.json:1:2: ", "double quotes"),
            ("{steps: []}", "answers.json:1:2: ", #"put each key in double quotes"#),
            ("{\"steps\": [] // answers\n}", "answers.json:1:14: ", "comments"),
            (#"{"steps": [{"t": 01}]}"#, "answers.json:1:19: ", "leading zeros"),
            (#"{"steps": [{"t": .5}]}"#, "answers.json:1:18: ", "0.5"),
            (#"{"steps": [{"t": 1.}]}"#, "answers.json:1:20: ", "digit after the decimal point"),
            (#"{"steps": [{"t": True}]}"#, "answers.json:1:18: ", "lower case"),
            (#"{"steps": [{"t": nan}]}"#, "answers.json:1:18: ", "finite"),
            (#"{"steps": [{"t": 1} {"t": 2}]}"#, "answers.json:1:21: ", "comma"),
            (#"{"steps": [}"#, "answers.json:1:12: ", "value"),
            (#"{"steps": []}}"#, "answers.json:1:14: ", "too many"),
            ("{\"steps\": [\"a\tb\"]}", "answers.json:1:14: ", "\\t"),
            (#"{"steps": ["\x"]}"#, "answers.json:1:14: ", "escape"),
            (#"{"steps": ["\u12"]}"#, "answers.json:1:17: ", "hexadecimal"),
            (#"{"steps" []}"#, "answers.json:1:10: ", "colon"),
        ]
        for (text, location, hint) in cases {
            let message = problem(read(text), startsWith: location)
            #expect(message.contains("this is not valid JSON (expected"), "\(message)")
            #expect(message.contains(hint), "\(text) → \(message)")
        }
    }

    @Test func loneSurrogates() {
        let high = problem(read(#"{"steps": ["\ud800"]}"#), startsWith: "answers.json:1:13: this is not valid JSON")
        #expect(high.contains("surrogate"))
        _ = problem(read(#"{"steps": ["\ud800\u0041"]}"#), startsWith: "answers.json:1:13: ")
        _ = problem(read(#"{"steps": ["\udc00"]}"#), startsWith: "answers.json:1:13: ")
        _ = problem(read(#"{"steps": ["\ud800"#), startsWith: "answers.json:1:13: ")
    }

    @Test func tenThousandNestedBrackets() {
        let text = problem(read(String(repeating: "[", count: 10_000)), startsWith: "answers.json:1:65: ")
        #expect(text.contains("nested deeper than 64 levels"))
        let objects = problem(read(String(repeating: #"{"a":"#, count: 10_000)), startsWith: "answers.json:1:321: ")
        #expect(objects.contains("nested deeper than 64 levels"))
        let whole = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(problem(read(whole), startsWith: "answers.json:1:65: ").contains("nested deeper than 64 levels"))
    }

    @Test func sixtyFourLevelsAreRead() {
        let deep = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        let text = #"{"x": "# + deep + #", "steps": [{"t": 1, "parameters": {"p": {"m": 1}}}]}"#
        let sheet = read(text)
        #expect(sheet.fileProblem == nil)
        #expect(sheet.entries.count == 1)
        let tooDeep = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        _ = problem(read(#"{"x": "# + tooDeep + "}"), startsWith: "answers.json:1:70: ")
    }

    // MARK: - CSV

    @Test func csvWithHeaderInAnotherOrder() {
        let sheet = readCSV("quantity,value,parameter,t\nm,0.01,\"W1[1,2]\",1\nm_hat, 1.5e-3 ,b1[1],2\n")
        expectWellFormed(sheet)
        #expect(sheet.notes.isEmpty)
        #expect(
            sheet.entries == [
                AnswerEntry(t: 1, parameter: "W1[1,2]", quantity: "m", value: .number(0.01), location: "answers.csv:2"),
                AnswerEntry(t: 2, parameter: "b1[1]", quantity: "m_hat", value: .number(0.0015), location: "answers.csv:3"),
            ])
    }

    @Test func csvWithoutHeader() {
        let sheet = readCSV("1,\"W1[1,2]\",m,0.01\n1,\"W1[1, 2]\",v,+2.5E-05\n2,b1[1], w_new ,\u{2212}0.5\n2,b1[1],m,")
        expectWellFormed(sheet)
        #expect(sheet.notes.isEmpty)
        #expect(sheet.entries.map(\.t) == [1, 1, 2, 2])
        #expect(sheet.entries.map(\.parameter) == ["W1[1,2]", "W1[1,2]", "b1[1]", "b1[1]"])
        #expect(sheet.entries.map(\.quantity) == ["m", "v", "w_new", "m"])
        #expect(sheet.entries.map(\.value) == [.number(0.01), .number(0.000025), .number(-0.5), .blank])
        #expect(sheet.entries.map(\.location) == ["answers.csv:1", "answers.csv:2", "answers.csv:3", "answers.csv:4"])
    }

    @Test func csvWithSemicolonsAndDecimalCommas() {
        let sheet = readCSV("T;Parameter;Quantity;Value\r\n1;W1[1,2];m;0,01\r\n1;W1[1,2];v;1,5e-3\r\n\r\n1;W1[1,2];m_hat;0.25;;\r\n1;b1[1];g;\r\n")
        expectWellFormed(sheet)
        #expect(sheet.notes.isEmpty)
        #expect(sheet.entries.map(\.parameter) == ["W1[1,2]", "W1[1,2]", "W1[1,2]", "b1[1]"])
        #expect(sheet.entries.map(\.value) == [.number(0.01), .number(0.0015), .number(0.25), .blank])
        #expect(sheet.entries.map(\.location) == ["answers.csv:2", "answers.csv:3", "answers.csv:5", "answers.csv:6"])
    }

    @Test func csvWithTabs() {
        let sheet = readCSV("t\tparameter\tquantity\tvalue\n1\tW1[1,2]\tm\t0,01\n")
        expectWellFormed(sheet)
        #expect(sheet.entries.map(\.value) == [.number(0.01)])
        #expect(sheet.entries.map(\.parameter) == ["W1[1,2]"])
    }

    @Test func csvWithByteOrderMarkCRLFAndBlankLines() {
        let text = "\r\n  \r\nt,parameter,quantity,value,,\r\n\r\n1,\"W1[1,2]\",m,0.01,,\r\n,,,\r\n2,\"b1[1]\",m,-1e-8"
        let sheet = AnswerSheetReader.read([0xEF, 0xBB, 0xBF] + Array(text.utf8), file: "answers.csv")
        expectWellFormed(sheet)
        #expect(sheet.notes.isEmpty)
        #expect(sheet.entries.map(\.value) == [.number(0.01), .number(-1e-8)])
        #expect(sheet.entries.map(\.location) == ["answers.csv:5", "answers.csv:7"])
    }

    @Test func csvWithOldMacLineEndsAndQuotedQuotes() {
        let sheet = readCSV("1,\"a\"\"b\",m,1\r2,\"c\nd\",m,2\r3,e,m,3")
        expectWellFormed(sheet)
        #expect(sheet.entries.map(\.parameter) == ["a\"b", "cd", "e"])
        #expect(sheet.entries.map(\.location) == ["answers.csv:1", "answers.csv:2", "answers.csv:4"])
    }

    @Test func csvValuesThatCannotBeGraded() {
        let sheet = readCSV("1,p,a,4.8×10^-8\n1,p,b,abc\n1,p,c,nan\n1,p,d,inf\n1,p,e,1e999\n1,p,f,\"0,01\"\n1,p,g,1.2.3\n")
        expectWellFormed(sheet)
        let reasons = sheet.entries.map { reason($0.value) }
        #expect(reasons.count == 7)
        #expect(reasons[0] == #"is "4.8×10^-8", which is not a number; write it as a decimal number such as 0.01 or 4.8e-08"#)
        #expect(reasons[1].hasPrefix(#"is "abc", which is not a number"#))
        #expect(reasons[2].hasPrefix(#"is "nan", which is not a number; write the finite value"#))
        #expect(reasons[3].hasPrefix(#"is "inf", which is not a number"#))
        #expect(reasons[4].hasPrefix("is too large to be a number (1e999)"))
        #expect(reasons[5].contains("decimal comma") && reasons[5].contains("0.01"))
        #expect(reasons[6].contains("4.8e-08"))
    }

    @Test func csvRowsThatAreSkipped() {
        let sheet = readCSV(
            "t,parameter,quantity,value\n0,p,m,1\n1.5,p,m,1\nx,p,m,1\n1,p\n1,W1[1,2],m,1,2\n,p,m,1\n1,,m,1\n1,p,,1\n1.0,p,m,1\n1,W1[2,1],v,2\n")
        expectWellFormed(sheet)
        // Line 11's unquoted name has one reading (its comma is inside the brackets); line 6's has none.
        #expect(sheet.entries == [
            AnswerEntry(t: 1, parameter: "p", quantity: "m", value: .number(1), location: "answers.csv:10"),
            AnswerEntry(t: 1, parameter: "W1[2,1]", quantity: "v", value: .number(2), location: "answers.csv:11"),
        ])
        #expect(sheet.notes.count == 8)
        #expect(sheet.notes[0].hasPrefix(#"answers.csv:2: a row whose t is "0" was skipped; t must be a whole number from 1"#))
        #expect(sheet.notes[1].hasPrefix(#"answers.csv:3: a row whose t is "1.5" was skipped"#))
        #expect(sheet.notes[2].hasPrefix(#"answers.csv:4: a row whose t is "x" was skipped"#))
        #expect(sheet.notes[3].hasPrefix("answers.csv:5: a row with only 2 cells was skipped"))
        #expect(sheet.notes[4].hasPrefix("answers.csv:6: a row with 6 cells was skipped"))
        #expect(sheet.notes[4].contains(#""W1[1,2]""#))
        #expect(sheet.notes[5].hasPrefix("answers.csv:7: a row without t was skipped"))
        #expect(sheet.notes[6].hasPrefix("answers.csv:8: a row without a parameter name was skipped"))
        #expect(sheet.notes[7].hasPrefix("answers.csv:9: a row without a quantity was skipped"))
    }

    @Test func csvFirstRowThatMayBeAHeader() {
        let sheet = readCSV("step,param,symbol,answer\n1,p,m,1\n")
        expectWellFormed(sheet)
        #expect(sheet.entries.count == 1)
        #expect(sheet.notes.count == 1)
        #expect(sheet.notes[0].hasPrefix(#"answers.csv:1: a row whose t is "step" was skipped"#))
        #expect(sheet.notes[0].contains("header"))
    }

    @Test func csvHeaderWithAMissingColumn() {
        let text = problem(readCSV("t,parameter,quantity\n1,p,m\n"), startsWith: "answers.csv:1: ")
        #expect(text.contains(#"no column "value""#))
        let trace = problem(readCSV("t,epoch,parameter,eta,loss,w,g,m\n1,1,\"W1[1,1]\",0.1,0.5,0.5,0.2,0.02\n"), startsWith: "answers.csv:1: ")
        #expect(trace.contains(#"no columns "quantity" and "value""#))
    }

    @Test func csvUnterminatedQuote() {
        let text = problem(readCSV("1,p,m,1\n\n1,\"W1[1,2],m,1\n2,p,m,2\n"), startsWith: "answers.csv:3: ")
        #expect(text.contains("closing quote"))
    }

    /// The CSV reader's rows, for other CSV files (a roster): every row, cells untrimmed, the BOM skipped.
    @Test func csvRowsForOtherFiles() throws {
        let rows = try AnswerCSVParser.rows([0xEF, 0xBB, 0xBF] + Array("id;name\r\n\r\n\"a;1\"; b \n".utf8))
        #expect(rows.map(\.line) == [1, 2, 3])
        #expect(rows.map { $0.cells.map(\.text) } == [["id", "name"], [""], ["a;1", " b "]])
        #expect(throws: AnswerCSVParser.Failure.self) { try AnswerCSVParser.rows(Array("id\n\"a\n".utf8)) }
    }

    // MARK: - Files that are not answers at all

    @Test func emptyFiles() {
        _ = problem(read("", file: "answers.csv"), startsWith: "answers.csv: the file is empty")
        _ = problem(read(" \r\n\t\n"), startsWith: "answers.json: the file is empty")
        _ = problem(AnswerSheetReader.read([0xEF, 0xBB, 0xBF], file: "a.txt"), startsWith: "a.txt: the file is empty")
    }

    @Test func bytesThatAreNotUTF8() {
        let latin1 = problem(AnswerSheetReader.read(Array("1,p,m,0.5\n1,".utf8) + [0xE9, 0x0A], file: "answers.csv"), startsWith: "answers.csv:2:3: ")
        #expect(latin1.contains("is not UTF-8 text"))
        #expect(latin1.contains("save it as UTF-8"))
        let binary: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]
        _ = problem(AnswerSheetReader.read(binary, file: "answers.csv"), startsWith: "answers.csv:1:1: the file is not UTF-8 text")
        _ = problem(AnswerSheetReader.read([0x7B, 0xC0, 0x80, 0x7D], file: "answers.json"), startsWith: "answers.json:1:2: ")
        _ = problem(AnswerSheetReader.read([0x7B, 0xED, 0xA0, 0x80, 0x7D], file: "answers.json"), startsWith: "answers.json:1:2: ")
        _ = problem(AnswerSheetReader.read([0x7B, 0xF4, 0x90, 0x80, 0x80], file: "answers.json"), startsWith: "answers.json:1:2: ")
        _ = problem(AnswerSheetReader.read([0x7B, 0xE2, 0x82], file: "answers.json"), startsWith: "answers.json:1:2: ")
        let zero = problem(AnswerSheetReader.read([0x31, 0x2C, 0x00], file: "answers.csv"), startsWith: "answers.csv:1:3: ")
        #expect(zero.contains("not text"))
        let utf16 = problem(AnswerSheetReader.read([0xFF, 0xFE, 0x31, 0x00], file: "answers.csv"), startsWith: "answers.csv: ")
        #expect(utf16.contains("UTF-16"))
    }

    @Test func filesLargerThanOneMebibyte() {
        let large = [UInt8](repeating: UInt8(ascii: " "), count: 2 << 20)
        let text = problem(AnswerSheetReader.read(large, file: "answers.json"), startsWith: "answers.json: ")
        #expect(text.contains("larger than 1 MiB"))
        #expect(text.contains("a few kilobytes"))
        let justOver = [UInt8](repeating: UInt8(ascii: " "), count: AnswerSheetReader.maximumSize + 1)
        _ = problem(AnswerSheetReader.read(justOver, file: "answers.json"), startsWith: "answers.json: the file is larger")
    }

    @Test func aFileOfExactlyTheLargestSizeIsRead() {
        let answers = Array(#"{"steps":[{"t":1,"parameters":{"p":{"m":1}}}]}"#.utf8)
        let padded = answers + [UInt8](repeating: UInt8(ascii: "\n"), count: AnswerSheetReader.maximumSize - answers.count)
        let sheet = AnswerSheetReader.read(padded, file: "answers.json")
        #expect(sheet.fileProblem == nil)
        #expect(sheet.entries.count == 1)
    }

    // MARK: - Limits

    /// Rows `t,p,q,` with distinct steps, parameters and quantities (about 7 bytes each).
    private func distinctRows(_ count: Int) -> [UInt8] {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var text = ""
        for n in 0..<count {
            let pair = n % (letters.count * letters.count)
            text += "\(n / (letters.count * letters.count) + 1),\(letters[pair / letters.count]),\(letters[pair % letters.count]),\n"
        }
        return Array(text.utf8)
    }

    @Test func tooManyAnswers() {
        let exactly = AnswerSheetReader.read(distinctRows(AnswerSheetReader.maximumEntries), file: "answers.csv")
        #expect(exactly.fileProblem == nil)
        #expect(exactly.entries.count == AnswerSheetReader.maximumEntries)
        let tooMany = AnswerSheetReader.read(distinctRows(AnswerSheetReader.maximumEntries + 1), file: "answers.csv")
        let text = problem(tooMany, startsWith: "answers.csv:100001: ")
        #expect(text.contains("more than 100000 answers"))
    }

    @Test func manyNotesAreCounted() {
        let text = String(repeating: "0,p,m,1\n", count: 150)
        let sheet = readCSV(text)
        expectWellFormed(sheet)
        #expect(sheet.notes.count == AnswerSheetReader.maximumNotes + 1)
        #expect(sheet.notes.last == "answers.csv: 50 more skipped parts were not listed; fix the ones above and check the file again")
    }

    @Test func largeInputsAreReadInOnePass() {
        // A long text, a long number and a long list: each read once, none of them answers.
        let longText = #"{"steps":[{"t":1,"parameters":{"p":{"m":""# + String(repeating: "x", count: 900_000) + #""}}}]}"#
        #expect(firstReason(read(longText)).hasPrefix(#"is the text "xxxxxxxxxxxxxxxxxxxx…" (in quotes)"#))
        let longNumber = #"{"steps":[{"t":1,"parameters":{"p":{"m":0."# + String(repeating: "1", count: 900_000) + "}}}]}"
        #expect(read(longNumber).entries.first?.value == .number(0.1111111111111111))
        let longList = "[" + String(repeating: "0,", count: 400_000) + "0]"
        _ = problem(read(longList), startsWith: "answers.json:1:1: the file holds a list")
        let unterminated = String(repeating: "\"", count: 1) + String(repeating: "a,", count: 400_000)
        _ = problem(readCSV(unterminated), startsWith: "answers.csv:1: ")
    }

    // MARK: - Robustness

    /// Random changes to good files must never crash, and every message stays one line.
    @Test func randomlyDamagedFiles() {
        let seeds: [[UInt8]] = [
            Array(#"{"steps":[{"t":1,"parameters":{"W2[1,1]":{"m":0.01,"m_hat":-1.5e-3,"v":null,"g":"x\u00e9\ud83d\ude00"}}}]}"#.utf8),
            Array("t;parameter;quantity;value\r\n1;\"W1[1,2]\";m;0,01\r\n2;b1[1];v;\r\n".utf8),
            Array("1,\"W1[1,2]\",m,0.01\n1,\"a\"\"b\",v,1e-8\n".utf8),
        ]
        let alphabet = Array(#"{}[]:,"\ u0dD8e.-+1tfnNI;"#.utf8) + [0x0A, 0x0D, 0x09, 0xC3, 0xA9, 0xFF]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for round in 0..<3_000 {
            var bytes = seeds[round % seeds.count]
            for _ in 0...random(4) {
                guard !bytes.isEmpty else { break }
                let at = random(bytes.count)
                switch random(3) {
                case 0: bytes[at] = alphabet[random(alphabet.count)]
                case 1: bytes.insert(alphabet[random(alphabet.count)], at: at)
                default: bytes.remove(at: at)
                }
            }
            if random(4) == 0 { bytes.removeLast(random(bytes.count + 1)) }
            let sheet = AnswerSheetReader.read(bytes, file: "answers")
            expectWellFormed(sheet)
            for message in sheet.notes + (sheet.fileProblem.map { [$0] } ?? []) {
                #expect(message.hasPrefix("answers:"), "\(message)")
            }
            for entry in sheet.entries {
                #expect(entry.t >= 1)
                #expect(entry.location.hasPrefix("answers:"))
                if case .number(let value) = entry.value { #expect(value.isFinite) }
            }
        }
    }
}
