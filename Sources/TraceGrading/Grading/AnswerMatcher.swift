import TraceEngine

/// Pairs a sheet's entries with the key's asked values.
///
/// Parameter names match without spaces and case (`w2[1, 1]` is `W2[1,1]`); quantity
/// names by ``QuantityName``. Entries that match nothing asked are counted in a note.
enum AnswerMatcher {
    struct Matched {
        /// One per asked value, in the key's order; `nil` where nothing was given.
        var answers: [AnswerEntry?]
        var notes: [String]
    }

    static func match(_ sheet: AnswerSheet, to key: AnswerKey) -> Matched {
        var position: [AskedValue: Int] = [:]
        for (n, asked) in key.asked.enumerated() { position[asked] = n }
        let layout = key.experiment.layout

        var answers = [AnswerEntry?](repeating: nil, count: key.asked.count)
        var notes: [String] = []
        var unknownQuantities: [String] = []
        var notAsked: [String] = []
        for entry in sheet.entries {
            // A value of a sample's passes: `z2[1] of sample 1` with quantity `z`.
            if let place = SamplePlace.parse(entry.parameter, quantity: entry.quantity) {
                let value = AskedValue(t: entry.t, place: place)
                guard let n = position[value] else {
                    notAsked.append("\(entry.location): \(value.description)")
                    continue
                }
                if answers[n] == nil { answers[n] = entry }
                continue
            }
            guard let quantity = QuantityName.symbol(for: entry.quantity) else {
                unknownQuantities.append("\(entry.location): '\(entry.quantity.prefix(20))'")
                continue
            }
            let parameter = layout.name(matching: entry.parameter) ?? entry.parameter
            guard let n = position[AskedValue(t: entry.t, parameter: parameter, quantity: quantity)] else {
                notAsked.append("\(entry.location): \(AskedValue(t: entry.t, parameter: String(parameter.prefix(20)), quantity: quantity).description)")
                continue
            }
            if answers[n] == nil { answers[n] = entry }
        }
        if !unknownQuantities.isEmpty {
            var names: [String] = []
            for asked in key.asked where !names.contains(asked.quantityName) { names.append(asked.quantityName) }
            names = names.sorted()
            notes.append(
                "\(counted(unknownQuantities.count, "value")) named no quantity trace knows (\(examples(unknownQuantities))); name each one of \(names.joined(separator: ", "))")
        }
        if !notAsked.isEmpty {
            notes.append(
                "\(counted(notAsked.count, "value")) \(notAsked.count == 1 ? "was" : "were") not asked for and not graded (\(examples(notAsked))); check the step, parameter and quantity against your worksheet")
        }
        return Matched(answers: answers, notes: notes)
    }

    static func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    /// The first three, then `…`.
    static func examples(_ items: [String]) -> String {
        items.prefix(3).joined(separator: "; ") + (items.count > 3 ? "; …" : "")
    }
}
